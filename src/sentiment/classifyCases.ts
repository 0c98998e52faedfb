import type { Case } from '../case/case';
import { caseActivityKey } from '../case/case';
import type { SentimentEngine } from './engine';
import { type SentimentResult, type Usage, sentimentResultSchema } from './result';
import { mapWithConcurrency } from './concurrency';

/**
 * The one classification path of the package (the Case Sentiment node, the threshold trigger
 * and the command line): many cases through one engine, a case whose earlier result still
 * answers the same question is not sent again, the others run with bounded concurrency, and
 * every input gets exactly one outcome at its own position, so no item is dropped or moved.
 */

export type CaseOutcome =
	| { status: 'classified'; result: SentimentResult }
	| { status: 'unchanged'; result: SentimentResult }
	| { status: 'failed'; error: Error };

/** The previous result if it was made for exactly this activity of the case, else null. */
export function resultForSameActivity(
	previous: unknown,
	supportCase: Case,
): SentimentResult | null {
	if (!previous || typeof previous !== 'object') return null;
	const parsed = sentimentResultSchema.safeParse(previous);
	if (!parsed.success) return null;
	return parsed.data.activityKey === caseActivityKey(supportCase) ? parsed.data : null;
}

/**
 * An earlier result is reused only when it answers the same question: made by the same engine,
 * with a label the engine may still give (an admin can have changed the categories), for the
 * same case activity.
 */
export function reusableResult(
	previous: unknown,
	supportCase: Case,
	engine: SentimentEngine,
): SentimentResult | null {
	const same = resultForSameActivity(previous, supportCase);
	if (!same || same.engine !== engine.name || !engine.labels.includes(same.label)) return null;
	return same;
}

export async function classifyCases(
	engine: SentimentEngine,
	cases: ReadonlyArray<{ supportCase: Case; previous?: unknown }>,
	concurrency: number,
): Promise<CaseOutcome[]> {
	return mapWithConcurrency(
		cases,
		concurrency,
		async ({ supportCase, previous }): Promise<CaseOutcome> => {
			const same = reusableResult(previous, supportCase, engine);
			if (same) return { status: 'unchanged', result: same };
			try {
				return { status: 'classified', result: await engine.classify(supportCase) };
			} catch (error) {
				return {
					status: 'failed',
					error: error instanceof Error ? error : new Error(String(error)),
				};
			}
		},
	);
}

/** Tokens spent by this run only: unchanged cases cost nothing now. */
export function totalUsage(outcomes: readonly CaseOutcome[]): Usage & { calls: number } {
	const total = { inputTokens: 0, outputTokens: 0, calls: 0 };
	for (const outcome of outcomes) {
		if (outcome.status !== 'classified') continue;
		total.inputTokens += outcome.result.usage.inputTokens;
		total.outputTokens += outcome.result.usage.outputTokens;
		total.calls += 1;
	}
	return total;
}
