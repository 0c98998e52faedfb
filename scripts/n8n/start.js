#!/usr/bin/env node
'use strict';
/**
 * `npm start`: a local n8n with this package, for trying it in the editor.
 *
 * Installs the packed package into the persistent user folder .n8n-local/ (gitignored) the way
 * n8n installs community nodes, imports every workflow in examples/ (again on each start, so
 * they follow the repository; their ids are fixed in the JSON), starts n8n on its embedded
 * SQLite, creates the owner account on the first start, and prints the URL and the login.
 * Runs in the foreground until Ctrl-C.
 *
 * A local-only instance: it listens on 127.0.0.1 and the owner's password is the one printed
 * here. Environment: N8N_PORT (default 5678), N8N_LISTEN_ADDRESS (default 127.0.0.1).
 * Expects `node scripts/n8n/ensure-n8n.js` and `npm run build` first (npm start runs both).
 */
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const paths = require('./paths');
const { installPackage } = require('./install-package');
const { startServer, setupOwner } = require('./server');

const LOCAL_OWNER = {
	email: 'admin@case-sentiment.local',
	firstName: 'Local',
	lastName: 'Admin',
	password: 'CaseSentiment1',
};

const userFolder = path.join(paths.repoRoot, '.n8n-local');
const examplesDir = path.join(paths.repoRoot, 'examples');
const port = Number(process.env.N8N_PORT || 5678);
const listenAddress = process.env.N8N_LISTEN_ADDRESS || '127.0.0.1';

const log = (message) => console.log(`[start] ${message}`);

function portIsFree(portToCheck) {
	return new Promise((resolve) => {
		const probe = net.createServer();
		probe.once('error', () => resolve(false));
		probe.listen(portToCheck, listenAddress, () => probe.close(() => resolve(true)));
	});
}

function exampleWorkflows() {
	if (!fs.existsSync(examplesDir)) return [];
	return fs
		.readdirSync(examplesDir)
		.filter((file) => file.endsWith('.json'))
		.map((file) => ({
			file,
			...JSON.parse(fs.readFileSync(path.join(examplesDir, file), 'utf8')),
		}));
}

function importExamples() {
	const workflows = exampleWorkflows();
	if (workflows.length === 0) return [];
	const result = spawnSync(
		paths.nodeBin,
		[paths.n8nBin, 'import:workflow', '--separate', `--input=${examplesDir}`],
		{ env: paths.n8nEnv(userFolder), encoding: 'utf8' },
	);
	if (result.status !== 0) {
		throw new Error(`importing examples/ failed:\n${result.stdout}\n${result.stderr}`);
	}
	return workflows;
}

async function main() {
	if (!fs.existsSync(paths.readyMarker)) {
		throw new Error('n8n is not installed; run `node scripts/n8n/ensure-n8n.js` first');
	}
	if (!(await portIsFree(port))) {
		throw new Error(
			`port ${port} is in use; stop what runs there or set N8N_PORT, e.g. N8N_PORT=5679 npm start`,
		);
	}
	log(`installing the packed package into ${userFolder}`);
	const installed = installPackage(userFolder);
	log(`installed ${installed.name}@${installed.version}`);
	const workflows = importExamples();
	log(`imported ${workflows.length} example workflow(s) from examples/`);

	log(`starting n8n ${paths.N8N_VERSION} on port ${port} (first start takes about half a minute)`);
	const server = await startServer({
		userFolder,
		port,
		listenAddress,
		inheritOutput: true,
		// Plain http on localhost: without this, browsers reaching it by IP would drop the cookie.
		env: { N8N_SECURE_COOKIE: process.env.N8N_SECURE_COOKIE || 'false' },
	});
	const stop = async () => {
		log('stopping n8n');
		await server.stop();
		process.exit(0);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);

	const created = await setupOwner(server.baseUrl, LOCAL_OWNER);
	const url = `http://localhost:${port}`;
	console.log(
		[
			'',
			'='.repeat(72),
			`  n8n with n8n-nodes-case-sentiment is running at ${url}`,
			`  Log in with ${LOCAL_OWNER.email} / ${LOCAL_OWNER.password}`,
			created
				? '  (owner account created just now; a local-only instance on this machine)'
				: '  (unless you changed that password; data is kept in .n8n-local/)',
			...workflows.map(
				(workflow) => `  Example: ${workflow.name}\n           ${url}/workflow/${workflow.id}`,
			),
			'  Press Ctrl-C to stop.',
			'='.repeat(72),
			'',
		].join('\n'),
	);
	const { code, signal } = await server.exitPromise;
	log(`n8n exited (${code ?? signal})`);
	process.exit(code ?? 1);
}

main().catch((error) => {
	console.error(`[start] FAILED: ${error.message}`);
	process.exit(1);
});
