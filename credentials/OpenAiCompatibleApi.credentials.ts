import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { extraHeaders } from '../src/http/headers';

/**
 * Any server that speaks OpenAI's API: OpenAI itself, Azure OpenAI's v1 endpoint, Ollama, vLLM,
 * LM Studio, OpenRouter. Extra headers cover gateways that want their own (e.g. Azure's api-key).
 */
export class OpenAiCompatibleApi implements ICredentialType {
	name = 'caseSentimentOpenAiApi';

	displayName = 'OpenAI-Compatible API (Case Sentiment)';

	icon = 'file:icons/openAiCompatible.svg' as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-case-sentiment';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.openai.com/v1',
			placeholder: 'e.g. http://localhost:11434/v1',
			description: 'The API root that /chat/completions, /responses and /models are under',
		},
		{
			displayName: 'Organization ID',
			name: 'organization',
			type: 'string',
			default: '',
			description: 'Optional: the OpenAI organization the requests are billed to',
		},
		{
			displayName: 'Extra Headers',
			name: 'headers',
			type: 'json',
			default: '{}',
			description:
				'Optional: headers to send with every request, as a JSON object, e.g. {"api-key": "..."}',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers = extraHeaders(credentials.headers);
		if (credentials.organization) headers['OpenAI-Organization'] = String(credentials.organization);
		if (credentials.apiKey) headers.Authorization = `Bearer ${String(credentials.apiKey)}`;
		return { ...requestOptions, headers: { ...requestOptions.headers, ...headers } };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ String($credentials.baseUrl || "https://api.openai.com/v1").replace(/\\/+$/, "") }}',
			url: '/models',
		},
	};
}
