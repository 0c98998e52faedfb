import { randomBytes } from 'node:crypto';

import {
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IPollFunctions,
	NodeConnectionTypes,
} from 'n8n-workflow';

import {
	API_ENGINE_KINDS,
	CHAT_MODEL_ENGINE_KINDS,
	ENGINE_DEFAULTS,
	ENGINE_KINDS,
	type EngineKind,
	type EngineSpec,
	EngineSpecError,
	engineSpec,
} from '../../src/sentiment/factory';
import { extraHeaders } from '../../src/http/headers';
import {
	DEFAULT_PROMPT_OPTIONS,
	type ExplanationLanguage,
	type PromptField,
} from '../../src/sentiment/llm/prompt';
import type { CustomOutputField } from '../../src/sentiment/llm/schema';
import { SECOND_MS } from '../../src/case/time';
import { OPENAI_CREDENTIAL } from './engineDescription';
import { fetchThroughN8n, type HttpRequestHelper } from './modelFetch';

/**
 * The engine parameters (see engineDescription.ts) read into the factory's EngineSpec. Any node
 * reads them the same way through `EngineParameters`: an action node from its first item, a
 * trigger from its node parameters.
 */
export interface EngineParameters {
	parameter(name: string, fallback: unknown): unknown;
	credentials(type: string): Promise<ICredentialDataDecryptedObject>;
	/** Only a node with an `ai_languageModel` input has one. */
	connectedChatModel?: () => Promise<unknown>;
	/** n8n's request helper: the API engines call the model through it (SSRF rules, proxy). */
	httpRequest?: HttpRequestHelper;
	/** The secret that seals results for reuse; a node without one reuses nothing. */
	resultKey?: () => string;
}

/** Each workflow's result key in this n8n process (see `processResultKey`). */
const resultKeys = new Map<string, string>();

/**
 * The workflow's result key: 32 random bytes made on first use and kept in this process's memory,
 * so that every Case Sentiment node of the workflow reuses the results the others sealed while
 * this n8n process runs (in queue mode, on the same worker). Item data cannot reach it, so an
 * upstream item cannot forge a seal. A result sealed by another process (another worker, n8n
 * before a restart) is classified again, never trusted.
 *
 * It is not kept in the workflow's static data: n8n 2.41.1 saves the static data an execution
 * changed as the workflow's whole static data, and an execution (above all on a queue-mode worker,
 * which gets none) holds an old or empty copy, so the write wiped the triggers' poll state: a
 * restarted or republished trigger then started from "now" and skipped activity.
 */
function processResultKey(context: IExecuteFunctions): string {
	const workflowId = context.getWorkflow().id ?? '';
	let key = resultKeys.get(workflowId);
	if (!key) {
		key = randomBytes(32).toString('base64url');
		resultKeys.set(workflowId, key);
	}
	return key;
}

/** An action node's engine parameters: the engine cannot vary per item, so item 0's are read. */
export function executeEngineParameters(context: IExecuteFunctions): EngineParameters {
	return {
		parameter: (name, fallback) => context.getNodeParameter(name, 0, fallback),
		credentials: async (type) => await context.getCredentials(type),
		connectedChatModel: async () =>
			await context.getInputConnectionData(NodeConnectionTypes.AiLanguageModel, 0),
		httpRequest: async (options) => await context.helpers.httpRequest(options),
		resultKey: () => processResultKey(context),
	};
}

/** A polling trigger's engine parameters: its node parameters, and no Model input. */
export function pollEngineParameters(context: IPollFunctions): EngineParameters {
	return {
		parameter: (name, fallback) => context.getNodeParameter(name, fallback as never) as unknown,
		credentials: async (type) => await context.getCredentials(type),
		httpRequest: async (options) => await context.helpers.httpRequest(options),
	};
}

interface LlmOptions {
	promptFields?: PromptField[];
	concurrency?: number;
	includeInternalNotes?: boolean;
	retries?: number;
	systemPrompt?: string;
	temperature?: number;
	timeoutSeconds?: number;
	langSmithTracing?: boolean;
	explanationLanguage?: 'english' | 'customer' | 'named';
	explanationLanguageName?: string;
}

