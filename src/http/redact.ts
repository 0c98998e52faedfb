/**
 * The one way secrets are kept out of what is printed or thrown: every error path (helpdesk
 * sources, model calls, the command line) goes through `redact`.
 */

/** Secrets shorter than this are not redacted: they would blank out ordinary words. */
const MIN_SECRET_LENGTH = 4;

/** A secret as it may appear in a text: as given, base64 (Basic auth), and URL-encoded. */
function formsOf(secret: string): string[] {
	return [
		secret,
		Buffer.from(secret).toString('base64'),
		Buffer.from(secret).toString('base64').replace(/=+$/, ''),
		encodeURIComponent(secret),
	];
}

/**
 * The text with every secret replaced by `***`, in any of its forms, and the user and password
 * part of every URL removed. Pass the credential pairs too (`user:password`): Basic auth
 * encodes the pair, not each part.
 */
export function redact(text: string, secrets: readonly string[]): string {
	const forms = secrets
		.filter((secret) => secret && secret.length >= MIN_SECRET_LENGTH)
		.flatMap(formsOf)
		.filter((form) => form.length >= MIN_SECRET_LENGTH)
		.sort((a, b) => b.length - a.length);
	let out = redactUrl(text);
	for (const form of new Set(forms)) out = out.split(form).join('***');
	return out;
}

/** Removes the user and password part of every URL in a text (`https://user:pass@host`). */
export function redactUrl(text: string): string {
	return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@]*@/gi, '$1');
}

/**
 * Milliseconds a server asked to wait in its `Retry-After` header (RFC 9110: seconds, or an HTTP
 * date); undefined when absent or unreadable. The helpdesk sources and the model calls use it.
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
	const at = Date.parse(value);
	return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
