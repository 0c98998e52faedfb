import {
	CaseSourceError,
	type HttpRequest,
	type HttpRequestOptions,
	type HttpResponse,
} from './source';
import { MINUTE_MS, SECOND_MS } from '../case/time';

/** How a source waits on rate limits: bounded, so a poll never hangs on a long Retry-After. */
export interface RetryPolicy {
	maxRetries: number;
	/** Longest wait honoured, in milliseconds; a longer Retry-After fails the poll instead. */
	maxWaitMs: number;
	sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 3,
	maxWaitMs: MINUTE_MS,
	sleep: async (ms) => await new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * One request to a helpdesk with the house rules every source shares: 429 waits for Retry-After
 * (bounded), 401/403 become an error that names the source and the credential to fix, and any
 * other non-2xx status fails the poll (so its cursor does not move).
 */
export async function requestHelpdesk(
	source: string,
	http: HttpRequest,
	request: HttpRequestOptions,
	retry: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<HttpResponse> {
	for (let attempt = 0; ; attempt++) {
		const response = await http(request);
		if (response.status >= 200 && response.status < 300) return response;
		if (response.status === 429 && attempt < retry.maxRetries) {
			const waitMs = retryAfterMs(response.headers['retry-after']);
			if (waitMs <= retry.maxWaitMs) {
				await retry.sleep(waitMs);
				continue;
			}
		}
		throw errorFor(source, request, response);
	}
}

function retryAfterMs(value: string | undefined): number {
	if (!value) return 1000;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * SECOND_MS);
	const date = Date.parse(value);
	return Number.isFinite(date) ? Math.max(0, date - Date.now()) : 1000;
}

function errorFor(
	source: string,
	request: HttpRequestOptions,
	response: HttpResponse,
): CaseSourceError {
	const detail = describeBody(response.body);
	const where = `${request.method} ${request.url.replace(/\?.*$/, '')}`;
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

function describeBody(body: unknown): string {
	if (body === null || body === undefined || body === '') return '';
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	return `: ${text.slice(0, 300)}`;
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
		const response = await fetch(urlWithQuery(request.url, request.qs), {
			method: request.method,
			headers: {
				accept: 'application/json',
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

/** The helpdesk's own clock from its HTTP `Date` header, ISO; null without a readable one. */
export function httpDate(header: string | undefined): string | null {
	const parsed = header ? Date.parse(header) : Number.NaN;
	return Number.isFinite(parsed) ? new Date(parsed).toISOString() : null;
}
