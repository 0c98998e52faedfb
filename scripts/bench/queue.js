#!/usr/bin/env node
/**
 * Regular mode against queue mode, in the same run: Case Source Trigger (built-in demo helpdesk)
 * -> Case Sentiment (offline) in real n8n 2.41.1 on PostgreSQL, once as one n8n process that
 * runs its executions itself (EXECUTIONS_MODE=regular), once as a main plus two workers
 * (EXECUTIONS_MODE=queue, Redis), everything else equal (test/e2e/harness/queue.ts).
 *
 * Queue mode spreads executions over workers, so the load is many executions, as when many
 * flows poll: BENCH_WORKFLOWS workflows (20) each read their share of BENCH_CASES (10,000) demo
 * cases in the poll n8n runs when a workflow is published ("Backfill on First Poll (Hours)" set
 * to reach back far enough, "Max Cases per Poll" above the share) and classify them. The clock runs from the first publish
 * to the last execution's end (each reports its case count and end time to a local collector
 * with one request); cases per second = cases classified / that time. Polling is in both
 * modes done by the main process.
 *
 * Needs the build (`npm run bench:queue` runs it), n8n (scripts/n8n/ensure-n8n.js) and Debian's
 * postgresql and redis-server (installed by scripts/queue/services.js when missing).
 */
require('../../test/servers/helpdesks/register-ts.js');

const http = require('node:http');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ensureServices } = require('../queue/services');
const { N8nCluster } = require('../../test/e2e/harness/queue.ts');
const { WORK_DIR_ENV } = require('../../test/e2e/harness/n8n.ts');

const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const WORKFLOWS = Number(process.env.BENCH_WORKFLOWS ?? 20);
/** The demo helpdesk opens a case every 5 minutes, each thread growing for an hour. */
const DEMO_CASE_MINUTES = 5;
const DEMO_THREAD_MINUTES = 60;

const log = (message) => console.log(`[bench:queue] ${message}`);

/** Receives one report per execution: how many cases it classified. */
async function startCollector() {
	const reports = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			reports.push({ ...JSON.parse(Buffer.concat(chunks).toString()), at: Date.now() });
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{}');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		reports,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

function benchWorkflow(index, collectorUrl) {
	const casesPerWorkflow = CASES / WORKFLOWS;
	// The first poll reads the cases whose threads changed in the lookback, opened up to an hour
	// before it: so many hours that this workflow's share comes in one poll.
	const lookbackHours = (casesPerWorkflow * DEMO_CASE_MINUTES - DEMO_THREAD_MINUTES) / 60;
	return {
		name: `bench ${index + 1}: demo cases to sentiment`,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				parameters: {
					pollTimes: { item: [{ mode: 'everyHour', minute: 0 }] },
					source: 'demo',
					backfillHours: Number(lookbackHours.toFixed(3)),
					options: { maxCasesPerPoll: Math.ceil(casesPerWorkflow * 2) },
				},
				id: `b0000000-0000-4000-8000-${String(index * 10 + 1).padStart(12, '0')}`,
				name: 'Case Source Trigger',
				type: 'n8n-nodes-case-sentiment.caseSourceTrigger',
				typeVersion: 1,
				position: [0, 0],
			},
			{
				parameters: { operation: 'classify', inputMode: 'case' },
				id: `b0000000-0000-4000-8000-${String(index * 10 + 2).padStart(12, '0')}`,
				name: 'Case Sentiment',
				type: 'n8n-nodes-case-sentiment.caseSentiment',
				typeVersion: 1,
				position: [220, 0],
			},
			{
				parameters: {
					method: 'POST',
					url: `${collectorUrl}/report`,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: `={{ JSON.stringify({ workflow: ${index}, cases: $('Case Sentiment').all().length }) }}`,
					options: {},
				},
				id: `b0000000-0000-4000-8000-${String(index * 10 + 3).padStart(12, '0')}`,
				name: 'Report',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [440, 0],
				executeOnce: true,
			},
		],
		connections: {
			'Case Source Trigger': { main: [[{ node: 'Case Sentiment', type: 'main', index: 0 }]] },
			'Case Sentiment': { main: [[{ node: 'Report', type: 'main', index: 0 }]] },
		},
	};
}

async function measure(mode) {
	log(
		`${mode} mode: starting PostgreSQL${mode === 'queue' ? ', Redis, a main and two workers' : ' and n8n'}`,
	);
	const cluster = await N8nCluster.start({ mode, workers: 2 });
	const collector = await startCollector();
	try {
		const server = cluster.server;
		const ids = [];
		for (let index = 0; index < WORKFLOWS; index++) {
			const created = await server.rest('POST', '/workflows', benchWorkflow(index, collector.url));
			ids.push(created.id);
		}
		const started = Date.now();
		for (const id of ids) await server.activateWorkflow(id);
		const deadline = started + 30 * 60_000;
		while (new Set(collector.reports.map((report) => report.workflow)).size < WORKFLOWS) {
			if (Date.now() > deadline) throw new Error(`${mode}: not every workflow reported in 30 min`);
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		const firstReports = new Map();
		for (const report of collector.reports) {
			if (!firstReports.has(report.workflow)) firstReports.set(report.workflow, report);
		}
		const ended = Math.max(...[...firstReports.values()].map((report) => report.at));
		const cases = [...firstReports.values()].reduce((sum, report) => sum + report.cases, 0);
		for (const id of ids) await server.deactivateWorkflow(id);
		const seconds = (ended - started) / 1000;
		const result = { mode, cases, seconds, casesPerSecond: cases / seconds };
		log(
			`${mode}: ${cases} cases in ${WORKFLOWS} executions, ${seconds.toFixed(1)} s, ${result.casesPerSecond.toFixed(1)} cases/s`,
		);
		return result;
	} finally {
		await collector.close();
		await cluster.stop();
	}
}

async function main() {
	ensureServices();
	process.env[WORK_DIR_ENV] = fs.mkdtempSync(path.join(os.tmpdir(), 'case-sentiment-bench-queue-'));
	try {
		log(`${CASES} demo cases over ${WORKFLOWS} workflows, ${os.cpus().length} CPUs`);
		const regular = await measure('regular');
		const queue = await measure('queue');
		log('');
		log(`| mode | cases | seconds | cases/s |`);
		log(`|---|---|---|---|`);
		for (const result of [regular, queue]) {
			log(
				`| ${result.mode} | ${result.cases} | ${result.seconds.toFixed(1)} | ${result.casesPerSecond.toFixed(1)} |`,
			);
		}
		log(`queue / regular: ${(queue.casesPerSecond / regular.casesPerSecond).toFixed(2)}x`);
	} finally {
		fs.rmSync(process.env[WORK_DIR_ENV], { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(`[bench:queue] FAILED: ${error.stack || error.message}`);
	process.exit(1);
});
