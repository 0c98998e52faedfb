/**
 * The one reader of dotted paths into JSON, for every field a user names by path: the JSON API
 * source's mapping, and Case Field and Result Field of Case Sentiment's operations.
 */

/** A dotted path into JSON (`data.items`, `requester.email`); empty is the value itself. */
export function valueAt(value: unknown, path: string): unknown {
	if (path === '') return value;
	return path.split('.').reduce<unknown>((current, key) => {
		if (current === null || typeof current !== 'object') return undefined;
		return (current as Record<string, unknown>)[key];
	}, value);
}
