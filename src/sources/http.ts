import {
	CaseSourceError,
	type HttpRequest,
	type HttpRequestOptions,
	type HttpResponse,
} from './source';
import { MINUTE_MS, SECOND_MS } from '../case/time';
import { CONNECTION_CAUSES } from '../http/networkErrors';
import { redactUrl } from '../http/redact';
import { isRateLimited, type RetryPolicy, settle, withRetry } from '../http/retry';

/**
 * How a source retries, through the one retry layer (`src/http/retry.ts`): only a 429 is retried
 * within a poll, waiting for its Retry-After (a second's backoff, doubling, when it names none);
 * a longer wait than `maxDelayMs` fails the poll instead of holding it. Any other failure fails
 * the poll at once: its cursor does not move, so the next poll reads the same window again.
 */
export interface HelpdeskRetryPolicy extends RetryPolicy {
	/** How long one request may take, in milliseconds; `REQUEST_TIMEOUT_MS` when unset. */
	timeoutMs?: number;
}

/** A helpdesk that has not answered in this long is not going to: the poll fails and retries. */
export const REQUEST_TIMEOUT_MS = 30 * SECOND_MS;

export const DEFAULT_RETRY_POLICY: HelpdeskRetryPolicy = {
	retries: 3,
	baseDelayMs: SECOND_MS,
	maxDelayMs: MINUTE_MS,
	timeoutMs: REQUEST_TIMEOUT_MS,
};

/** Whether a request reads for a poll (the default) or writes to a case (Update Case in Helpdesk). */
export interface HelpdeskRequestPurpose {
	action: 'read' | 'write';
	/** Statuses handed back to the caller instead of thrown (a write's 409/412 conflicts). */
	passStatuses?: readonly number[];
}

const READ: HelpdeskRequestPurpose = { action: 'read' };

/** A non-2xx answer, thrown inside the retry loop so that it can read the status and Retry-After. */
class HelpdeskStatusError extends Error {
	readonly status: number;
	readonly headers: Record<string, string>;
	constructor(readonly response: HttpResponse) {
		super(`HTTP ${response.status}`);
		this.status = response.status;
		this.headers = response.headers;
	}
}

/**
 * One request to a helpdesk with the house rules every source shares: 429 waits for Retry-After
 * (bounded), 401/403 become an error that names the source and the credential to fix, and any
 * other non-2xx status fails the poll (so its cursor does not move) or the write.
 */
export async function requestHelpdesk(
	source: string,
	http: HttpRequest,
	request: HttpRequestOptions,
	retry: HelpdeskRetryPolicy = DEFAULT_RETRY_POLICY,
	purpose: HelpdeskRequestPurpose = READ,
): Promise<HttpResponse> {
	const timeoutMs = request.timeoutMs ?? retry.timeoutMs ?? REQUEST_TIMEOUT_MS;
	const outcome = await settle(() =>
		withRetry(
			async () => {
				const response = await http({ ...request, timeoutMs }).catch((error: unknown) => {
					throw unreachableError(source, request, timeoutMs, error, purpose);
				});
				if (response.status >= 200 && response.status < 300) return response;
				if (purpose.passStatuses?.includes(response.status)) return response;
				throw new HelpdeskStatusError(response);
			},
			{ ...retry, longerWait: 'fail', retryable: isRateLimited },
		),
	);
	if (outcome.ok) return outcome.value;
	if (outcome.error instanceof HelpdeskStatusError)
		throw errorFor(source, request, outcome.error.response, purpose);
	throw outcome.error;
}

/** A request that got no answer: names the source, the address and the cause. */
function unreachableError(
	source: string,
	request: HttpRequestOptions,
	timeoutMs: number,
	error: unknown,
	purpose: HelpdeskRequestPurpose,
): CaseSourceError {
	const where = `${request.method} ${redactUrl(request.url.replace(/\?.*$/, ''))}`;
	const failed = purpose.action === 'write' ? 'could not be updated' : 'could not be read';
	if (isTimeout(error)) {
		return new CaseSourceError(
			`${source} ${failed}: no answer to ${where} within ${timeoutMs / SECOND_MS} s`,
			source,
			null,
			'Check that the helpdesk is up and reachable from here.',
		);
	}
	return new CaseSourceError(
		`${source} ${failed}: no answer from ${where} (${causeOf(error)})`,
		source,
		null,
		'Check the address (base URL or endpoint URL), the network and any proxy between here and the helpdesk.',
	);
}

