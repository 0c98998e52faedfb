#!/usr/bin/env node
'use strict';
/**
 * Installs this repository, packed with `npm pack`, into an n8n user folder the way n8n 2.41.1's
 * Settings > Community nodes > Install does it (modules/community-packages/
 * community-packages.service.js, downloadPackage + persistInstalledPackage):
 *
 * 1. unpack the tarball into <userFolder>/.n8n/nodes/node_modules/<package>;
 * 2. delete devDependencies, peerDependencies and optionalDependencies from its package.json, so
 *    n8n-workflow comes from n8n's own copy;
 * 3. `npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow
 *    --ignore-scripts=true --package-lock=false` inside it (runtime dependencies, no scripts);
 * 4. record the version in the ledger <userFolder>/.n8n/nodes/package.json;
 * 5. record the package and its nodes in the installed_packages / installed_nodes tables.
 *
 * What n8n needs to LOAD the nodes is only step 1-3: at start it scans
 * .n8n/nodes/node_modules for n8n-nodes-* folders (community-packages.module.js, nodeLoaders).
 * Steps 4-5 are its bookkeeping: the ledger rebuilds the folder, the tables list the package in
 * Settings > Community nodes (where it can be updated or uninstalled). We do them all so the
 * instance looks exactly as after a user's install. Step 5 needs the database, so it runs one
 * n8n command first (which applies the migrations) when the database does not exist yet.
 *
 * It builds nothing: run `npm run build` first.
 *
 * CLI: node scripts/n8n/install-package.js <userFolder> [tarball]
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const paths = require('./paths');

class InstallPackageError extends Error {}

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { encoding: 'utf8', ...options });
	if (result.error)
		throw new InstallPackageError(`${command} could not start: ${result.error.message}`);
	if (result.status !== 0) {
		throw new InstallPackageError(
			`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}\n${result.stdout}\n${result.stderr}`,
		);
	}
	return result.stdout;
}

function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The files package.json's n8n section points at must exist, or n8n would load nothing. */
function assertBuilt() {
	const manifest = readJson(path.join(paths.repoRoot, 'package.json'));
	const entries = [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])];
	const missing = entries.filter((entry) => !fs.existsSync(path.join(paths.repoRoot, entry)));
	if (!fs.existsSync(path.join(paths.repoRoot, 'dist')) || missing.length > 0) {
		throw new InstallPackageError(
			`the package is not built (missing: ${missing.join(', ') || 'dist/'}); run \`npm run build\` first`,
		);
	}
}

/** `npm pack` of the repository into a temporary folder; returns the tarball's path. */
function packRepository(
	destination = fs.mkdtempSync(path.join(os.tmpdir(), 'case-sentiment-pack-')),
) {
	assertBuilt();
	const stdout = run(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', destination],
		{
			cwd: paths.repoRoot,
		},
	);
	const [{ filename }] = JSON.parse(stdout.slice(stdout.indexOf('[')));
	return path.join(destination, path.basename(filename));
}

/** npm as n8n runs it: Node 24 first on PATH. */
function npmEnv() {
	return {
		...process.env,
		PATH: `${path.dirname(paths.nodeBin)}${path.delimiter}${process.env.PATH || ''}`,
		npm_config_update_notifier: 'false',
	};
}

function unpackAndInstall(nodesDir, tarball) {
	const manifest = readJson(path.join(paths.repoRoot, 'package.json'));
	const packageDir = path.join(nodesDir, 'node_modules', manifest.name);
	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	run('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);

	const packageJsonPath = path.join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...packageJson } =
		readJson(packageJsonPath);
	fs.writeFileSync(packageJsonPath, JSON.stringify(packageJson, null, 2));
	run(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{ cwd: packageDir, env: npmEnv() },
	);
	return { packageDir, packageJson };
}

function updateLedger(nodesDir, packageJson) {
	const ledgerPath = path.join(nodesDir, 'package.json');
	let ledger = { name: 'installed-nodes', private: true, dependencies: {} };
	if (fs.existsSync(ledgerPath)) {
		const existing = readJson(ledgerPath);
		if (existing.dependencies) ledger = existing;
	}
	ledger.dependencies[packageJson.name] = packageJson.version;
	fs.writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2));
}

/**
 * Runs register-package.js under Node 24 (it uses n8n's sqlite3 and n8n-workflow), after one
 * harmless n8n command has created and migrated the database if needed.
 */
function registerInDatabase(userFolder, packageDir, env) {
	const database = path.join(userFolder, '.n8n', 'database.sqlite');
	if (!fs.existsSync(database)) {
		run(paths.nodeBin, [paths.n8nBin, 'list:workflow'], { env: paths.n8nEnv(userFolder, env) });
	}
	run(paths.nodeBin, [path.join(__dirname, 'register-package.js'), database, packageDir], {
		env: { ...process.env, NODE_PATH: path.join(paths.n8nPrefix, 'node_modules') },
	});
}

/**
 * Installs the package into `userFolder` (created if missing). Packs the repository unless a
 * tarball is given; `env` is added to the environment of the n8n command that creates the
 * database (e.g. N8N_ENCRYPTION_KEY, which must match later runs). Returns the installed
 * package's folder and version.
 */
function installPackage(userFolder, { tarball = packRepository(), env = {} } = {}) {
	if (!fs.existsSync(paths.readyMarker)) {
		throw new InstallPackageError(
			'n8n is not installed; run `node scripts/n8n/ensure-n8n.js` first',
		);
	}
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const { packageDir, packageJson } = unpackAndInstall(nodesDir, tarball);
	updateLedger(nodesDir, packageJson);
	registerInDatabase(userFolder, packageDir, env);
	return { packageDir, name: packageJson.name, version: packageJson.version };
}

module.exports = { installPackage, packRepository, InstallPackageError };

if (require.main === module) {
	const [userFolder, tarball] = process.argv.slice(2);
	if (!userFolder) {
		console.error('usage: node scripts/n8n/install-package.js <userFolder> [tarball]');
		process.exit(2);
	}
	try {
		const installed = installPackage(path.resolve(userFolder), {
			tarball: tarball ? path.resolve(tarball) : undefined,
		});
		console.log(`installed ${installed.name}@${installed.version} into ${installed.packageDir}`);
	} catch (error) {
		console.error(`[install-package] FAILED: ${error.message}`);
		process.exit(1);
	}
}
