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
	/** ISO time: cases whose activity changed at or after it. */
	since: string;
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

export interface CasePage {
	/** Cases in ascending order of `updatedAt` (ties in the source's own stable order). */
	cases: Case[];
	nextCursor: string | null;
	/** Whether the window has no more pages. */
	complete: boolean;
	/**
	 * Per case id, what "already handled" is keyed on when the source knows better than the case's
	 * `updatedAt`: a revision that moves with every change to the case (ServiceNow's
	 * `sys_mod_count`, Zendesk's `generated_timestamp` once its second is over), or null when the
	 * case may still change without moving anything the source sees (it is read again next poll).
	 */
	revisions?: Record<string, string | null>;
	/**
	 * The helpdesk's own clock when it listed this page (ISO, e.g. its HTTP `Date` header): a case
	 * updated in an earlier second gets any later activity in a later second, so it is settled.
	 */
	listedAt?: string | null;
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