function isTimeout(error: unknown): boolean {
	const named = error as { name?: string; code?: string; message?: string } | null;
	return (
		named?.name === 'TimeoutError' ||
		named?.code === 'ECONNABORTED' ||
		named?.code === 'ETIMEDOUT' ||
		/timeout of \d+ms exceeded/.test(named?.message ?? '')
	);
}

/**
 * The innermost reason a request failed: fetch's own message is only "fetch failed". n8n swaps an
 * error message holding a bare code (ECONNREFUSED, ...) for a generic sentence that drops the
 * source and the address, so the code is put in words (CONNECTION_CAUSES) and not repeated.
 */
function causeOf(error: unknown): string {
	let current: unknown = error;
	const reasons: string[] = [];
	for (let depth = 0; depth < 4 && current; depth++) {
		const named = current as { code?: string; message?: string; cause?: unknown };
		const reason =
			(named.code && (CONNECTION_CAUSES[named.code] ?? named.code)) ??
			named.message ??
			String(current);
		if (reason && !reasons.includes(reason) && reason !== 'fetch failed') reasons.push(reason);
		current = named.cause;
	}
	const cause = reasons.join(': ') || 'no answer';
	return Object.entries(CONNECTION_CAUSES).reduce(
		(text, [code, words]) => text.split(code).join(words),
		cause,
	);
}

function errorFor(
	source: string,
	request: HttpRequestOptions,
	response: HttpResponse,
	purpose: HelpdeskRequestPurpose,
): CaseSourceError {
	const detail = describeBody(response.body);
	const where = `${request.method} ${request.url.replace(/\?.*$/, '')}`;
	if (purpose.action === 'write' && response.status !== 401)
		return writeErrorFor(source, where, response, detail);
	if (response.status === 401) {
		return new CaseSourceError(
			`${source} refused the credentials (401)${detail}`,
			source,
			401,
			`Check the ${source} credential: user or email, password, token or API key, and the base URL.`,
		);
	}
	if (response.status === 403) {
		return new CaseSourceError(
			`${source} denied access (403) to ${where}${detail}`,
			source,
			403,
			`Give the ${source} account read access to tickets/cases, their comments and users.`,
		);
	}
	if (response.status === 429) {
		return new CaseSourceError(
			`${source} kept rate-limiting the poll (429)`,
			source,
			429,
			'Poll less often or lower "Max Cases per Poll"; the cursor did not move, so nothing is lost.',
		);
	}
	return new CaseSourceError(
		`${source} answered ${response.status} to ${where}${detail}`,
		source,
		response.status,
		'The cursor did not move: the next poll retries the same window.',
	);
}

/** A write the helpdesk refused: what it said, and what to check (nothing else was changed by it). */
function writeErrorFor(
	source: string,
	where: string,
	response: HttpResponse,
	detail: string,
): CaseSourceError {
	if (response.status === 403) {
		return new CaseSourceError(
			`${source} denied the update (403) to ${where}${detail}`,
			source,
			403,
			`Give the ${source} account write access to the case and the fields, tags and notes Update Case in Helpdesk writes.`,
		);
	}
	if (response.status === 429) {
		return new CaseSourceError(
			`${source} kept rate-limiting the update (429)`,
			source,
			429,
			'The update waited for Retry-After and was retried; run fewer items at once, or again later (it writes only what is still missing).',
		);
	}
	return new CaseSourceError(
		`${source} answered ${response.status} to ${where}${detail}`,
		source,
		response.status,
		response.status === 400 || response.status === 422
			? 'Check the field names, custom field IDs and tag prefix in the node: the helpdesk refused the values sent.'
			: response.status === 404
				? 'Check Case ID (the helpdesk record id, e.g. the sys_id for ServiceNow) and the table.'
				: 'Run the item again: the write-back reads the case first and writes only what is still missing.',
	);
}

