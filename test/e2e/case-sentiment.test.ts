/**
 * Case Sentiment in real n8n 2.41.1 with the offline engine: the three input modes, every output
 * of One Output per Label, an empty text as a node error and with continue-on-fail, and the
 * Summarize Accounts operation with its chart.
 */
import type { IDataObject } from 'n8n-workflow';

import { type N8n, branchCountOf, createN8n, itemsOf, nodeErrorOf, outputOf } from './harness/n8n';
import { CASE_SENTIMENT, connect, itemsNode, node, workflow } from './workflowBuilder';

const ANGRY =
	'This is the third time I ask and still nobody answers. Terrible service, we will cancel our contract.';
const HAPPY = 'It works now, thank you so much for the quick fix, great support!';
const PLAIN = 'Please send me the invoice for October as a PDF.';
const AGENT_RANT = 'This is terrible, awful, the worst bug ever, I hate it.';

/** Cases as Case Source Trigger emits them, for account ACME, in the week before REFERENCE. */
const REFERENCE = '2026-11-23T12:00:00.000Z';
function supportCase(id: string, text: string, day: number): IDataObject {
	return {
		id,
		source: 'demo',
		subject: `Case ${id}`,
		description: '',
		state: 'open',
		priority: 'high',
		channel: 'email',
		account: { id: 'ACME', name: 'Acme Corp' },
		createdAt: `2026-11-${String(day).padStart(2, '0')}T09:00:00.000Z`,
		updatedAt: `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`,
		messages: [
			{ id: `${id}-a`, author: 'desk', authorRole: 'fulfiller', text: AGENT_RANT },
			{ id: `${id}-r`, author: 'ana', authorRole: 'requester', text },
		],
	};
}
const CASES = [
	supportCase('CS-1', HAPPY, 20),
	supportCase('CS-2', ANGRY, 21),
	supportCase('CS-3', PLAIN, 22),
	supportCase('CS-4', ANGRY, 22),
];

const classifyWorkflow = workflow(
	'e2eCaseSentiment1',
	[
		itemsNode('Cases', CASES),
		node('Route Cases', CASE_SENTIMENT, {
			operation: 'classify',
			inputMode: 'case',
			routeByLabel: true,
		}),
		itemsNode('Rows', [
			{
				ticket: 'T-9',
				title: 'Order late',
				comments: [
					{ author: 'desk@support.example', text: 'Your order has shipped.' },
					{
						author: 'max@shop.example',
						text: 'Still waiting for two weeks, this is unacceptable!',
					},
				],
			},
		]),
		node('Classify Fields', CASE_SENTIMENT, {
			operation: 'classify',
			inputMode: 'fields',
			caseId: '={{ $json.ticket }}',
			subject: '={{ $json.title }}',
			messages: '={{ $json.comments }}',
			caseDetails: { priority: 'high' },
			options: { fulfillerAuthors: '*@support.example', resultField: 'mood' },
		}),
		itemsNode('Texts', [
			{ id: 'X1', text: HAPPY },
			{ id: 'X2', text: '   ' },
			{ id: 'X3', text: ANGRY },
		]),
		node(
			'Classify Texts',
			CASE_SENTIMENT,
			{ operation: 'classify', inputMode: 'text' },
			{ onError: 'continueRegularOutput' },
		),
		node('Classify for Summary', CASE_SENTIMENT, { operation: 'classify', inputMode: 'case' }),
		node('Summarize', CASE_SENTIMENT, {
			operation: 'summarizeAccounts',
			windowHours: 168,
			addChart: true,
			summaryOptions: { referenceTime: REFERENCE },
		}),
	],
	[
		connect('Start', 'Cases'),
		connect('Cases', 'Route Cases'),
		connect('Start', 'Rows'),
		connect('Rows', 'Classify Fields'),
		connect('Start', 'Texts'),
		connect('Texts', 'Classify Texts'),
		connect('Cases', 'Classify for Summary'),
		connect('Classify for Summary', 'Summarize'),
	],
);

const emptyTextWorkflow = workflow(
	'e2eCaseSentiment2',
	[
		itemsNode('Texts', [
			{ id: 'E1', text: HAPPY },
			{ id: 'E2', text: '' },
		]),
		node('Classify Texts', CASE_SENTIMENT, { operation: 'classify', inputMode: 'text' }),
	],
	[connect('Start', 'Texts'), connect('Texts', 'Classify Texts')],
);

