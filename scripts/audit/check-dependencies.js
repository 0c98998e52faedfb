#!/usr/bin/env node
'use strict';
/**
 * `npm run audit:deps`: the dependency check that works where `npm audit` cannot (the registry's
 * advisory endpoint refuses these machines). Every package in package-lock.json is compared
 * with the advisories pinned in advisories.json beside this file, and the packages that ship
 * (the runtime dependencies n8n installs) must come from the npm registry with an integrity
 * hash and need no install script (n8n installs community packages with --ignore-scripts).
 * Exit 1 with one line per finding, 0 when clean.
 */
const fs = require('node:fs');
const path = require('node:path');
const semver = require('semver');

const REGISTRY = 'https://registry.npmjs.org/';

/** The name of the package a lock entry installs (the part after the last node_modules/). */
function packageName(lockPath) {
	return lockPath.slice(lockPath.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

/**
 * Findings for a parsed package-lock.json (v2 or v3) against the advisory list: each a line
 * that says what is wrong and how to fix it.
 */
function auditLock(lock, advisoryList) {
	const findings = [];
	const byPackage = new Map();
	for (const advisory of advisoryList.advisories) {
		byPackage.set(advisory.package, [...(byPackage.get(advisory.package) ?? []), advisory]);
	}
	let checked = 0;
	let shipped = 0;
	for (const [lockPath, entry] of Object.entries(lock.packages ?? {})) {
		if (lockPath === '' || entry.link || !entry.version) continue;
		const name = entry.name ?? packageName(lockPath);
		checked += 1;
		for (const advisory of byPackage.get(name) ?? []) {
			if (semver.satisfies(entry.version, advisory.vulnerable, { includePrerelease: true })) {
				findings.push(
					`${name}@${entry.version} (${lockPath}${entry.dev ? ', dev' : ''}): ${advisory.severity} ${advisory.id} ${advisory.summary}; vulnerable ${advisory.vulnerable}: upgrade it (npm update ${name}, or an override)`,
				);
			}
		}
		if (entry.dev || entry.optional) continue;
		shipped += 1;
		if (entry.hasInstallScript) {
			findings.push(
				`${name}@${entry.version} ships with the package and has an install script, which n8n never runs (it installs with --ignore-scripts): use a package that works without one`,
			);
		}
		if (entry.resolved !== undefined && !entry.resolved.startsWith(REGISTRY)) {
			findings.push(`${name}@${entry.version} ships from ${entry.resolved}, not the npm registry`);
		}
		if (!entry.integrity) {
			findings.push(`${name}@${entry.version} ships without an integrity hash in the lock`);
		}
	}
	return { findings, checked, shipped };
}

module.exports = { auditLock };

if (require.main === module) {
	const root = path.resolve(__dirname, '..', '..');
	const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
	const advisories = JSON.parse(fs.readFileSync(path.join(__dirname, 'advisories.json'), 'utf8'));
	const { findings, checked, shipped } = auditLock(lock, advisories);
	for (const finding of findings) console.error(finding);
	const ageDays = Math.floor((Date.now() - Date.parse(advisories.reviewed)) / 86_400_000);
	console.log(
		`audit:deps: ${checked} packages (${shipped} shipped) against ${advisories.advisories.length} advisories reviewed ${advisories.reviewed} (${ageDays} days ago): ${findings.length === 0 ? 'no findings' : `${findings.length} finding(s)`}`,
	);
	if (ageDays > 90) console.log('audit:deps: the advisory list is over 90 days old: review it.');
	process.exitCode = findings.length === 0 ? 0 : 1;
}