function describeBody(body: unknown): string {
	if (body === null || body === undefined || body === '') return '';
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	return `: ${text.slice(0, 300)}`;
}

/**
 * The helpdesk's clock when it answered, from the HTTP `Date` header (RFC 9110: every origin
 * server with a clock sends it), ISO; null without one. Polls settle and cap by this clock.
 */
export function serverTimeOf(response: HttpResponse): string | null {
	const date = Date.parse(response.headers.date ?? '');
	return Number.isFinite(date) ? new Date(date).toISOString() : null;
}

/**
 * A next-page link a helpdesk gave (absolute or relative), checked before it is followed with the
 * credential: only the configured endpoint's own scheme, host and port are followed, anything
 * else fails the poll. Every source that follows links it was given uses this (the JSON API's
 * next links, Zendesk's `next_page`).
 */
export function sameOriginLink(source: string, link: string, endpoint: string): string {
	const base = new URL(endpoint);
	if (!URL.canParse(link, base.toString())) {
		throw new CaseSourceError(
			`${source} gave a next page link that is not a URL: ${redactUrl(link).slice(0, 200)}`,
			source,
			null,
			'Check the next link setting: it must name the field (or header:link) that holds the next page URL.',
		);
	}
	const target = new URL(link, base);
	if (target.protocol !== base.protocol || target.host !== base.host) {
		throw new CaseSourceError(
			`${source} gave a next page on ${target.origin}, not the endpoint's ${base.origin}: it was not followed, so the credential was not sent there`,
			source,
			null,
			`Only next links on ${base.origin} are followed. Point the endpoint URL (or base URL) at the address the helpdesk pages on.`,
		);
	}
	return target.toString();
}

/** Adds `qs` to a URL the way n8n's request helpers do. */
export function urlWithQuery(url: string, qs: HttpRequestOptions['qs']): string {
	if (!qs) return url;
	const target = new URL(url);
	for (const [key, value] of Object.entries(qs)) {
		if (value !== undefined) target.searchParams.set(key, String(value));
	}
	return target.toString();
}

/**
 * The HTTP function outside n8n (tests, CLI, bench): fetch, with the auth headers the caller's
 * credential gives. Counts requests and bytes so the benchmark can report them.
 */
export function fetchHttpRequest(
	authHeaders: Record<string, string> = {},
	meter?: { requests: number; bytes: number },
): HttpRequest {
	return async (request) => {
		// fetch refuses a URL with a user part (https://user:pass@host): it becomes Basic auth.
		const target = new URL(urlWithQuery(request.url, request.qs));
		const userInfo: Record<string, string> =
			target.username !== '' && !('authorization' in authHeaders)
				? basicAuthHeader(decodeURIComponent(target.username), decodeURIComponent(target.password))
				: {};
		target.username = '';
		target.password = '';
		const response = await fetch(target, {
			method: request.method,
			signal: request.timeoutMs ? AbortSignal.timeout(request.timeoutMs) : undefined,
			headers: {
				accept: 'application/json',
				...userInfo,
				...authHeaders,
				...request.headers,
				...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
			},
			body: request.body !== undefined ? JSON.stringify(request.body) : undefined,
		});
		const text = await response.text();
		if (meter) {
			meter.requests += 1;
			meter.bytes += Buffer.byteLength(text);
		}
		const headers: Record<string, string> = {};
		response.headers.forEach((value, key) => {
			headers[key.toLowerCase()] = value;
		});
		let body: unknown = text;
		if ((headers['content-type'] ?? '').includes('json') && text !== '') {
			try {
				body = JSON.parse(text);
			} catch {
				body = text;
			}
		}
		return { status: response.status, headers, body };
	};
}

export function basicAuthHeader(user: string, password: string): Record<string, string> {
	return { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}
