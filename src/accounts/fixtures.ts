import { type Case, type CaseInput, parseCase } from '../case/case';
import { type SentimentResult, type Signal, labelFromScore } from '../sentiment/result';

/**
 * Cases and results for the tests of the roll-up and the threshold rules: a result whose label
 * follows its score, as the offline engine's do, with an escalation when it is negative.
 */
export function sentimentResult(
	score: number,
	activityKey: string,
	overrides: Partial<SentimentResult> = {},
): SentimentResult {
	const label = labelFromScore(score);
	return {
		label,
		score,
		confidence: 0.9,
		explanation: { summary: `scored ${score}`, evidence: [] },
		signals: [] as Signal[],
		suggestedActions: label === 'negative' ? [{ code: 'escalate', text: 'Escalate the case' }] : [],
		trend: { direction: 'stable', messagesConsidered: 1, firstScore: score, lastScore: score },
		engine: 'offline',
		decidedBy: 'offline',
		model: null,
		usage: { inputTokens: 0, outputTokens: 0 },
		latencyMs: 1,
		activityKey,
		analyzedAt: '2026-11-23T08:00:00Z',
		customFields: {},
		...overrides,
	};
}

export function accountCase(id: string, overrides: Partial<CaseInput> = {}): Case {
	return parseCase({
		id,
		subject: `Case ${id}`,
		description: 'It does not work',
		account: { id: 'acme', name: 'Acme' },
		createdAt: '2026-11-23T07:00:00Z',
		...overrides,
	});
}
