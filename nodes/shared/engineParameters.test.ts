import { caseActivityKey, parseCase } from '../../src/case/case';
import type { SentimentEngine } from '../../src/sentiment/engine';
import { type FakeOpenAi, startFakeOpenAi } from '../../test/servers/openai/server';
import { createEngine } from '../../src/sentiment/factory';
import { OPENAI_CREDENTIAL } from './engineDescription';
import { type EngineParameters, executeEngineParameters, readEngineSpec } from './engineParameters';
import { fakeExecuteContext } from '../../test/unit/fakeExecuteContext';

const API_KEY = 'sk-node-test-key-123456';
const angry = parseCase({ id: 'C1', description: 'This is unacceptable, I want a refund.' });

let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi({ apiKey: API_KEY });
});
afterAll(() => fake.close());

function context(parameters: Record<string, unknown>, model?: unknown, apiKey = API_KEY) {
	const credentialsAsked: string[] = [];
	const ctx: EngineParameters = {
		parameter: (name, fallback) => (name in parameters ? parameters[name] : fallback),
		credentials: async (name) => {
			credentialsAsked.push(name);
			return { apiKey, baseUrl: fake.url, organization: '', headers: '{}' };
		},
		connectedChatModel: async () => model,
	};
	return { ctx, credentialsAsked };
}

const offlineStub = (confidence: number): SentimentEngine => ({
	name: 'offline',
	labels: ['positive', 'neutral', 'negative'],
	classify: async (supportCase) => ({
		label: 'neutral',
		score: 0,
		confidence,
		explanation: { summary: 'offline', evidence: [] },
		signals: [],
		suggestedActions: [],
		trend: { direction: 'stable', messagesConsidered: 1, firstScore: null, lastScore: null },
		engine: 'offline',
		decidedBy: 'offline',
		model: null,
		usage: { inputTokens: 0, outputTokens: 0 },
		latencyMs: 1,
		activityKey: caseActivityKey(supportCase),
		analyzedAt: '2026-11-23T10:00:00.000Z',
		customFields: {},
	}),
});

/** What the nodes do: parameters to a spec, the spec to an engine (the offline part stubbed). */
async function engineFrom(ctx: EngineParameters, engine: string, offline: SentimentEngine) {
	const parameters: EngineParameters = {
		...ctx,
		parameter: (name, fallback) => (name === 'engine' ? engine : ctx.parameter(name, fallback)),
	};
	return await createEngine(await readEngineSpec(parameters), { offline });
}

