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
import { type CaseSource, CaseSourceError } from '../sources/source';
import { numberFlag } from './engines';
import { jsonApiSettings, type JsonApiSettings } from '../sources/jsonApi';
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

/** The flags that choose and reach a helpdesk, shared by `fetch` and `poll`. */
export const SOURCE_OPTIONS = {
	source: { type: 'string' },
	'base-url': { type: 'string' },
	subdomain: { type: 'string' },
	user: { type: 'string' },
	password: { type: 'string' },
	email: { type: 'string' },
	token: { type: 'string' },
	'oauth-token': { type: 'string' },
	'api-key': { type: 'string' },
	table: { type: 'string', default: 'sn_customerservice_case' },
	priority: { type: 'string' },
	group: { type: 'string' },
	account: { type: 'string' },
	url: { type: 'string' },
	'items-path': { type: 'string' },
	'since-param': { type: 'string' },
	'since-format': { type: 'string' },
	pagination: { type: 'string' },
	'next-link-path': { type: 'string' },
	'cursor-path': { type: 'string' },
	'cursor-param': { type: 'string' },
	'page-param': { type: 'string' },
	'page-size-param': { type: 'string' },
	map: { type: 'string', multiple: true, default: [] as string[] },
	bearer: { type: 'string' },
	header: { type: 'string', multiple: true, default: [] as string[] },
	help: { type: 'boolean', default: false },
} as const;

type FlagValues = Record<string, string | boolean | Array<string | boolean> | undefined>;

/**
 * The source the flags name, built by `createCaseSource` as the trigger's is. `stateFilter` is
 * the case state to keep (`fetch --state`, `poll --state-filter`).
 */
export function sourceFromFlags(
	values: FlagValues,
	stateFilter: string | undefined,
	now: () => Date,
	usage: string,
): CaseSource {
	const kindFlag = values.source;
	if (
		values.help ||
		typeof kindFlag !== 'string' ||
		!(SOURCE_KINDS as readonly string[]).includes(kindFlag)
	) {
		throw new Error(usage);
	}
	const kind = kindFlag as SourceKind;
	const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
	const headers: Record<string, string> = {};
	if (text('oauth-token')) headers.authorization = `Bearer ${text('oauth-token')}`;
	else if (kind === 'servicenow' && text('user'))
		Object.assign(headers, basicAuthHeader(text('user'), text('password')));
	else if (kind === 'zendesk' && text('email'))
		Object.assign(headers, basicAuthHeader(`${text('email')}/token`, text('token')));
	else if (kind === 'freshdesk' && text('api-key'))
		Object.assign(headers, basicAuthHeader(text('api-key'), 'X'));
	else if (kind === 'http') {
		if (text('bearer')) headers.authorization = `Bearer ${text('bearer')}`;
		if (text('user')) Object.assign(headers, basicAuthHeader(text('user'), text('password')));
		for (const header of (values.header as string[] | undefined) ?? []) {
			const split = header.indexOf(':');
			if (split > 0)
				headers[header.slice(0, split).trim().toLowerCase()] = header.slice(split + 1).trim();
		}
	}
	const filters = Object.fromEntries(
		[
			['state', stateFilter ?? ''],
			...(['priority', 'group', 'account'] as const).map((key) => [key, text(key)]),
		].filter(([, value]) => value !== ''),
	);
	return createCaseSource(
		{
			kind,
			baseUrl:
				kind === 'demo' || kind === 'http'
					? undefined
					: helpdeskBaseUrl(kind as HostedKind, text('subdomain'), text('base-url')),
			table: text('table') as ServiceNowTable,
			filters,
			http: kind === 'http' ? httpSettings(values) : undefined,
		},
		fetchHttpRequest(headers),
		now,
	);
}

export async function fetchCommand(
	argv: string[],
	write: (line: string) => void,
	now: () => Date = () => new Date(),
): Promise<number> {
	const { values } = parseArgs({
		args: argv,
		options: {
			...SOURCE_OPTIONS,
			since: { type: 'string', default: '24h' },
			limit: { type: 'string' },
			'include-internal': { type: 'boolean', default: false },
			state: { type: 'string' },
		},
	});
	const source = sourceFromFlags(values, values.state, now, FETCH_USAGE);
	const clockNow = now();
	const since = sinceTime(values.since!, clockNow);
	const limit =
		values.limit === undefined
			? Number.MAX_SAFE_INTEGER
			: numberFlag('limit', values.limit, 1, 1_000_000_000, true);
	const result = await pollCases(source, emptyPollState(), clockNow, {
		...DEFAULT_POLL_SETTINGS,
		firstPollLookbackSeconds: (clockNow.getTime() - since.getTime()) / SECOND_MS,
		includeInternal: values['include-internal'] ?? false,
		maxCasesPerPoll: limit,
	}).catch(oneShotError);
	if (result instanceof Error) throw result;
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

function httpSettings(values: FlagValues): JsonApiSettings {
	if (typeof values.url !== 'string') throw new Error('--source http needs --url');
	const text = (name: string) =>
		typeof values[name] === 'string' ? (values[name] as string) : undefined;
	const mapping: Record<string, string> = {};
	for (const pair of (values.map as string[] | undefined) ?? []) {
		const split = pair.indexOf('=');
		if (split > 0) mapping[pair.slice(0, split)] = pair.slice(split + 1);
	}
	return jsonApiSettings({
		url: values.url,
		itemsPath: text('items-path'),
		sinceParameter: text('since-param'),
		sinceFormat: text('since-format'),
		pagination: text('pagination'),
		nextLinkPath: text('next-link-path'),
		cursorPath: text('cursor-path'),
		cursorParameter: text('cursor-param'),
		pageParameter: text('page-param'),
		pageSizeParameter: text('page-size-param'),
		mapping,
	});
}

/**
 * A helpdesk error with the hint a one-shot command needs: the sources' own hints speak of the
 * trigger's next poll and cursor, which a command run once does not have.
 */
export function oneShotError(error: unknown): Error {
	if (!(error instanceof CaseSourceError)) return error as Error;
	if (error.status === 429) {
		return new CaseSourceError(
			error.message,
			error.source,
			429,
			'The helpdesk is rate-limiting: run the command again later, or read less at once with a later --since or a --limit.',
		);
	}
	if (error.status !== null && error.status >= 500) {
		return new CaseSourceError(
			error.message,
			error.source,
			error.status,
			'The helpdesk failed: run the command again; nothing was written, as a fetch writes only once it has read everything.',
		);
	}
	return error;
}

/** Flags whose values are credentials, kept out of every message the command line prints. */
