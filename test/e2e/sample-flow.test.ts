/**
 * The flow a newcomer runs first (`npm start` imports it): the shipped example, unchanged, in
 * real n8n. Each of its three label branches must receive the cases it is meant to show.
 */
import { readExample } from '../servers/flows/examples';
import { createN8n, outputOf, type N8n } from './harness/n8n';

const example = readExample('case-sentiment-sample-cases.json');

describe('the sample flow of npm start', () => {
	let n8n: N8n;

	beforeAll(async () => {
		n8n = await createN8n();
	});

	afterAll(async () => {
		await n8n.dispose();
	});

	it('sends every sample case to the branch of its label, explained', async () => {
		const id = await n8n.importWorkflow(example);
		const { run, error } = await n8n.executeWorkflow(id);
		expect(error).toBeUndefined();

		const branches = {
			positive: outputOf(run, 'Positive: Thank and Survey'),
			neutral: outputOf(run, 'Neutral: Keep Watching'),
			negative: outputOf(run, 'Negative: Escalate'),
		};
		const sampleCount = outputOf(run, 'Sample Cases').length;
		const routed = Object.values(branches).flat();
		// Nothing dropped, nothing sent twice.
		expect(routed).toHaveLength(sampleCount);
		expect(new Set(routed.map((item) => item.id)).size).toBe(sampleCount);
		for (const [label, items] of Object.entries(branches)) {
			expect(items.length).toBeGreaterThan(0);
			for (const item of items) {
				const sentiment = item.sentiment as { label: string; explanation: { summary: string } };
				expect(sentiment.label).toBe(label);
				expect(sentiment.explanation.summary).not.toBe('');
			}
		}
		const escalated = branches.negative[0].sentiment as {
			suggestedActions: Array<{ code: string }>;
		};
		expect(escalated.suggestedActions.length).toBeGreaterThan(0);
	});
});
