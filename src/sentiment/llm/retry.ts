import { connectionCode, isMarkedNonRetryable } from './callError';
import { parseRetryAfter } from '../../http/redact';

/**
 * Retries of model calls: 429 waits for the server's Retry-After, 5xx, timeouts and connection
 * failures (refused, reset, DNS) back off exponentially with jitter, everything else fails at
 * once, and so does what n8n marks as not retryable (an address its SSRF protection blocks). Bounded both in
 * attempts and in the longest single wait.
 */

export interface RetryOptions {
	retries: number;
	baseDelayMs: number;
	maxDelayMs: number;
	sleep?: (ms: number) => Promise<void>;
	random?: () => number;
	/** Which errors are worth another attempt; isRetryable unless the caller knows better. */
	retryable?: (error: unknown) => boolean;
}

export const DEFAULT_RETRY: RetryOptions = { retries: 3, baseDelayMs: 500, maxDelayMs: 30_000 };

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

export async function withRetry<T>(
	call: () => Promise<T>,
	options: RetryOptions = DEFAULT_RETRY,
): Promise<T> {
	const sleep =
		options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
	const random = options.random ?? Math.random;
	for (let attempt = 0; ; attempt++) {
		const outcome = await settle(call);
		if (outcome.ok) return outcome.value;
		const error = outcome.error;
		if (attempt >= options.retries || !(options.retryable ?? isRetryable)(error)) throw error;
		const asked = statusOf(error) === 429 ? retryAfterMs(error) : undefined;
		const backoff = options.baseDelayMs * 2 ** attempt * (0.5 + random() / 2);
		await sleep(Math.min(options.maxDelayMs, asked ?? backoff));
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
