/**
 * The five-level scale that ServiceNow's case sentiment and Zendesk's sentiment tags use, beside
 * the three labels every engine gives. A level is read from the result the engine already made,
 * never asked of the engine again, so every engine (offline, API, connected model, hybrid) gives
 * the same level for the same label and score:
 *
 * | level          | label    | score          | 0-100 view |
 * |----------------|----------|----------------|------------|
 * | very_negative  | negative | -1 to -0.6     | 0 to 20    |
 * | negative       | negative | above -0.6     | above 20   |
 * | neutral        | neutral  | any            | any        |
 * | positive       | positive | below 0.6      | below 80   |
 * | very_positive  | positive | 0.6 to 1       | 80 to 100  |
 *
 * The polarity comes from the label, so a level never contradicts it (an engine may call a case
 * negative at -0.04); the admin's own categories (LLM engines) take their polarity from the score.
 */

import type { SentimentResult } from './result';
import { type SentimentLevel, polarityOf } from './vocabulary';

/** How the node and the command line report sentiment: the three labels, or five levels too. */
export const SENTIMENT_SCALES = ['labels', 'levels'] as const;
export type SentimentScale = (typeof SENTIMENT_SCALES)[number];

/** From this score away from 0 on, a polar case is "very" negative or positive. */
export const STRONG_SCORE = 0.6;

/** The score -1..1 as Freshdesk-style 0..100 (50 is neutral). */
export function scoreOutOf100(score: number): number {
	return Math.round((Math.min(1, Math.max(-1, score)) + 1) * 50);
}

export function levelOf(result: Pick<SentimentResult, 'label' | 'score'>): SentimentLevel {
	const polarity = polarityOf(result);
	if (polarity === 'negative') return result.score <= -STRONG_SCORE ? 'very_negative' : 'negative';
	if (polarity === 'positive') return result.score >= STRONG_SCORE ? 'very_positive' : 'positive';
	return 'neutral';
}

/**
 * The result on the scale asked for: with its level and 0-100 score for the five levels, without
 * them for the three labels (a result reused from a run on the other scale is read again).
 */
export function onScale(result: SentimentResult, scale: SentimentScale): SentimentResult {
	const { level: _level, score100: _score100, ...threeLabels } = result;
	if (scale === 'labels') return threeLabels;
	return { ...threeLabels, level: levelOf(result), score100: scoreOutOf100(result.score) };
}
