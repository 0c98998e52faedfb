import type { SentimentEngine } from '../sentiment/engine';
import { HybridEngine } from '../sentiment/hybrid';
import { createOpenAiEngine, DEFAULT_OPENAI_BASE_URL } from '../sentiment/llm/openai';
import { OFFLINE_CONFIDENCE_FOR_HYBRID, OfflineEngine } from '../sentiment/offline/engine';

/**
 * The engine flags shared by `classify` and `evaluate`, and the engine they make: the same
 * engines as the Case Sentiment node, built from flags and the environment instead of n8n
 * parameters and credentials.
 */

export const CLI_ENGINES = ['offline', 'openai', 'hybrid'] as const;
export type CliEngineName = (typeof CLI_ENGINES)[number];

/** Environment variables read for the API key, the first one set wins. */
export const API_KEY_VARIABLES = ['CASE_SENTIMENT_API_KEY', 'OPENAI_API_KEY'] as const;

export const DEFAULT_MODEL = 'gpt-4o-mini';
export const DEFAULT_LLM_CONCURRENCY = 4;

export const ENGINE_OPTIONS = {
	engine: { type: 'string', default: 'offline' },
	'base-url': { type: 'string', default: DEFAULT_OPENAI_BASE_URL },
	'api-key': { type: 'string' },
	model: { type: 'string', default: DEFAULT_MODEL },
	'responses-api': { type: 'boolean', default: false },
	concurrency: { type: 'string' },
	'hybrid-threshold': { type: 'string' },
} as const;

export const ENGINE_USAGE = `Engine:
  --engine offline|openai|hybrid   default offline (no network, no key)
  --base-url <url>                 OpenAI-compatible API, default ${DEFAULT_OPENAI_BASE_URL}
  --api-key <key>                  or set ${API_KEY_VARIABLES.join(' or ')}
  --model <name>                   default ${DEFAULT_MODEL}
  --responses-api                  use the Responses API instead of Chat Completions
  --concurrency <n>                model calls at once, default ${DEFAULT_LLM_CONCURRENCY}
  --hybrid-threshold <0..1>        offline confidence that hybrid keeps in every language; default
                                   each language's own (${OFFLINE_CONFIDENCE_FOR_HYBRID} in English)`;

export interface EngineFlags {
	engine?: string;
	'base-url'?: string;
	'api-key'?: string;
	model?: string;
	'responses-api'?: boolean;
	concurrency?: string;
	'hybrid-threshold'?: string;
}

export interface CliEngine {
	engine: SentimentEngine;
	concurrency: number;
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

function numberFlag(
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

export function createCliEngine(
	flags: EngineFlags,
	env: Readonly<Record<string, string | undefined>>,
): CliEngine {
	const name = flags.engine ?? 'offline';
	if (!(CLI_ENGINES as readonly string[]).includes(name)) {
		throw new UsageError(`--engine must be one of ${CLI_ENGINES.join(', ')}, not '${name}'`);
	}
	const concurrency =
		flags.concurrency === undefined
			? DEFAULT_LLM_CONCURRENCY
			: numberFlag('concurrency', flags.concurrency, 1, 256, true);
	if (name === 'offline') return { engine: new OfflineEngine(), concurrency, secrets: [] };

	const apiKey =
		flags['api-key'] ?? API_KEY_VARIABLES.map((variable) => env[variable]).find((value) => value);
	if (!apiKey) {
		throw new UsageError(
			`--engine ${name} needs an API key: pass --api-key or set ${API_KEY_VARIABLES.join(' or ')} (any non-empty value for servers that take no key, such as Ollama)`,
		);
	}
	const baseUrl = flags['base-url'] || DEFAULT_OPENAI_BASE_URL;
	if (!/^https?:\/\//.test(baseUrl)) {
		throw new UsageError(
			`--base-url must be an http(s) address such as ${DEFAULT_OPENAI_BASE_URL}`,
		);
	}
	const llm = createOpenAiEngine(
		{ apiKey, baseUrl },
		{
			model: flags.model || DEFAULT_MODEL,
			temperature: 0,
			useResponsesApi: flags['responses-api'] ?? false,
		},
	);
	if (name === 'openai') return { engine: llm, concurrency, secrets: [apiKey] };
	return {
		engine: new HybridEngine({
			offline: new OfflineEngine(),
			llm,
			threshold: flags['hybrid-threshold'] === undefined ? undefined : hybridThreshold(flags),
		}),
		concurrency,
		secrets: [apiKey],
	};
}
