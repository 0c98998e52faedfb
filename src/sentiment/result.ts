import { z } from 'zod';

/**
 * The one result shape that every engine returns (offline, OpenAI-compatible, connected chat
 * model, hybrid). Nodes add it to the item under one key; threshold rules and account roll-ups
 * read it back, so it is validated on the way in as well as on the way out.
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

const unitScore = z.number().min(-1).max(1);
const probability = z.number().min(0).max(1);

export const evidenceSchema = z.object({
	/** The message the phrase comes from ('description' for the opening, 'text' for plain text). */
	messageId: z.string(),
	phrase: z.string(),
	/** Signed contribution to the score: below 0 pulls towards negative. */
	weight: z.number(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const signalSchema = z.object({
	type: z.enum([...SIGNAL_TYPES, ...READING_SIGNAL_TYPES]),
	strength: probability,
	evidence: z.string(),
});
export type Signal = z.infer<typeof signalSchema>;

export const suggestedActionSchema = z.object({
	code: z.enum(ACTION_CODES),
	text: z.string(),
});
export type SuggestedAction = z.infer<typeof suggestedActionSchema>;

export const trendSchema = z.object({
	direction: z.enum(TREND_DIRECTIONS),
	/** Requester messages the trend was read from; fewer than two means 'stable' by default. */
	messagesConsidered: z.number().int().min(0),
	firstScore: unitScore.nullable(),
	lastScore: unitScore.nullable(),
});
export type Trend = z.infer<typeof trendSchema>;

export const usageSchema = z.object({
	inputTokens: z.number().int().min(0),
	outputTokens: z.number().int().min(0),
});
export type Usage = z.infer<typeof usageSchema>;

export const sentimentResultSchema = z.object({
	/** positive / neutral / negative, or one of the admin's own categories. */
	label: z.string().min(1),
	/** Polarity of the label on one scale whatever the categories: -1 very negative, 1 very positive. */
	score: unitScore,
	confidence: probability,
	explanation: z.object({
		summary: z.string(),
		evidence: z.array(evidenceSchema),
	}),
	signals: z.array(signalSchema),
	/** Empty unless the sentiment is negative (or a closing positive case earns a survey). */
	suggestedActions: z.array(suggestedActionSchema),
	trend: trendSchema,
	engine: z.enum(ENGINE_NAMES),
	/** Which engine made the call: for hybrid, offline when it was confident enough, llm otherwise. */
	decidedBy: z.enum(['offline', 'llm']),
	model: z.string().nullable(),
	usage: usageSchema,
	latencyMs: z.number().min(0),
	/** caseActivityKey of the case as classified: equal keys mean nothing new to classify. */
	activityKey: z.string(),
	analyzedAt: z.string(),
	/** The admin's extra output fields, validated against their own zod schema. */
	customFields: z.record(z.unknown()),
	/**
	 * True when the offline engine, run beside the model, reads the customer's words the other
	 * way (a model steered by text in the case shows this way): review before acting on it.
	 * Absent means false: an offline result has no second opinion to disagree with.
	 */
	disagreement: z.boolean().optional(),
	/**
	 * With the five-level scale: very_negative .. very_positive, read from label and score (see
	 * levels.ts); absent with the three labels.
	 */
	level: z.enum(SENTIMENT_LEVELS).optional(),
	/** With the five-level scale: the score on 0..100, 50 neutral, as Freshdesk shows it. */
	score100: z.number().int().min(0).max(100).optional(),
	/** The customer's language as ISO 639-1 (de, es, ja, ...), or null where it is not known. */
	language: z.string().nullable().optional(),
	/**
	 * Proof that this package made the result with the engine configuration that reads it back
	 * (an HMAC, see classifyCases.ts); set where the caller holds a secret, as the node does.
	 */
	seal: z.string().optional(),
});
export type SentimentResult = z.infer<typeof sentimentResultSchema>;

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
