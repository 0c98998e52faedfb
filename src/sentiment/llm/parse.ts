import type { ZodTypeAny, z } from 'zod';

/** Reasoning models think out loud before answering; the answer is what follows. */
export function stripThinking(text: string): string {
	const closed = text.replace(/<think(?:ing)?>[\s\S]*?<\/think(?:ing)?>/gi, '');
	// An unclosed block (cut-off output) holds no answer.
	return closed.replace(/<think(?:ing)?>[\s\S]*$/i, '').trim();
}

/** The JSON object in a model's text: bare, fenced, or with words around it. */
export function extractJson(text: string): unknown {
	const clean = stripThinking(text);
	const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(clean);
	const candidate = fenced ? fenced[1] : clean;
	const start = candidate.indexOf('{');
	const end = candidate.lastIndexOf('}');
	if (start < 0 || end <= start) throw new Error('the answer holds no JSON object');
	return JSON.parse(candidate.slice(start, end + 1));
}

export type ParseOutcome<T> = { ok: true; value: T } | { ok: false; error: string };

/** Validates an answer (already parsed, or as text) against the schema, naming the first problem. */
export function parseAnswer<S extends ZodTypeAny>(
	schema: S,
	answer: unknown,
): ParseOutcome<z.output<S>> {
	let value = answer;
	if (typeof answer === 'string') {
		try {
			value = extractJson(answer);
		} catch (error) {
			return { ok: false, error: `invalid JSON: ${(error as Error).message}` };
		}
	}
	const parsed = schema.safeParse(value);
	if (parsed.success) return { ok: true, value: parsed.data };
	const issue = parsed.error.issues[0];
	return { ok: false, error: `'${issue.path.join('.') || '(answer)'}' ${issue.message}` };
}
