/** Removes the folder the global setup and the n8n instances of this run used. */
import * as fs from 'node:fs';

import { WORK_DIR_ENV } from './harness/n8n';

export default async function globalTeardown(): Promise<void> {
	const dir = process.env[WORK_DIR_ENV];
	if (dir && !process.env.CASE_SENTIMENT_E2E_KEEP) fs.rmSync(dir, { recursive: true, force: true });
}
