import http from 'node:http';
import type net from 'node:net';

import { awaitAllCallbacks } from '@langchain/core/callbacks/promises';

import { parseCase } from '../../case/case';
import { type FakeOpenAi, startFakeOpenAi } from '../../../test/servers/openai/server';
import { createOpenAiEngine } from './openai';

/**
 * LANGSMITH_TRACING=true in n8n's environment (set where n8n traces its own AI nodes) must not
 * send customers' texts to LangSmith through our engine unless the admin turns tracing on for it.
 * A local endpoint stands in for LangSmith and records what reaches it.
 */
const received: string[] = [];
let langsmith: http.Server;
let fake: FakeOpenAi;

beforeAll(async () => {
	langsmith = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
		req.on('end', () => {
			received.push(`${req.method} ${req.url} ${body}`);
			res.writeHead(req.method === 'GET' ? 200 : 202, { 'content-type': 'application/json' });
			res.end('{}');
		});
	});
	await new Promise<void>((resolve) => langsmith.listen(0, '127.0.0.1', resolve));
	process.env.LANGSMITH_TRACING = 'true';
	process.env.LANGSMITH_ENDPOINT = `http://127.0.0.1:${(langsmith.address() as net.AddressInfo).port}`;
	process.env.LANGSMITH_API_KEY = 'lsv2-test-key';
	fake = await startFakeOpenAi({ apiKey: 'sk-tracing-test' });
});

afterAll(async () => {
	delete process.env.LANGSMITH_TRACING;
	await fake.close();
	await new Promise((resolve) => langsmith.close(resolve));
});

/** Runs the engine, then waits for LangChain's callbacks and the LangSmith client's batch. */
async function classifyAndSettle(tracing: boolean, text: string): Promise<string[]> {
	received.length = 0;
	await createOpenAiEngine(
		{ apiKey: 'sk-tracing-test', baseUrl: fake.url },
		{ model: 'fake-sentiment-1' },
		{ tracing },
	).classify(parseCase({ id: 'T1', description: text }));
	await awaitAllCallbacks();
	await new Promise((resolve) => setTimeout(resolve, 1500));
	return received.filter((request) => request.includes(text));
}

it('sends no customer text to LangSmith while tracing is off for the engine', async () => {
	expect(await classifyAndSettle(false, 'CUSTOMER-TEXT-NOT-TRACED furious')).toEqual([]);
}, 15_000);

it('traces when the admin turns tracing on (so the check above can fail)', async () => {
	expect((await classifyAndSettle(true, 'CUSTOMER-TEXT-TRACED furious')).length).toBeGreaterThan(0);
}, 15_000);
