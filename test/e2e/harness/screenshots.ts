import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');

/**
 * Where the browser tests save what they saw. The README's pictures in docs/screenshots are
 * tracked, so a plain `npm test` writes to the ignored test-results/ instead and leaves the
 * checkout clean; UPDATE_SCREENSHOTS=1 asks for the README's pictures to be refreshed.
 */
export function screenshotDirectory(env: NodeJS.ProcessEnv = process.env): string {
	return env.UPDATE_SCREENSHOTS === '1'
		? path.join(ROOT, 'docs', 'screenshots')
		: path.join(ROOT, 'test-results', 'screenshots');
}
