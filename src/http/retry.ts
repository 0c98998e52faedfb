import { connectionCode, isMarkedNonRetryable } from './networkErrors';
import { parseRetryAfter } from './redact';

/**
 * The one retry layer: the helpdesk sources and the model calls both retry through `withRetry`.
 * A 429 waits for the server's Retry-After; other transient failures (5xx, 408, timeouts,
 * refused or dropped connections) back off exponentially with jitter; everything else fails at
 * once, and so does what n8n marks as not retryable (an address its SSRF protection blocks).
 * Bounded both in attempts and in the longest single wait.
 */
export interface RetryPolicy {
	/** Attempts after the first; 0 never retries. */
	retries: number;
	/** The first backoff when the server names no wait, in milliseconds; it doubles each attempt. */
	baseDelayMs: number;
	/** The longest single wait, in milliseconds. */
	maxDelayMs: number;
	/**
	 * What a Retry-After longer than `maxDelayMs` does: `cap` waits `maxDelayMs` and tries again
	 * (a model call, whose item would fail otherwise); `fail` gives up at once (a poll, whose next
	 * run retries the same window, so nothing hangs on a long wait).
	 */
	longerWait?: 'cap' | 'fail';
	sleep?: (ms: number) => Promise<void>;
	random?: () => number;
	/** Which errors are worth another attempt; `isRetryable` unless the caller knows better. */
	retryable?: (error: unknown) => boolean;
}

interface ErrorLike {
	status?: number;
	statusCode?: number;
	code?: string;
	name?: string;
	message?: string;
	headers?: unknown;
	response?: { status?: number; headers?: unknown };
	cause?: unknown;
	lc_error_code?: string;
}

/** The HTTP status an error carries (its own, its response's, or a cause's). */
export function statusOf(error: unknown): number | undefined {
	const e = (error ?? {}) as ErrorLike;
	const status = e.status ?? e.statusCode ?? e.response?.status;
	if (typeof status === 'number') return status;
	if (e.lc_error_code === 'MODEL_RATE_LIMIT') return 429;
	if (e.cause && e.cause !== error) return statusOf(e.cause);
	return undefined;
}

function header(headers: unknown, name: string): string | undefined {
	if (!headers) return undefined;
	if (typeof (headers as Headers).get === 'function')
		return (headers as Headers).get(name) ?? undefined;
	const record = headers as Record<string, unknown>;
	const value = record[name] ?? record[name.toLowerCase()];
	return typeof value === 'string' ? value : Array.isArray(value) ? String(value[0]) : undefined;
}

/** Milliseconds the server asked us to wait, from retry-after-ms or Retry-After (seconds or a date). */
export function retryAfterMs(error: unknown, now = Date.now()): number | undefined {
	const e = (error ?? {}) as ErrorLike;
	const headers = e.headers ?? e.response?.headers;
	const ms = header(headers, 'retry-after-ms');
	if (ms && Number.isFinite(Number(ms))) return Number(ms);
	const value = header(headers, 'retry-after');
	if (value === undefined) {
		return e.cause && e.cause !== error ? retryAfterMs(e.cause, now) : undefined;
	}
	return parseRetryAfter(value, now);
}

/** Whether another attempt may succeed: 429, 408, 5xx, timeouts and dropped connections. */
export function isRetryable(error: unknown): boolean {
	if (isMarkedNonRetryable(error)) return false;
	const status = statusOf(error);
	if (status !== undefined) return status === 429 || status === 408 || status >= 500;
	const code = connectionCode(error);
	// A certificate the client does not trust stays untrusted on the next attempt.
	if (code) return !/CERT|TLS|SIGNATURE/.test(code);
	const e = (error ?? {}) as ErrorLike;
	const text = `${e.name ?? ''} ${e.code ?? ''} ${e.message ?? ''} ${e.constructor?.name ?? ''}`;
	return /timeout|timed out|ECONNRESET|ECONNREFUSED|EPIPE|socket hang up|APIConnection/i.test(text);
}

/** Whether the server said "too many requests" (429). */
export function isRateLimited(error: unknown): boolean {
	return statusOf(error) === 429;
}

export async function withRetry<T>(call: () => Promise<T>, policy: RetryPolicy): Promise<T> {
	const sleep =
		policy.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
	const random = policy.random ?? Math.random;
	for (let attempt = 0; ; attempt++) {
		const outcome = await settle(call);
		if (outcome.ok) return outcome.value;
		const error = outcome.error;
		if (attempt >= policy.retries || !(policy.retryable ?? isRetryable)(error)) throw error;
		const asked = isRateLimited(error) ? retryAfterMs(error) : undefined;
		if (asked !== undefined && asked > policy.maxDelayMs && policy.longerWait === 'fail')
			throw error;
		const backoff = policy.baseDelayMs * 2 ** attempt * (0.5 + random() / 2);
		await sleep(Math.min(policy.maxDelayMs, asked ?? backoff));
	}
}

/** A call's value or its error, so that callers decide what to throw outside a catch block. */
export async function settle<T>(
	call: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
	try {
		return { ok: true, value: await call() };
	} catch (error) {
		return { ok: false, error };
	}
}
