/**
 * The LLM engines of Case Sentiment in real n8n 2.41.1, against the local OpenAI-compatible
 * server (test/servers/openai/server.js) on 127.0.0.1: our own engine by Chat Completions and by
 * the Responses API, n8n's own OpenAI Chat Model sub-node connected to the Model input (its
 * model object comes from n8n's copy of @langchain/core) with 'Use Responses API' on and off,
 * hybrid, reuse of earlier results, and faults (429 with Retry-After, invalid JSON).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { type FakeOpenAi, type RecordedRequest, startFakeOpenAi } from '../servers/openai/server';
import { type N8n, type WorkflowRun, createN8n, itemsOf } from './harness/n8n';
import { CASE_SENTIMENT, connect, itemsNode, node, workflow } from './workflowBuilder';

const API_KEY = 'sk-e2e-case-sentiment-5f1c9a7e';

const ANGRY =
	'This is the third time I ask and still nobody answers. Terrible service, we will cancel our contract.';
const HAPPY = 'It works now, thank you so much for the quick fix, great support!';
const PLAIN = 'Please send me the invoice for October as a PDF.';
const TEXTS = [
	{ id: 'L1', text: ANGRY },
	{ id: 'L2', text: HAPPY },
	{ id: 'L3', text: PLAIN },
];

interface Result {
	label: string;
	engine: string;
	decidedBy: string;
	model: string | null;
	usage: { inputTokens: number; outputTokens: number };
	reused: boolean;
}

const resultOf = (item: INodeExecutionData) => item.json.sentiment as unknown as Result;

/** Case Sentiment on plain text with an LLM engine; `model` also tells its requests apart. */
function classifier(name: string, parameters: IDataObject, extra: IDataObject = {}) {
	return node(
		name,
		CASE_SENTIMENT,
		{ operation: 'classify', inputMode: 'text', ...parameters },
		{
			credentials: { caseSentimentOpenAiApi: { id: 'caseSentimentFake', name: 'Fake OpenAI' } },
			...extra,
		},
	);
}

/** n8n's own OpenAI Chat Model sub-node (v1.3), pointed at the fake server by its credential. */
function openAiChatModel(name: string, model: string, responsesApiEnabled: boolean) {
	return node(
		name,
		'@n8n/n8n-nodes-langchain.lmChatOpenAi',
		{
			model: { __rl: true, mode: 'id', value: model },
			responsesApiEnabled,
			options: {},
		},
		{
			typeVersion: 1.3,
			credentials: { openAiApi: { id: 'openAiFake', name: 'OpenAI (fake server)' } },
		},
	);
}

