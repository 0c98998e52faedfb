#!/usr/bin/env node
'use strict';
/**
 * Makes sure Debian's chromium is installed and prints its path, for the browser test
 * (playwright-core drives it through executablePath; no browser is downloaded from elsewhere).
 *
 * Installs it with apt-get when missing, which needs root (CI containers and these machines run
 * as root). Set CHROMIUM_PATH to use another Chromium or Chrome binary instead.
 * Usable as a script (`node scripts/browser/ensure-chromium.js`) or a module (`ensureChromium()`).
 */
const fs = require('node:fs');
const { spawnSync } = require('node:child_process');

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function installedChromium() {
	if (process.env.CHROMIUM_PATH) {
		if (!fs.existsSync(process.env.CHROMIUM_PATH)) {
			throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist`);
		}
		return process.env.CHROMIUM_PATH;
	}
	return CANDIDATES.find((candidate) => fs.existsSync(candidate)) ?? null;
}

function run(command, args) {
	const result = spawnSync(command, args, {
		stdio: ['ignore', 'inherit', 'inherit'],
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
	if (result.status !== 0) {
		throw new Error(
			`\`${command} ${args.join(' ')}\` failed (${result.error?.message ?? `exit ${result.status}`}); install Debian's chromium yourself or set CHROMIUM_PATH`,
		);
	}
}

/** The path of a Chromium binary, installing Debian's package first when there is none. */
function ensureChromium() {
	const found = installedChromium();
	if (found) return found;
	console.error(
		'[ensure-chromium] chromium is missing; installing it with apt-get (a few minutes)',
	);
	run('apt-get', ['update']);
	run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium']);
	const installed = installedChromium();
	if (!installed) throw new Error('apt-get installed chromium, but no chromium binary was found');
	return installed;
}

module.exports = { ensureChromium };

if (require.main === module) {
	try {
		console.log(ensureChromium());
	} catch (error) {
		console.error(`[ensure-chromium] FAILED: ${error.message}`);
		process.exit(1);
	}
}
