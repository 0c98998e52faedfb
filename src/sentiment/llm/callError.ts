/**
 * What a failed model call is reported as: the address called and the cause, in words a user can
 * act on. Only the HTTP status and the provider's own error message are shown, never the body
 * of a non-2xx answer: a credential may name any URL, and its error page is not ours to echo.
 */

import { causeChain, CONNECTION_CAUSES, connectionCode } from '../../http/networkErrors';

/** The provider's `error.message` of an OpenAI-style error body, cut to a readable length. */
function providerMessage(error: unknown): string | undefined {
	for (const link of causeChain(error)) {
		const body = link.error as { message?: unknown } | undefined;
		if (body && typeof body === 'object' && typeof body.message === 'string') {
			const message = body.message.replace(/\s+/g, ' ').trim();
			return message.length > 300 ? `${message.slice(0, 300)}…` : message;
		}
	}
	return undefined;
}

/** A URL without user info, query or fragment: what may appear in a message. */
export function displayAddress(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
	} catch {
		return '(an invalid address)';
	}
}

/**
 * Why the call failed, without the address or status: the provider's own message ('Incorrect API
 * key provided'), 'connection refused (ECONNREFUSED)', 'timed out after 60 s', or n8n's own
 * reason for blocking.
 */
export function callFailureCause(
	error: unknown,
	status: number | undefined,
	timedOutAfterMs?: number,
): string {
	if (timedOutAfterMs !== undefined) return `timed out after ${timedOutAfterMs / 1000} s`;
	if (status !== undefined) return providerMessage(error) ?? `the server answered ${status}`;
	const code = connectionCode(error);
	if (code) return `${CONNECTION_CAUSES[code]} (${code})`;
	const chain = causeChain(error);
	// n8n's SSRF protection and other refusals of n8n's own: their message says what to do.
	const refusal = chain.find((link) => typeof link.name === 'string' && /^Ssrf/.test(link.name));
	if (refusal && typeof refusal.message === 'string') return refusal.message;
	if (
		chain.some((link) => link.name === 'TimeoutError' || /timed? ?out/i.test(String(link.message)))
	)
		return 'timed out';
	// The innermost message is the most specific (the SDK's own says only "Connection error.").
	const message = [...chain]
		.reverse()
		.map((link) => (typeof link.message === 'string' ? link.message : ''))
		.find((text) => text.trim() !== '');
	const text = (message ?? String(error)).replace(/\s+/g, ' ').trim();
	return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** Errors that mean the answer came back but was not the JSON asked for: repaired, not retried. */
export function isUnparseableAnswer(error: unknown): boolean {
	const link = causeChain(error)[0] ?? {};
	return (
		error instanceof SyntaxError ||
		link.name === 'SyntaxError' ||
		link.name === 'OutputParserException' ||
		link.name === 'LengthFinishReasonError' ||
		(link as { lc_error_code?: unknown }).lc_error_code === 'OUTPUT_PARSING_FAILURE'
	);
}
