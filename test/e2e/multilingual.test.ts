/**
 * Case Sentiment in real n8n 2.41.1 on cases in German, Spanish and Japanese, with One Output per
 * Label on: the offline engine reads German and Spanish with their own rules and sends the
 * Japanese case to its Not Analysed output (which feeds a node of its own) at confidence 0;
 * hybrid keeps an offline result only at its language's calibrated confidence and sends the
 * Japanese case to the model (the local OpenAI-compatible server, test/servers/openai).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { offlineConfidenceToKeep } from '../../src/sentiment/offline/engine';
import { DemoCaseSource } from '../../src/sources/demo';
import { readThresholdTriggerState } from '../../src/thresholds/poll';
import { type FakeOpenAi, startFakeOpenAi } from '../servers/openai/server';
import {
	type N8n,
	type N8nServer,
	type WorkflowJson,
	type WorkflowRun,
	branchCountOf,
	createN8n,
	itemsOf,
	outputOf,
} from './harness/n8n';
import { CASE_SENTIMENT, connect, itemsNode, node, workflow } from './workflowBuilder';

const API_KEY = 'sk-e2e-case-sentiment-multilingual-3b7d';

const GERMAN =
	'Mein Paket ist seit drei Wochen nicht angekommen, das ist eine Frechheit. Ich warte immer noch auf eine Antwort und will mein Geld zurück.';
const SPANISH =
	'Llevo dos semanas esperando mi pedido y nadie me responde. Es una vergüenza, quiero que me devuelvan el dinero.';
const JAPANESE = '注文した商品がまだ届きません。とても困っています。早く対応してください。';

function supportCase(id: string, text: string): IDataObject {
	return {
		id,
		source: 'demo',
		subject: '',
		description: '',
		state: 'open',
		priority: 'normal',
		channel: 'email',
		account: { id: 'GLOBEX', name: 'Globex' },
		createdAt: '2026-11-20T09:00:00.000Z',
		updatedAt: '2026-11-20T10:00:00.000Z',
		messages: [
			{ id: `${id}-r`, author: 'customer', authorRole: 'requester', text },
			{
				id: `${id}-a`,
				author: 'desk',
				authorRole: 'fulfiller',
				text: 'We are looking into it.',
			},
		],
	};
}
const CASES = [
	supportCase('DE-1', GERMAN),
	supportCase('ES-1', SPANISH),
	supportCase('JA-1', JAPANESE),
];

const POSITIVE = 0;
const NEUTRAL = 1;
const NEGATIVE = 2;
const NOT_ANALYSED = 3;

const multilingualWorkflow = workflow(
	'e2eMultilingual1',
	[
		itemsNode('Cases', CASES),
		node('Offline', CASE_SENTIMENT, {
			operation: 'classify',
			engine: 'offline',
			inputMode: 'case',
			routeByLabel: true,
		}),
		node('Needs a Human', 'n8n-nodes-base.noOp', {}),
		node(
			'Hybrid',
			CASE_SENTIMENT,
			{
				operation: 'classify',
				engine: 'hybrid',
				model: 'fake-multilingual-hybrid',
				inputMode: 'case',
				routeByLabel: true,
			},
			{
				credentials: { caseSentimentOpenAiApi: { id: 'caseSentimentFake', name: 'Fake OpenAI' } },
			},
		),
	],
	[
		connect('Start', 'Cases'),
		connect('Cases', 'Offline'),
		connect('Offline', 'Needs a Human', NOT_ANALYSED),
		connect('Cases', 'Hybrid'),
	],
);

interface Result {
	label: string;
	confidence: number;
	language: string | null;
	engine: string;
	decidedBy: string;
	model: string | null;
	signals: Array<{ type: string; evidence: string }>;
	explanation: { summary: string; evidence: Array<{ phrase: string }> };
}

const resultOf = (item: INodeExecutionData) => item.json.sentiment as unknown as Result;
const idsOf = (items: INodeExecutionData[]) => items.map((item) => item.json.id);

describe('Case Sentiment in real n8n on German, Spanish and Japanese cases', () => {
	let fake: FakeOpenAi;
	let n8n: N8n;
	let run: WorkflowRun;

	beforeAll(async () => {
		fake = await startFakeOpenAi({ apiKey: API_KEY });
		n8n = await createN8n();
		await n8n.importCredentials([
			{
				id: 'caseSentimentFake',
				name: 'Fake OpenAI',
				type: 'caseSentimentOpenAiApi',
				data: { apiKey: API_KEY, baseUrl: fake.url, organization: '', headers: '{}' },
			},
		]);
		const result = await n8n.executeWorkflow(await n8n.importWorkflow(multilingualWorkflow));
		expect(result.error).toBeUndefined();
		run = result.run;
	});

	afterAll(async () => {
		await n8n?.dispose();
		await fake?.close();
	});

	it('offline: reads German and Spanish in their own language, and routes them by label', () => {
		expect(branchCountOf(run, 'Offline')).toBe(4);
		expect(itemsOf(run, 'Offline', POSITIVE)).toEqual([]);
		expect(itemsOf(run, 'Offline', NEUTRAL)).toEqual([]);
		const negative = itemsOf(run, 'Offline', NEGATIVE);
		expect(idsOf(negative)).toEqual(['DE-1', 'ES-1']);
		expect(negative.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const [german, spanish] = negative.map(resultOf);
		expect(german).toMatchObject({ language: 'de', engine: 'offline', decidedBy: 'offline' });
		expect(spanish).toMatchObject({ language: 'es', engine: 'offline', decidedBy: 'offline' });
		// Read with their own rules: the evidence is the customer's own words, and the
		// support signals are raised in each language.
		for (const [result, text] of [
			[german, GERMAN],
			[spanish, SPANISH],
		] as const) {
			expect(result.confidence).toBeGreaterThan(0.6);
			expect(result.explanation.evidence.length).toBeGreaterThan(0);
			// The offline engine reads Spanish without its accents (customers often leave them out).
			const plain = (words: string) => words.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
			for (const { phrase } of result.explanation.evidence) {
				for (const word of phrase.split(' ')) expect(plain(text)).toContain(plain(word));
			}
			expect(result.signals.map((signal) => signal.type)).toEqual(
				expect.arrayContaining(['waiting', 'refund_request']),
			);
		}
	});

	it('offline: says it does not read Japanese, at confidence 0, on the Not Analysed output', () => {
		const notAnalysed = itemsOf(run, 'Offline', NOT_ANALYSED);
		expect(idsOf(notAnalysed)).toEqual(['JA-1']);
		expect(notAnalysed[0].pairedItem).toEqual({ item: 2 });
		const japanese = resultOf(notAnalysed[0]);
		expect(japanese).toMatchObject({
			label: 'neutral',
			confidence: 0,
			language: 'ja',
			engine: 'offline',
			signals: [{ type: 'unsupported_language', evidence: 'Japanese' }],
		});
		expect(japanese.explanation.summary).toMatch(/^Not analysed offline: Japanese\./);
		// The output feeds the node behind it.
		expect(idsOf(itemsOf(run, 'Needs a Human'))).toEqual(['JA-1']);
	});

	it('hybrid: keeps German and Spanish offline only at their language calibrated confidence', () => {
		// Hybrid has no Not Analysed output: it sends what the offline engine does not read to the model.
		expect(branchCountOf(run, 'Hybrid')).toBe(3);
		const byId = new Map(
			[POSITIVE, NEUTRAL, NEGATIVE].flatMap((branch) =>
				itemsOf(run, 'Hybrid', branch).map((item) => [item.json.id, { branch, item }] as const),
			),
		);
		expect([...byId.keys()].sort()).toEqual(['DE-1', 'ES-1', 'JA-1']);
		const offline = new Map(
			itemsOf(run, 'Offline', NEGATIVE).map((item) => [item.json.id, resultOf(item)] as const),
		);
		for (const id of ['DE-1', 'ES-1']) {
			const { branch, item } = byId.get(id)!;
			const result = resultOf(item);
			const own = offline.get(id)!;
			const kept = own.confidence >= offlineConfidenceToKeep(own.language);
			expect([id, result.decidedBy]).toEqual([id, kept ? 'offline' : 'llm']);
			expect(result.language).toBe(own.language);
			if (kept) expect(branch).toBe(NEGATIVE);
			else expect(result.model).toBe('fake-multilingual-hybrid');
		}
	});

	it('hybrid: sends the Japanese case to the model, which reads it', () => {
		const { item } = [POSITIVE, NEUTRAL, NEGATIVE]
			.flatMap((branch) => itemsOf(run, 'Hybrid', branch).map((entry) => ({ branch, item: entry })))
			.find(({ item: entry }) => entry.json.id === 'JA-1')!;
		expect(resultOf(item)).toMatchObject({
			engine: 'hybrid',
			decidedBy: 'llm',
			model: 'fake-multilingual-hybrid',
			language: 'ja',
		});
		expect(resultOf(item).signals.map((signal) => signal.type)).not.toContain(
			'unsupported_language',
		);
		const requests = fake.requests.filter(
			(request) => request.body?.model === 'fake-multilingual-hybrid',
		);
		// The Japanese customer's words reached the model verbatim.
		expect(requests.some((request) => JSON.stringify(request.body).includes('注文した商品'))).toBe(
			true,
		);
	});
});

const THRESHOLD_TRIGGER = 'Sentiment Threshold Trigger';

/**
 * The threshold trigger on the built-in demo helpdesk, whose cases include a Japanese one: with
 * "Score Below 0.5" every case the offline engine reads at a neutral score would fire, so only the
 * rule that a result of confidence 0 (a language it does not read) never fires keeps it quiet.
 */
