import { type Case, caseActivityKey, parseCase } from '../case/case';
import type { SentimentEngine } from './engine';
import { HybridEngine } from './hybrid';
import type { EngineName, SentimentResult } from './result';

function stubEngine(name: EngineName, confidenceOf: (supportCase: Case) => number) {
	const seen: string[] = [];
	const engine: SentimentEngine = {
		name,
		labels: ['positive', 'neutral', 'negative'],
		async classify(supportCase) {
			seen.push(supportCase.id);
			const result: SentimentResult = {
				label: name === 'offline' ? 'neutral' : 'negative',
				score: name === 'offline' ? 0 : -0.7,
				confidence: confidenceOf(supportCase),
				explanation: { summary: name, evidence: [] },
				signals: [],
				suggestedActions: [],
				trend: { direction: 'stable', messagesConsidered: 1, firstScore: null, lastScore: null },
				engine: name,
				decidedBy: name === 'offline' ? 'offline' : 'llm',
				model: name === 'offline' ? null : 'fake',
				usage: {
					inputTokens: name === 'offline' ? 0 : 100,
					outputTokens: name === 'offline' ? 0 : 20,
				},
				latencyMs: name === 'offline' ? 2 : 300,
				activityKey: caseActivityKey(supportCase),
				analyzedAt: '2026-11-23T10:00:00.000Z',
				customFields: {},
			};
			return result;
		},
	};
	return { engine, seen };
}

const sure = parseCase({ id: 'sure', description: 'Thanks, all good' });
const unsure = parseCase({ id: 'unsure', description: 'Hmm, ok I guess' });

describe('hybrid engine', () => {
	const offline = stubEngine('offline', (supportCase) => (supportCase.id === 'sure' ? 0.95 : 0.4));
	const llm = stubEngine('openai', () => 0.9);
	const hybrid = new HybridEngine({ offline: offline.engine, llm: llm.engine, threshold: 0.8 });

	it('keeps a confident offline result and never calls the LLM for it', async () => {
		llm.seen.length = 0;
		const result = await hybrid.classify(sure);
		expect(result).toMatchObject({
			engine: 'hybrid',
			decidedBy: 'offline',
			label: 'neutral',
			usage: { inputTokens: 0 },
		});
		expect(llm.seen).toEqual([]);
	});

	it('asks the LLM when the offline engine is not confident, counting both latencies', async () => {
		const result = await hybrid.classify(unsure);
		expect(result).toMatchObject({
			engine: 'hybrid',
			decidedBy: 'llm',
			label: 'negative',
			model: 'fake',
			latencyMs: 302,
		});
		expect(llm.seen).toContain('unsure');
	});

	it('sends every case to the LLM when the offline engine cannot fill the admin outputs', async () => {
		offline.seen.length = 0;
		const llmOnly = new HybridEngine({
			offline: offline.engine,
			llm: llm.engine,
			threshold: 0.8,
			output: { categories: ['delighted', 'furious'], customFields: [] },
		});
		expect((await llmOnly.classify(sure)).decidedBy).toBe('llm');
		expect(offline.seen).toEqual([]);
	});
});
