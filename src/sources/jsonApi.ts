import { valueAt } from '../case/path';
import { type Case, CaseValidationError } from '../case/case';
import { type MappedCase, normalizeCase } from '../case/normalize';
import { DAY_MS, parseTime, toIsoTime } from '../case/time';
import {
	DEFAULT_RETRY_POLICY,
	requestHelpdesk,
	type HelpdeskRetryPolicy,
	sameOriginLink,
	serverTimeOf,
} from './http';
import type { CasePage, CaseSource, FetchWindow, HttpRequest, UnreadableRecord } from './source';

/**
 * Any JSON endpoint that lists cases, for in-house helpdesks: where the list is in the response,
 * how to ask for changes since a time, how to page, and which field holds each part of the case
 * (dotted paths). Messages are read as `normalizeCase` reads them (text/body, author, role,
 * visibility/public/private, createdAt). The endpoint should list the oldest change first;
 * each page is sorted by the mapped update time either way.
 */
export type JsonApiPagination =
	| { type: 'none' }
	/** `path` is a dotted path to the next page's URL in the body, or `header:link` for a Link header. */
	| { type: 'nextLink'; path: string }
	| { type: 'cursor'; cursorPath: string; cursorParameter: string }
	| { type: 'page'; pageParameter: string; sizeParameter: string; firstPage: number };

export interface JsonApiFieldMapping {
	id: string;
	updatedAt: string;
	number?: string;
	url?: string;
	subject?: string;
	description?: string;
	state?: string;
	priority?: string;
	channel?: string;
	group?: string;
	account?: string;
	accountName?: string;
	requester?: string;
	assignee?: string;
	createdAt?: string;
	messages?: string;
}

export interface JsonApiSettings {
	url: string;
	/** Dotted path of the case list in the response; empty when the response is the list. */
	itemsPath: string;
	/** Query parameter that takes the window start; empty to filter on our side only. */
	sinceParameter: string;
	sinceFormat: 'iso' | 'epochSeconds' | 'epochMillis';
	pagination: JsonApiPagination;
	mapping: JsonApiFieldMapping;
	/** Value of the source field of the cases. */
	sourceName?: string;
}

/** The field paths a record is read by when the user maps nothing else; '' leaves a field unread. */
export const DEFAULT_JSON_API_MAPPING: Record<keyof JsonApiFieldMapping, string> = {
	id: 'id',
	updatedAt: 'updated_at',
	createdAt: 'created_at',
	number: '',
	url: '',
	subject: 'subject',
	description: 'description',
	state: 'status',
	priority: 'priority',
	channel: '',
	group: '',
	account: '',
	accountName: '',
	requester: 'requester',
	assignee: '',
	messages: 'messages',
};

/** The defaults of what `JsonApiOptions` leaves unset. */
export const JSON_API_DEFAULTS = {
	itemsPath: '',
	sinceParameter: 'updated_since',
	sinceFormat: 'iso',
	pagination: 'none',
	nextLinkPath: 'next',
	cursorPath: 'next_cursor',
	cursorParameter: 'cursor',
	pageParameter: 'page',
	pageSizeParameter: 'per_page',
} as const;

/**
 * The JSON API source as a user sets it, by the trigger's parameters or `fetch`/`poll` flags:
 * plain strings, any left unset taking `JSON_API_DEFAULTS` and `DEFAULT_JSON_API_MAPPING`.
 */
export interface JsonApiOptions {
	url: string;
	itemsPath?: string;
	sinceParameter?: string;
	sinceFormat?: string;
	pagination?: string;
	nextLinkPath?: string;
	cursorPath?: string;
	cursorParameter?: string;
	pageParameter?: string;
	pageSizeParameter?: string;
	mapping?: Partial<Record<keyof JsonApiFieldMapping, string>>;
}

const SINCE_FORMATS = ['iso', 'epochSeconds', 'epochMillis'] as const;

/** The one builder of JSON API settings: the trigger node and the command line both use it. */
export function jsonApiSettings(options: JsonApiOptions): JsonApiSettings {
	const get = <Key extends keyof typeof JSON_API_DEFAULTS>(key: Key): string =>
		options[key] ?? JSON_API_DEFAULTS[key];
	const sinceFormat = get('sinceFormat');
	if (!(SINCE_FORMATS as readonly string[]).includes(sinceFormat))
		throw new Error(`The changed-since format must be one of ${SINCE_FORMATS.join(', ')}`);
	const kind = get('pagination');
	const pagination: JsonApiPagination =
		kind === 'nextLink'
			? { type: 'nextLink', path: get('nextLinkPath') }
			: kind === 'cursor'
				? {
						type: 'cursor',
						cursorPath: get('cursorPath'),
						cursorParameter: get('cursorParameter'),
					}
				: kind === 'page'
					? {
							type: 'page',
							pageParameter: get('pageParameter'),
							sizeParameter: get('pageSizeParameter'),
							firstPage: 1,
						}
					: { type: 'none' };
	const mapping = Object.fromEntries(
		(Object.keys(DEFAULT_JSON_API_MAPPING) as Array<keyof JsonApiFieldMapping>)
			.map((field) => [field, options.mapping?.[field] ?? DEFAULT_JSON_API_MAPPING[field]])
			.filter(([, path]) => path !== ''),
	) as unknown as JsonApiFieldMapping;
	return {
		url: options.url,
		itemsPath: get('itemsPath'),
		sinceParameter: get('sinceParameter'),
		sinceFormat: sinceFormat as JsonApiSettings['sinceFormat'],
		pagination,
		mapping,
	};
}

