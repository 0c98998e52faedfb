import type { Utterance } from '../../case/thread';

/**
 * Whether a phrase a model gives as evidence is a verbatim quote of the customer's words, and
 * where. Comparison ignores what a faithful quote may change (letter case, runs of whitespace,
 * typographic quotes and dashes, full-width forms, invisible characters, elision dots at either
 * end) and nothing else, so a paraphrase, a translation or an invented "quote" is not found.
 * The quote handed back is the customer's own text, in the customer's language.
 */

interface Folded {
	text: string;
	/** For each character of `text`, where its source starts and ends in the original. */
	starts: number[];
	ends: number[];
}

const PUNCTUATION_FOLD: Record<string, string> = {
	'\u2018': "'",
	'\u2019': "'",
	'\u201A': "'",
	'\u201B': "'",
	'\u2032': "'",
	'\u201C': '"',
	'\u201D': '"',
	'\u201E': '"',
	'\u201F': '"',
	'\u2033': '"',
	'\u00AB': '"',
	'\u00BB': '"',
	'\u2013': '-',
	'\u2014': '-',
	'\u2212': '-',
};

function fold(original: string): Folded {
	const folded: Folded = { text: '', starts: [], ends: [] };
	for (let index = 0; index < original.length;) {
		const char = String.fromCodePoint(original.codePointAt(index)!);
		const next = index + char.length;
		let replacement: string;
		if (/\p{Cf}/u.test(char)) replacement = '';
		else if (/\s/u.test(char)) replacement = ' ';
		else replacement = PUNCTUATION_FOLD[char] ?? char.normalize('NFKC').toLowerCase();
		for (const piece of replacement) {
			if (piece === ' ' && (folded.text === '' || folded.text.endsWith(' '))) continue;
			folded.text += piece;
			folded.starts.push(index);
			folded.ends.push(next);
		}
		index = next;
	}
	return folded;
}

/** What may surround a quote without being part of it: quotation marks, spaces, elision. */
const QUOTE_EDGES = /^(?:["'\s]|\.\.\.)+|(?:["'\s]|\.\.\.)+$/g;

export interface LocatedQuote {
	messageId: string;
	/** The quote as the customer wrote it. */
	phrase: string;
}

/** The customer's messages folded once, for checking every phrase of one answer. */
export class QuoteFinder {
	private readonly folded: Array<{ messageId: string; original: string; folded: Folded }>;

	constructor(utterances: readonly Utterance[]) {
		this.folded = utterances.map((utterance) => ({
			messageId: utterance.messageId,
			original: utterance.text,
			folded: fold(utterance.text),
		}));
	}

	/** The message and the customer's own words of a phrase, or null when it is not a quote. */
	locate(phrase: string): LocatedQuote | null {
		const needle = fold(phrase).text.replace(QUOTE_EDGES, '');
		if (needle.length < 2) return null;
		for (const { messageId, original, folded } of this.folded) {
			const at = folded.text.indexOf(needle);
			if (at < 0) continue;
			const end = at + needle.length - 1;
			return { messageId, phrase: original.slice(folded.starts[at], folded.ends[end]) };
		}
		return null;
	}
}
