import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class ServiceNowCaseSourceBasicApi implements ICredentialType {
	name = 'serviceNowCaseSourceBasicApi';

	displayName = 'ServiceNow (Case Source) Basic Auth API';

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
		{ displayName: 'User', name: 'user', type: 'string', default: '' },
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: { username: '={{$credentials.user}}', password: '={{$credentials.password}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.baseUrl || "https://" + $credentials.subdomain + ".service-now.com"}}',
			url: '/api/now/table/sn_customerservice_case',
			qs: { sysparm_limit: 1, sysparm_fields: 'sys_id' },
		},
	};
}