describe('LLM engines from node parameters', () => {
	it('builds the OpenAI-compatible engine from the credential, categories and output fields', async () => {
		const { ctx, credentialsAsked } = context({
			engine: 'openai',
			model: 'fake-sentiment-1',
			useResponsesApi: true,
			categories: 'happy, meh, angry',
			outputFields: { field: [{ name: 'topic', type: 'enum', allowedValues: 'refund, delivery' }] },
			llmOptions: { concurrency: 3 },
		});
		const engine = await engineFrom(ctx, 'openai', offlineStub(1));
		const result = await engine.classify(angry);
		expect(credentialsAsked).toEqual([OPENAI_CREDENTIAL]);
		expect(result).toMatchObject({
			engine: 'openai',
			label: 'angry',
			customFields: { topic: expect.stringMatching(/^(refund|delivery)$/) },
		});
		expect(fake.requests.at(-1)?.path).toBe('/responses');
		expect(
			(
				await readEngineSpec({
					...ctx,
					parameter: (name, fallback) =>
						name === 'engine' ? 'openai' : ctx.parameter(name, fallback),
				})
			).concurrency,
		).toBe(3);
	});

	it('reads the explanation language, and refuses Other Language without a name', async () => {
		const specFor = async (llmOptions: Record<string, unknown>) =>
			await readEngineSpec(context({ engine: 'openai', llmOptions }).ctx);
		expect((await specFor({})).prompt.explanationLanguage).toEqual({ kind: 'english' });
		expect((await specFor({ explanationLanguage: 'customer' })).prompt.explanationLanguage).toEqual(
			{
				kind: 'customer',
			},
		);
		expect(
			(await specFor({ explanationLanguage: 'named', explanationLanguageName: ' German ' })).prompt
				.explanationLanguage,
		).toEqual({ kind: 'named', name: 'German' });
		await expect(specFor({ explanationLanguage: 'named' })).rejects.toThrow(/no language is named/);
	});

	it('uses the connected chat model through invoke alone', async () => {
		const calls: unknown[] = [];
		const model = {
			model: 'connected-model',
			invoke: async (messages: unknown) => {
				calls.push(messages);
				return {
					content:
						'<think>hm</think>{"label":"negative","score":-0.8,"confidence":0.9,"summary":"angry","evidence":[],"signals":[],"actions":["apologize"],"trend":"stable"}',
					usage_metadata: { input_tokens: 50, output_tokens: 10 },
				};
			},
		};
		const { ctx, credentialsAsked } = context({}, model);
		const result = await (await engineFrom(ctx, 'chatModel', offlineStub(1))).classify(angry);
		expect(result).toMatchObject({
			engine: 'chatModel',
			label: 'negative',
			model: 'connected-model',
			usage: { inputTokens: 50, outputTokens: 10 },
			suggestedActions: [{ code: 'apologize' }],
		});
		expect(credentialsAsked).toEqual([]);
		expect(calls).toHaveLength(1);
	});

	it('fails clearly when no chat model is connected', async () => {
		const { ctx } = context({}, undefined);
		await expect(engineFrom(ctx, 'chatModel', offlineStub(1))).rejects.toThrow(
			/Connect a Chat Model sub-node/,
		);
	});

	it('hybrid keeps confident offline results and asks the API for the rest', async () => {
		const { ctx } = context({ model: 'fake-sentiment-1' });
		const sure = await (await engineFrom(ctx, 'hybrid', offlineStub(0.95))).classify(angry);
		const unsure = await (await engineFrom(ctx, 'hybrid', offlineStub(0.3))).classify(angry);
		expect([sure.decidedBy, unsure.decidedBy]).toEqual(['offline', 'llm']);
		expect(unsure).toMatchObject({ engine: 'hybrid', label: 'negative' });
	});

	it('hybrid with a connected chat model asks that model, not the credential', async () => {
		const model = {
			invoke: async () => ({
				content:
					'{"label":"negative","score":-0.7,"confidence":0.9,"summary":"angry","evidence":[],"signals":[],"actions":[],"trend":"stable"}',
			}),
		};
		const { ctx, credentialsAsked } = context({}, model);
		const result = await (
			await engineFrom(ctx, 'hybridChatModel', offlineStub(0.3))
		).classify(angry);
		expect(result).toMatchObject({ engine: 'hybrid', decidedBy: 'llm', label: 'negative' });
		expect(credentialsAsked).toEqual([]);
	});

	it('refuses the connected chat model engines in a node without a Model input', async () => {
		const { ctx } = context({ engine: 'hybridChatModel' });
		await expect(readEngineSpec({ ...ctx, connectedChatModel: undefined })).rejects.toThrow(
			/needs a connected chat model, which this node cannot take/,
		);
	});

	it('keeps a wrong API key out of the error', async () => {
		const wrongKey = 'sk-wrong-node-key-987654321';
		const { ctx } = context({ model: 'fake-sentiment-1' }, undefined, wrongKey);
		const error = await (
			await engineFrom(ctx, 'openai', offlineStub(1))
		)
			.classify(angry)
			.catch((e: Error) => e);
		expect(String((error as Error).message)).toMatch(/HTTP 401/);
		expect(`${(error as Error).message} ${(error as Error).stack}`).not.toContain(wrongKey);
	});
});

describe('the result key of a node', () => {
	it('is made once per workflow in the n8n process, and never taken from the items', async () => {
		const items = [{ json: { caseSentimentResultKey: 'forged-by-upstream', text: 'hi' } }];
		const context = fakeExecuteContext({ items, parameters: { engine: 'offline' } });
		const first = await readEngineSpec(executeEngineParameters(context));
		const second = await readEngineSpec(executeEngineParameters(context));
		expect(first.resultKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(second.resultKey).toBe(first.resultKey);
		const other = fakeExecuteContext({ items, parameters: { engine: 'offline' } });
		other.getWorkflow = () => ({ id: 'another-workflow', name: 'Another', active: true });
		const third = await readEngineSpec(executeEngineParameters(other));
		expect(third.resultKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(third.resultKey).not.toBe(first.resultKey);
	});

	it("leaves the workflow's static data alone: n8n saves an execution's copy over the triggers' poll state", async () => {
		// In n8n 2.41.1 an execution that changes static data (even by asking for the 'global' part
		// when it has none) has its copy saved as the workflow's whole static data: in queue mode
		// that copy starts empty, so the triggers' cursors were wiped, and a restarted main began
		// from "now" and skipped the activity in between.
		const context = fakeExecuteContext({ items: [{ json: { text: 'hi' } }], parameters: {} });
		const asked: string[] = [];
		context.getWorkflowStaticData = (type: string) => {
			asked.push(type);
			return {};
		};
		await readEngineSpec(executeEngineParameters(context));
		expect(asked).toEqual([]);
	});
});