const enginesWorkflow = workflow(
	'e2eLlmEngines1',
	[
		itemsNode('Texts', TEXTS),
		classifier('Chat Completions', {
			engine: 'openai',
			model: 'fake-chat-completions',
			routeByLabel: true,
		}),
		classifier('Chat Completions Again', { engine: 'openai', model: 'fake-chat-completions' }),
		classifier('Responses API', {
			engine: 'openai',
			model: 'fake-responses',
			useResponsesApi: true,
		}),
		classifier('Hybrid', { engine: 'hybrid', model: 'fake-hybrid' }),
		classifier('Custom Categories', {
			engine: 'openai',
			model: 'fake-categories',
			routeByLabel: true,
			categories: 'happy, calm, upset',
			outputFields: {
				field: [
					{
						name: 'topic',
						type: 'enum',
						allowedValues: 'billing, service',
						description: 'What it is about',
					},
				],
			},
		}),
		node('Connected Model (Responses)', CASE_SENTIMENT, {
			operation: 'classify',
			inputMode: 'text',
			engine: 'chatModel',
			routeByLabel: true,
		}),
		openAiChatModel('OpenAI Chat Model (Responses)', 'fake-lc-responses', true),
		node('Connected Model (Chat Completions)', CASE_SENTIMENT, {
			operation: 'classify',
			inputMode: 'text',
			engine: 'chatModel',
		}),
		openAiChatModel('OpenAI Chat Model (Chat Completions)', 'fake-lc-chat', false),
		node('Hybrid, Connected Model', CASE_SENTIMENT, {
			operation: 'classify',
			inputMode: 'text',
			engine: 'hybridChatModel',
		}),
		openAiChatModel('OpenAI Chat Model (Hybrid)', 'fake-lc-hybrid', false),
	],
	[
		connect('Start', 'Texts'),
		connect('Texts', 'Chat Completions'),
		// Its output items carry their results: the next node must not ask the model again.
		...[0, 1, 2].map((output) => connect('Chat Completions', 'Chat Completions Again', output)),
		connect('Texts', 'Responses API'),
		connect('Texts', 'Hybrid'),
		connect('Texts', 'Custom Categories'),
		connect('Texts', 'Connected Model (Responses)'),
		connect('OpenAI Chat Model (Responses)', 'Connected Model (Responses)', 0, 'ai_languageModel'),
		connect('Texts', 'Connected Model (Chat Completions)'),
		connect(
			'OpenAI Chat Model (Chat Completions)',
			'Connected Model (Chat Completions)',
			0,
			'ai_languageModel',
		),
		connect('Texts', 'Hybrid, Connected Model'),
		connect('OpenAI Chat Model (Hybrid)', 'Hybrid, Connected Model', 0, 'ai_languageModel'),
	],
);

const faultsWorkflow = workflow(
	'e2eLlmEngines2',
	[
		itemsNode('Angry Text', [{ id: 'F1', text: ANGRY }]),
		classifier('Recovers', {
			engine: 'openai',
			model: 'fake-recovers',
			llmOptions: { concurrency: 1 },
		}),
		itemsNode('More Texts', TEXTS),
		classifier(
			'Always Invalid',
			{ engine: 'openai', model: 'fake-invalid' },
			{
				credentials: {
					caseSentimentOpenAiApi: { id: 'caseSentimentBroken', name: 'Fake OpenAI, invalid JSON' },
				},
				onError: 'continueRegularOutput',
			},
		),
	],
	[
		connect('Start', 'Angry Text'),
		connect('Angry Text', 'Recovers'),
		connect('Start', 'More Texts'),
		connect('More Texts', 'Always Invalid'),
	],
);

