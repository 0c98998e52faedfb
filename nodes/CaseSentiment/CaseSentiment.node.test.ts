import type { IDataObject, INodeExecutionData, NodeExecutionHint } from 'n8n-workflow';

import { type FakeOpenAi, startFakeOpenAi } from '../../test/servers/openai/server';
import { fakeExecuteContext } from '../../test/unit/fakeExecuteContext';
import { CaseSentiment } from './CaseSentiment.node';
import { OPENAI_CREDENTIAL } from '../shared/engineDescription';
import { DEFAULT_SYSTEM_PROMPT } from '../../src/sentiment/llm/prompt';
import { configuredInputs } from './inputs';
import { configuredOutputs, routingLabels } from './routing';

const angry =
	'This is the third time I ask and still nobody answers. Terrible service, we will cancel our contract.';
const happy = 'It works now, thank you so much for the quick fix, great support!';
const plain = 'Please send me the invoice for October as a PDF.';

function textItems(...texts: string[]): INodeExecutionData[] {
	return texts.map((text, index) => ({ json: { id: `t${index}`, text, keep: index } }));
}

async function run(
	parameters: Record<string, unknown>,
	items: INodeExecutionData[],
	continueOnFail = false,
	extra: Pick<Parameters<typeof fakeExecuteContext>[0], 'chatModel' | 'credentials' | 'hints'> = {},
) {
	const node = new CaseSentiment();
	const context = fakeExecuteContext({
		items,
		parameters: { operation: 'classify', engine: 'offline', ...parameters },
		perItem: (name, itemIndex) => (name === 'text' ? items[itemIndex].json.text : undefined),
		continueOnFail,
		...extra,
	});
	return await node.execute.call(context);
}

/**
 * A chat model as a connected sub-node hands it over: `invoke` only. It reads the case block
 * (the last message) and answers with the first label whose keyword it finds, after `delayMs`.
 */
function keywordModel(
	labels: Record<string, RegExp>,
	fallback: string,
	delayMs = (_text: string) => 0,
) {
	const asked: string[] = [];
	const model = {
		model: 'keyword-model',
		invoke: async (messages: Array<[string, string]>) => {
			const text = messages[messages.length - 1][1];
			asked.push(text);
			await new Promise((resolve) => setTimeout(resolve, delayMs(text)));
			if (/model-down/.test(text)) throw Object.assign(new Error('Unauthorized'), { status: 401 });
			const label = Object.keys(labels).find((name) => labels[name].test(text)) ?? fallback;
			return {
				content: JSON.stringify({
					label,
					score: 0,
					confidence: 0.9,
					summary: `read as ${label}`,
					evidence: [],
					signals: [],
					actions: [],
					trend: 'stable',
				}),
				usage_metadata: { input_tokens: 100, output_tokens: 20 },
			};
		},
	};
	return { model, asked };
}

const sentimentOf = (item: INodeExecutionData) =>
	item.json.sentiment as { label: string; engine: string; reused: boolean; usage: IDataObject };

