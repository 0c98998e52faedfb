/**
 * Network failures as Node and n8n report them, read the same way by every caller: the model
 * calls (their error messages) and the one retry layer (`src/http/retry.ts`, what is worth
 * another attempt).
 */

export interface ErrorLike {
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

/**
 * Network failures in words, by the system or undici error code: the one table of the model
 * calls' messages, the helpdesk sources' messages (src/sources/http.ts) and the retry layer
 * (a code listed here is a connection failure).
 */
export const CONNECTION_CAUSES: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset by the server',
	ECONNABORTED: 'connection aborted',
	EADDRNOTAVAIL: 'address not available',
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
