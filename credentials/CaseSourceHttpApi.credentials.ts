import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/** For the HTTP case source: an in-house helpdesk behind a header token, bearer token or basic auth. */
export class CaseSourceHttpApi implements ICredentialType {
	name = 'caseSourceHttpApi';

	displayName = 'Case Source HTTP API';

	icon = 'file:icons/caseSourceHttp.svg' as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-case-sentiment';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authType',
			type: 'options',
			options: [
				{ name: 'Bearer Token', value: 'bearer' },
				{ name: 'Header', value: 'header' },
				{ name: 'Basic Auth', value: 'basic' },
				{ name: 'None', value: 'none' },
			],
			default: 'bearer',
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'X-API-Key',
			displayOptions: { show: { authType: ['header'] } },
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authType: ['bearer', 'header'] } },
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			displayOptions: { show: { authType: ['basic'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authType: ['basic'] } },
		},
		{
			displayName: 'Test URL',
			name: 'testUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://helpdesk.example.com/api/tickets?per_page=1',
			description:
				'A URL of the helpdesk that answers 2xx only with these credentials, used to test them',
		},
		{
			displayName: 'Base URL Override',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://helpdesk-proxy.example.com',
			description:
				"Replaces the scheme, host and port of the node's endpoint URL, for a proxy or a sandbox",
		},
	];

	test: ICredentialTestRequest = { request: { url: '={{$credentials.testUrl}}' } };

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers = { ...(requestOptions.headers ?? {}) };
		if (credentials.authType === 'bearer')
			headers.Authorization = `Bearer ${String(credentials.token)}`;
		if (credentials.authType === 'header')
			headers[String(credentials.headerName)] = String(credentials.token);
		if (credentials.authType === 'basic') {
			return {
				...requestOptions,
				headers,
				auth: { username: String(credentials.user), password: String(credentials.password) },
			};
		}
		return { ...requestOptions, headers };
	}
}
