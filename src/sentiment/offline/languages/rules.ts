import type { SignalType } from '../../result';

/**
 * What the offline engine knows of one language: its sentiment words, its support phrases and
 * the small words that turn, strengthen or qualify them. The rules of analyze.ts are the same in
 * every language; only these lists differ, so that an English rule never fires on German text
 * ("die" and "war" are English sentiment words, German articles and verbs).
 */

/** phrase -> [valence on VADER's -4..4 scale, the signal it raises]. A valence of 0 only signals. */
export type PhraseTable = Record<string, [valence: number, signal?: SignalType]>;

export interface LanguageLexicon {
	/** ISO 639-1. */
	language: string;
	/**
	 * Sentiment words, lower case, valence on -4..4. A key ending in '*' is a stem: it matches
	 * every word that begins so and that no full entry names ('enttäusch*' for enttäuscht,
	 * enttäuschend, Enttäuschung), since these languages inflect what English does not.
	 */
	words: ReadonlyMap<string, number>;
	/**
	 * The words are already in the form tokens take (lower case, no stems; VADER's, generated
	 * so) and this language neither splits elisions nor folds accents: compileRules uses them as
	 * they are rather than reading 7,500 entries one by one on start-up.
	 */
	wordsInForm?: boolean;
	/** Support phrases (waiting, repeat contact, churn, refunds, thanks, resolution, ...). */
	phrases: readonly PhraseTable[];
	/** Those of `phrases` that report something broken or failed: praise beside them is sarcasm. */
	failures: readonly PhraseTable[];
	negations: readonly string[];
	/** A word ending so is a negation too (English "n't"). */
	negationSuffix?: string;
	/** Intensifiers (> 0) and dampeners (< 0), with VADER's increment of 0.293. */
	boosters: ReadonlyMap<string, number>;
	/** "but": what comes before counts half, what follows one and a half times. */
	contrasts: readonly string[];
	/** "if", "unless": what follows is supposed, not said. */
	conditionals: readonly string[];
	/** "would", "could": praise after them is a request ("would love a reply"). */
	modals: readonly string[];
	/** "3 hours": a number and a unit of time is a wait, with the wait's valence. */
	timeUnits: ReadonlyMap<string, number>;
	/** Words that count like a number before a unit of time ("several days"). */
	numberWords: readonly string[];
	/** Closing formulas: thanks in a message that closes so are courtesy. */
	closings: readonly string[];
	/** Phrases that make a message a request: its thanks are said in advance. */
	requests: readonly string[];
	/** Split elided articles and pronouns from their word ("l'application", "dell'ordine"). */
	elision?: boolean;
	/** Read words without their accents: customers often leave them out ("atencion"). */
	foldAccents?: boolean;
	/**
	 * The language writes compounds as one word with the head last (German "Zugausfall",
	 * "Signalstörung", "Bahnchaos"): a word no entry names takes the valence of its head.
	 */
	compoundHeads?: boolean;
	/**
	 * The language puts the participle or infinitive at the end of the clause and the negation
	 * before it (German, Dutch): a negation reports a failed action only at the clause's end.
	 * These words start a new clause ("und", "weil", "dass"), since commas are not read.
	 */
	clauseBreaks?: readonly string[];
}

/**
 * A word list as it reads best in a lexicon file: 'gut 1.9, schlecht* -2.5, nie wieder -2.5',
 * entries separated by commas or new lines, the valence last.
 */
export function valences(list: string): Map<string, number> {
	const entries = new Map<string, number>();
	for (const entry of list.split(/[,\n]/)) {
		const words = entry.trim().split(/\s+/);
		if (words.length < 2) continue;
		const valence = Number(words.pop());
		if (!Number.isFinite(valence)) throw new Error(`No valence in lexicon entry '${entry.trim()}'`);
		entries.set(words.join(' ').toLowerCase(), valence);
	}
	return entries;
}

/**
 * English words that people writing another language online use as they are ("fail", "wtf",
 * "thx", "awesome"), written by the project. A lexicon takes them under its own words, which win
 * where a word is also the language's own; `except` leaves out words that are the language's
 * own in another sense (French "nice" is the city).
 */
const LOANWORDS = valences(`
fail -2, fails -2, wtf -2.2, sucks -2.5, shit -2.5, fuck* -3, bullshit -3, damn -1.5, facepalm -2,
fake -1.5, sad -2, angry -2.5, love 2.5, awesome 3, great 2.5, nice 2, happy 2.2, thanks 1.6,
thx 1.5, lol 1.2, lmao 1.2, omg -0.3
`);

