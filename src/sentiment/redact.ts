/**
 * A secret (an API key) taken out of a text before it is shown: every error path that may quote
 * a request or a configuration uses this. Its own module, so that the command line's offline
 * engine can report errors without loading the LLM code.
 */
export function redact(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) out = out.split(secret).join('***');
	}
	return out;
}
