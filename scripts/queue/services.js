#!/usr/bin/env node
'use strict';
/**
 * The two services n8n's queue mode needs, from Debian's packages, run by this project for the
 * length of a test or benchmark: PostgreSQL (n8n's database) and Redis (its job queue), each on
 * 127.0.0.1, on a free port, with its data in a temporary folder, stopped and deleted afterwards.
 *
 * Binaries: Debian's `postgresql` package installs the server of its major version under
 * /usr/lib/postgresql/<major>/bin (what its own pg_ctlcluster uses); we take the highest major
 * there, never a pg_ctl found first on PATH (a machine may have another version's links in
 * /usr/local/bin). `redis-server` is /usr/bin/redis-server. `ensureServices()` installs both
 * with apt-get when missing (root, or a clear error that says what to install). The packages'
 * install scripts would start a system-wide cluster on 5432 and a Redis on 6379; while
 * installing, a policy-rc.d that forbids starting services stands in (Debian's documented way,
 * see invoke-rc.d(8)) unless one is already there, so nothing is left running.
 *
 * PostgreSQL refuses to run as root: as root, initdb and postgres run as the `postgres` user the
 * package creates (runuser), on a data folder owned by it.
 *
 * CLI: node scripts/queue/services.js ensure     installs what is missing, prints the versions
 */
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { freePort, trackProcessGroup } = require('../n8n/server');

const POSTGRES_ROOT = '/usr/lib/postgresql';
const REDIS_SERVER = '/usr/bin/redis-server';
const POLICY_RC_D = '/usr/sbin/policy-rc.d';
const APT_PACKAGES = ['postgresql', 'redis-server'];
/** The superuser initdb creates; local connections are trusted (127.0.0.1 only, test data). */
const POSTGRES_USER = 'n8n';

const log = (message) => console.log(`[queue-services] ${message}`);

class ServicesError extends Error {}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** The bin folder of the highest PostgreSQL major version Debian's packages installed. */
function postgresBinDir() {
	if (!fs.existsSync(POSTGRES_ROOT)) return null;
	const majors = fs
		.readdirSync(POSTGRES_ROOT)
		.filter((entry) => /^\d+$/.test(entry))
		.filter((entry) =>
			['initdb', 'postgres', 'pg_ctl'].every((bin) =>
				fs.existsSync(path.join(POSTGRES_ROOT, entry, 'bin', bin)),
			),
		)
		.sort((a, b) => Number(b) - Number(a));
	return majors.length > 0 ? path.join(POSTGRES_ROOT, majors[0], 'bin') : null;
}

function missingPackages() {
	const missing = [];
	if (!postgresBinDir()) missing.push('postgresql');
	if (!fs.existsSync(REDIS_SERVER)) missing.push('redis-server');
	return missing;
}

function run(command, args, options = {}) {
	log(`$ ${[command, ...args].join(' ')}`);
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.error) throw new ServicesError(`${command} could not start: ${result.error.message}`);
	if (result.status !== 0) {
		throw new ServicesError(
			`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`,
		);
	}
}

