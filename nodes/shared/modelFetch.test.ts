import type { IHttpRequestOptions } from 'n8n-workflow';

import { parseCase } from '../../src/case/case';
import { createEngine } from '../../src/sentiment/factory';
import { type FakeOpenAi, startFakeOpenAi } from '../../test/servers/openai/server';
import { type EngineParameters, readEngineSpec } from './engineParameters';
import { fetchThroughN8n } from './modelFetch';
import { httpRequestOverFetch } from '../../test/unit/fakeExecuteContext';

const API_KEY = 'sk-model-fetch-test';
let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi({ apiKey: API_KEY });
});
afterAll(() => fake.close());

describe('fetch on n8n request helpers', () => {
	it('asks the helper for the full response with status errors left to the client', async () => {
		const asked: IHttpRequestOptions[] = [];
		const transport = fetchThroughN8n(async (options) => {
			asked.push(options);
			return {
				body: Buffer.from('{"error":{"message":"no"}}'),
				headers: {
					'content-type': 'application/json',
					'content-length': '26',
					'x-request-id': 'r1',
				},
				statusCode: 401,
				statusMessage: 'Unauthorized',
			};
		});
		const response = await transport('https://models.example/v1/chat/completions', {
			method: 'post',
			headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
			body: '{"model":"m"}',
		});
		expect(asked[0]).toMatchObject({
			url: 'https://models.example/v1/chat/completions',
			method: 'POST',
			headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
			body: '{"model":"m"}',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			encoding: 'arraybuffer',
		});
		expect(response.status).toBe(401);
		expect(response.headers.get('x-request-id')).toBe('r1');
		expect(await response.json()).toEqual({ error: { message: 'no' } });
	});

	it("passes n8n's refusal (e.g. its SSRF protection) to the client as the error of the call", async () => {
		const blocked = Object.assign(
			new Error('The request was blocked because it resolves to a restricted IP address'),
			{
				name: 'SsrfBlockedIpError',
			},
		);
		const transport = fetchThroughN8n(async () => {
			throw blocked;
		});
		await expect(transport('http://10.0.0.1/v1/models')).rejects.toBe(blocked);
	});

	it('carries the API engines of a node: every model request goes through the helper', async () => {
		const asked: string[] = [];
		const parameters: EngineParameters = {
			parameter: (name, fallback) => (name === 'engine' ? 'openai' : fallback),
			credentials: async () => ({ apiKey: API_KEY, baseUrl: fake.url, headers: '{}' }),
			httpRequest: async (options) => {
				asked.push(options.url);
				return await httpRequestOverFetch(options);
			},
		};
		const engine = await createEngine(await readEngineSpec(parameters));
		const result = await engine.classify(
			parseCase({ id: 'F1', description: 'This is terrible, I want a refund.' }),
		);
		expect(result.label).toBe('negative');
		expect(asked).toEqual([`${fake.url}/chat/completions`]);
	});
});
