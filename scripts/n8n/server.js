'use strict';
/**
 * Running `n8n start` from the project's scripts and tests: a free port, the process in its own
 * process group (n8n starts task-runner children), waiting until it is ready, the owner account
 * and a login cookie through n8n's REST API. Shared by start.js (npm start) and the end-to-end
 * harness (test/e2e/harness/n8n.ts); types in server.d.ts.
 */
const net = require('node:net');
const { spawn } = require('node:child_process');
const paths = require('./paths');

/** Process groups started here; killed when this process exits, so none outlives a test run. */
const liveGroups = new Set();
let exitHookInstalled = false;

/** Remembers a detached child's process group until it exits. */
function trackProcessGroup(child) {
	if (!exitHookInstalled) {
		exitHookInstalled = true;
		process.once('exit', () => {
			for (const pid of liveGroups) {
				try {
					process.kill(-pid, 'SIGKILL');
				} catch {
					// Already gone.
				}
			}
		});
	}
	liveGroups.add(child.pid);
	child.once('exit', () => liveGroups.delete(child.pid));
}

/** A port that was free a moment ago on 127.0.0.1. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * n8n 2.x always runs Code nodes in a task runner whose broker listens on a fixed port (5679 by
 * default); every n8n process gets its own so that parallel runs never collide.
 */
async function runnerEnv() {
	return {
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
	};
}

/**
 * Starts `n8n start` on `port` with `userFolder`; resolves once /healthz/readiness answers 200.
 * `onOutput` receives its stdout and stderr; `inheritOutput` shows them in this terminal.
 */
async function startServer({
	userFolder,
	port,
	env = {},
	listenAddress = '127.0.0.1',
	onOutput,
	inheritOutput = false,
	readyTimeoutMs = 180000,
}) {
	const child = spawn(paths.nodeBin, [paths.n8nBin, 'start'], {
		env: paths.n8nEnv(userFolder, {
			...(await runnerEnv()),
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: listenAddress,
			...env,
		}),
		detached: true,
		stdio: ['ignore', inheritOutput ? 'inherit' : 'pipe', inheritOutput ? 'inherit' : 'pipe'],
	});
	trackProcessGroup(child);
	let output = '';
	const collect = (chunk) => {
		output += chunk;
		if (output.length > 2_000_000) output = output.slice(-1_000_000);
		onOutput?.(String(chunk));
	};
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	let exited = false;
	const exitPromise = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exited = true;
			resolve({ code, signal });
		});
	});
	const baseUrl = `http://127.0.0.1:${port}`;
	const server = {
		process: child,
		port,
		baseUrl,
		output: () => output,
		exited: () => exited,
		exitPromise,
		stop: () => stopProcessGroup(child, exitPromise, () => exited),
	};
	const deadline = Date.now() + readyTimeoutMs;
	while (!exited) {
		try {
			const response = await fetch(`${baseUrl}/healthz/readiness`);
			if (response.ok) return server;
		} catch {
			// Not listening yet.
		}
		if (Date.now() > deadline) {
			await server.stop();
			throw new Error(
				`n8n did not become ready on port ${port} within ${readyTimeoutMs} ms\n${output.slice(-4000)}`,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`n8n exited before it was ready\n${output.slice(-4000)}`);
}

/** SIGTERM to the whole group (n8n and its runners), SIGKILL if it has not gone after a while. */
async function stopProcessGroup(child, exitPromise, hasExited, graceMs = 20000) {
	if (hasExited()) return;
	const signalGroup = (signal) => {
		try {
			process.kill(-child.pid, signal);
		} catch {
			// Already gone.
		}
	};
	signalGroup('SIGTERM');
	const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
	await exitPromise;
	clearTimeout(timer);
	// Runner children may outlive n8n for a moment.
	signalGroup('SIGKILL');
}

/**
 * n8n binds its auth cookie to a browser id header and refuses REST calls without the same one.
 */
const BROWSER_ID = 'case-sentiment-scripts';

/** Calls n8n's REST API; returns the `data` of its JSON answer and the response. */
async function restRequest(baseUrl, method, path, { body, cookie } = {}) {
	const response = await fetch(`${baseUrl}/rest${path}`, {
		method,
		headers: {
			'content-type': 'application/json',
			'browser-id': BROWSER_ID,
			...(cookie ? { cookie } : {}),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	if (!response.ok) {
		const error = new Error(
			`${method} /rest${path} answered ${response.status}: ${text.slice(0, 2000)}`,
		);
		error.status = response.status;
		throw error;
	}
	return { data: json && typeof json === 'object' && 'data' in json ? json.data : json, response };
}

/** Creates the owner account unless one exists; true when it created it. */
async function setupOwner(baseUrl, owner) {
	const { data: settings } = await restRequest(baseUrl, 'GET', '/settings');
	if (!settings.userManagement?.showSetupOnFirstLoad) return false;
	await restRequest(baseUrl, 'POST', '/owner/setup', { body: owner });
	return true;
}

/** Logs in and returns the auth cookie to send with later requests. */
async function login(baseUrl, { email, password }) {
	const { response } = await restRequest(baseUrl, 'POST', '/login', {
		body: { emailOrLdapLoginId: email, password },
	});
	const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
	const auth = cookies.find((cookie) => cookie.startsWith('n8n-auth='));
	if (!auth) throw new Error('n8n answered the login without an n8n-auth cookie');
	return auth;
}

module.exports = {
	BROWSER_ID,
	trackProcessGroup,
	freePort,
	runnerEnv,
	startServer,
	stopProcessGroup,
	restRequest,
	setupOwner,
	login,
};
