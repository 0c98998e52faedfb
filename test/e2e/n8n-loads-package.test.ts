/**
 * The packed package, installed the way n8n installs community nodes, loads in real n8n 2.41.1:
 * a workflow runs Case Sentiment, and the running editor lists the package and its node type.
 */
import { createN8n, outputOf, type N8n, type WorkflowJson } from './harness/n8n';

const NODE_TYPE = 'n8n-nodes-case-sentiment.caseSentiment';

const texts = [
	'I love this product, thank you so much for the quick fix!',
	'This is terrible. Third time I ask and still no refund, I want to cancel.',
];

/** Manual Trigger -> Code (two items with a `text` field) -> Case Sentiment on plain text. */
const classifyTextsWorkflow: WorkflowJson = {
	id: 'e2eLoadsPackage1',
	name: 'e2e: Case Sentiment classifies plain text',
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			parameters: {},
			id: 'b0a1c2d3-0000-4000-8000-000000000001',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
		},
		{
			parameters: {
				jsCode: `return ${JSON.stringify(texts)}.map((text, index) => ({ json: { id: 'T' + index, text } }));`,
			},
			id: 'b0a1c2d3-0000-4000-8000-000000000002',
			name: 'Texts',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, 0],
		},
		{
			parameters: { operation: 'classify', inputMode: 'text' },
			id: 'b0a1c2d3-0000-4000-8000-000000000003',
			name: 'Case Sentiment',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [400, 0],
		},
	],
	connections: {
		Start: { main: [[{ node: 'Texts', type: 'main', index: 0 }]] },
		Texts: { main: [[{ node: 'Case Sentiment', type: 'main', index: 0 }]] },
	},
};

describe('the packed package in real n8n', () => {
	let n8n: N8n;

	beforeAll(async () => {
		n8n = await createN8n();
	});

	afterAll(async () => {
		await n8n.dispose();
	});

	it('runs Case Sentiment in a workflow and adds a sentiment result to each item', async () => {
		const id = await n8n.importWorkflow(classifyTextsWorkflow);

		const { run, error } = await n8n.executeWorkflow(id);

		expect(error).toBeUndefined();
		const items = outputOf(run, 'Case Sentiment');
		expect(items.map((item) => item.text)).toEqual(texts);
		expect(items.map((item) => item.id)).toEqual(['T0', 'T1']);
		for (const item of items) {
			const sentiment = item.sentiment as { label: string; score: number };
			expect(['positive', 'neutral', 'negative']).toContain(sentiment.label);
			expect(sentiment.score).toBeGreaterThanOrEqual(-1);
			expect(sentiment.score).toBeLessThanOrEqual(1);
		}
		expect(items.map((item) => (item.sentiment as { label: string }).label)).toEqual([
			'positive',
			'negative',
		]);
	});

	it('is listed as an installed community package whose node type the editor knows', async () => {
		const server = await n8n.start();
		try {
			const packages = await server.rest<
				Array<{
					packageName: string;
					installedNodes: Array<{ type: string }>;
					failedLoading?: boolean;
				}>
			>('GET', '/community-packages');
			const installed = packages.find((entry) => entry.packageName === 'n8n-nodes-case-sentiment');
			expect(installed?.installedNodes.map((node) => node.type)).toContain(NODE_TYPE);
			expect(installed?.failedLoading).toBe(false);

			const response = await server.fetch('/types/nodes.json');
			const nodeTypes = (await response.json()) as Array<{
				name: string;
				inputs?: unknown;
				properties: Array<{ name: string; options?: Array<{ value: string }> }>;
			}>;
			expect(nodeTypes.map((nodeType) => nodeType.name)).toContain(NODE_TYPE);

			// The editor offers the connected chat model engines only where a Model input can grow.
			const engines = (name: string) =>
				nodeTypes
					.find((nodeType) => nodeType.name === name)
					?.properties.find((property) => property.name === 'engine')
					?.options?.map((option) => option.value);
			expect(engines(NODE_TYPE)).toEqual([
				'offline',
				'openai',
				'hybrid',
				'chatModel',
				'hybridChatModel',
			]);
			expect(engines('n8n-nodes-case-sentiment.sentimentThresholdTrigger')).toEqual([
				'offline',
				'openai',
				'hybrid',
			]);
			expect(String(nodeTypes.find((nodeType) => nodeType.name === NODE_TYPE)?.inputs)).toMatch(
				/^=\{\{.*ai_languageModel/s,
			);
		} finally {
			await server.stop();
		}
	});
});
