/**
 * The words a result is written in: its labels, levels, signal and action codes, trend
 * directions and engine names, and how a result's polarity is read. Plain values with no zod:
 * the offline engine and the command line use them without loading the schemas of result.ts,
 * which re-exports all of it.
 */

export const SENTIMENT_LABELS = ['positive', 'neutral', 'negative'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

/** The five-level scale beside the three labels (see levels.ts for how a level is read). */
export const SENTIMENT_LEVELS = [
	'very_negative',
	'negative',
	'neutral',
	'positive',
	'very_positive',
] as const;
export type SentimentLevel = (typeof SENTIMENT_LEVELS)[number];

export const SIGNAL_TYPES = [
	'frustration',
	'anger',
	'urgency',
	'churn_risk',
	'repeat_contact',
	'waiting',
	'refund_request',
	'escalation_request',
	'confusion',
	'sarcasm',
	'gratitude',
	'resolution',
] as const;
/**
 * Signals about the engine's own reading rather than the customer's mood: kept apart from
 * SIGNAL_TYPES, which is what a model is asked to choose from.
 */
export const READING_SIGNAL_TYPES = [
	/** The offline engine does not read the case's language: neutral at confidence 0, a non-result. */
	'unsupported_language',
] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number] | (typeof READING_SIGNAL_TYPES)[number];

export const ACTION_CODES = [
	'escalate',
	'callback',
	'reassign',
	'apologize',
	'expedite',
	'retention_offer',
	'refund_review',
	'clarify',
	'survey',
] as const;
export type ActionCode = (typeof ACTION_CODES)[number];

export const TREND_DIRECTIONS = ['improving', 'worsening', 'stable'] as const;
export type TrendDirection = (typeof TREND_DIRECTIONS)[number];

export const ENGINE_NAMES = ['offline', 'openai', 'chatModel', 'hybrid'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** Where a label sits on the score scale, for categories that are not the three polarities. */
export function polarityOfScore(score: number, neutralBand = 0.05): SentimentLabel {
	if (score <= -neutralBand) return 'negative';
	if (score >= neutralBand) return 'positive';
	return 'neutral';
}

/**
 * The polarity of a result: its label when that is one of the three, else where its score sits
 * (admins' own categories, e.g. 'furious' or 'delighted'). The one reading of it for health,
 * levels and the LLM cross-check.
 */
export function polarityOf(result: { label: string; score: number }): SentimentLabel {
	const label = result.label.toLowerCase();
	if ((SENTIMENT_LABELS as readonly string[]).includes(label)) return label as SentimentLabel;
	return polarityOfScore(result.score);
}

/**
 * Whether a result says anything about the customer's mood. Confidence 0 is how an engine says
 * it could not read the case (a language the offline engine does not read): such a result is
 * neither a neutral case in a health figure, nor a point in a threshold history, nor a reading
 * before or after an agent's reply.
 */
export function isAnalysed(result: { confidence: number }): boolean {
	return result.confidence > 0;
}
