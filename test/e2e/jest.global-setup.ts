/**
 * Once per jest run of the e2e project: pack the package and install it into a template n8n user
 * folder; createN8n() copies it per instance (npm install per test would be slow).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { createTemplate, TEMPLATE_ENV, WORK_DIR_ENV } from './harness/n8n';

export default async function globalSetup(): Promise<void> {
	const started = Date.now();
	process.env[WORK_DIR_ENV] = fs.mkdtempSync(path.join(os.tmpdir(), 'case-sentiment-e2e-'));
	process.env[TEMPLATE_ENV] = createTemplate();
	console.log(
		`\n[e2e] package installed into a template n8n user folder in ${Date.now() - started} ms`,
	);
}