export class JsonApiCaseSource implements CaseSource {
	readonly name: string;

	constructor(
		private readonly settings: JsonApiSettings,
		private readonly http: HttpRequest,
		private readonly retry: HelpdeskRetryPolicy = DEFAULT_RETRY_POLICY,
	) {
		this.name = `HTTP source (${new URL(settings.url).host})`;
	}

	async fetchChanged(window: FetchWindow, limit: number): Promise<CasePage> {
		const pagination = this.settings.pagination;
		let url = this.settings.url;
		const qs: Record<string, string | number> = {};
		if (pagination.type === 'nextLink' && window.cursor) url = window.cursor;
		else {
			if (this.settings.sinceParameter)
				qs[this.settings.sinceParameter] = formatSince(window.since, this.settings.sinceFormat);
			if (pagination.type === 'cursor' && window.cursor)
				qs[pagination.cursorParameter] = window.cursor;
			if (pagination.type === 'page') {
				qs[pagination.pageParameter] = window.cursor ? Number(window.cursor) : pagination.firstPage;
				if (pagination.sizeParameter) qs[pagination.sizeParameter] = limit;
			}
		}
		const response = await requestHelpdesk(
			this.name,
			this.http,
			{ method: 'GET', url, qs },
			this.retry,
		);
		const items = valueAt(response.body, this.settings.itemsPath);
		if (!Array.isArray(items)) {
			throw new Error(
				`${this.name}: '${this.settings.itemsPath || '(response)'}' is not a list of cases`,
			);
		}
		const since = Date.parse(window.since);
		const read: Case[] = [];
		const unreadable: UnreadableRecord[] = [];
		items.forEach((item, index) => {
			try {
				read.push(this.toCase(item));
			} catch (error) {
				const refused =
					error instanceof CaseValidationError
						? error
						: new CaseValidationError(String(error), 'record', 'Check the field mapping.');
				unreadable.push(this.unreadable(item, index, refused));
			}
		});
		const cases = read
			.filter(
				(supportCase) =>
					supportCase.updatedAt !== null && Date.parse(supportCase.updatedAt) >= since,
			)
			.filter((supportCase) => !window.handled?.(supportCase.id, supportCase.updatedAt!))
			.sort((a, b) => Date.parse(a.updatedAt!) - Date.parse(b.updatedAt!));
		const nextCursor = this.nextCursor(
			response.body,
			response.headers,
			items.length,
			window.cursor ?? null,
			limit,
		);
		return {
			cases,
			unreadable,
			nextCursor,
			complete: nextCursor === null,
			serverTime: serverTimeOf(response),
		};
	}

	async sample(count: number): Promise<Case[]> {
		const since = new Date(Date.now() - 7 * DAY_MS).toISOString();
		const page = await this.fetchChanged({ since }, count);
		return page.cases.slice(-count).reverse();
	}

	private nextCursor(
		body: unknown,
		headers: Record<string, string>,
		count: number,
		cursor: string | null,
		limit: number,
	): string | null {
		const pagination = this.settings.pagination;
		switch (pagination.type) {
			case 'none':
				return null;
			case 'nextLink': {
				const next =
					pagination.path === 'header:link'
						? /<([^>]+)>;\s*rel="?next"?/.exec(headers.link ?? '')?.[1]
						: valueAt(body, pagination.path);
				return typeof next === 'string' && next !== ''
					? sameOriginLink(this.name, next, this.settings.url)
					: null;
			}
			case 'cursor': {
				const next = valueAt(body, pagination.cursorPath);
				return (typeof next === 'string' || typeof next === 'number') &&
					String(next) !== '' &&
					count > 0
					? String(next)
					: null;
			}
			case 'page':
				return count < limit ? null : String((cursor ? Number(cursor) : pagination.firstPage) + 1);
		}
	}

	/** What to report of a record `toCase` refused: its id (or place) and the field, with its path. */
	private unreadable(item: unknown, index: number, error: CaseValidationError): UnreadableRecord {
		const mapping = this.settings.mapping;
		const id = valueAt(item, mapping.id);
		const record =
			(typeof id === 'string' && id !== '') || typeof id === 'number'
				? String(id)
				: `item ${index + 1} of the page`;
		const [field, ...rest] = error.field.split('.');
		const path = mapping[field as keyof JsonApiFieldMapping];
		const named = path && path !== field ? `${field} (${[path, ...rest].join('.')})` : error.field;
		const updated = valueAt(item, mapping.updatedAt);
		return {
			record,
			field: named,
			message: `${this.name}: record ${record} cannot be read: ${error.message}. ${error.hint}`,
			updatedAt: field === 'updatedAt' ? null : toIsoTime(updated),
		};
	}

	private toCase(item: unknown): Case {
		const mapping = this.settings.mapping;
		const mapped: MappedCase = { source: this.settings.sourceName ?? 'http' };
		for (const [field, path] of Object.entries(mapping) as Array<
			[keyof JsonApiFieldMapping, string | undefined]
		>) {
			if (path) (mapped as Record<string, unknown>)[field] = valueAt(item, path);
		}
		return normalizeCase(mapped);
	}
}

function formatSince(iso: string, format: JsonApiSettings['sinceFormat']): string | number {
	const time = parseTime(iso)!;
	if (format === 'epochSeconds') return Math.floor(time.toSeconds());
	if (format === 'epochMillis') return time.toMillis();
	return time.toISO({ suppressMilliseconds: true })!;
}
