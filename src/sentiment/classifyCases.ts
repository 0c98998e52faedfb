import { createHmac, timingSafeEqual } from 'node:crypto';

import type { Case } from '../case/case';
import { caseActivityKey } from '../case/case';
import type { ResultSealer, SentimentEngine } from './engine';
import type { SentimentResult, Usage } from './result';
import { mapWithConcurrency } from './concurrency';
import { type SentimentScale, onScale } from './levels';

/**
 * The one classification path of the package (the Case Sentiment node, the threshold trigger
 * and the command line): many cases through one engine, a case whose earlier result still
 * answers the same question is not sent again, the others run with bounded concurrency, and
 * every input gets exactly one outcome at its own position, so no item is dropped or moved.
 *
 * An earlier result travels in the item itself, and anything upstream can write an item: a
 * result is reused only when it carries a seal that only this engine configuration could have
 * made. The seal is an HMAC-SHA256 with a secret the caller holds (the node keeps a random key
 * in its workflow static data, which no item, expression or upstream node reads) over the
 * engine configuration and the whole result. A forged or edited result, one made by another
 * model, prompt, categories or package version, and one made where no secret is held, is not
 * reused: the case is classified again.
 */

/**
 * The result schema, loaded when a result is read back or sealed: zod is no part of a command
 * line run with the offline engine, whose results are built by the engine itself.
 */
function resultSchema(): typeof import('./result').sentimentResultSchema {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
	return (require('./result') as typeof import('./result')).sentimentResultSchema;
}

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
	const parsed = resultSchema().safeParse(previous);
	if (!parsed.success) return null;
	return parsed.data.activityKey === caseActivityKey(supportCase) ? parsed.data : null;
}

/** JSON with object keys sorted, so that equal values give equal text whatever their key order. */
export function stableJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, item]) => item !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** Signs results of one engine configuration and checks the seals that items carry back. */
export class ResultSeal implements ResultSealer {
	constructor(
		private readonly secret: string,
		/** Everything that makes an answer what it is: engine, model, prompt, outputs, version. */
		private readonly configuration: string,
	) {}

	sign(result: SentimentResult): string {
		// The level and 0-100 score are read from label and score on every run (levels.ts), so
		// the seal covers what they are read from, whichever scale the result was shown on.
		const {
			seal: _seal,
			level: _level,
			score100: _score100,
			...content
		} = resultSchema().parse(result);
		return createHmac('sha256', this.secret)
			.update(this.configuration)
			.update('\u0000')
			.update(stableJson(content))
			.digest('base64url');
	}

	verify(result: SentimentResult): boolean {
		if (typeof result.seal !== 'string') return false;
		const expected = Buffer.from(this.sign(result));
		const given = Buffer.from(result.seal);
		return given.length === expected.length && timingSafeEqual(given, expected);
	}
}

/**
 * An earlier result is reused only when this engine sealed it (same configuration, not edited
 * since), it has a label the engine may still give, and it was made for the same case activity.
 */
export function reusableResult(
	previous: unknown,
	supportCase: Case,
	engine: SentimentEngine,
): SentimentResult | null {
	if (!engine.seal) return null;
	const same = resultForSameActivity(previous, supportCase);
	if (!same || same.engine !== engine.name || !engine.labels.includes(same.label)) return null;
	return engine.seal.verify(same) ? same : null;
}

export async function classifyCases(
	engine: SentimentEngine,
	cases: ReadonlyArray<{ supportCase: Case; previous?: unknown }>,
	concurrency: number,
	scale: SentimentScale = 'labels',
): Promise<CaseOutcome[]> {
	return mapWithConcurrency(
		cases,
		concurrency,
		async ({ supportCase, previous }): Promise<CaseOutcome> => {
			const same = reusableResult(previous, supportCase, engine);
			if (same) return { status: 'unchanged', result: onScale(same, scale) };
			try {
				const result = onScale(await engine.classify(supportCase), scale);
				return {
					status: 'classified',
					result: engine.seal ? { ...result, seal: engine.seal.sign(result) } : result,
				};
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
