import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { MINUTE_MS } from '../case/time';
import { ResultSeal, stableJson } from './classifyCases';
import type { SentimentEngine } from './engine';
import type { ChatModelLike, LlmEngine, LlmEngineOptions } from './llm/engine';
import type { OpenAiConnection } from './llm/openai';
import type { PromptOptions } from './llm/prompt';
import type { OutputSpec } from './llm/schema';
import { OfflineEngine } from './offline/engine';

/**
 * The one place an engine is built. The Case Sentiment node, the Sentiment Threshold Trigger,
 * the command line and the benchmarks each turn their own settings (node parameters, flags) into
 * an `EngineSpec`, with the defaults below written once, and call `createEngine`.
 *
 * The LLM modules (prompt, retry, hybrid, LangChain) are loaded only when an LLM engine is
 * chosen: LangChain takes longer to load than the offline engine takes to classify a file, and
 * the command line's start-up with the offline engine should pay for none of them.
 */

export const ENGINE_KINDS = [
	'offline',
	'openai',
	'chatModel',
	'hybrid',
	'hybridChatModel',
] as const;
export type EngineKind = (typeof ENGINE_KINDS)[number];

/** Engines that call the OpenAI-compatible API of a credential (or of the CLI's flags). */
export const API_ENGINE_KINDS: readonly EngineKind[] = ['openai', 'hybrid'];
/** Engines that use a chat model an n8n node has connected to its Model input. */
export const CHAT_MODEL_ENGINE_KINDS: readonly EngineKind[] = ['chatModel', 'hybridChatModel'];
export const LLM_ENGINE_KINDS: readonly EngineKind[] = [
	...API_ENGINE_KINDS,
	...CHAT_MODEL_ENGINE_KINDS,
];

export const ENGINE_DEFAULTS = {
	kind: 'offline',
	/** OpenAI's own; a credential or --base-url names any other OpenAI-compatible server. */
	baseUrl: 'https://api.openai.com/v1',
	model: 'gpt-4o-mini',
	temperature: 0,
	useResponsesApi: false,
	/**
	 * Model calls in flight at once: enough to hide a model's latency, few enough for the request
	 * rate of a first-tier OpenAI key (8 calls of about a second each is under 500 a minute) and
	 * for a local Ollama, which queues what it cannot run in parallel.
	 */
	concurrency: 8,
	/** Per model call; a call that takes longer is retried like a dropped connection. */
	timeoutMs: MINUTE_MS,
	/** Further attempts after a failed call (429 waits for Retry-After; 5xx and timeouts back off). */
	retries: 3,
} as const;

export interface ApiModelSpec {
	connection: OpenAiConnection;
	model: string;
	temperature: number;
	useResponsesApi: boolean;
}

export interface EngineSpec {
	kind: EngineKind;
	/** For 'openai' and 'hybrid'. */
	api?: ApiModelSpec;
	/**
	 * For 'chatModel' and 'hybridChatModel': the model object n8n hands over. It comes from n8n's
	 * own copy of @langchain/core, so it is used through `invoke` alone, never `instanceof`.
	 */
	chatModel?: unknown;
	output: OutputSpec;
	prompt: Partial<PromptOptions>;
	concurrency: number;
	timeoutMs: number;
	retries: number;
	/**
	 * The transport of the API engines: inside n8n a fetch on n8n's request helpers, so that its
	 * SSRF protection and proxy apply; unset, the platform's fetch (the command line).
	 */
	fetch?: typeof fetch;
	/** Whether LangChain may trace the model calls to LangSmith when the environment asks it to. */
	tracing?: boolean;
	/**
	 * A secret the caller holds and no input item can read (the node keeps one in its static
	 * data): with it the engine seals its results, and only sealed results of the same
	 * configuration are reused. Without it nothing is reused.
	 */
	resultKey?: string;
	/**
	 * The offline confidence hybrid keeps, for every language; unset, the offline engine's own
	 * calibrated threshold applies (the command line's --hybrid-threshold sets it).
	 */
	hybridThreshold?: number;
}

/** A spec with every default filled in; callers override what their settings say. */
export function engineSpec(settings: Partial<EngineSpec> = {}): EngineSpec {
	return {
		kind: ENGINE_DEFAULTS.kind,
		output: { categories: [], customFields: [] },
		prompt: {},
		concurrency: ENGINE_DEFAULTS.concurrency,
		timeoutMs: ENGINE_DEFAULTS.timeoutMs,
		retries: ENGINE_DEFAULTS.retries,
		...settings,
	};
}

/** A spec that cannot make an engine: the message says which setting to fix. */
export class EngineSpecError extends Error {
	constructor(
		message: string,
		readonly hint: string,
	) {
		super(message);
		this.name = 'EngineSpecError';
	}
}

