import { z } from 'zod';

import { ACTION_CODES, SENTIMENT_LABELS, SIGNAL_TYPES, TREND_DIRECTIONS } from '../result';

/**
 * What the model must fill, built once per engine from the admin's settings: the same spec gives
 * the zod schema that validates the answer and the JSON schema the model is shown, so the two
 * cannot drift apart. The answer is kept compact (output tokens cost more than input ones) and
 * mapped onto the one SentimentResult shape by the engine.
 */

export const CUSTOM_FIELD_TYPES = ['string', 'number', 'boolean', 'enum'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export interface CustomOutputField {
	name: string;
	type: CustomFieldType;
	description?: string;
	/** Required for 'enum'. */
	allowedValues?: string[];
}

export interface OutputSpec {
	/** The admin's own labels; empty means positive / neutral / negative. */
	categories: string[];
	customFields: CustomOutputField[];
}

export class OutputSpecError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'OutputSpecError';
	}
}

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Checks the admin's settings before any call is made, so a typo fails once and clearly. */
export function validateOutputSpec(spec: OutputSpec): OutputSpec {
	const categories = [
		...new Set(spec.categories.map((category) => category.trim()).filter(Boolean)),
	];
	const names = new Set<string>();
	for (const field of spec.customFields) {
		if (!FIELD_NAME.test(field.name)) {
			throw new OutputSpecError(
				`Output field name '${field.name}' must start with a letter or _ and hold only letters, digits and _`,
			);
		}
		if (names.has(field.name))
			throw new OutputSpecError(`Output field '${field.name}' is defined twice`);
		names.add(field.name);
		if (!CUSTOM_FIELD_TYPES.includes(field.type)) {
			throw new OutputSpecError(
				`Output field '${field.name}' has an unknown type '${String(field.type)}'`,
			);
		}
		if (field.type === 'enum' && (field.allowedValues ?? []).filter(Boolean).length === 0) {
			throw new OutputSpecError(`Output field '${field.name}' is an enum without allowed values`);
		}
	}
	return { categories, customFields: spec.customFields };
}

export function labelsOf(spec: OutputSpec): readonly string[] {
	return spec.categories.length > 0 ? spec.categories : SENTIMENT_LABELS;
}

function enumOf(values: readonly string[]) {
	return z.enum(values as [string, ...string[]]);
}

function customFieldZod(field: CustomOutputField): z.ZodTypeAny {
	switch (field.type) {
		case 'string':
			return z.string();
		case 'number':
			return z.number();
		case 'boolean':
			return z.boolean();
		case 'enum':
			return enumOf((field.allowedValues ?? []).filter(Boolean));
	}
}

/**
 * zod schema of the model's answer. Numbers out of range are clamped, not rejected. Actions are
 * codes, worded by us in English; with `actionTexts` (an explanation in another language) the
 * model words each one itself.
 */
export function modelOutputSchema(spec: OutputSpec, actionTexts = false) {
	const actionCode = z.enum(ACTION_CODES);
	const clamp = (min: number, max: number) =>
		z.number().transform((n) => Math.min(max, Math.max(min, n)));
	const shape = {
		label: enumOf(labelsOf(spec)),
		score: clamp(-1, 1),
		confidence: clamp(0, 1),
		summary: z.string(),
		evidence: z.array(z.object({ phrase: z.string(), weight: clamp(-1, 1) })),
		signals: z.array(
			z.object({ type: z.enum(SIGNAL_TYPES), strength: clamp(0, 1), evidence: z.string() }),
		),
		actions: actionTexts
			? z.array(z.object({ code: actionCode, text: z.string() }))
			: z.array(actionCode).transform((codes) => codes.map((code) => ({ code, text: null }))),
		trend: z.enum(TREND_DIRECTIONS),
		custom: z
			.object(
				Object.fromEntries(spec.customFields.map((field) => [field.name, customFieldZod(field)])),
			)
			// Without extra fields the schema the model sees has no `custom`.
			.default({}),
	};
	return z.object(shape);
}
export type ModelOutput = z.infer<ReturnType<typeof modelOutputSchema>>;

type JsonSchema = Record<string, unknown>;

function object(properties: Record<string, JsonSchema>, strict: boolean): JsonSchema {
	return strict
		? { type: 'object', properties, required: Object.keys(properties), additionalProperties: false }
		: { type: 'object', properties };
}

function customFieldJson(field: CustomOutputField): JsonSchema {
	const description = field.description ? { description: field.description } : {};
	if (field.type === 'enum')
		return { type: 'string', enum: (field.allowedValues ?? []).filter(Boolean), ...description };
	return { type: field.type, ...description };
}

/**
 * JSON schema of the answer. Strict is the subset OpenAI's strict structured outputs accept
 * (every property required, no extra properties); the compact form leaves those out, which is
 * about a fifth of the prompt tokens of a call, and relies on our zod validation and one repair.
 * No numeric bounds either way: the prompt states them, once.
 */
export function modelOutputJsonSchema(
	spec: OutputSpec,
	strict = false,
	actionTexts = false,
): JsonSchema {
	const object_ = (properties: Record<string, JsonSchema>) => object(properties, strict);
	const properties: Record<string, JsonSchema> = {
		label: { type: 'string', enum: [...labelsOf(spec)] },
		score: { type: 'number' },
		confidence: { type: 'number' },
		summary: { type: 'string' },
		evidence: {
			type: 'array',
			items: object_({
				phrase: { type: 'string' },
				weight: { type: 'number' },
			}),
		},
		signals: {
			type: 'array',
			items: object_({
				type: { type: 'string', enum: [...SIGNAL_TYPES] },
				strength: { type: 'number' },
				evidence: { type: 'string' },
			}),
		},
		actions: {
			type: 'array',
			items: actionTexts
				? object_({ code: { type: 'string', enum: [...ACTION_CODES] }, text: { type: 'string' } })
				: { type: 'string', enum: [...ACTION_CODES] },
		},
		trend: { type: 'string', enum: [...TREND_DIRECTIONS] },
	};
	if (spec.customFields.length > 0) {
		properties.custom = object_(
			Object.fromEntries(spec.customFields.map((field) => [field.name, customFieldJson(field)])),
		);
	}
	return object_(properties);
}
