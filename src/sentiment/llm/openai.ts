import { ChatOpenAI } from '@langchain/openai';

import { LlmEngine, type LlmEngineOptions } from './engine';
import { MINUTE_MS } from '../../case/time';

/**
 * The OpenAI-compatible engine: LangChain's ChatOpenAI against any base URL (OpenAI, Azure
 * OpenAI's v1 endpoint, Ollama, vLLM, LM Studio, OpenRouter), by the Chat Completions API or the
 * Responses API. Retries are ours (Retry-After aware), so the client's own are off.
 *
 * Inside n8n the client is given a fetch built on n8n's request helpers, so that n8n's SSRF
 * protection and proxy settings apply to model calls as to any other node's requests; without
 * one (the command line) it uses the platform's fetch.
 */

export interface OpenAiConnection {
	apiKey: string;
	/** e.g. https://api.openai.com/v1 (ENGINE_DEFAULTS.baseUrl) or http://localhost:11434/v1 */
	baseUrl: string;
	organization?: string;
	headers?: Record<string, string>;
}

export interface OpenAiModelSettings {
	model: string;
	temperature?: number;
	useResponsesApi?: boolean;
	timeoutMs?: number;
}

export function createOpenAiChatModel(
	connection: OpenAiConnection,
	settings: OpenAiModelSettings,
	transport: typeof fetch | undefined = undefined,
): ChatOpenAI {
	return new ChatOpenAI({
		model: settings.model,
		apiKey: connection.apiKey,
		temperature: settings.temperature,
		useResponsesApi: settings.useResponsesApi ?? false,
		maxRetries: 0,
		timeout: settings.timeoutMs ?? MINUTE_MS,
		configuration: {
			baseURL: connection.baseUrl.replace(/\/+$/, ''),
			organization: connection.organization || undefined,
			defaultHeaders: connection.headers,
			fetch: transport,
		},
	});
}

export function createOpenAiEngine(
	connection: OpenAiConnection,
	settings: OpenAiModelSettings,
	options: Omit<LlmEngineOptions, 'name' | 'model' | 'modelName'> & { fetch?: typeof fetch } = {},
): LlmEngine {
	const { fetch: transport, ...engineOptions } = options;
	return new LlmEngine({
		structuredOutput: 'jsonSchema',
		...engineOptions,
		name: 'openai',
		model: createOpenAiChatModel(connection, settings, transport),
		modelName: settings.model,
		endpoint: connection.baseUrl,
		secrets: [
			connection.apiKey,
			...Object.values(connection.headers ?? {}),
			...(options.secrets ?? []),
		],
	});
}
