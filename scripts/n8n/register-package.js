'use strict';
/**
 * Records an unpacked community package in an n8n database, as n8n 2.41.1's
 * InstalledPackagesRepository.persistPackageWithNodes does after a user's install: one
 * installed_packages row, and one installed_nodes row per node (display name, type
 * `<package>.<node name>`, latest version). That is what lists the package in Settings >
 * Community nodes. Runs under Node 24 with NODE_PATH at n8n's node_modules, because the nodes
 * import n8n-workflow and the database needs n8n's sqlite3; install-package.js starts it.
 *
 * Usage: node register-package.js <database.sqlite> <packageDir>
 */
const fs = require('node:fs');
const path = require('node:path');
const sqlite3 = require('sqlite3');

/** Like n8n's PackageDirectoryLoader: a node's latest version is the highest it declares. */
function latestVersion(nodeType) {
	if (nodeType.nodeVersions) return nodeType.currentVersion;
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

function loadNodes(packageDir, packageJson) {
	return (packageJson.n8n?.nodes ?? []).map((relativePath) => {
		const file = path.join(packageDir, relativePath);
		const className = path.basename(file).replace(/\.node\.js$/, '');
		const NodeClass = require(file)[className];
		if (typeof NodeClass !== 'function') {
			throw new Error(`${relativePath} does not export a class named ${className}`);
		}
		const nodeType = new NodeClass();
		const description =
			nodeType.description ?? nodeType.nodeVersions[nodeType.currentVersion].description;
		return {
			name: description.displayName,
			type: `${packageJson.name}.${description.name}`,
			latestVersion: latestVersion(nodeType),
		};
	});
}

function runStatement(db, sql, params) {
	return new Promise((resolve, reject) =>
		db.run(sql, params, (error) => (error ? reject(error) : resolve())),
	);
}

async function register(databasePath, packageDir) {
	const packageJson = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	const nodes = loadNodes(packageDir, packageJson);
	const db = new sqlite3.Database(databasePath);
	// The column defaults in n8n's schema are quoted strings, so timestamps are set explicitly.
	const now = "STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')";
	try {
		await runStatement(db, 'BEGIN', []);
		await runStatement(db, 'DELETE FROM installed_nodes WHERE package = ?', [packageJson.name]);
		await runStatement(db, 'DELETE FROM installed_packages WHERE packageName = ?', [
			packageJson.name,
		]);
		await runStatement(
			db,
			`INSERT INTO installed_packages (packageName, installedVersion, authorName, authorEmail, createdAt, updatedAt) VALUES (?, ?, ?, ?, ${now}, ${now})`,
			[
				packageJson.name,
				packageJson.version,
				packageJson.author?.name ?? null,
				packageJson.author?.email ?? null,
			],
		);
		for (const node of nodes) {
			await runStatement(
				db,
				'INSERT INTO installed_nodes (name, type, latestVersion, package) VALUES (?, ?, ?, ?)',
				[node.name, node.type, node.latestVersion, packageJson.name],
			);
		}
		await runStatement(db, 'COMMIT', []);
	} finally {
		await new Promise((resolve) => db.close(resolve));
	}
	console.log(
		`registered ${packageJson.name}@${packageJson.version}: ${nodes.map((n) => n.type).join(', ')}`,
	);
}

const [databasePath, packageDir] = process.argv.slice(2);
register(databasePath, packageDir).catch((error) => {
	console.error(`[register-package] ${error.stack || error.message}`);
	process.exit(1);
});
