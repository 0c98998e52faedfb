import {
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeProperties,
	type IPollFunctions,
	type JsonObject,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { HOUR_SECONDS } from '../../src/case/time';
import { DEFAULT_POLL_SETTINGS, type PollSettings } from '../../src/polling/state';
import {
	createCaseSource,
	helpdeskBaseUrl,
	type HostedKind,
	type SourceKind,
} from '../../src/sources/create';
import {
	DEFAULT_JSON_API_MAPPING,
	JSON_API_DEFAULTS,
	type JsonApiFieldMapping,
	jsonApiSettings,
	type JsonApiSettings,
} from '../../src/sources/jsonApi';
import type { ServiceNowTable } from '../../src/sources/servicenow';
import { redact } from '../../src/http/redact';
import {
	type CaseFilters,
	type CaseSource,
	CaseSourceError,
	type HttpRequest,
} from '../../src/sources/source';

/**
 * The source choice shared by triggers that read cases: parameters, and the CaseSource built
 * from them with n8n's authenticated request helper (so proxy, SSRF settings and credentials
 * are n8n's).
 */

/**
 * The HTTP source's field mapping: case field, display name, default path. Declared before
 * `sourceProperties`, which reads it while the module loads.
 */
const MAPPED_FIELDS: Array<[keyof JsonApiFieldMapping, string]> = [
	['id', 'Case ID'],
	['updatedAt', 'Updated At'],
	['createdAt', 'Created At'],
	['number', 'Number'],
	['url', 'URL'],
	['subject', 'Subject'],
	['description', 'Description'],
	['state', 'State'],
	['priority', 'Priority'],
	['channel', 'Channel'],
	['group', 'Group'],
	['account', 'Account ID'],
	['accountName', 'Account Name'],
	['requester', 'Requester'],
	['assignee', 'Assignee'],
	['messages', 'Messages'],
];

/**
 * The first poll's reach, shared by both triggers that read cases: the last of `sourceProperties`,
 * so the threshold trigger shows it too. Declared before them, which read it while the module loads.
 */
const backfillProperty: INodeProperties = {
	displayName: 'Backfill on First Poll (Hours)',
	name: 'backfillHours',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description:
		"How many hours of past activity the first poll emits. 0 starts from now, as n8n's own polling triggers do, so a lost poll state (the workflow published again, a new node, an import) does not replay old activity. Manual test runs always show recent cases.",
};

export const sourceProperties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Demo Helpdesk',
				value: 'demo',
				description: 'Built-in cases whose threads grow over time; no credential',
			},
			{ name: 'Freshdesk', value: 'freshdesk' },
			{
				name: 'HTTP (Any JSON Endpoint)',
				value: 'http',
				description: 'An in-house helpdesk that lists cases as JSON',
			},
			{ name: 'ServiceNow', value: 'servicenow' },
			{ name: 'Zendesk', value: 'zendesk' },
		],
		default: 'demo',
	},
	{
		displayName: 'Authentication',
		name: 'serviceNowAuthentication',
		type: 'options',
		options: [
			{ name: 'Basic Auth', value: 'basic' },
			{ name: 'OAuth2', value: 'oAuth2' },
		],
		default: 'basic',
		displayOptions: { show: { source: ['servicenow'] } },
	},
	{
		displayName: 'Authentication',
		name: 'zendeskAuthentication',
		type: 'options',
		options: [
			{ name: 'API Token', value: 'apiToken' },
			{ name: 'OAuth2', value: 'oAuth2' },
		],
		default: 'apiToken',
		displayOptions: { show: { source: ['zendesk'] } },
	},
	{
		displayName: 'Table',
		name: 'serviceNowTable',
		type: 'options',
		options: [
			{ name: 'Case (Customer Service)', value: 'sn_customerservice_case' },
			{ name: 'Incident', value: 'incident' },
		],
		default: 'sn_customerservice_case',
		displayOptions: { show: { source: ['servicenow'] } },
	},
	...httpProperties(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { hide: { source: ['demo', 'http'] } },
		options: [
			{
				displayName: 'Account',
				name: 'account',
				type: 'string',
				default: '',
				description:
					'Only cases of this account (ServiceNow account or company sys_id, Zendesk organization ID, Freshdesk company ID)',
			},
			{
				displayName: 'Group',
				name: 'group',
				type: 'string',
				default: '',
				description: 'Only cases of this group (ID, or name for ServiceNow)',
			},
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'string',
				default: '',
				placeholder: 'e.g. high',
				description:
					'Only cases with this priority, as the helpdesk writes it (ServiceNow: 1 to 5)',
			},
			{
				displayName: 'State',
				name: 'state',
				type: 'string',
				default: '',
				placeholder: 'e.g. open',
				description:
					"Only cases in this state, as the helpdesk writes it (ServiceNow: the state's number)",
			},
		],
	},
	{ ...backfillProperty },
];

