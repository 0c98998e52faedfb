import {
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
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
import { parseExtraHeaders } from '../../src/sentiment/llm/openai';
import { DEFAULT_PROMPT_OPTIONS, type PromptField } from '../../src/sentiment/llm/prompt';
import type { CustomOutputField } from '../../src/sentiment/llm/schema';
import { SECOND_MS } from '../../src/case/time';
import { OPENAI_CREDENTIAL } from './engineDescription';

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
}

/** An action node's engine parameters: the engine cannot vary per item, so item 0's are read. */
export function executeEngineParameters(context: IExecuteFunctions): EngineParameters {
	return {
		parameter: (name, fallback) => context.getNodeParameter(name, 0, fallback),
		credentials: async (type) => await context.getCredentials(type),
		connectedChatModel: async () =>
			await context.getInputConnectionData(NodeConnectionTypes.AiLanguageModel, 0),
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
	if (kind === 'offline') return engineSpec({ kind });
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
		},
		concurrency: Math.max(1, Math.floor(options.concurrency ?? ENGINE_DEFAULTS.concurrency)),
		retries: Math.max(0, Math.floor(options.retries ?? ENGINE_DEFAULTS.retries)),
		timeoutMs:
			options.timeoutSeconds === undefined
				? ENGINE_DEFAULTS.timeoutMs
				: Math.max(1, options.timeoutSeconds) * SECOND_MS,
	});
	if (API_ENGINE_KINDS.includes(kind)) {
		const credentials = await parameters.credentials(OPENAI_CREDENTIAL);
		const headers = credentials.headers;
		spec.api = {
			connection: {
				apiKey: String(credentials.apiKey ?? ''),
				baseUrl: String(credentials.baseUrl || ENGINE_DEFAULTS.baseUrl),
				organization: String(credentials.organization ?? '') || undefined,
				headers:
					typeof headers === 'object' && headers !== null
						? Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)]))
						: parseExtraHeaders(headers as string | undefined),
			},
			model: String(parameters.parameter('model', ENGINE_DEFAULTS.model)),
			temperature: options.temperature ?? ENGINE_DEFAULTS.temperature,
			useResponsesApi:
				parameters.parameter('useResponsesApi', ENGINE_DEFAULTS.useResponsesApi) === true,
		};
	} else {
		// The model comes from n8n's own @langchain/core: used through `invoke` only.
		spec.chatModel = await parameters.connectedChatModel?.();
	}
	return spec;
}
