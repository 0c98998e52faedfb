import type { ICredentialType, INodeProperties } from 'n8n-workflow';

const BASE = '$self["baseUrl"] || "https://" + $self["subdomain"] + ".zendesk.com"';

export class ZendeskCaseSourceOAuth2Api implements ICredentialType {
	name = 'zendeskCaseSourceOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Zendesk (Case Source) OAuth2 API';

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
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `={{${BASE}}}/oauth/authorizations/new`,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{${BASE}}}/oauth/tokens`,
		},
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: 'read' },
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
	];
}