/** Installs postgresql and redis-server from Debian's packages when either is missing. */
function ensureServices() {
	const missing = missingPackages();
	if (missing.length === 0) return describe();
	if (!isRoot()) {
		throw new ServicesError(
			`missing Debian packages: ${missing.join(', ')}. Install them (sudo apt-get install ${APT_PACKAGES.join(' ')}) or run this as root.`,
		);
	}
	const ownPolicy = !fs.existsSync(POLICY_RC_D);
	if (ownPolicy) {
		// Exit status 101: "action forbidden by policy", so the packages start no service.
		fs.writeFileSync(POLICY_RC_D, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
	}
	try {
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		run('apt-get', ['update'], { env });
		run('apt-get', ['install', '-y', '--no-install-recommends', ...APT_PACKAGES], { env });
	} finally {
		if (ownPolicy) fs.rmSync(POLICY_RC_D, { force: true });
	}
	const still = missingPackages();
	if (still.length > 0) {
		throw new ServicesError(`apt-get install finished but ${still.join(', ')} is still missing`);
	}
	return describe();
}

function versionOf(binary) {
	const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
	return (result.stdout || result.stderr || '').trim().split('\n')[0];
}

function describe() {
	return {
		postgres: versionOf(path.join(postgresBinDir(), 'postgres')),
		redis: versionOf(REDIS_SERVER),
	};
}

/** Runs a PostgreSQL binary, as the `postgres` user when we are root. */
function postgresCommand(binary, args) {
	const bin = path.join(postgresBinDir(), binary);
	return isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

function runQuiet(command, args, what) {
	const result = spawnSync(command, args, { encoding: 'utf8' });
	if (result.status !== 0) {
		throw new ServicesError(
			`${what} failed (${result.status ?? result.signal}): ${result.error?.message ?? ''}\n${result.stdout}\n${result.stderr}`,
		);
	}
	return result.stdout;
}

/** A child process in its own group, its output kept for failure messages, stopped by group. */
function spawnService(command, args, name) {
	const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	trackProcessGroup(child);
	let output = '';
	const collect = (chunk) => {
		output = (output + chunk).slice(-200_000);
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	let exited = false;
	const exitPromise = new Promise((resolve) =>
		child.once('exit', (code, signal) => {
			exited = true;
			resolve({ code, signal });
		}),
	);
	return {
		child,
		output: () => output,
		exited: () => exited,
		async stop(signal = 'SIGTERM', graceMs = 15000) {
			if (exited) return;
			const kill = (sig) => {
				try {
					process.kill(-child.pid, sig);
				} catch {
					// Already gone.
				}
			};
			kill(signal);
			const timer = setTimeout(() => kill('SIGKILL'), graceMs);
			await exitPromise;
			clearTimeout(timer);
		},
		name,
	};
}

async function waitUntil(check, timeoutMs, what, service) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check()) return;
		if (service.exited()) throw new ServicesError(`${what}: it exited\n${service.output()}`);
		if (Date.now() > deadline) {
			throw new ServicesError(`${what}: not ready after ${timeoutMs} ms\n${service.output()}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** Waits for a service to be ready; if it never is, stops it and removes its folder. */
async function startedOrStopped(service, dir, ready) {
	try {
		await ready();
	} catch (error) {
		await service.stop('SIGKILL');
		fs.rmSync(dir, { recursive: true, force: true });
		throw error;
	}
}

/**
 * A fresh PostgreSQL cluster in a new temporary folder, listening on 127.0.0.1 only, on a free
 * port. `createDatabase(name)` makes an empty database for one n8n setup.
 */
async function startPostgres() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'case-sentiment-postgres-'));
	const dataDir = path.join(dir, 'data');
	if (isRoot()) {
		// The postgres user must reach the data folder; mkdtemp made its parent 0700.
		fs.chmodSync(dir, 0o755);
		fs.mkdirSync(dataDir, { mode: 0o700 });
		runQuiet('chown', ['postgres:postgres', dataDir], 'chown of the data folder');
	}
	const [initCommand, initArgs] = postgresCommand('initdb', [
		'--pgdata',
		dataDir,
		'--username',
		POSTGRES_USER,
		'--auth',
		'trust',
		'--encoding',
		'UTF8',
		'--no-sync',
	]);
	runQuiet(initCommand, initArgs, 'initdb');
	const port = await freePort();
	// Sockets in the data folder: a machine's /var/run/postgresql may not exist or be writable.
	const [command, args] = postgresCommand('postgres', [
		'-D',
		dataDir,
		'-p',
		String(port),
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		`unix_socket_directories=${dataDir}`,
		'-c',
		'fsync=off',
		'-c',
		'max_connections=200',
	]);
	const service = spawnService(command, args, 'postgres');
	const [readyCommand, readyArgs] = postgresCommand('pg_isready', [
		'-h',
		'127.0.0.1',
		'-p',
		String(port),
	]);
	await startedOrStopped(service, dir, () =>
		waitUntil(() => spawnSync(readyCommand, readyArgs).status === 0, 60000, 'PostgreSQL', service),
	);
	const psql = (database, sql) => {
		const [psqlCommand, psqlArgs] = postgresCommand('psql', [
			'-h',
			'127.0.0.1',
			'-p',
			String(port),
			'-U',
			POSTGRES_USER,
			'-d',
			database,
			'-v',
			'ON_ERROR_STOP=1',
			'-At',
			'-c',
			sql,
		]);
		return runQuiet(psqlCommand, psqlArgs, `psql ${sql}`);
	};
	return {
		host: '127.0.0.1',
		port,
		user: POSTGRES_USER,
		version: versionOf(path.join(postgresBinDir(), 'postgres')),
		output: service.output,
		/** Runs SQL in `database` with psql; returns its unaligned output. */
		psql,
		createDatabase(name) {
			psql('postgres', `CREATE DATABASE "${name}"`);
		},
		/** Fast shutdown (SIGINT), then the folder is removed. */
		async stop() {
			await service.stop('SIGINT');
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** Whether a Redis answers PING on 127.0.0.1:port (its inline command protocol). */
function redisAnswersPing(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let answer = '';
		const done = (ok) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1000, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk;
			if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
		});
	});
}

/** A Redis on 127.0.0.1 on a free port, nothing persisted, in a new temporary folder. */
async function startRedis() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'case-sentiment-redis-'));
	const port = await freePort();
	const service = spawnService(
		REDIS_SERVER,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--dir',
			dir,
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
			'--loglevel',
			'warning',
		],
		'redis',
	);
	await startedOrStopped(service, dir, () =>
		waitUntil(() => redisAnswersPing(port), 30000, 'Redis', service),
	);
	return {
		host: '127.0.0.1',
		port,
		version: versionOf(REDIS_SERVER),
		output: service.output,
		async stop() {
			await service.stop('SIGTERM');
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** Both services; `stop()` stops both and removes their folders. */
async function startServices() {
	const postgres = await startPostgres();
	try {
		const redis = await startRedis();
		return {
			postgres,
			redis,
			async stop() {
				await Promise.allSettled([postgres.stop(), redis.stop()]);
			},
		};
	} catch (error) {
		await postgres.stop();
		throw error;
	}
}

module.exports = {
	ServicesError,
	ensureServices,
	postgresBinDir,
	startPostgres,
	startRedis,
	startServices,
};

if (require.main === module) {
	const [command] = process.argv.slice(2);
	if (command !== 'ensure') {
		console.error('usage: node scripts/queue/services.js ensure');
		process.exit(2);
	}
	try {
		const versions = ensureServices();
		log(`${versions.postgres}; ${versions.redis}`);
	} catch (error) {
		console.error(`[queue-services] FAILED: ${error.message}`);
		process.exit(1);
	}
}