/** Parts a caller may supply instead of the real ones (tests stub the offline engine). */
export interface EngineParts {
	offline?: SentimentEngine;
}

export async function createEngine(
	spec: EngineSpec,
	parts: EngineParts = {},
): Promise<SentimentEngine> {
	const engine = await createUnsealedEngine(spec, parts);
	if (!spec.resultKey) return engine;
	const seal = new ResultSeal(spec.resultKey, engineConfiguration(spec));
	return { name: engine.name, labels: engine.labels, seal, classify: (c) => engine.classify(c) };
}

/** The package's own version, read from its package.json wherever the code runs from. */
function packageVersion(): string {
	for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
		const file = path.join(dir, 'package.json');
		if (!existsSync(file)) continue;
		const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
		if (json.name === 'n8n-nodes-case-sentiment') return json.version ?? 'unknown';
	}
	return 'unknown';
}

/**
 * What makes an engine's answer what it is, as one text: a result sealed under another
 * configuration (another model, base URL, prompt, categories, fields, package version) is not
 * reused. Secrets (the API key) are left out; the base URL stands for the server.
 */
export function engineConfiguration(spec: EngineSpec): string {
	const named = (spec.chatModel ?? {}) as { model?: unknown; modelName?: unknown };
	const llm = LLM_ENGINE_KINDS.includes(spec.kind);
	return stableJson({
		package: `n8n-nodes-case-sentiment@${packageVersion()}`,
		kind: spec.kind,
		api: spec.api && {
			baseUrl: spec.api.connection.baseUrl,
			organization: spec.api.connection.organization,
			model: spec.api.model,
			temperature: spec.api.temperature,
			useResponsesApi: spec.api.useResponsesApi,
		},
		chatModel:
			spec.chatModel === undefined ? undefined : String(named.model ?? named.modelName ?? ''),
		output: llm ? spec.output : undefined,
		prompt: llm ? { ...defaultPromptOptions(), ...spec.prompt } : undefined,
		hybridThreshold: spec.hybridThreshold,
	});
}

/** The prompt's defaults, read from the LLM modules only when an LLM engine is configured. */
function defaultPromptOptions(): PromptOptions {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see the top
	return (require('./llm/prompt') as typeof import('./llm/prompt')).DEFAULT_PROMPT_OPTIONS;
}

async function createUnsealedEngine(
	spec: EngineSpec,
	parts: EngineParts,
): Promise<SentimentEngine> {
	const offline = () => parts.offline ?? new OfflineEngine();
	switch (spec.kind) {
		case 'offline':
			return offline();
		case 'openai':
		case 'chatModel':
			return await createLlmEngine(spec, offline());
		case 'hybrid':
		case 'hybridChatModel': {
			const { HybridEngine } = await import('./hybrid');
			return new HybridEngine({
				offline: offline(),
				llm: await createLlmEngine(spec, offline()),
				output: spec.output,
				threshold: spec.hybridThreshold,
			});
		}
	}
}

/** Every LLM engine has the offline engine beside it as a second opinion on each answer. */
async function createLlmEngine(spec: EngineSpec, offline: SentimentEngine): Promise<LlmEngine> {
	const { DEFAULT_RETRY } = await import('./llm/retry');
	const shared: Omit<LlmEngineOptions, 'name' | 'model' | 'modelName'> = {
		crossCheck: offline,
		output: spec.output,
		prompt: spec.prompt,
		retry: { ...DEFAULT_RETRY, retries: spec.retries },
		timeoutMs: spec.timeoutMs,
		tracing: spec.tracing ?? false,
	};
	if (API_ENGINE_KINDS.includes(spec.kind)) {
		if (!spec.api) throw new Error(`The ${spec.kind} engine needs the API settings`);
		const { createOpenAiEngine } = await import('./llm/openai');
		return createOpenAiEngine(
			spec.api.connection,
			{
				model: spec.api.model,
				temperature: spec.api.temperature,
				useResponsesApi: spec.api.useResponsesApi,
				timeoutMs: spec.timeoutMs,
			},
			{ ...shared, fetch: spec.fetch },
		);
	}
	const model = spec.chatModel as ChatModelLike | undefined;
	if (!model || typeof model.invoke !== 'function') {
		throw new EngineSpecError(
			'Connect a Chat Model sub-node to the Model input',
			'Or choose the Offline or the OpenAI-Compatible API engine, which need no connected model.',
		);
	}
	const { LlmEngine } = await import('./llm/engine');
	const named = model as { model?: string; modelName?: string };
	return new LlmEngine({
		...shared,
		name: 'chatModel',
		model,
		modelName: named.model ?? named.modelName ?? null,
	});
}
