import type { ICredentialType, INodeProperties } from 'n8n-workflow';

const BASE = '$self["baseUrl"] || "https://" + $self["subdomain"] + ".service-now.com"';

export class ServiceNowCaseSourceOAuth2Api implements ICredentialType {
	name = 'serviceNowCaseSourceOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'ServiceNow (Case Source) OAuth2 API';

	icon = 'file:icons/servicenow.svg' as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-case-sentiment';

	properties: INodeProperties[] = [
		{
			displayName:
				"Set this user's time zone to GMT in ServiceNow: the Table API compares the trigger's UTC times in the user's time zone",
			name: 'timeZoneNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Instance',
			name: 'subdomain',
			type: 'string',
			default: '',
			placeholder: 'e.g. dev99890',
			description: 'The instance name in https://&lt;instance&gt;.service-now.com',
		},
		{
			displayName: 'Base URL Override',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://servicenow-proxy.example.com',
			description: 'Use this URL instead of the instance URL, for a proxy or a sandbox',
		},
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `={{${BASE}}}/oauth_auth.do`,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{${BASE}}}/oauth_token.do`,
		},
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: 'useraccount' },
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: 'response_type=code',
		},
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'header' },
	];
}