describe('LLM engines of Case Sentiment in real n8n', () => {
	let fake: FakeOpenAi;
	let n8n: N8n;

	const requestsFor = (model: string): RecordedRequest[] =>
		fake.requests.filter((request) => request.body?.model === model);

	beforeAll(async () => {
		fake = await startFakeOpenAi({ apiKey: API_KEY });
		n8n = await createN8n();
		const ourCredential = { apiKey: API_KEY, baseUrl: fake.url, organization: '', headers: '{}' };
		await n8n.importCredentials([
			{
				id: 'caseSentimentFake',
				name: 'Fake OpenAI',
				type: 'caseSentimentOpenAiApi',
				data: ourCredential,
			},
			{
				id: 'caseSentimentBroken',
				name: 'Fake OpenAI, invalid JSON',
				type: 'caseSentimentOpenAiApi',
				// The fake server's fault header, on every request of this credential.
				data: { ...ourCredential, headers: JSON.stringify({ 'x-fake-fault': 'invalid-json' }) },
			},
			{
				id: 'openAiFake',
				name: 'OpenAI (fake server)',
				type: 'openAiApi',
				data: { apiKey: API_KEY, url: fake.url },
			},
		]);
	});

	afterAll(async () => {
		await n8n?.dispose();
		await fake?.close();
	});

	describe('engines', () => {
		let run: WorkflowRun;

		beforeAll(async () => {
			const result = await n8n.executeWorkflow(await n8n.importWorkflow(enginesWorkflow));
			expect(result.error).toBeUndefined();
			run = result.run;
		});

		it('our OpenAI-compatible engine classifies by Chat Completions and routes every label', () => {
			const [positive, neutral, negative] = [0, 1, 2].map((branch) =>
				itemsOf(run, 'Chat Completions', branch),
			);
			expect(positive.map((item) => item.json.id)).toEqual(['L2']);
			expect(neutral.map((item) => item.json.id)).toEqual(['L3']);
			expect(negative.map((item) => item.json.id)).toEqual(['L1']);
			expect(negative.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
			for (const item of [...positive, ...neutral, ...negative]) {
				expect(resultOf(item)).toMatchObject({
					engine: 'openai',
					decidedBy: 'llm',
					model: 'fake-chat-completions',
					reused: false,
				});
				expect(resultOf(item).usage.inputTokens).toBeGreaterThan(0);
				expect(resultOf(item).usage.outputTokens).toBeGreaterThan(0);
			}
			const requests = requestsFor('fake-chat-completions');
			expect(requests.map((request) => request.path)).toEqual([
				'/chat/completions',
				'/chat/completions',
				'/chat/completions',
			]);
			expect(requests[0].body.response_format?.type).toBe('json_schema');
		});

		it('does not ask the model again for items that already carry a result of the same activity', () => {
			// n8n runs it once per output of the routing node that feeds it.
			const runs = run.data.resultData.runData['Chat Completions Again'];
			const items = runs.flatMap((_, runIndex) =>
				itemsOf(run, 'Chat Completions Again', 0, runIndex),
			);
			expect(items.map((item) => item.json.id).sort()).toEqual(['L1', 'L2', 'L3']);
			expect(items.every((item) => resultOf(item).reused)).toBe(true);
			// Still three requests in total: the second node made none.
			expect(requestsFor('fake-chat-completions')).toHaveLength(3);
		});

		it('our engine classifies by the Responses API', () => {
			const items = itemsOf(run, 'Responses API');
			expect(items.map((item) => resultOf(item).label)).toEqual([
				'negative',
				'positive',
				'neutral',
			]);
			expect(requestsFor('fake-responses').map((request) => request.path)).toEqual([
				'/responses',
				'/responses',
				'/responses',
			]);
			expect(requestsFor('fake-responses')[0].body.text?.format?.type).toBe('json_schema');
		});

		it('hybrid asks the API only for the cases the offline engine is not sure of', () => {
			const results = itemsOf(run, 'Hybrid').map(resultOf);
			expect(results.map((result) => result.label)).toEqual(['negative', 'positive', 'neutral']);
			expect(results.every((result) => result.engine === 'hybrid')).toBe(true);
			const byModel = results.filter((result) => result.decidedBy === 'llm').length;
			expect(requestsFor('fake-hybrid')).toHaveLength(byModel);
			// The plain request is a neutral call, whose confidence stays below the hybrid threshold.
			expect(results.map((result) => result.decidedBy)).toEqual(
				expect.arrayContaining(['offline', 'llm']),
			);
		});

		it("routes the admin's own categories, one output each, and fills the extra output fields", () => {
			const branches = [0, 1, 2].map((branch) => itemsOf(run, 'Custom Categories', branch));
			expect(branches.map((items) => items.map((item) => item.json.id))).toEqual([
				['L2'],
				['L3'],
				['L1'],
			]);
			expect(branches.flat().map((item) => resultOf(item).label)).toEqual([
				'happy',
				'calm',
				'upset',
			]);
			for (const item of branches.flat()) {
				expect((item.json.sentiment as IDataObject).customFields).toEqual({
					topic: expect.stringMatching(/^(billing|service)$/),
				});
			}
			const schema = requestsFor('fake-categories')[0].body.response_format.json_schema.schema;
			expect(schema.properties.label.enum).toEqual(['happy', 'calm', 'upset']);
		});

		it("uses n8n's OpenAI Chat Model sub-node with 'Use Responses API' on", () => {
			const branches = [0, 1, 2].map((branch) =>
				itemsOf(run, 'Connected Model (Responses)', branch),
			);
			expect(branches.map((items) => items.map((item) => item.json.id))).toEqual([
				['L2'],
				['L3'],
				['L1'],
			]);
			for (const item of branches.flat()) {
				expect(resultOf(item)).toMatchObject({ engine: 'chatModel', model: 'fake-lc-responses' });
				expect(resultOf(item).usage.inputTokens).toBeGreaterThan(0);
			}
			expect(new Set(requestsFor('fake-lc-responses').map((request) => request.path))).toEqual(
				new Set(['/responses']),
			);
		});

		it("uses n8n's OpenAI Chat Model sub-node with 'Use Responses API' off", () => {
			const results = itemsOf(run, 'Connected Model (Chat Completions)').map(resultOf);
			expect(results.map((result) => result.label)).toEqual(['negative', 'positive', 'neutral']);
			expect(
				results.every((result) => result.engine === 'chatModel' && result.model === 'fake-lc-chat'),
			).toBe(true);
			expect(new Set(requestsFor('fake-lc-chat').map((request) => request.path))).toEqual(
				new Set(['/chat/completions']),
			);
		});

		it('hybrid with a connected chat model asks that model for the unsure cases only', () => {
			const results = itemsOf(run, 'Hybrid, Connected Model').map(resultOf);
			expect(results.map((result) => result.label)).toEqual(['negative', 'positive', 'neutral']);
			const byModel = results.filter((result) => result.decidedBy === 'llm').length;
			expect(requestsFor('fake-lc-hybrid')).toHaveLength(byModel);
			expect(results.map((result) => result.decidedBy)).toEqual(
				expect.arrayContaining(['offline', 'llm']),
			);
		});

		it('reports the total token use of a run as a hint in the output pane', () => {
			const hints = (
				run.data.resultData.runData['Responses API'][0] as { hints?: Array<{ message: string }> }
			).hints;
			const total = itemsOf(run, 'Responses API')
				.map(resultOf)
				.reduce((sum, result) => sum + result.usage.inputTokens, 0);
			expect(hints?.map((hint) => hint.message)).toEqual([
				expect.stringMatching(
					new RegExp(
						`^Classified 3 case\\(s\\), reused 0 .*Tokens this run: ${total} in, \\d+ out\\.$`,
					),
				),
			]);
		});

		it('never puts the API key into the run data', () => {
			expect(JSON.stringify(run)).not.toContain(API_KEY);
		});
	});

	describe('faults', () => {
		let run: WorkflowRun;
		let error: unknown;

		beforeAll(async () => {
			// The next two model requests: a 429 with Retry-After: 1, then a truncated JSON answer.
			fake.inject('429', 'invalid-json');
			const result = await n8n.executeWorkflow(await n8n.importWorkflow(faultsWorkflow));
			run = result.run;
			error = result.error;
		});

		it('waits out a 429 with Retry-After, repairs an invalid JSON answer, and classifies the case', () => {
			expect(error).toBeUndefined();
			const [item] = itemsOf(run, 'Recovers');
			expect(resultOf(item)).toMatchObject({ label: 'negative', engine: 'openai' });
			const requests = requestsFor('fake-recovers');
			expect(requests.map((request) => request.fault ?? null)).toEqual([
				'429',
				'invalid-json',
				null,
			]);
			// The repair request shows the model its broken answer and asks again.
			expect(JSON.stringify(requests[2].body.messages)).toContain('That answer is invalid');
		});

		it('gives each item whose answer stays invalid its own clear error, with continue-on-fail', () => {
			const items = itemsOf(run, 'Always Invalid');
			expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			for (const [index, item] of items.entries()) {
				expect(item.json).toMatchObject({
					id: TEXTS[index].id,
					error: expect.stringMatching(
						new RegExp(
							`^The model's answer for case '${TEXTS[index].id}' did not match the expected format after one repair attempt`,
						),
					),
				});
			}
			// One request and one repair per item, no more.
			expect(requestsFor('fake-invalid')).toHaveLength(6);
			expect(JSON.stringify(run)).not.toContain(API_KEY);
		});
	});

	describe("n8n's SSRF protection", () => {
		const BLOCKED_KEY = 'sk-e2e-ssrf-blocked-target';
		let blockedTarget: FakeOpenAi;
		let guarded: N8n;
		let run: WorkflowRun;

		beforeAll(async () => {
			// A model server that answers on 127.0.0.2: reachable, but outside the allowed range.
			blockedTarget = await startFakeOpenAi({ apiKey: BLOCKED_KEY, host: '127.0.0.2' });
			guarded = await createN8n({
				env: {
					N8N_SSRF_PROTECTION_ENABLED: 'true',
					// 127.0.0.0/8 is blocked by default; only the allowed fake's address is let through.
					N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32',
				},
			});
			await guarded.importCredentials([
				{
					id: 'caseSentimentAllowed',
					name: 'Allowed model server',
					type: 'caseSentimentOpenAiApi',
					data: { apiKey: API_KEY, baseUrl: fake.url, organization: '', headers: '{}' },
				},
				{
					id: 'caseSentimentBlocked',
					name: 'Blocked model server',
					type: 'caseSentimentOpenAiApi',
					data: {
						apiKey: BLOCKED_KEY,
						baseUrl: blockedTarget.url,
						organization: '',
						headers: '{}',
					},
				},
			]);
			const ssrfWorkflow = workflow(
				'e2eLlmEnginesSsrf',
				[
					itemsNode('Texts', TEXTS.slice(0, 1)),
					classifier(
						'Allowed Address',
						{ engine: 'openai', model: 'fake-ssrf-allowed' },
						{
							credentials: {
								caseSentimentOpenAiApi: {
									id: 'caseSentimentAllowed',
									name: 'Allowed model server',
								},
							},
						},
					),
					classifier(
						'Blocked Address',
						{ engine: 'openai', model: 'fake-ssrf-blocked' },
						{
							credentials: {
								caseSentimentOpenAiApi: {
									id: 'caseSentimentBlocked',
									name: 'Blocked model server',
								},
							},
							onError: 'continueRegularOutput',
						},
					),
				],
				[
					connect('Start', 'Texts'),
					connect('Texts', 'Allowed Address'),
					connect('Texts', 'Blocked Address'),
				],
			);
			const result = await guarded.executeWorkflow(await guarded.importWorkflow(ssrfWorkflow));
			expect(result.error).toBeUndefined();
			run = result.run;
		});

		afterAll(async () => {
			await guarded?.dispose();
			await blockedTarget?.close();
		});

		it('lets the API engine call a model server on an allowed address', () => {
			expect(itemsOf(run, 'Allowed Address').map((item) => resultOf(item).label)).toEqual([
				'negative',
			]);
			expect(requestsFor('fake-ssrf-allowed')).toHaveLength(1);
		});

		it('refuses the call to a blocked address before any request leaves n8n, and says why', async () => {
			const [item] = itemsOf(run, 'Blocked Address');
			expect(item.json.error).toMatch(
				/^The model call failed: The request was blocked because it resolves to a restricted IP address.*, calling http:\/\/127\.0\.0\.2:\d+\/v1$/,
			);
			expect(blockedTarget.requests).toHaveLength(0);
			// The server was there to answer: n8n's protection, not a dead address, stopped the call.
			const direct = await fetch(`${blockedTarget.url}/models`, {
				headers: { authorization: `Bearer ${BLOCKED_KEY}` },
			});
			expect(direct.status).toBe(200);
		});
	});
});