export function withLoanwords(
	words: ReadonlyMap<string, number>,
	except: readonly string[] = [],
): Map<string, number> {
	const loanwords = [...LOANWORDS].filter(([word]) => !except.includes(word));
	return new Map([...loanwords, ...words]);
}

/** A phrase table in the same form, every phrase raising `signal` (or none). */
export function phraseTable(list: string, signal?: SignalType): PhraseTable {
	return Object.fromEntries(
		[...valences(list)].map(([phrase, valence]) => [
			phrase,
			signal ? [valence, signal] : [valence],
		]),
	);
}

/** What each kind of support phrase signals; failures and idioms signal nothing of their own. */
const SIGNAL_OF_KIND = {
	idioms: undefined,
	waiting: 'waiting',
	repeatContact: 'repeat_contact',
	failure: undefined,
	churn: 'churn_risk',
	refund: 'refund_request',
	escalation: 'escalation_request',
	frustration: 'frustration',
	anger: 'anger',
	urgency: 'urgency',
	confusion: 'confusion',
	sarcasm: 'sarcasm',
	gratitude: 'gratitude',
	resolution: 'resolution',
} as const satisfies Record<string, SignalType | undefined>;

/**
 * A language's support phrases, each kind as a list (see valences): idioms are negations that
 * report no failure ("kein Problem") and greetings that carry no mood; failures are what
 * praise beside reads as sarcasm.
 */
export function supportPhrases(
	kinds: Partial<Record<keyof typeof SIGNAL_OF_KIND, string>>,
): Pick<LanguageLexicon, 'phrases' | 'failures'> {
	const tables = Object.fromEntries(
		Object.entries(kinds).map(([kind, list]) => [
			kind,
			phraseTable(list, SIGNAL_OF_KIND[kind as keyof typeof SIGNAL_OF_KIND]),
		]),
	);
	return { phrases: Object.values(tables), failures: tables.failure ? [tables.failure] : [] };
}

export interface SupportPhrase {
	valence: number;
	signal?: SignalType;
}

/** A lexicon made ready for reading: maps and sets, every key in the form tokens take. */
export interface LanguageRules {
	language: string;
	words: ReadonlyMap<string, number>;
	/** Stems by their length, longest first, so the longest stem of a word is found first. */
	stems: ReadonlyMap<string, number>;
	stemLengths: readonly number[];
	phrases: ReadonlyMap<string, SupportPhrase>;
	/** Every word sequence that begins a phrase: phraseAt stops as soon as none does. */
	phrasePrefixes: ReadonlySet<string>;
	failurePhrases: ReadonlySet<string>;
	negations: ReadonlySet<string>;
	negationSuffix: string | null;
	boosters: ReadonlyMap<string, number>;
	contrasts: ReadonlySet<string>;
	conditionals: ReadonlySet<string>;
	modals: ReadonlySet<string>;
	timeUnits: ReadonlyMap<string, number>;
	numberWords: ReadonlySet<string>;
	closing: RegExp | null;
	request: RegExp | null;
	elision: boolean;
	foldAccents: boolean;
	compoundHeads: boolean;
	/** See LanguageLexicon.clauseBreaks; null where a negation reports a failure before its verb. */
	clauseBreaks: ReadonlySet<string> | null;
}

const COMBINING_MARKS = /\p{M}/gu;
/** 'enttäusch*': letters, then the '*' that makes them a stem. */
const STEM = /\p{L}\*$/u;
/** "c'est", "dell'ordine": the elided word, as tokenize splits it off. */
const ELISION_IN_PHRASE = /(?<!\p{L})(\p{L}{1,5})'(?=\p{L}{2})/gu;