const thresholdWorkflow: WorkflowJson = {
	id: 'e2eMultilingualTrg1',
	name: 'e2e: Sentiment Threshold Trigger on a Japanese demo case',
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			parameters: {
				pollTimes: { item: [{ mode: 'everyMinute' }] },
				source: 'demo',
				backfillHours: 1,
				engine: 'offline',
				rules: ['turnsNegative', 'scoreBelow'],
				scoreBelow: 0.5,
			},
			id: 'e2e1a9a0-0000-4000-8000-000000000001',
			name: THRESHOLD_TRIGGER,
			type: 'n8n-nodes-case-sentiment.sentimentThresholdTrigger',
			typeVersion: 1,
			position: [0, 0],
		},
		{
			parameters: {},
			id: 'e2e1a9a0-0000-4000-8000-000000000002',
			name: 'Received',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [240, 0],
		},
	],
	connections: { [THRESHOLD_TRIGGER]: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
};

const isJapanese = (text: string) =>
	/[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(text);

describe('Sentiment Threshold Trigger in real n8n on a Japanese demo case', () => {
	let n8n: N8n;
	let server: N8nServer;

	beforeAll(async () => {
		n8n = await createN8n();
		await n8n.importWorkflow(thresholdWorkflow);
		server = await n8n.start();
	});

	afterAll(async () => {
		await n8n?.dispose();
	});

	it('never fires on the case it does not read (confidence 0), and fires on the others', async () => {
		const activatedAt = Date.now();
		await server.activateWorkflow(thresholdWorkflow.id!);
		const [first] = await server.waitForExecutions(thresholdWorkflow.id!, 1, 60_000);
		const execution = await server.getExecution(first.id);
		expect(execution.status).toBe('success');
		const events = outputOf({ data: execution.data } as WorkflowRun, THRESHOLD_TRIGGER) as Array<
			IDataObject & {
				rule: string;
				caseId: string;
				result: { confidence: number; language: string | null };
				case: { subject: string };
			}
		>;

		// The hour the first poll read held Japanese cases (the demo opens one every 55 minutes
		// and each thread runs for an hour), as the same demo helpdesk lists it here.
		const demo = new DemoCaseSource(() => new Date(activatedAt));
		const since = new Date(activatedAt - 60 * 60_000).toISOString();
		const listed = (await demo.fetchChanged({ since, cursor: null }, 1_000)).cases;
		const japaneseIds = listed
			.filter((supportCase) => isJapanese(supportCase.subject))
			.map((supportCase) => supportCase.id);
		expect(japaneseIds.length).toBeGreaterThan(0);

		// The other cases fire (Score Below 0.5 on first sighting) ...
		expect(events.length).toBeGreaterThan(0);
		expect(
			events.every((event) => event.rule === 'turnsNegative' || event.rule === 'scoreBelow'),
		).toBe(true);
		// ... and no event is about a Japanese case or carries a result of confidence 0.
		for (const event of events) {
			expect([event.caseId, isJapanese(event.case.subject)]).toEqual([event.caseId, false]);
			expect(event.result.confidence).toBeGreaterThan(0);
		}
		expect(events.map((event) => event.caseId)).not.toEqual(
			expect.arrayContaining([japaneseIds[0]]),
		);

		// Its result is no point in the case's history either: the memory holds the cases read.
		const staticData = await server.staticDataOf(thresholdWorkflow.id!);
		const stored = (staticData[`node:${THRESHOLD_TRIGGER}`] as { sentimentThresholds: unknown })
			.sentimentThresholds;
		const remembered = Object.keys(readThresholdTriggerState(stored).thresholds.cases);
		expect(remembered.length).toBeGreaterThan(0);
		for (const id of japaneseIds) expect(remembered).not.toContain(id);
	});
});
