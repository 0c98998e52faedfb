import { z } from 'zod';

import {
	ACTION_CODES,
	ENGINE_NAMES,
	READING_SIGNAL_TYPES,
	SENTIMENT_LEVELS,
	SIGNAL_TYPES,
	TREND_DIRECTIONS,
} from './vocabulary';

/**
 * The one result shape that every engine returns (offline, OpenAI-compatible, connected chat
 * model, hybrid). Nodes add it to the item under one key; threshold rules and account roll-ups
 * read it back, so it is validated on the way in as well as on the way out.
 */

export * from './vocabulary';

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