/**
 * The poll settings the source parameters give; `base` holds the node's own options. The first
 * poll reaches back "Backfill on First Poll (Hours)", 0 unless the user sets it.
 */
export function pollSettingsFromParameters(
	context: IPollFunctions,
	base: PollSettings = DEFAULT_POLL_SETTINGS,
): PollSettings {
	const hours = Number(context.getNodeParameter('backfillHours', 0));
	return {
		...base,
		firstPollLookbackSeconds: Number.isFinite(hours) && hours > 0 ? hours * HOUR_SECONDS : 0,
	};
}

/**
 * The basic and API-token credentials are shown by hiding them for OAuth2 rather than by listing
 * their own option: when every option of a field appears in credentials' `show`, n8n's editor
 * takes that field for the node's main authentication field and hides the parameters it
 * depends on, which here would hide the Source parameter itself.
 */
export const sourceCredentials = [
	{
		name: 'serviceNowCaseSourceBasicApi',
		required: true,
		displayOptions: {
			show: { source: ['servicenow'] },
			hide: { serviceNowAuthentication: ['oAuth2'] },
		},
	},
	{
		name: 'serviceNowCaseSourceOAuth2Api',
		required: true,
		displayOptions: { show: { source: ['servicenow'], serviceNowAuthentication: ['oAuth2'] } },
	},
	{
		name: 'zendeskCaseSourceApi',
		required: true,
		displayOptions: { show: { source: ['zendesk'] }, hide: { zendeskAuthentication: ['oAuth2'] } },
	},
	{
		name: 'zendeskCaseSourceOAuth2Api',
		required: true,
		displayOptions: { show: { source: ['zendesk'], zendeskAuthentication: ['oAuth2'] } },
	},
	{
		name: 'freshdeskCaseSourceApi',
		required: true,
		displayOptions: { show: { source: ['freshdesk'] } },
	},
	{ name: 'caseSourceHttpApi', required: true, displayOptions: { show: { source: ['http'] } } },
];

/**
 * A node parameter as both kinds of context read it: a trigger's `getNodeParameter(name, fallback)`
 * and an action's `getNodeParameter(name, itemIndex, fallback)`.
 */
export type ParameterReader = (name: string, fallback: unknown) => unknown;

export function pollParameters(context: IPollFunctions): ParameterReader {
	return (name, fallback) => context.getNodeParameter(name, fallback as never);
}

export function itemParameters(context: IExecuteFunctions, itemIndex: number): ParameterReader {
	return (name, fallback) => context.getNodeParameter(name, itemIndex, fallback as never);
}

/** The credential type the source and authentication parameters name. */
export function helpdeskCredentialType(
	kind: Exclude<SourceKind, 'demo'>,
	read: ParameterReader,
): string {
	if (kind === 'http') return 'caseSourceHttpApi';
	if (kind === 'servicenow') {
		return read('serviceNowAuthentication', 'basic') === 'oAuth2'
			? 'serviceNowCaseSourceOAuth2Api'
			: 'serviceNowCaseSourceBasicApi';
	}
	if (kind === 'zendesk') {
		return read('zendeskAuthentication', 'apiToken') === 'oAuth2'
			? 'zendeskCaseSourceOAuth2Api'
			: 'zendeskCaseSourceApi';
	}
	return 'freshdeskCaseSourceApi';
}

function credentialTypeOf(context: IPollFunctions, kind: Exclude<SourceKind, 'demo'>): string {
	return helpdeskCredentialType(kind, pollParameters(context));
}

/**
 * The HTTP function the domain takes, over n8n's authenticated request helper with the node's
 * credential: the triggers read with it, Update Case in Helpdesk reads and writes with it.
 */
export function helpdeskHttp(
	context: IPollFunctions | IExecuteFunctions,
	credentialType: string,
): HttpRequest {
	const helpers = context.helpers as IExecuteFunctions['helpers'];
	return async (request) => {
		const response = (await helpers.httpRequestWithAuthentication.call(
			context as IExecuteFunctions,
			credentialType,
			{
				method: request.method,
				url: request.url,
				qs: request.qs as IDataObject | undefined,
				headers: { accept: 'application/json', ...request.headers },
				body: request.body as IDataObject | undefined,
				json: true,
				timeout: request.timeoutMs,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			},
		)) as { statusCode: number; headers: Record<string, unknown>; body: unknown };
		const headers: Record<string, string> = {};
		for (const [key, value] of Object.entries(response.headers ?? {}))
			headers[key.toLowerCase()] = String(value);
		return { status: response.statusCode, headers, body: response.body };
	};
}

