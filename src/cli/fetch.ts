import { parseArgs } from 'node:util';

import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS, parseTime } from '../case/time';
import { pollCases } from '../polling/poll';
import { DEFAULT_POLL_SETTINGS, emptyPollState } from '../polling/state';
import {
	createCaseSource,
	helpdeskBaseUrl,
	type HostedKind,
	SOURCE_KINDS,
	type SourceKind,
} from '../sources/create';
import { basicAuthHeader, fetchHttpRequest } from '../sources/http';
import { numberFlag } from './engines';
import type { JsonApiFieldMapping, JsonApiSettings, JsonApiPagination } from '../sources/jsonApi';
import type { ServiceNowTable } from '../sources/servicenow';

/**
 * `case-sentiment fetch --source servicenow|zendesk|freshdesk|http|demo --since <time>`: reads
 * every case changed since a time from a helpdesk, through the same source code as the trigger,
 * and writes them as normalized cases, one JSON per line, for backfills to classify in batch.
 */
export const FETCH_USAGE = `Usage: case-sentiment fetch --source <servicenow|zendesk|freshdesk|http|demo> [options]

  --since <time>             ISO time or a duration back from now (e.g. 7d, 12h); default 24h
  --limit <n>                at most n cases
  --include-internal         internal notes count as new activity
  --base-url <url>           helpdesk address (or --subdomain for the hosted ones)
  --subdomain <name>         e.g. acme for https://acme.zendesk.com
  ServiceNow: --user --password (or --oauth-token) --table sn_customerservice_case|incident
  Zendesk:    --email --token (or --oauth-token)
  Freshdesk:  --api-key
  Filters:    --state --priority --group --account
  HTTP:       --url --items-path --since-param --since-format iso|epochSeconds|epochMillis
              --pagination none|nextLink|cursor|page --next-link-path --cursor-path
              --cursor-param --page-param --page-size-param --map field=path (repeatable)
              --bearer <token> | --header 'Name: value' | --user/--password`;

export async function fetchCommand(
	argv: string[],
	write: (line: string) => void,
	now: () => Date = () => new Date(),
): Promise<number> {
	const { values } = parseArgs({
		args: argv,
		options: {
			source: { type: 'string' },
			since: { type: 'string', default: '24h' },
			limit: { type: 'string' },
			'include-internal': { type: 'boolean', default: false },
			'base-url': { type: 'string' },
			subdomain: { type: 'string' },
			user: { type: 'string' },
			password: { type: 'string' },
			email: { type: 'string' },
			token: { type: 'string' },
			'oauth-token': { type: 'string' },
			'api-key': { type: 'string' },
			table: { type: 'string', default: 'sn_customerservice_case' },
			state: { type: 'string' },
			priority: { type: 'string' },
			group: { type: 'string' },
			account: { type: 'string' },
			url: { type: 'string' },
			'items-path': { type: 'string', default: '' },
			'since-param': { type: 'string', default: 'updated_since' },
			'since-format': { type: 'string', default: 'iso' },
			pagination: { type: 'string', default: 'none' },
			'next-link-path': { type: 'string', default: 'next' },
			'cursor-path': { type: 'string', default: 'next_cursor' },
			'cursor-param': { type: 'string', default: 'cursor' },
			'page-param': { type: 'string', default: 'page' },
			'page-size-param': { type: 'string', default: 'per_page' },
			map: { type: 'string', multiple: true, default: [] },
			bearer: { type: 'string' },
			header: { type: 'string', multiple: true, default: [] },
			help: { type: 'boolean', default: false },
		},
	});
	if (
		values.help ||
		!values.source ||
		!(SOURCE_KINDS as readonly string[]).includes(values.source)
	) {
		throw new Error(FETCH_USAGE);
	}
	const kind = values.source as SourceKind;
	const clockNow = now();
	const since = sinceTime(values.since!, clockNow);

	const headers: Record<string, string> = {};
	if (values['oauth-token']) headers.authorization = `Bearer ${values['oauth-token']}`;
	else if (kind === 'servicenow' && values.user)
		Object.assign(headers, basicAuthHeader(values.user, values.password ?? ''));
	else if (kind === 'zendesk' && values.email)
		Object.assign(headers, basicAuthHeader(`${values.email}/token`, values.token ?? ''));
	else if (kind === 'freshdesk' && values['api-key'])
		Object.assign(headers, basicAuthHeader(values['api-key'], 'X'));
	else if (kind === 'http') {
		if (values.bearer) headers.authorization = `Bearer ${values.bearer}`;
		if (values.user) Object.assign(headers, basicAuthHeader(values.user, values.password ?? ''));
		for (const header of values.header ?? []) {
			const split = header.indexOf(':');
			if (split > 0)
				headers[header.slice(0, split).trim().toLowerCase()] = header.slice(split + 1).trim();
		}
	}

	const filters = Object.fromEntries(
		(['state', 'priority', 'group', 'account'] as const)
			.filter((key) => values[key])
			.map((key) => [key, values[key]]),
	);
	const source = createCaseSource(
		{
			kind,
			baseUrl:
				kind === 'demo' || kind === 'http'
					? undefined
					: helpdeskBaseUrl(kind as HostedKind, values.subdomain ?? '', values['base-url'] ?? ''),
			table: values.table as ServiceNowTable,
			filters,
			http: kind === 'http' ? httpSettings(values) : undefined,
		},
		fetchHttpRequest(headers),
		now,
	);
	const limit =
		values.limit === undefined
			? Number.MAX_SAFE_INTEGER
			: numberFlag('limit', values.limit, 1, 1_000_000_000, true);
	const result = await pollCases(source, emptyPollState(), clockNow, {
		...DEFAULT_POLL_SETTINGS,
		firstPollLookbackSeconds: (clockNow.getTime() - since.getTime()) / SECOND_MS,
		includeInternal: values['include-internal'] ?? false,
		maxCasesPerPoll: limit,
	});
	for (const supportCase of result.cases) write(JSON.stringify(supportCase));
	return result.cases.length;
}

