import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class ZendeskCaseSourceApi implements ICredentialType {
	name = 'zendeskCaseSourceApi';

	displayName = 'Zendesk (Case Source) API';

	icon = 'file:icons/zendesk.svg' as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-case-sentiment';

	properties: INodeProperties[] = [
		{
			displayName: 'Subdomain',
			name: 'subdomain',
			type: 'string',
			default: '',
			placeholder: 'e.g. acme',
			description: 'The subdomain in https://&lt;subdomain&gt;.zendesk.com',
		},
		{
			displayName: 'Base URL Override',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://zendesk-proxy.example.com',
			description: 'Use this URL instead of the subdomain URL, for a proxy or a sandbox',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. agent@example.com',
			default: '',
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
	];

	// Zendesk's API token auth is basic auth with "{email}/token" as the user name.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: { username: '={{$credentials.email}}/token', password: '={{$credentials.apiToken}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl || "https://" + $credentials.subdomain + ".zendesk.com"}}',
			url: '/api/v2/users/me.json',
		},
	};
}