export async function caseSourceFromParameters(context: IPollFunctions): Promise<CaseSource> {
	const kind = context.getNodeParameter('source', 'demo') as SourceKind;
	const clock = () => new Date();
	if (kind === 'demo') return createCaseSource({ kind }, unusedHttp, clock);
	const credentialType = credentialTypeOf(context, kind);
	const credentials = await context.getCredentials(credentialType);
	const filters = context.getNodeParameter('filters', {}) as CaseFilters;
	const http = helpdeskHttp(context, credentialType);
	if (kind === 'http')
		return createCaseSource(
			{ kind, http: httpSettingsFrom(context, String(credentials.baseUrl ?? '')) },
			http,
			clock,
		);
	return createCaseSource(
		{
			kind,
			...helpdeskLocation(kind, credentials, pollParameters(context)),
			filters: Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== '')),
		},
		http,
		clock,
	);
}

/** Where a hosted helpdesk's cases are: its address (the credential's) and, for ServiceNow, the table. */
export function helpdeskLocation(
	kind: HostedKind,
	credentials: IDataObject,
	read: ParameterReader,
): { baseUrl: string; table?: ServiceNowTable } {
	const baseUrl = helpdeskBaseUrl(
		kind,
		String(credentials.subdomain ?? ''),
		String(credentials.baseUrl ?? ''),
	);
	if (kind !== 'servicenow') return { baseUrl };
	return { baseUrl, table: read('serviceNowTable', 'sn_customerservice_case') as ServiceNowTable };
}

const unusedHttp: HttpRequest = async () => {
	throw new Error('The demo helpdesk makes no HTTP requests');
};