/** "atención" -> "atencion". */
export function withoutAccents(word: string): string {
	return word.normalize('NFD').replace(COMBINING_MARKS, '');
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Any of the phrases as whole words, in any case; '?' also makes a request. */
function anyOf(phrases: readonly string[], orQuestion = false): RegExp | null {
	if (phrases.length === 0 && !orQuestion) return null;
	const alternatives = phrases.map(escapeRegExp).join('|');
	const words = alternatives === '' ? '' : `(?<!\\p{L})(?:${alternatives})(?!\\p{L})`;
	return new RegExp([orQuestion ? '\\?' : '', words].filter(Boolean).join('|'), 'iu');
}

export function compileRules(lexicon: LanguageLexicon): LanguageRules {
	const form = (text: string) => {
		let lower = text.toLowerCase();
		// Phrases are written as customers write them ("c'est réglé"); tokens split the elision.
		if (lexicon.elision) lower = lower.replace(ELISION_IN_PHRASE, "$1' ");
		return lexicon.foldAccents ? withoutAccents(lower) : lower;
	};
	// What the closing and request patterns are matched against: the text, accents folded.
	const plainForm = (text: string) => (lexicon.foldAccents ? withoutAccents(text) : text);
	if (lexicon.wordsInForm && (lexicon.elision || lexicon.foldAccents)) {
		throw new Error(`The words of '${lexicon.language}' cannot be in form: it changes its tokens`);
	}
	const words = lexicon.wordsInForm ? lexicon.words : new Map<string, number>();
	const stems = new Map<string, number>();
	if (!lexicon.wordsInForm) {
		for (const [word, valence] of lexicon.words) {
			// VADER's kisses (":*", ":-*") end in '*' too: only a word of letters is a stem.
			if (word.endsWith('*') && STEM.test(word)) stems.set(form(word.slice(0, -1)), valence);
			else (words as Map<string, number>).set(form(word), valence);
		}
	}
	const phrases = new Map<string, SupportPhrase>();
	for (const table of lexicon.phrases) {
		for (const [phrase, [valence, signal]] of Object.entries(table)) {
			phrases.set(form(phrase), signal ? { valence, signal } : { valence });
		}
	}
	const phrasePrefixes = new Set(
		[...phrases.keys()].flatMap((phrase) => {
			const parts = phrase.split(' ');
			return parts.slice(0, -1).map((_, end) => parts.slice(0, end + 1).join(' '));
		}),
	);
	const boosters = new Map([...lexicon.boosters].map(([word, value]) => [form(word), value]));
	const negations = new Set(lexicon.negations.map(form));
	return {
		language: lexicon.language,
		words,
		stems,
		stemLengths: [...new Set([...stems.keys()].map((stem) => stem.length))].sort((a, b) => b - a),
		phrases,
		phrasePrefixes,
		failurePhrases: new Set(lexicon.failures.flatMap((table) => Object.keys(table).map(form))),
		negations,
		negationSuffix: lexicon.negationSuffix ?? null,
		boosters,
		contrasts: new Set(lexicon.contrasts.map(form)),
		conditionals: new Set(lexicon.conditionals.map(form)),
		modals: new Set(lexicon.modals.map(form)),
		timeUnits: new Map([...lexicon.timeUnits].map(([unit, value]) => [form(unit), value])),
		numberWords: new Set(lexicon.numberWords.map(form)),
		closing: anyOf(lexicon.closings.map(plainForm)),
		request: anyOf(lexicon.requests.map(plainForm), true),
		elision: lexicon.elision ?? false,
		foldAccents: lexicon.foldAccents ?? false,
		compoundHeads: lexicon.compoundHeads ?? false,
		clauseBreaks: lexicon.clauseBreaks ? new Set(lexicon.clauseBreaks.map(form)) : null,
	};
}

/** Whether any list of the language knows the word: an elongated word is collapsed only to one of these. */
export function isKnownWord(rules: LanguageRules, word: string): boolean {
	return (
		rules.words.has(word) ||
		rules.phrases.has(word) ||
		rules.phrasePrefixes.has(word) ||
		rules.boosters.has(word) ||
		rules.negations.has(word)
	);
}

/** The valence of a word: its own entry, else its longest stem, else its compound head. */
export function wordValence(rules: LanguageRules, word: string): number | undefined {
	const exact = rules.words.get(word);
	if (exact !== undefined || rules.stemLengths.length === 0) return exact;
	return stemValence(rules, word) ?? (rules.compoundHeads ? headValence(rules, word) : undefined);
}

function stemValence(rules: LanguageRules, word: string): number | undefined {
	for (const length of rules.stemLengths) {
		if (length > word.length) continue;
		const valence = rules.stems.get(word.slice(0, length));
		if (valence !== undefined) return valence;
	}
	return undefined;
}

/**
 * A compound's head is at least this long, and what comes before it at least MIN_MODIFIER
 * letters: "Zug|ausfall", "Signal|störung", but not "un|schön" (a prefix that turns the word),
 * nor a short entry that ends many unrelated words ("gut" in "Saatgut").
 */
const MIN_HEAD = 5;
const MIN_MODIFIER = 3;

/** The valence of the longest head of a compound that an entry or a stem names. */
function headValence(rules: LanguageRules, word: string): number | undefined {
	for (let start = MIN_MODIFIER; start <= word.length - MIN_HEAD; start++) {
		const head = word.slice(start);
		const valence = rules.words.get(head) ?? stemValence(rules, head);
		if (valence !== undefined) return valence;
	}
	return undefined;
}
