/**
 * The account dashboard examples in real n8n 2.41.1 and a real browser: the store flow creates
 * its Data Table and fills it from the demo helpdesk the way a person does (Execute workflow from
 * each trigger), the dashboard flow is published, and its webhook's page opens in chromium with
 * the stored classifications in it, sorting and filtering in the page. A screenshot of the page
 * goes where harness/screenshots.ts says (docs/screenshots/ only with UPDATE_SCREENSHOTS=1).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Browser, chromium } from 'playwright-core';

import { ensureChromium } from '../../scripts/browser/ensure-chromium';
import { readExample } from '../servers/flows/examples';
import { screenshotDirectory } from './harness/screenshots';
import {
	createN8n,
	type ExecutionDetails,
	itemsOf,
	type N8n,
	type N8nServer,
	waitFor,
} from './harness/n8n';

const STORE_ID = 'cs06DashStore001';
const DASHBOARD_ID = 'cs07Dashboard001';
const FINAL = new Set(['success', 'error', 'crashed', 'canceled']);
/** "Execute workflow" from one trigger of the workflow, as the editor starts it. */
async function runFrom(server: N8nServer, workflowId: string, trigger: string) {
	const started = await server.rest<{ executionId?: string }>(
		'POST',
		`/workflows/${workflowId}/run`,
		{ triggerToStartFrom: { name: trigger } },
	);
	if (!started.executionId) throw new Error(`no manual execution: ${JSON.stringify(started)}`);
	let execution: ExecutionDetails | undefined;
	await waitFor(
		async () => {
			execution = await server.getExecution(started.executionId!);
			return FINAL.has(execution.status);
		},
		120_000,
		`manual run of ${workflowId} from ${trigger}`,
	);
	if (execution!.status !== 'success') {
		throw new Error(
			`${workflowId} from ${trigger} ended ${execution!.status}: ${JSON.stringify(execution!.data.resultData.error ?? execution!.data.resultData.runData).slice(0, 2000)}`,
		);
	}
	return execution!;
}

describe('the account dashboard examples in real n8n, in chromium', () => {
	let n8n: N8n;
	let server: N8nServer;
	let browser: Browser;

	beforeAll(async () => {
		n8n = await createN8n();
		for (const file of ['case-sentiment-dashboard-store.json', 'case-sentiment-dashboard.json']) {
			await n8n.importWorkflow(readExample(file));
		}
		server = await n8n.start();
		browser = await chromium.launch({ executablePath: ensureChromium(), args: ['--no-sandbox'] });
	});

	afterAll(async () => {
		await browser?.close();
		await n8n?.dispose();
	});

	it('stores classifications of the demo helpdesk and serves them as a dashboard page', async () => {
		await runFrom(server, STORE_ID, 'Create the History Table');
		const stored = await runFrom(server, STORE_ID, 'Case Source Trigger');
		expect(itemsOf(stored, 'Store in History').length).toBeGreaterThan(3);
		// Run again: the table is reused, not created twice, and the rows add up.
		await runFrom(server, STORE_ID, 'Create the History Table');
		await runFrom(server, STORE_ID, 'Case Source Trigger');

		await server.activateWorkflow(DASHBOARD_ID);
		// Publishing registers the webhook in the background (see the harness): wait for it.
		let response: Response | undefined;
		await waitFor(
			async () => {
				response = await fetch(`${server.baseUrl}/webhook/sentiment-dashboard`);
				return response.status !== 404;
			},
			60_000,
			'the published dashboard webhook',
		);
		expect(await server.activationError(DASHBOARD_ID)).toBeUndefined();
		expect(response!.status).toBe(200);
		expect(response!.headers.get('content-type')).toMatch(/text\/html/);
		const html = await response!.text();
		expect(html).toMatch(/^<!doctype html>/);

		const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
		const requests: string[] = [];
		page.on('request', (request) => requests.push(request.url()));
		await page.goto(`${server.baseUrl}/webhook/sentiment-dashboard`);
		const accounts = page.locator('#accounts tbody tr[data-band]');
		const accountCount = await accounts.count();
		expect(accountCount).toBeGreaterThan(1);
		// The page loads nothing but itself: no script, style, font or image from anywhere.
		expect(requests).toEqual([`${server.baseUrl}/webhook/sentiment-dashboard`]);

		// Sorting: a click on "Net score" orders the rows by it; an account without a net score
		// (only cases the engine could not read) stays last either way.
		const netScores = async () =>
			(await page.$$eval('#accounts tbody tr[data-band] td:nth-child(3)', (cells) =>
				cells.map((cell) => cell.getAttribute('data-sort') || null),
			)) as Array<string | null>;
		const inOrder = (cells: Array<string | null>, direction: 1 | -1) => {
			const scores = cells.filter((cell) => cell !== null).map(Number);
			expect(cells.slice(0, scores.length).every((cell) => cell !== null)).toBe(true);
			expect(scores).toEqual([...scores].sort((a, b) => direction * (a - b)));
		};
		await page.click('#accounts th:nth-child(3)');
		inOrder(await netScores(), 1);
		await page.click('#accounts th:nth-child(3)');
		inOrder(await netScores(), -1);

		// Filtering by name leaves the matching account only.
		const firstName = (await accounts.first().locator('td strong').textContent())!.trim();
		await page.fill('#search', firstName);
		expect(await page.locator('#accounts tbody tr[data-band]:visible').count()).toBe(1);
		await page.fill('#search', '');

		fs.mkdirSync(screenshotDirectory(), { recursive: true });
		await page.screenshot({
			path: path.join(screenshotDirectory(), 'example-account-dashboard.png'),
			fullPage: true,
		});
		await page.close();
	});
});
