/**
 * What a failed model call is reported as: the address called and the cause, in words a user can
 * act on. Only the HTTP status and the provider's own error message are shown, never the body
 * of a non-2xx answer: a credential may name any URL, and its error page is not ours to echo.
 */

interface ErrorLike {
	name?: unknown;
	code?: unknown;
	message?: unknown;
	cause?: unknown;
	/** OpenAI's error body, `{ message, type, code }`, as the SDK keeps it. */
	error?: unknown;
}

/** The error and its causes, outermost first (bounded: a cause chain may loop). */
export function causeChain(error: unknown): ErrorLike[] {
	const chain: ErrorLike[] = [];
	let current: unknown = error;
	while (current !== null && typeof current === 'object' && chain.length < 8) {
		if (chain.includes(current as ErrorLike)) break;
		chain.push(current as ErrorLike);
		current = (current as ErrorLike).cause;
	}
	return chain;
}

const CONNECTION_CAUSES: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset by the server',
	ETIMEDOUT: 'connection timed out',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	ENOTFOUND: 'host name not found',
	EAI_AGAIN: 'host name lookup failed',
	EPIPE: 'connection closed while sending',
	UND_ERR_SOCKET: 'connection closed by the server',
	UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
	UND_ERR_HEADERS_TIMEOUT: 'no answer in time',
	CERT_HAS_EXPIRED: 'TLS certificate expired',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
	SELF_SIGNED_CERT_IN_CHAIN: 'self-signed TLS certificate in the chain',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate not trusted',
	ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate is for another host',
};

/** The system error code of a connection failure anywhere in the chain (ECONNREFUSED, ...). */
export function connectionCode(error: unknown): string | undefined {
	for (const link of causeChain(error)) {
		if (typeof link.code === 'string' && link.code in CONNECTION_CAUSES) return link.code;
	}
	return undefined;
}

/** n8n marks errors that no retry can fix (an address its SSRF protection blocks). */
const N8N_NON_RETRYABLE = Symbol.for('n8n.backend-network.non-retryable-error');

export function isMarkedNonRetryable(error: unknown): boolean {
	return causeChain(error).some(
		(link) => (link as Record<symbol, unknown>)[N8N_NON_RETRYABLE] === true,
	);
}

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
