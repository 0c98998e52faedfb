/**
 * The Extra Headers of a credential, as n8n hands them over: a JSON object as text (the
 * credential's field) or already an object. One reader for the credential's own authentication
 * and the engine built from it, so both send the same headers. A value that is not a JSON object
 * is refused with a message that repeats none of it: it may hold a key.
 */
export function extraHeaders(value: unknown): Record<string, string> {
	if (value === undefined || value === null) return {};
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return {};
		try {
			parsed = JSON.parse(value);
		} catch {
			parsed = null;
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new Error('Extra Headers must be a JSON object, e.g. {"api-key": "..."}');
	}
	return Object.fromEntries(
		Object.entries(parsed as Record<string, unknown>).map(([name, item]) => [name, String(item)]),
	);
}