/** The explanation language option: a named language needs its name. */
function explanationLanguageOf(options: LlmOptions): ExplanationLanguage {
	if (options.explanationLanguage === 'customer') return { kind: 'customer' };
	if (options.explanationLanguage !== 'named') return { kind: 'english' };
	const name = String(options.explanationLanguageName ?? '').trim();
	if (name === '') {
		throw new EngineSpecError(
			'Explanation Language is Other Language, but no language is named',
			"Set 'Explanation Language Name' in LLM Options, e.g. German.",
		);
	}
	return { kind: 'named', name: name.slice(0, 40) };
}

function splitList(value: unknown): string[] {
	return String(value ?? '')
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}

/** The engine the parameters choose, checked against the engines this node can run. */
export function engineKindOf(parameters: EngineParameters): EngineKind {
	const kind = String(parameters.parameter('engine', ENGINE_DEFAULTS.kind));
	if (!(ENGINE_KINDS as readonly string[]).includes(kind)) {
		throw new EngineSpecError(`Unknown engine '${kind}'`, 'Choose an engine from the list.');
	}
	if (CHAT_MODEL_ENGINE_KINDS.includes(kind as EngineKind) && !parameters.connectedChatModel) {
		throw new EngineSpecError(
			`The engine '${kind}' needs a connected chat model, which this node cannot take: choose Offline, OpenAI-Compatible API or Hybrid (Offline, Then API)`,
			'Only Case Sentiment has a Model input for a chat model sub-node.',
		);
	}
	return kind as EngineKind;
}

export async function readEngineSpec(parameters: EngineParameters): Promise<EngineSpec> {
	const kind = engineKindOf(parameters);
	const resultKey = parameters.resultKey?.();
	if (kind === 'offline') return engineSpec({ kind, resultKey });
	const options = parameters.parameter('llmOptions', {}) as LlmOptions;
	const fields =
		(parameters.parameter('outputFields', {}) as { field?: IDataObject[] }).field ?? [];
	const customFields: CustomOutputField[] = fields.map((field) => ({
		name: String(field.name ?? '').trim(),
		type: (field.type as CustomOutputField['type']) ?? 'string',
		description: String(field.description ?? '') || undefined,
		allowedValues: splitList(field.allowedValues),
	}));
	const spec = engineSpec({
		kind,
		output: { categories: splitList(parameters.parameter('categories', '')), customFields },
		prompt: {
			fields: options.promptFields ?? DEFAULT_PROMPT_OPTIONS.fields,
			includeInternalNotes: options.includeInternalNotes ?? false,
			systemPrompt: options.systemPrompt || undefined,
			explanationLanguage: explanationLanguageOf(options),
		},
		concurrency: Math.max(1, Math.floor(options.concurrency ?? ENGINE_DEFAULTS.concurrency)),
		retries: Math.max(0, Math.floor(options.retries ?? ENGINE_DEFAULTS.retries)),
		timeoutMs:
			options.timeoutSeconds === undefined
				? ENGINE_DEFAULTS.timeoutMs
				: Math.max(1, options.timeoutSeconds) * SECOND_MS,
		tracing: options.langSmithTracing === true,
		resultKey,
	});
	if (API_ENGINE_KINDS.includes(kind)) {
		const credentials = await parameters.credentials(OPENAI_CREDENTIAL);
		spec.api = {
			connection: {
				apiKey: String(credentials.apiKey ?? ''),
				baseUrl: String(credentials.baseUrl || ENGINE_DEFAULTS.baseUrl),
				organization: String(credentials.organization ?? '') || undefined,
				headers: extraHeaders(credentials.headers),
			},
			model: String(parameters.parameter('model', ENGINE_DEFAULTS.model)),
			temperature: options.temperature ?? ENGINE_DEFAULTS.temperature,
			useResponsesApi:
				parameters.parameter('useResponsesApi', ENGINE_DEFAULTS.useResponsesApi) === true,
		};
		if (parameters.httpRequest) spec.fetch = fetchThroughN8n(parameters.httpRequest);
	} else {
		// The model comes from n8n's own @langchain/core: used through `invoke` only.
		spec.chatModel = await parameters.connectedChatModel?.();
	}
	return spec;
}