function httpProperties(): INodeProperties[] {
	const show = (extra: Record<string, string[]> = {}) => ({ show: { source: ['http'], ...extra } });
	return [
		{
			displayName: 'Endpoint URL',
			name: 'httpUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://helpdesk.example.com/api/tickets',
			displayOptions: show(),
		},
		{
			displayName: 'List Field',
			name: 'httpItemsPath',
			type: 'string',
			default: JSON_API_DEFAULTS.itemsPath,
			placeholder: 'e.g. data.tickets',
			description:
				'Dotted path of the list of cases in the response; empty when the response is the list',
			displayOptions: show(),
		},
		{
			displayName: 'Changed-Since Query Parameter',
			name: 'httpSinceParameter',
			type: 'string',
			default: JSON_API_DEFAULTS.sinceParameter,
			description:
				"Query parameter that takes the time the poll reads from; empty to filter on n8n's side only",
			displayOptions: show(),
		},
		{
			displayName: 'Changed-Since Format',
			name: 'httpSinceFormat',
			type: 'options',
			options: [
				{ name: 'ISO 8601', value: 'iso' },
				{ name: 'Epoch Seconds', value: 'epochSeconds' },
				{ name: 'Epoch Milliseconds', value: 'epochMillis' },
			],
			default: JSON_API_DEFAULTS.sinceFormat,
			displayOptions: show(),
		},
		{
			displayName: 'Pagination',
			name: 'httpPagination',
			type: 'options',
			options: [
				{ name: 'None', value: 'none' },
				{
					name: 'Next Link',
					value: 'nextLink',
					description: 'The response gives the URL of the next page',
				},
				{
					name: 'Cursor',
					value: 'cursor',
					description: 'The response gives a cursor to pass back',
				},
				{ name: 'Page Number', value: 'page' },
			],
			default: JSON_API_DEFAULTS.pagination,
			displayOptions: show(),
		},
		{
			displayName: 'Next Link Field',
			name: 'httpNextLinkPath',
			type: 'string',
			default: JSON_API_DEFAULTS.nextLinkPath,
			description:
				"Dotted path of the next page's URL in the response, or header:link for a Link header",
			displayOptions: show({ httpPagination: ['nextLink'] }),
		},
		{
			displayName: 'Cursor Field',
			name: 'httpCursorPath',
			type: 'string',
			default: JSON_API_DEFAULTS.cursorPath,
			displayOptions: show({ httpPagination: ['cursor'] }),
		},
		{
			displayName: 'Cursor Query Parameter',
			name: 'httpCursorParameter',
			type: 'string',
			default: JSON_API_DEFAULTS.cursorParameter,
			displayOptions: show({ httpPagination: ['cursor'] }),
		},
		{
			displayName: 'Page Query Parameter',
			name: 'httpPageParameter',
			type: 'string',
			default: JSON_API_DEFAULTS.pageParameter,
			displayOptions: show({ httpPagination: ['page'] }),
		},
		{
			displayName: 'Page Size Query Parameter',
			name: 'httpPageSizeParameter',
			type: 'string',
			default: JSON_API_DEFAULTS.pageSizeParameter,
			displayOptions: show({ httpPagination: ['page'] }),
		},
		{
			displayName: 'Field Mapping',
			name: 'httpMapping',
			type: 'collection',
			placeholder: 'Map a Field',
			default: {},
			description:
				'Dotted path of each case field in one listed record; unset fields use the default path shown',
			displayOptions: show(),
			options: MAPPED_FIELDS.map(([name, displayName]) => ({
				displayName,
				name,
				type: 'string' as const,
				default: DEFAULT_JSON_API_MAPPING[name],
			})).sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
	];
}

function httpSettingsFrom(context: IPollFunctions, baseUrlOverride: string): JsonApiSettings {
	const read = (name: string, fallback: string) => String(context.getNodeParameter(name, fallback));
	let url = read('httpUrl', '');
	if (baseUrlOverride.trim() !== '') {
		const endpoint = new URL(url);
		url = `${baseUrlOverride.trim().replace(/\/+$/, '')}${endpoint.pathname}${endpoint.search}`;
	}
	return jsonApiSettings({
		url,
		itemsPath: read('httpItemsPath', JSON_API_DEFAULTS.itemsPath),
		sinceParameter: read('httpSinceParameter', JSON_API_DEFAULTS.sinceParameter),
		sinceFormat: read('httpSinceFormat', JSON_API_DEFAULTS.sinceFormat),
		pagination: read('httpPagination', JSON_API_DEFAULTS.pagination),
		nextLinkPath: read('httpNextLinkPath', JSON_API_DEFAULTS.nextLinkPath),
		cursorPath: read('httpCursorPath', JSON_API_DEFAULTS.cursorPath),
		cursorParameter: read('httpCursorParameter', JSON_API_DEFAULTS.cursorParameter),
		pageParameter: read('httpPageParameter', JSON_API_DEFAULTS.pageParameter),
		pageSizeParameter: read('httpPageSizeParameter', JSON_API_DEFAULTS.pageSizeParameter),
		mapping: context.getNodeParameter('httpMapping', {}) as Partial<JsonApiFieldMapping>,
	});
}

/** Credential fields that hold secrets, of every case-source credential. */
const SECRET_FIELDS = ['password', 'apiToken', 'apiKey', 'token', 'clientSecret'];

/**
 * The secrets of the source's credential, for `redact`: each secret field, the pairs Basic auth
 * encodes together, and an OAuth2 access token. Empty for the demo helpdesk or when the
 * credential cannot be read (the poll then fails for that reason anyway).
 */
export async function sourceSecrets(context: IPollFunctions): Promise<string[]> {
	const kind = context.getNodeParameter('source', 'demo') as SourceKind;
	if (kind === 'demo') return [];
	let credentials: IDataObject;
	try {
		credentials = (await context.getCredentials(credentialTypeOf(context, kind))) as IDataObject;
	} catch {
		return [];
	}
	return credentialSecrets(credentials);
}

/** The secrets of a case-source credential as `redact` needs them (see `sourceSecrets`). */
export function credentialSecrets(credentials: IDataObject): string[] {
	const text = (name: string) =>
		typeof credentials[name] === 'string' ? (credentials[name] as string) : '';
	const secrets = SECRET_FIELDS.map(text).filter((secret) => secret !== '');
	const users = [text('user'), text('username'), text('email'), `${text('email')}/token`];
	const pairs = users
		.filter((user) => user !== '' && user !== '/token')
		.flatMap((user) => secrets.map((secret) => `${user}:${secret}`));
	const oauth = credentials.oauthTokenData as IDataObject | undefined;
	const accessToken = typeof oauth?.access_token === 'string' ? [oauth.access_token] : [];
	return [...secrets, ...pairs, ...accessToken];
}

/**
 * A failed poll as the node reports it, the same way in both triggers: what a helpdesk answered
 * is a NodeApiError with its HTTP status and how to fix it; no answer (or a link not followed)
 * and anything else a NodeOperationError that names the source. Every message is redacted of
 * the credential's secrets, since a helpdesk's error body may echo them.
 */
export function sourcePollError(
	node: INode,
	error: Error,
	sourceName: string | undefined,
	secrets: readonly string[],
	nothingStored = 'Nothing was stored, so the next poll reads the same window again.',
): Error {
	const clean = (text: string) => redact(text, secrets);
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	if (error instanceof CaseSourceError && error.status !== null) {
		return new NodeApiError(node, { message: clean(error.message) } as JsonObject, {
			message: clean(error.message),
			description: clean(error.hint),
			httpCode: String(error.status),
		});
	}
	if (error instanceof CaseSourceError) {
		return new NodeOperationError(node, clean(error.message), {
			description: `${clean(error.hint)} ${nothingStored}`,
		});
	}
	const message = sourceName ? `${sourceName} could not be read: ${error.message}` : error.message;
	return new NodeOperationError(node, clean(message), { description: nothingStored });
}