const label = (json: IDataObject, field = 'sentiment') => (json[field] as { label: string }).label;

describe('Case Sentiment in real n8n (offline engine)', () => {
	let n8n: N8n;
	let run: Awaited<ReturnType<N8n['executeWorkflow']>>['run'];

	beforeAll(async () => {
		n8n = await createN8n();
		const result = await n8n.executeWorkflow(await n8n.importWorkflow(classifyWorkflow));
		expect(result.error).toBeUndefined();
		run = result.run;
	});

	afterAll(async () => {
		await n8n?.dispose();
	});

	it('sends cases from a trigger to the output of their label, every output used', () => {
		// Positive, Neutral, Negative, and Not Analysed (languages the offline engine does not read).
		expect(branchCountOf(run, 'Route Cases')).toBe(4);
		expect(itemsOf(run, 'Route Cases', 3)).toEqual([]);
		const [positive, neutral, negative] = [0, 1, 2].map((branch) =>
			itemsOf(run, 'Route Cases', branch),
		);
		expect(positive.map((item) => [item.json.id, item.pairedItem])).toEqual([
			['CS-1', { item: 0 }],
		]);
		expect(neutral.map((item) => [item.json.id, item.pairedItem])).toEqual([['CS-3', { item: 2 }]]);
		expect(negative.map((item) => [item.json.id, item.pairedItem])).toEqual([
			['CS-2', { item: 1 }],
			['CS-4', { item: 3 }],
		]);
		for (const [branch, expected] of [
			[0, 'positive'],
			[1, 'neutral'],
			[2, 'negative'],
		] as const) {
			expect(outputOf(run, 'Route Cases', branch).map((json) => label(json))).toEqual(
				expect.arrayContaining([expected]),
			);
		}
		// The agent's rant is context, not the customer's sentiment.
		const happy = positive[0].json.sentiment as {
			explanation: { evidence: Array<{ messageId: string }> };
		};
		expect(happy.explanation.evidence.map((evidence) => evidence.messageId)).not.toContain(
			'CS-1-a',
		);
	});

	it('classifies fields mapped with expressions, with personas by author and its own result field', () => {
		const [json] = outputOf(run, 'Classify Fields');
		expect(json.ticket).toBe('T-9');
		expect(label(json, 'mood')).toBe('negative');
		expect(json.sentiment).toBeUndefined();
		expect(json.mood).toMatchObject({ engine: 'offline', decidedBy: 'offline', reused: false });
	});

	it('with continue-on-fail, gives an empty text its error in place and classifies the rest', () => {
		const items = itemsOf(run, 'Classify Texts');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[1].json).toMatchObject({ id: 'X2', error: 'The text to classify is empty' });
		expect(label(items[0].json)).toBe('positive');
		expect(label(items[2].json)).toBe('negative');
	});

	it('summarizes the account: net score, negative share, band, drivers and a PNG chart', () => {
		const [summary] = itemsOf(run, 'Summarize');
		expect(summary.json).toMatchObject({
			accountId: 'ACME',
			accountName: 'Acme Corp',
			positive: 1,
			neutral: 1,
			negative: 2,
			scored: 4,
			netScore: -0.25,
			negativeShare: 0.5,
			band: 'at_risk',
			caseIds: ['CS-1', 'CS-2', 'CS-3', 'CS-4'],
		});
		expect((summary.json.drivers as unknown[]).length).toBeGreaterThan(0);
		expect(summary.pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(summary.binary?.chart).toMatchObject({
			mimeType: 'image/png',
			fileName: 'sentiment-ACME.png',
		});
	});

	it('stops on an empty text with a node error that says how to fix it', async () => {
		const { run: failed, error } = await n8n.executeWorkflow(
			await n8n.importWorkflow(emptyTextWorkflow),
		);
		expect(error?.message).toBe('The text to classify is empty');
		const nodeError = nodeErrorOf(failed, 'Classify Texts');
		expect(nodeError).toMatchObject({
			message: 'The text to classify is empty',
			description: expect.stringContaining("Set 'Text' to the customer's message"),
		});
	});
});
