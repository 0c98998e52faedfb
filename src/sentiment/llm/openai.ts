import { ChatOpenAI } from '@langchain/openai';

import { LlmEngine, type LlmEngineOptions } from './engine';
import { MINUTE_MS } from '../../case/time';

/**
 * The OpenAI-compatible engine: LangChain's ChatOpenAI against any base URL (OpenAI, Azure
 * OpenAI's v1 endpoint, Ollama, vLLM, LM Studio, OpenRouter), by the Chat Completions API or the
 * Responses API. Retries are ours (Retry-After aware), so the client's own are off.
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

/** Extra headers as the credential holds them: a JSON object of strings, or empty. */
export function parseExtraHeaders(json: string | undefined): Record<string, string> {
	if (!json || json.trim() === '' || json.trim() === '{}') return {};
	let parsed: unknown = null;
	try {
		parsed = JSON.parse(json);
	} catch {
		// reported below, with the other shapes that are not an object
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new Error('Extra headers must be a JSON object, e.g. {"api-key": "..."}');
	}
	return Object.fromEntries(Object.entries(parsed).map(([name, value]) => [name, String(value)]));
}

export function createOpenAiChatModel(
	connection: OpenAiConnection,
	settings: OpenAiModelSettings,
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
		},
	});
}

export function createOpenAiEngine(
	connection: OpenAiConnection,
	settings: OpenAiModelSettings,
	options: Omit<LlmEngineOptions, 'name' | 'model' | 'modelName'> = {},
): LlmEngine {
	return new LlmEngine({
		structuredOutput: 'jsonSchema',
		...options,
		name: 'openai',
		model: createOpenAiChatModel(connection, settings),
		modelName: settings.model,
		secrets: [
			connection.apiKey,
			...Object.values(connection.headers ?? {}),
			...(options.secrets ?? []),
		],
	});
}
