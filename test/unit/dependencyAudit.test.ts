import advisories from '../../scripts/audit/advisories.json';
import lock from '../../package-lock.json';
import { auditLock } from '../../scripts/audit/check-dependencies';

const entry = (version: string, extra: Record<string, unknown> = {}) => ({
	version,
	resolved: `https://registry.npmjs.org/x/-/x-${version}.tgz`,
	integrity: 'sha512-test',
	...extra,
});

describe('the offline dependency check (npm run audit:deps)', () => {
	it('finds nothing in the lock as it is', () => {
		expect(auditLock(lock, advisories).findings).toEqual([]);
	});

	it('flags a version inside an advisory range, shipped or dev, and not one outside', () => {
		const { findings } = auditLock(
			{
				packages: {
					'': { name: 'n8n-nodes-case-sentiment' },
					'node_modules/luxon': entry('3.2.0'),
					'node_modules/zod': entry('3.25.76'),
					'node_modules/jest/node_modules/braces': entry('3.0.2', { dev: true }),
					'node_modules/@langchain/core': entry('1.1.7'),
				},
			},
			advisories,
		);
		expect(findings).toEqual([
			expect.stringMatching(/^luxon@3\.2\.0 \(node_modules\/luxon\): high GHSA-3xq5-wjfh-ppjc/),
			expect.stringMatching(/^braces@3\.0\.2 \(node_modules\/jest\/node_modules\/braces, dev\)/),
			expect.stringMatching(/^@langchain\/core@1\.1\.7 .*GHSA-r399-636x-v7f6/),
		]);
	});

	it('refuses a shipped package with an install script, from elsewhere, or without integrity', () => {
		const { findings } = auditLock(
			{
				packages: {
					'node_modules/native': entry('1.0.0', { hasInstallScript: true }),
					'node_modules/forked': entry('1.0.0', { resolved: 'https://git.example/forked.tgz' }),
					'node_modules/loose': entry('1.0.0', { integrity: undefined }),
					'node_modules/builder': entry('1.0.0', { dev: true, hasInstallScript: true }),
				},
			},
			advisories,
		);
		expect(findings).toEqual([
			expect.stringMatching(/^native@1\.0\.0 ships with the package and has an install script/),
			expect.stringMatching(/^forked@1\.0\.0 ships from https:\/\/git\.example/),
			expect.stringMatching(/^loose@1\.0\.0 ships without an integrity hash/),
		]);
	});
});
