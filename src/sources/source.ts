import type { Case } from '../case/case';

/**
 * What every case source needs from outside: one HTTP function and a clock. In n8n the HTTP
 * function wraps `this.helpers.httpRequestWithAuthentication` (so n8n's proxy, SSRF settings and
 * credentials apply); in tests and the CLI it is the fetch-based `fetchHttpRequest`.
 */
export interface HttpRequestOptions {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	url: string;
	qs?: Record<string, string | number | boolean | undefined>;
	headers?: Record<string, string>;
	body?: unknown;
	/** Milliseconds to wait for the answer before giving up (see `requestHelpdesk`). */
	timeoutMs?: number;
}

export interface HttpResponse {
	status: number;
	headers: Record<string, string>;
	/** Parsed JSON when the response is JSON, the text otherwise. */
	body: unknown;
}

export type HttpRequest = (request: HttpRequestOptions) => Promise<HttpResponse>;

export type Clock = () => Date;

/** Filters a user sets on the trigger; each source matches them against its own field values. */
export interface CaseFilters {
	state?: string;
	priority?: string;
	/** Group (team) id or name. */
	group?: string;
	/** Account (organization, company) id. */
	account?: string;
}

export interface FetchWindow {
	/** ISO time: list the cases whose activity changed at or after it. */
	since: string;
	/**
	 * ISO time from which activity counts as new, when it is earlier than `since`: a poll that
	 * resumes a cut-short one lists from its cursor but counts activity from the first window's
	 * start. A source that reads activity apart from its case list (Zendesk's comment events)
	 * reads it from here.
	 */
	activitySince?: string;
	/** The source's own position within this window, from the previous page's `nextCursor`. */
	cursor?: string | null;
	/**
	 * Whether the trigger already handled this case at this revision: the case's `updatedAt` (ISO),
	 * or the revision the source gives for it in `CasePage.revisions`. A source may then leave the
	 * case out without fetching its comments: that keeps re-reading the overlap window cheap.
	 */
	handled?: (caseId: string, revision: string) => boolean;
	/**
	 * Seconds after its own time that a write may still become visible (the trigger's overlap):
	 * a source whose helpdesk has no revision that moves with every change reads the threads of
	 * cases updated this recently again.
	 */
	lateWriteSeconds?: number;
}

/** A listed record the source could not read as a case; the poll reports it and goes on. */
export interface UnreadableRecord {
	/** The record's id, or its place in the page when even that cannot be read. */
	record: string;
	/** The case field that could not be read, with the source's own path when it differs. */
	field: string;
	message: string;
	/** The record's update time when that could be read, ISO. */
	updatedAt: string | null;
}

export interface CasePage {
	/** Cases in ascending order of `updatedAt` (ties in the source's own stable order). */
	cases: Case[];
	/** Records of this page that could not be read (the others are in `cases`). */
	unreadable?: UnreadableRecord[];
	nextCursor: string | null;
	/** Whether the window has no more pages. */
	complete: boolean;
	/**
	 * The helpdesk's clock when it answered, ISO (its HTTP `Date` header, see `serverTimeOf`),
	 * when the source knows it. The poll caps its cursor there (see `FUTURE_SKEW_SECONDS`), and
	 * settles the helpdesk's past seconds by it even when nothing newer is listed: a case updated
	 * in an earlier second gets any later activity in a later second.
	 */
	serverTime?: string | null;
	/**
	 * Per case id, what "already handled" is keyed on when the source knows better than the case's
	 * `updatedAt`: a revision that moves with every change to the case (ServiceNow's
	 * `sys_mod_count`, Zendesk's `generated_timestamp` once its second is over), or null when the
	 * case may still change without moving anything the source sees (it is read again next poll).
	 */
	revisions?: Record<string, string | null>;
	/**
	 * Whether the source ended the poll early (the helpdesk's rate budget is nearly spent): the
	 * poll stops with `more`, and the next one resumes.
	 */
	stopped?: boolean;
}

export interface CaseSource {
	/** The name users know the source by, used in errors: e.g. 'Zendesk'. */
	readonly name: string;
	/** One page of the cases changed in the window. */
	fetchChanged(window: FetchWindow, limit: number): Promise<CasePage>;
	/** The most recently updated cases, for a manual test run. */
	sample(count: number): Promise<Case[]>;
}

/** A helpdesk refused or failed a request; the message names the source and says how to fix it. */
export class CaseSourceError extends Error {
	constructor(
		message: string,
		readonly source: string,
		readonly status: number | null,
		readonly hint: string,
	) {
		super(message);
		this.name = 'CaseSourceError';
	}
}