describe('Case Sentiment: classify', () => {
	it('adds the result under one key and keeps the item, its order and pairedItem', async () => {
		const [output] = await run({ inputMode: 'text' }, textItems(angry, happy, plain));
		expect(output.map((item) => item.json.keep)).toEqual([0, 1, 2]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const results = output.map((item) => item.json.sentiment as { label: string; engine: string });
		expect(results.map((result) => result.label)).toEqual(['negative', 'positive', 'neutral']);
		expect(results.every((result) => result.engine === 'offline')).toBe(true);
	});

	it('sends every item to the output of its label, one output per label', async () => {
		const outputs = await run(
			{ inputMode: 'text', routeByLabel: true },
			textItems(happy, angry, plain, angry),
		);
		expect(outputs).toHaveLength(4);
		const [positive, neutral, negative, notAnalysed] = outputs;
		expect(positive.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(neutral.map((item) => item.pairedItem)).toEqual([{ item: 2 }]);
		expect(negative.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 3 }]);
		expect(notAnalysed).toEqual([]);
	});

	it('sends a case in a language the offline engine does not read to Not Analysed, not Neutral', async () => {
		const outputs = await run(
			{ inputMode: 'text', routeByLabel: true },
			textItems(angry, '注文した商品がまだ届きません。とても困っています。', plain),
		);
		const [, neutral, , notAnalysed] = outputs;
		expect(neutral.map((item) => item.pairedItem)).toEqual([{ item: 2 }]);
		expect(notAnalysed.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(notAnalysed[0].json.sentiment).toMatchObject({
			label: 'neutral',
			confidence: 0,
			language: 'ja',
			signals: [{ type: 'unsupported_language' }],
		});
	});

	it('draws one output per label only when routing is on, one per category with an LLM engine', () => {
		const outputs = (parameters: Record<string, unknown>) =>
			configuredOutputs(routingLabels({ operation: 'classify', ...parameters })).map(
				(o) => o.displayName,
			);
		expect(outputs({ routeByLabel: true })).toEqual([
			'Positive',
			'Neutral',
			'Negative',
			'Not Analysed',
		]);
		// Hybrid sends what the offline engine does not read to the model: no such output.
		expect(outputs({ routeByLabel: true, engine: 'hybrid' })).toEqual([
			'Positive',
			'Neutral',
			'Negative',
		]);
		expect(outputs({ routeByLabel: false })).toEqual(['']);
		expect(
			outputs({ routeByLabel: true, engine: 'chatModel', categories: 'calm, upset ' }),
		).toEqual(['Calm', 'Upset']);
		// The offline engine cannot name the admin's categories, so they do not make outputs.
		expect(
			outputs({ routeByLabel: true, engine: 'offline', categories: 'calm, upset' }),
		).toHaveLength(4);
		expect(outputs({ routeByLabel: true, operation: 'summarizeAccounts' })).toEqual(['']);
	});

	it('n8n can evaluate the inputs and outputs expressions on its own', () => {
		const description = new CaseSentiment().description;
		const evaluate = (expression: unknown, parameter: Record<string, unknown>) =>
			// What n8n does with `={{ ... }}`: the functions must need nothing from their module.
			new Function('$parameter', `return ${String(expression).slice(3, -2)}`)(parameter);
		expect(
			evaluate(description.outputs, { routeByLabel: true, engine: 'openai', categories: 'a, b' }),
		).toEqual([
			{ type: 'main', displayName: 'A' },
			{ type: 'main', displayName: 'B' },
		]);
		expect(evaluate(description.inputs, { engine: 'hybridChatModel' })).toEqual(
			configuredInputs({ engine: 'hybridChatModel' }),
		);
		// The model's credential for Classify; the helpdesks' (the sources') for Update Case in Helpdesk.
		expect(description.credentials).toEqual([
			expect.objectContaining({
				name: OPENAI_CREDENTIAL,
				displayOptions: { show: { engine: ['openai', 'hybrid'], operation: ['classify'] } },
			}),
			...[
				'serviceNowCaseSourceBasicApi',
				'serviceNowCaseSourceOAuth2Api',
				'zendeskCaseSourceApi',
				'zendeskCaseSourceOAuth2Api',
				'freshdeskCaseSourceApi',
			].map((name) =>
				expect.objectContaining({
					name,
					displayOptions: expect.objectContaining({
						show: expect.objectContaining({ operation: ['updateCase'] }),
					}),
				}),
			),
		]);
	});

	it('the subtitle names each engine as the Engine list does, never by its raw value', () => {
		const description = new CaseSentiment().description;
		const engine = description.properties.find((property) => property.name === 'engine')!;
		const subtitle = (parameter: Record<string, unknown>) =>
			new Function('$parameter', `return ${String(description.subtitle).slice(3, -2)}`)(parameter);
		for (const option of engine.options as Array<{ name: string; value: string }>) {
			expect(subtitle({ operation: 'classify', engine: option.value })).toBe(
				`Classify: ${option.name}`,
			);
		}
		expect(subtitle({ operation: 'summarizeAccounts', engine: 'chatModel' })).toBe(
			'Summarize accounts',
		);
	});

	it('tells under Engine, for the chat-model engines only, what n8n plants beside a first model', () => {
		const notice = new CaseSentiment().description.properties.find(
			(property) => property.name === 'chatModelNotice',
		);
		expect(notice).toMatchObject({
			type: 'notice',
			displayName: expect.stringMatching(/When chat message received.*Basic LLM Chain/),
			displayOptions: { show: { engine: ['chatModel', 'hybridChatModel'] } },
		});
	});

	it('the System Prompt option opens with the default prompt an admin would edit', () => {
		const llmOptions = new CaseSentiment().description.properties.find(
			(property) => property.name === 'llmOptions',
		)!;
		const systemPrompt = (llmOptions.options as Array<{ name: string; default: unknown }>).find(
			(option) => option.name === 'systemPrompt',
		);
		expect(systemPrompt?.default).toBe(DEFAULT_SYSTEM_PROMPT);
	});

	it('reads a case emitted by a trigger, counting only the requester as the customer', async () => {
		const supportCase = {
			id: 'CS1',
			subject: 'Export question',
			description: 'How do I export a report?',
			messages: [
				{
					id: 'a1',
					author: 'agent',
					authorRole: 'fulfiller',
					text: 'This is terrible, awful, the worst bug ever, I hate it.',
				},
				{ id: 'r1', author: 'ana', authorRole: 'requester', text: 'Thanks, that helped a lot!' },
			],
		};
		const asRequester = {
			...supportCase,
			messages: supportCase.messages.map((message) => ({ ...message, authorRole: 'requester' })),
		};
		const [output] = await run({ inputMode: 'case' }, [
			{ json: supportCase },
			{ json: asRequester },
		]);
		const [result, ifCustomerSaidIt] = output.map(
			(item) =>
				item.json.sentiment as {
					label: string;
					score: number;
					explanation: { evidence: Array<{ messageId: string }> };
				},
		);
		expect(result.label).not.toBe('negative');
		expect(result.explanation.evidence.every((evidence) => evidence.messageId !== 'a1')).toBe(true);
		expect(ifCustomerSaidIt.score).toBeLessThan(result.score);
	});

	it('maps case fields from any item, with personas by author', async () => {
		const [output] = await run(
			{
				inputMode: 'fields',
				caseId: 'T-9',
				subject: 'Order late',
				description: '',
				messages: [
					{ author: 'desk@support.example', text: 'Your order has shipped.' },
					{
						author: 'max@shop.example',
						text: 'Still waiting for two weeks, this is unacceptable!',
					},
				],
				options: { fulfillerAuthors: '*@support.example' },
			},
			[{ json: { anything: true } }],
		);
		expect(output[0].json.anything).toBe(true);
		expect((output[0].json.sentiment as { label: string }).label).toBe('negative');
	});

	it('stops on an empty text with an error that says how to fix it', async () => {
		await expect(run({ inputMode: 'text' }, textItems(angry, '  '))).rejects.toMatchObject({
			message: 'The text to classify is empty',
			description: expect.stringMatching(/Set 'Text'/),
		});
	});

	it('keeps going on failure when asked, returning the failed item with its error and pairedItem', async () => {
		const outputs = await run(
			{ inputMode: 'text', routeByLabel: true },
			textItems(angry, '', happy),
			true,
		);
		const all = outputs.flat();
		expect(all).toHaveLength(3);
		const failed = outputs[0].find((item) => item.json.error);
		expect(failed).toMatchObject({
			pairedItem: { item: 1 },
			json: { error: 'The text to classify is empty' },
		});
		expect(outputs[2].map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
	});

	it('names the bad field of a case', async () => {
		await expect(
			run({ inputMode: 'case' }, [{ json: { id: 'CS2', subject: 'x', createdAt: 'soon' } }]),
		).rejects.toMatchObject({ message: expect.stringContaining("'createdAt'") });
	});
});

describe('Case Sentiment: results where they are seen first', () => {
	it('puts the full result first in the item, also when the item carried an earlier one', async () => {
		const [output] = await run({ inputMode: 'text', options: { reuseResults: false } }, [
			{ json: { id: 'c1', text: angry, sentiment: { label: 'old' } } },
		]);
		expect(Object.keys(output[0].json)[0]).toBe('sentiment');
		expect(sentimentOf(output[0]).label).toBe('negative');
		expect(output[0].json.text).toBe(angry);
	});

	it('compact output gives label, score, confidence, summary and top action as flat fields, first', async () => {
		const [output] = await run(
			{ inputMode: 'text', options: { outputFormat: 'compact' } },
			textItems(angry, plain),
		);
		const [negative, neutral] = output.map((item) => item.json);
		expect(Object.keys(negative).slice(0, 6)).toEqual([
			'sentimentLabel',
			'sentimentScore',
			'sentimentConfidence',
			'sentimentSummary',
			'sentimentTopAction',
			'sentimentTopActionCode',
		]);
		expect(negative).toMatchObject({
			sentimentLabel: 'negative',
			sentimentScore: expect.any(Number),
			sentimentConfidence: expect.any(Number),
			sentimentSummary: expect.stringMatching(/\w/),
			sentimentTopAction: expect.stringMatching(/\w/),
			sentimentTopActionCode: expect.stringMatching(/^[a-z_]+$/),
			text: angry,
			keep: 0,
		});
		expect(negative.sentiment).toBeUndefined();
		expect(neutral).toMatchObject({ sentimentLabel: 'neutral', sentimentTopActionCode: null });
		// Every value is flat, so that Table view shows one column per field.
		for (const item of [negative, neutral]) {
			for (const [key, value] of Object.entries(item).filter(([key]) =>
				key.startsWith('sentiment'),
			)) {
				expect({
					key,
					type: typeof value === 'object' && value !== null ? 'object' : 'flat',
				}).toEqual({ key, type: 'flat' });
			}
		}
	});

	it('compact fields take their prefix from Result Field', async () => {
		const [output] = await run(
			{ inputMode: 'text', options: { outputFormat: 'compact', resultField: 'mood' } },
			textItems(happy),
		);
		expect(output[0].json.moodLabel).toBe('positive');
	});
});

describe('Case Sentiment: errors point to the fix', () => {
	it('on the default input, plain items get told to switch Input, not to map a field that mode lacks', async () => {
		for (const items of [[{ json: { text: happy } }], [{ json: { id: 't1', text: happy } }]]) {
			const error = await run({}, items).then(
				() => undefined,
				(thrown: { message: string; description: string }) => thrown,
			);
			expect(error?.message).toBe(
				'The item is not a case: it has no subject, description or messages',
			);
			expect(error?.description).toMatch(/switch Input to Plain Text or Map Case Fields/);
			expect(error?.description).not.toMatch(/Case ID/);
		}
	});

	it('a case from a trigger without an id is told it needs one, without naming a field of another mode', async () => {
		await expect(
			run({ inputMode: 'case' }, [{ json: { subject: 'Broken', description: 'It fails.' } }]),
		).rejects.toMatchObject({
			message: expect.stringContaining("'id'"),
			description: expect.not.stringMatching(/Case ID/),
		});
	});

	it('a case without customer text names the options that decide who the customer is', async () => {
		const error = await run(
			{
				inputMode: 'fields',
				caseId: 'T-1',
				messages: [{ author: 'desk', text: 'We shipped it.' }],
				options: { fulfillerAuthors: 'desk' },
			},
			[{ json: {} }],
		).then(
			() => undefined,
			(thrown: { description: string }) => thrown,
		);
		expect(error?.description).not.toMatch(/persona settings/);
		expect(error?.description).toMatch(/Requester Authors/);
		expect(error?.description).toMatch(/Fulfiller Authors/);
	});

	it('no parameter description speaks of persona settings, which no option is called', () => {
		expect(JSON.stringify(new CaseSentiment().description)).not.toMatch(/persona settings/i);
	});

	it('warns when a field holds {{ ... }} as fixed text, which n8n did not evaluate', async () => {
		const hints: NodeExecutionHint[] = [];
		const context = fakeExecuteContext({
			items: [{ json: { text: happy } }],
			parameters: {
				operation: 'classify',
				engine: 'offline',
				inputMode: 'text',
				text: '{{ $json.text }}',
			},
			hints,
		});
		await new CaseSentiment().execute.call(context);
		expect(hints).toEqual([
			expect.objectContaining({
				type: 'warning',
				message: expect.stringMatching(
					/'Text' holds \{\{ \$json\.text \}\} as fixed text.*Expression/,
				),
			}),
		]);
	});

	it('gives no such warning for text that merely mentions braces alone', async () => {
		const hints: NodeExecutionHint[] = [];
		const context = fakeExecuteContext({
			items: [{ json: { text: happy } }],
			parameters: {
				operation: 'classify',
				engine: 'offline',
				inputMode: 'text',
				text: 'My code { x } fails',
			},
			hints,
		});
		await new CaseSentiment().execute.call(context);
		expect(hints).toEqual([]);
	});
});

describe('Case Sentiment: categories', () => {
	const { model } = keywordModel({ delighted: /thank/i }, 'calm');
	const withCategories = (categories: string) =>
		run(
			{ inputMode: 'text', engine: 'chatModel', routeByLabel: true, categories },
			textItems(happy),
			false,
			{
				chatModel: model,
			},
		);

	it.each(['calm', 'calm, calm , calm'])(
		'refuses a single category (%j) with how to fix it',
		async (categories) => {
			await expect(withCategories(categories)).rejects.toMatchObject({
				message: expect.stringMatching(/at least two distinct categories/),
				description: expect.stringMatching(/leave Categories empty/),
			});
		},
	);

	it('refuses categories that hold only commas and spaces instead of using the defaults', async () => {
		await expect(withCategories(' , , ')).rejects.toMatchObject({
			message: expect.stringMatching(/Categories holds no category/),
		});
	});

	it('keeps one output per comma-separated entry while a person types, so no output shifts', () => {
		const outputs = (categories: string) =>
			configuredOutputs(
				routingLabels({
					operation: 'classify',
					routeByLabel: true,
					engine: 'chatModel',
					categories,
				}),
			).map((output) => output.displayName);
		// Retyping the middle category passes through an empty entry: the third output stays third.
		expect(outputs('delighted, calm, frustrated')).toEqual(['Delighted', 'Calm', 'Frustrated']);
		expect(outputs('delighted, , frustrated')).toEqual(['Delighted', '', 'Frustrated']);
		expect(outputs('delighted, o, frustrated')).toEqual(['Delighted', 'O', 'Frustrated']);
		// Adding one at the end passes through a trailing comma: the existing outputs stay.
		expect(outputs('delighted, calm, frustrated,')).toEqual([
			'Delighted',
			'Calm',
			'Frustrated',
			'',
		]);
	});

	it.each([
		['delighted, , frustrated', /empty entry/],
		['calm, upset, calm', /'calm' twice/],
	])('refuses %j at run time with how to fix it', async (categories, message) => {
		await expect(withCategories(categories)).rejects.toMatchObject({
			message: expect.stringMatching(message),
		});
	});

	it('an empty Categories field means positive, neutral and negative', async () => {
		const polarities = keywordModel({ positive: /thank/i }, 'neutral').model;
		const outputs = await run(
			{ inputMode: 'text', engine: 'chatModel', routeByLabel: true, categories: '' },
			textItems(happy),
			false,
			{ chatModel: polarities },
		);
		expect(outputs.map((output) => output.length)).toEqual([1, 0, 0]);
	});
});

describe('Case Sentiment: classify with a model', () => {
	const categories = { delighted: /thank|great/i, furious: /terrible|cancel|unacceptable/i };

	it('routes every item to the output of its own category, the first category included', async () => {
		const { model } = keywordModel(categories, 'calm');
		const outputs = await run(
			{
				inputMode: 'text',
				routeByLabel: true,
				engine: 'chatModel',
				categories: 'delighted, calm, furious',
			},
			textItems(angry, happy, plain, happy),
			false,
			{ chatModel: model },
		);
		expect(outputs.map((output) => output.map((item) => item.pairedItem))).toEqual([
			[{ item: 1 }, { item: 3 }],
			[{ item: 2 }],
			[{ item: 0 }],
		]);
		expect(outputs.flat().map((item) => sentimentOf(item).label)).toEqual([
			'delighted',
			'delighted',
			'calm',
			'furious',
		]);
	});

	it('keeps item order and pairedItem when answers come back out of order', async () => {
		const { model } = keywordModel(categories, 'calm', (text) =>
			/item-0|third/.test(text) ? 60 : 5,
		);
		const items = textItems(angry, happy, plain, angry, happy);
		const [output] = await run(
			{
				inputMode: 'text',
				engine: 'chatModel',
				categories: 'delighted, calm, furious',
				llmOptions: { concurrency: 5 },
			},
			items,
			false,
			{ chatModel: model },
		);
		expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(output.map((item) => item.json.keep)).toEqual([0, 1, 2, 3, 4]);
		expect(output.map((item) => sentimentOf(item).label)).toEqual([
			'furious',
			'delighted',
			'calm',
			'furious',
			'delighted',
		]);
	});

	it('does not ask the model again for an item whose result covers the same case activity', async () => {
		const first = keywordModel(categories, 'calm');
		const parameters = {
			inputMode: 'text',
			engine: 'chatModel',
			categories: 'delighted, calm, furious',
		};
		const [classified] = await run(parameters, textItems(angry, happy), false, {
			chatModel: first.model,
		});
		expect(classified.map((item) => sentimentOf(item).reused)).toEqual([false, false]);

		// The second run gets the first run's output, one item with new text.
		const again = classified.map((item) => ({ json: { ...item.json } }));
		again[1].json.text = 'Now it is broken again, terrible.';
		const second = keywordModel(categories, 'calm');
		const hints: NodeExecutionHint[] = [];
		const [output] = await run(parameters, again, false, { chatModel: second.model, hints });
		expect(second.asked).toHaveLength(1);
		expect(second.asked[0]).toContain('broken again');
		expect(output.map((item) => sentimentOf(item).reused)).toEqual([true, false]);
		expect(output.map((item) => sentimentOf(item).label)).toEqual(['furious', 'furious']);
		expect(hints.map((hint) => hint.message)).toEqual([
			'Classified 1 case(s), reused 1 earlier result(s) of the same case activity. Tokens this run: 100 in, 20 out.',
		]);
	});

	it('asks again when the earlier result came from another engine or the categories changed', async () => {
		const [offline] = await run({ inputMode: 'text' }, textItems(angry));
		const { model, asked } = keywordModel(categories, 'calm');
		const [byModel] = await run(
			{ inputMode: 'text', engine: 'chatModel' },
			offline.map((item) => ({ json: item.json })),
			false,
			{
				chatModel: {
					...model,
					invoke: async () => ({
						content:
							'{"label":"negative","score":-0.5,"confidence":0.9,"summary":"x","evidence":[],"signals":[],"actions":[],"trend":"stable"}',
					}),
				},
			},
		);
		expect(sentimentOf(byModel[0])).toMatchObject({ engine: 'chatModel', reused: false });
		const [recategorized] = await run(
			{ inputMode: 'text', engine: 'chatModel', categories: 'delighted, calm, furious' },
			byModel.map((item) => ({ json: item.json })),
			false,
			{ chatModel: model },
		);
		expect(asked).toHaveLength(1);
		expect(sentimentOf(recategorized[0])).toMatchObject({ label: 'furious', reused: false });
	});

	it('reports tokens per item and in total', async () => {
		const { model } = keywordModel(categories, 'calm');
		const hints: NodeExecutionHint[] = [];
		const [output] = await run(
			{ inputMode: 'text', engine: 'chatModel' },
			textItems(happy, plain),
			false,
			{
				chatModel: {
					...model,
					invoke: async (m: Array<[string, string]>) => ({
						...(await model.invoke(m)),
						content:
							'{"label":"neutral","score":0,"confidence":0.9,"summary":"x","evidence":[],"signals":[],"actions":[],"trend":"stable"}',
					}),
				},
				hints,
			},
		);
		expect(output.map((item) => sentimentOf(item).usage)).toEqual([
			{ inputTokens: 100, outputTokens: 20 },
			{ inputTokens: 100, outputTokens: 20 },
		]);
		expect(hints[0].message).toMatch(/Tokens this run: 200 in, 40 out\.$/);
	});

	it('with continue-on-fail, a failed model call fails its item only, in place', async () => {
		const { model } = keywordModel(categories, 'calm');
		const outputs = await run(
			{
				inputMode: 'text',
				routeByLabel: true,
				engine: 'chatModel',
				categories: 'delighted, calm, furious',
			},
			textItems(happy, 'model-down please', angry),
			true,
			{ chatModel: model },
		);
		expect(outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(outputs[0][1].json).toMatchObject({
			text: 'model-down please',
			error: expect.stringMatching(/HTTP 401/),
		});
		expect(outputs[2].map((item) => item.pairedItem)).toEqual([{ item: 2 }]);
	});

	it('without continue-on-fail, stops with the failed item and how to fix it', async () => {
		const { model } = keywordModel(categories, 'calm');
		await expect(
			run(
				{ inputMode: 'text', engine: 'chatModel', categories: 'delighted, calm, furious' },
				textItems(happy, 'model-down please'),
				false,
				{ chatModel: model },
			),
		).rejects.toMatchObject({
			message: expect.stringMatching(/The model call failed \(HTTP 401\)/),
			description: expect.stringMatching(/Check the API key/),
			context: expect.objectContaining({ itemIndex: 1 }),
		});
	});

	it('fails clearly when the engine needs a model and none is connected', async () => {
		await expect(
			run({ inputMode: 'text', engine: 'chatModel' }, textItems(happy)),
		).rejects.toMatchObject({
			message: 'Connect a Chat Model sub-node to the Model input',
		});
	});

	describe('with the OpenAI-compatible API', () => {
		const apiKey = 'sk-node-level-secret-4242';
		let fake: FakeOpenAi;
		beforeAll(async () => {
			fake = await startFakeOpenAi({ apiKey });
		});
		afterAll(() => fake.close());

		it('never puts the API key in an output or an error', async () => {
			const wrongKey = 'sk-wrong-node-level-secret-777';
			const outputs = await run(
				{ inputMode: 'text', engine: 'openai', model: 'fake-sentiment-1' },
				textItems(happy),
				true,
				{
					credentials: {
						[OPENAI_CREDENTIAL]: { apiKey: wrongKey, baseUrl: fake.url, headers: '{}' },
					},
				},
			);
			expect(outputs[0][0].json.error).toMatch(/HTTP 401/);
			expect(JSON.stringify(outputs)).not.toContain(wrongKey);
		});

		it('classifies through the credential, as hybrid only where the offline engine is unsure', async () => {
			const credentials = { [OPENAI_CREDENTIAL]: { apiKey, baseUrl: fake.url, headers: '{}' } };
			const before = fake.requests.length;
			const [output] = await run(
				{ inputMode: 'text', engine: 'hybrid', model: 'fake-sentiment-1' },
				textItems(angry, happy, 'Hm. Ok. Whatever you think, I guess we will see then.'),
				false,
				{ credentials },
			);
			const results = output.map(
				(item) => item.json.sentiment as { engine: string; decidedBy: string },
			);
			expect(results.every((result) => result.engine === 'hybrid')).toBe(true);
			expect(results.map((result) => result.decidedBy)).toEqual(
				expect.arrayContaining(['offline', 'llm']),
			);
			const byModel = results.filter((result) => result.decidedBy === 'llm').length;
			expect(fake.requests.length - before).toBe(byModel);
		});
	});
});

describe('Case Sentiment: five levels', () => {
	const LEVELS = ['very_negative', 'negative', 'neutral', 'positive', 'very_positive'];
	const levelOf = (item: INodeExecutionData) =>
		item.json.sentiment as { label: string; level: string; score: number; score100: number };

	it('draws five outputs named by level (and Not Analysed offline), whatever the engine and its categories', () => {
		for (const engine of ['offline', 'openai', 'chatModel', 'hybrid']) {
			const labels = routingLabels({
				operation: 'classify',
				routeByLabel: true,
				sentimentScale: 'levels',
				engine,
				categories: 'calm, upset',
			});
			// The offline engine also says when it does not read a case's language.
			const notAnalysed = engine === 'offline' ? ['notAnalysed'] : [];
			expect(labels).toEqual([...LEVELS, ...notAnalysed]);
			expect(configuredOutputs(labels).map((output) => output.displayName)).toEqual([
				'Very negative',
				'Negative',
				'Neutral',
				'Positive',
				'Very positive',
				...(engine === 'offline' ? ['Not Analysed'] : []),
			]);
		}
	});

	/** Every item on the output of its own level, the level agreeing with label and score. */
	function expectRoutedByLevel(outputs: INodeExecutionData[][], count: number) {
		expect(outputs.length === 5 || (outputs.length === 6 && outputs[5].length === 0)).toBe(true);
		expect(outputs.flat()).toHaveLength(count);
		outputs.slice(0, 5).forEach((output, index) => {
			for (const item of output) {
				const result = levelOf(item);
				expect(result.level).toBe(LEVELS[index]);
				expect(result.score100).toBe(Math.round((result.score + 1) * 50));
				if (result.label === 'negative') expect(result.level).toMatch(/negative$/);
				if (result.label === 'positive') expect(result.level).toMatch(/positive$/);
				if (result.label === 'neutral') expect(result.level).toBe('neutral');
			}
		});
	}

	it('routes offline results by level', async () => {
		const outputs = await run(
			{ inputMode: 'text', routeByLabel: true, sentimentScale: 'levels' },
			textItems(angry, happy, plain),
		);
		expectRoutedByLevel(outputs, 3);
		expect(levelOf(outputs.flat().find((item) => item.json.id === 't0')!).level).toMatch(
			/negative$/,
		);
	});

	it('routes results of a connected chat model by level', async () => {
		const { model } = keywordModel({ positive: /thank|great/i, negative: /terrible/i }, 'neutral');
		const outputs = await run(
			{ inputMode: 'text', routeByLabel: true, sentimentScale: 'levels', engine: 'chatModel' },
			textItems(angry, happy, plain),
			false,
			{ chatModel: model },
		);
		expectRoutedByLevel(outputs, 3);
		// The keyword model answers score 0: the label's polarity decides, never neutral for it.
		expect(outputs[1].map((item) => item.json.id)).toEqual(['t0']);
		expect(outputs[3].map((item) => item.json.id)).toEqual(['t1']);
	});

	describe('through the OpenAI-compatible API', () => {
		const apiKey = 'sk-levels-0000';
		let fake: FakeOpenAi;
		beforeAll(async () => {
			fake = await startFakeOpenAi({ apiKey });
		});
		afterAll(() => fake.close());

		it.each(['openai', 'hybrid'])('routes %s results by level', async (engine) => {
			const outputs = await run(
				{
					inputMode: 'text',
					routeByLabel: true,
					sentimentScale: 'levels',
					engine,
					model: 'fake-sentiment-1',
				},
				textItems(angry, happy, plain),
				false,
				{ credentials: { [OPENAI_CREDENTIAL]: { apiKey, baseUrl: fake.url, headers: '{}' } } },
			);
			expectRoutedByLevel(outputs, 3);
		});
	});

	it('sends a case in a language the offline engine does not read to Not Analysed, not Neutral', async () => {
		const outputs = await run(
			{ inputMode: 'text', routeByLabel: true, sentimentScale: 'levels' },
			textItems(angry, 'この製品は本当にひどいです。何度も連絡しましたが、まだ返事がありません。'),
		);
		expect(outputs).toHaveLength(6);
		expect(outputs[5].map((item) => item.json.id)).toEqual(['t1']);
	});

	it('adds the level and the 0-100 score to the compact fields', async () => {
		const [output] = await run(
			{ inputMode: 'text', sentimentScale: 'levels', options: { outputFormat: 'compact' } },
			textItems(angry),
		);
		expect(output[0].json.sentimentLevel).toMatch(/negative$/);
		expect(output[0].json.sentimentScore100).toBe(
			Math.round(((output[0].json.sentimentScore as number) + 1) * 50),
		);
	});

	it('keeps one output and no level on the three-label default', async () => {
		const [output] = await run({ inputMode: 'text' }, textItems(angry));
		expect(output[0].json.sentiment).not.toHaveProperty('level');
		expect(output[0].json.sentiment).not.toHaveProperty('score100');
	});
});
