import type { SentimentEngine } from '../sentiment/engine';
import { createEngine, ENGINE_DEFAULTS, type EngineSpec, engineSpec } from '../sentiment/factory';
import { SENTIMENT_SCALES, type SentimentScale } from '../sentiment/levels';
import { OFFLINE_CONFIDENCE_FOR_HYBRID } from '../sentiment/offline/engine';

/**
 * The engine flags shared by `classify` and `evaluate`, and the engine they make: the same
 * engines as the Case Sentiment node, built from flags and the environment instead of n8n
 * parameters and credentials.
 */

export const CLI_ENGINES = ['offline', 'openai', 'hybrid'] as const;
export type CliEngineName = (typeof CLI_ENGINES)[number];

/** Environment variables read for the API key, the first one set wins. */
export const API_KEY_VARIABLES = ['CASE_SENTIMENT_API_KEY', 'OPENAI_API_KEY'] as const;

export const ENGINE_OPTIONS = {
	engine: { type: 'string', default: 'offline' },
	'base-url': { type: 'string', default: ENGINE_DEFAULTS.baseUrl },
	'api-key': { type: 'string' },
	model: { type: 'string', default: ENGINE_DEFAULTS.model },
	'responses-api': { type: 'boolean', default: false },
	concurrency: { type: 'string' },
	'hybrid-threshold': { type: 'string' },
	scale: { type: 'string', default: 'labels' },
} as const;

export const ENGINE_USAGE = `Engine:
  --engine offline|openai|hybrid   default offline (no network, no key)
  --base-url <url>                 OpenAI-compatible API, default ${ENGINE_DEFAULTS.baseUrl}
  --api-key <key>                  or set ${API_KEY_VARIABLES.join(' or ')}
  --model <name>                   default ${ENGINE_DEFAULTS.model}
  --responses-api                  use the Responses API instead of Chat Completions
  --concurrency <n>                model calls at once, default ${ENGINE_DEFAULTS.concurrency}
  --hybrid-threshold <0..1>        offline confidence that hybrid keeps in every language; default
                                   each language's own (${OFFLINE_CONFIDENCE_FOR_HYBRID} in English)
  --scale labels|levels            levels adds "level" (very_negative .. very_positive) and
                                   "score100" (0..100, 50 neutral) to every result; default labels`;

export interface EngineFlags {
	engine?: string;
	'base-url'?: string;
	'api-key'?: string;
	model?: string;
	'responses-api'?: boolean;
	concurrency?: string;
	'hybrid-threshold'?: string;
	scale?: string;
}

export interface CliEngine {
	engine: SentimentEngine;
	concurrency: number;
	/** The three labels, or the five levels and the 0-100 score as well. */
	scale: SentimentScale;
	/** Strings that must never be printed (the API key). */
	secrets: string[];
}

/** A mistake in the flags: reported with the usage, exit code 2. */
export class UsageError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UsageError';
	}
}

/** A numeric flag in its range, or a usage error that says what the flag takes. */
export function numberFlag(
	name: string,
	value: string,
	min: number,
	max: number,
	integer: boolean,
): number {
	const parsed = Number(value);
	if (
		value.trim() === '' ||
		!Number.isFinite(parsed) ||
		parsed < min ||
		parsed > max ||
		(integer && !Number.isInteger(parsed))
	) {
		throw new UsageError(
			`--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, not '${value}'`,
		);
	}
	return parsed;
}

/** The offline confidence that hybrid keeps (and that `evaluate` reports coverage at). */
export function hybridThreshold(flags: EngineFlags): number {
	return flags['hybrid-threshold'] === undefined
		? OFFLINE_CONFIDENCE_FOR_HYBRID
		: numberFlag('hybrid-threshold', flags['hybrid-threshold'], 0, 1, false);
}

export async function createCliEngine(
	flags: EngineFlags,
	env: Readonly<Record<string, string | undefined>>,
): Promise<CliEngine> {
	const spec = engineSpecFromFlags(flags, env);
	const secrets = spec.api ? [spec.api.connection.apiKey] : [];
	return {
		engine: await createEngine(spec),
		concurrency: spec.concurrency,
		scale: scaleFlag(flags.scale),
		secrets,
	};
}

function scaleFlag(value: string | undefined): SentimentScale {
	const scale = value ?? 'labels';
	if (!(SENTIMENT_SCALES as readonly string[]).includes(scale)) {
		throw new UsageError(`--scale must be one of ${SENTIMENT_SCALES.join(', ')}, not '${scale}'`);
	}
	return scale as SentimentScale;
}

/** The flags and the environment as an engine spec; the defaults are the factory's. */
export function engineSpecFromFlags(
	flags: EngineFlags,
	env: Readonly<Record<string, string | undefined>>,
): EngineSpec {
	const name = flags.engine ?? ENGINE_DEFAULTS.kind;
	if (!(CLI_ENGINES as readonly string[]).includes(name)) {
		throw new UsageError(`--engine must be one of ${CLI_ENGINES.join(', ')}, not '${name}'`);
	}
	const concurrency =
		flags.concurrency === undefined
			? ENGINE_DEFAULTS.concurrency
			: numberFlag('concurrency', flags.concurrency, 1, 256, true);
	if (name === 'offline') return engineSpec({ kind: 'offline', concurrency });

	const apiKey =
		flags['api-key'] ?? API_KEY_VARIABLES.map((variable) => env[variable]).find((value) => value);
	if (!apiKey) {
		throw new UsageError(
			`--engine ${name} needs an API key: pass --api-key or set ${API_KEY_VARIABLES.join(' or ')} (any non-empty value for servers that take no key, such as Ollama)`,
		);
	}
	const baseUrl = flags['base-url'] || ENGINE_DEFAULTS.baseUrl;
	if (!/^https?:\/\//.test(baseUrl)) {
		throw new UsageError(
			`--base-url must be an http(s) address such as ${ENGINE_DEFAULTS.baseUrl}`,
		);
	}
	return engineSpec({
		kind: name as CliEngineName,
		concurrency,
		api: {
			connection: { apiKey, baseUrl },
			model: flags.model || ENGINE_DEFAULTS.model,
			temperature: ENGINE_DEFAULTS.temperature,
			useResponsesApi: flags['responses-api'] ?? ENGINE_DEFAULTS.useResponsesApi,
		},
		// Unset, hybrid keeps each language's own calibrated confidence.
		hybridThreshold:
			name === 'hybrid' && flags['hybrid-threshold'] !== undefined
				? hybridThreshold(flags)
				: undefined,
	});
}
