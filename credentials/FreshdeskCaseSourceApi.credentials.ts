import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class FreshdeskCaseSourceApi implements ICredentialType {
	name = 'freshdeskCaseSourceApi';

	displayName = 'Freshdesk (Case Source) API';

	icon = 'file:icons/freshdesk.svg' as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-case-sentiment';

	properties: INodeProperties[] = [
		{
			displayName: 'Domain',
			name: 'subdomain',
			type: 'string',
			default: '',
			placeholder: 'e.g. acme',
			description: 'The subdomain in https://&lt;domain&gt;.freshdesk.com',
		},
		{
			displayName: 'Base URL Override',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://freshdesk-proxy.example.com',
			description: 'Use this URL instead of the domain URL, for a proxy or a sandbox',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
	];

	// Freshdesk takes the API key as the basic-auth user name, with any password ("X" by convention).
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { auth: { username: '={{$credentials.apiKey}}', password: 'X' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.baseUrl || "https://" + $credentials.subdomain + ".freshdesk.com"}}',
			url: '/api/v2/agents/me',
		},
	};
}
