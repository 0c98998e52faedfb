import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

import { screenshotDirectory } from '../e2e/harness/screenshots';

const ROOT = path.join(__dirname, '..', '..');

/** Whether git ignores a file at this path (exit status 0 of check-ignore means ignored). */
function ignoredByGit(file: string): boolean {
	try {
		execFileSync('git', ['check-ignore', '-q', file], { cwd: ROOT });
		return true;
	} catch {
		return false;
	}
}

describe('where the browser tests save screenshots', () => {
	it('a plain test run writes where git ignores it, so tracked pictures stay as they are', () => {
		const file = path.join(screenshotDirectory({}), 'node-case-sentiment-classify.png');
		expect(ignoredByGit(file)).toBe(true);
	});

	it('UPDATE_SCREENSHOTS=1 refreshes the README pictures in docs/screenshots', () => {
		const directory = screenshotDirectory({ UPDATE_SCREENSHOTS: '1' });
		expect(path.relative(ROOT, directory)).toBe(path.join('docs', 'screenshots'));
		expect(ignoredByGit(path.join(directory, 'node-case-sentiment-classify.png'))).toBe(false);
	});
});