/** An ISO time, or a duration back from now: 30m, 12h, 7d. */
export function sinceTime(value: string, now: Date): Date {
	const duration = /^(\d+(?:\.\d+)?)([mhd])$/.exec(value.trim());
	if (duration) {
		const unit = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS }[duration[2] as 'm' | 'h' | 'd'];
		return new Date(now.getTime() - Number(duration[1]) * unit);
	}
	const parsed = parseTime(value);
	if (!parsed)
		throw new Error(`--since must be an ISO time or a duration such as 7d or 12h, not '${value}'`);
	return parsed.toJSDate();
}

function httpSettings(
	values: Record<string, string | boolean | string[] | undefined>,
): JsonApiSettings {
	if (typeof values.url !== 'string') throw new Error('--source http needs --url');
	const text = (name: string) => String(values[name] ?? '');
	const type = text('pagination');
	const pagination: JsonApiPagination =
		type === 'nextLink'
			? { type, path: text('next-link-path') }
			: type === 'cursor'
				? { type, cursorPath: text('cursor-path'), cursorParameter: text('cursor-param') }
				: type === 'page'
					? {
							type,
							pageParameter: text('page-param'),
							sizeParameter: text('page-size-param'),
							firstPage: 1,
						}
					: { type: 'none' };
	const mapping: Record<string, string> = {
		id: 'id',
		updatedAt: 'updated_at',
		createdAt: 'created_at',
		subject: 'subject',
		description: 'description',
		state: 'status',
		priority: 'priority',
		requester: 'requester',
		messages: 'messages',
	};
	for (const pair of (values.map as string[] | undefined) ?? []) {
		const split = pair.indexOf('=');
		if (split > 0) mapping[pair.slice(0, split)] = pair.slice(split + 1);
	}
	return {
		url: values.url,
		itemsPath: text('items-path'),
		sinceParameter: text('since-param'),
		sinceFormat: text('since-format') as JsonApiSettings['sinceFormat'],
		pagination,
		mapping: mapping as unknown as JsonApiFieldMapping,
	};
}
