import type { SignalType } from '../result';
import { rulesFor } from './languages';
import { isKnownWord, type LanguageRules, wordValence, withoutAccents } from './languages/rules';
import {
	EMOJI_VALENCE,
	EMOTICON_VALENCE,
	FAILURE_SIGNALS,
	POSITIVE_SIGNALS,
} from './supportLexicon';

/** One word, phrase, emoticon or emoji that moved the score, with its signed weight. */
export interface Hit {
	phrase: string;
	weight: number;
	signal?: SignalType;
	/**
	 * Read from how the text is built rather than from a word that means something good or bad:
	 * a negation before a word of no sentiment ("didn't arrive"), a number of hours. Weaker
	 * evidence than a sentiment word: "nicht" and "no" are also in many a neutral sentence.
	 */
	inferred?: true;
}

/** What the rules read from one piece of text. */
export interface TextAnalysis {
	/** Sum of the weights, on VADER's open scale. */
	sum: number;
	/** The sum squashed into [-1, 1] as VADER's compound score is. */
	compound: number;
	/** Sums of the positive and of the negative weights, to tell mixed text from plain text. */
	positive: number;
	negative: number;
	hits: Hit[];
	/** The text asks a question: its sentiment words are less sure to be the writer's mood. */
	asks: boolean;
	/** Signals raised by the text's form rather than by a phrase. */
	formSignals: Array<{ type: SignalType; evidence: string }>;
	/** The text's length when only its two ends were read (READ_FROM_EACH_END), else null. */
	cutFrom: number | null;
	/** How many words were read (links, handles, emoji and punctuation are not words). */
	words: number;
}

// VADER's constants: a negated word keeps 74 % of its strength with the other sign; a booster
// adds 0.293; a word in capitals among lower-case words adds 0.733; each '!' adds 0.292 (up to 4).
const NEGATION_FACTOR = -0.74;
const CAPS_INCREMENT = 0.733;
const EXCLAMATION_INCREMENT = 0.292;
const MAX_EXCLAMATIONS = 4;
const ELONGATION_INCREMENT = 0.293;
const EXCLAMATION_MARK = 33;
const QUESTION_MARK = 63;
/** VADER's normalization constant: compound = sum / sqrt(sum^2 + ALPHA). */
const ALPHA = 15;
/** "X but Y": what comes before the contrast counts half, what follows one and a half times. */
const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.5;
/** A question asks rather than praises: "can you help?" is not positive. */
const POSITIVE_IN_QUESTION = 0.5;
/** Praise in the same sentence as a support failure ("thanks for the 3 hour delay") is sarcasm. */
const SARCASTIC_PRAISE = -0.5;
/** A problem the customer says is solved weighs this much of a problem still open. */
const SOLVED_PROBLEM = 0.3;
/** Thanks at the end of a complaint is courtesy, not contentment. */
const COURTESY_IN_COMPLAINT = 0.3;
const COMPLAINT_WEIGHT = -1.5;
/** Praise in a message that also complains counts for less: customers soften complaints. */
const MIXED = 0.7;
/**
 * "didn't arrive", "can't access", "won't open": a negated verb with no sentiment word is how
 * customers report that something failed.
 */
const NEGATED_ACTION = -0.9;
const NEGATION_SCOPE = 3;
/** "would love a reply", "could you please": praise after a modal is a request. */
const PRAISE_IN_REQUEST = 0.3;

/**
 * "if it works I'll be happy", "unless you fix it": what follows a conditional is supposed, not
 * said, so it counts half (the same discount as praise in a question).
 */
const HYPOTHETICAL = 0.5;
const SENTENCE_ENDS = new Set(['.', '!', '?', ';', '\n']);
// Emoticons are matched before words so that ":D" and ":-(" survive; words keep inner
// apostrophes ("don't"); punctuation that ends a sentence is kept as a token. Links and
// @mentions come first so that they are skipped whole: a handle or a URL names someone or
// something, it says nothing about mood (VADER would read "@united" as the word "united", +1.8).
// Words come right after links: no other kind of token starts with a letter or a digit, and a
// word is what most tokens are (ASCII letters are listed first: the quicker test for the most).
const TOKEN_PATTERN =
	/(https?:\/\/\S+|www\.\S+|@\w+)|[a-zA-Z0-9\p{L}\p{N}]+(?:['’][a-zA-Z\p{L}]+)*|<3|[:;=][-o^']?[()[\]dDpP/\\|*@]+|[()[\]/\\|][-o^']?[:;=]|\p{Extended_Pictographic}|[.!?;\n]/gu;

interface Token {
	/** Lower case, curly apostrophes straightened. */
	word: string;
	/** A word of three or more letters written in capitals. */
	caps: boolean;
	/** Written with a letter held ("sooo", "gooood"): stressed like a word in capitals. */
	elongated: boolean;
}

/** A letter written three or more times in a row: nothing in English spells a word so. */
const HELD_LETTER = /(\p{L})\1{2,}/gu;

/** The same test as HELD_LETTER without running a regex on every word (a back-reference is slow). */
function hasHeldLetter(word: string): boolean {
	for (let index = 2; index < word.length; index++) {
		const code = word.charCodeAt(index);
		if (code === word.charCodeAt(index - 1) && code === word.charCodeAt(index - 2)) return true;
	}
	return false;
}

/**
 * "soooo goooood" is "so good", said with stress: the held letter is written twice, then once,
 * until the word is one the lexicons know ("good" keeps its double o, "so" loses it).
 */
function unElongate(word: string, rules: LanguageRules): string | undefined {
	if (!hasHeldLetter(word) || isKnownWord(rules, word)) return undefined;
	const twice = word.replace(HELD_LETTER, '$1$1');
	if (isKnownWord(rules, twice)) return twice;
	const once = word.replace(HELD_LETTER, '$1');
	return isKnownWord(rules, once) ? once : undefined;
}

/** "l'application", "dell'ordine": an elided article or pronoun of at most this many letters. */
const ELIDED = /^(\p{L}{1,5}')(\p{L}{2,}.*)$/u;

function tokenize(text: string, rules: LanguageRules): Token[] {
	const tokens: Token[] = [];
	const push = (raw: string, lower: string, word: string) => {
		const held = word.length >= 3 ? unElongate(word, rules) : undefined;
		tokens.push({
			word: held ?? word,
			caps: raw.length >= 3 && raw !== lower && raw === raw.toUpperCase(),
			elongated: held !== undefined,
		});
	};
	// exec on the one pattern, not matchAll, which copies the pattern for every text.
	TOKEN_PATTERN.lastIndex = 0;
	for (let match = TOKEN_PATTERN.exec(text); match !== null; match = TOKEN_PATTERN.exec(text)) {
		if (match[1] !== undefined) continue;
		const raw = match[0];
		const lower = raw.toLowerCase();
		let word = lower.includes('’') ? lower.replace(/’/g, "'") : lower;
		if (rules.foldAccents) word = withoutAccents(word);
		const elided = rules.elision && word.includes("'") ? ELIDED.exec(word) : null;
		if (elided) {
			push(elided[1], elided[1].toLowerCase(), elided[1]);
			const rest = raw.slice(elided[1].length);
			push(rest, rest.toLowerCase(), elided[2]);
		} else push(raw, lower, word);
	}
	return tokens;
}

/**
 * The words scoreSentence must look at twice (contrasts, phrases and their beginnings,
 * conditionals, negations, number words), per language: one look-up tells the many other words
 * from these few.
 */
const STRUCTURAL = new WeakMap<LanguageRules, ReadonlySet<string>>();

function structuralWords(rules: LanguageRules): ReadonlySet<string> {
	let words = STRUCTURAL.get(rules);
	if (words === undefined) {
		words = new Set([
			...rules.contrasts,
			...rules.phrases.keys(),
			...rules.phrasePrefixes,
			...rules.conditionals,
			...rules.negations,
			...rules.numberWords,
		]);
		STRUCTURAL.set(rules, words);
	}
	return words;
}

/**
 * EMOJI_VALENCE, else the language's word or stem, else EMOTICON_VALENCE. Every emoji starts
 * with a character beyond ASCII, so a word of ASCII letters is not looked up among them; every
 * emoticon token starts with ASCII punctuation (tokenize reads a letter or a digit as the start
 * of a word), so a word is not looked up among them either: VADER's "143" or "187" is its
 * English slang, an order number in any other language.
 */
function valenceOf(rules: LanguageRules, word: string): number | undefined {
	const first = word.charCodeAt(0);
	const emoji = first >= 128 ? EMOJI_VALENCE.get(word) : undefined;
	const valence = emoji ?? wordValence(rules, word);
	return valence === undefined && first < 128 && !isAsciiLetterOrDigit(first)
		? EMOTICON_VALENCE.get(word)
		: valence;
}

function isAsciiLetterOrDigit(code: number): boolean {
	return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

const DIGITS = /^\d+$/;

function isNegation(word: string, rules: LanguageRules): boolean {
	return (
		rules.negations.has(word) ||
		(rules.negationSuffix !== null && word.endsWith(rules.negationSuffix))
	);
}

interface Sentence {
	tokens: Token[];
	question: boolean;
}

/**
 * Text without punctuation is one sentence however long it runs; the rules look back and forth
 * within a sentence, so a run-on is read in pieces of this many tokens.
 */
const MAX_SENTENCE_TOKENS = 100;

function sentences(tokens: Token[]): Sentence[] {
	const result: Sentence[] = [];
	let current: Token[] = [];
	for (const token of tokens) {
		if (SENTENCE_ENDS.has(token.word)) {
			if (current.length > 0) result.push({ tokens: current, question: token.word === '?' });
			current = [];
			continue;
		}
		if (current.length === MAX_SENTENCE_TOKENS) {
			result.push({ tokens: current, question: false });
			current = [];
		}
		current.push(token);
	}
	if (current.length > 0) result.push({ tokens: current, question: false });
	return result;
}

/** The words from `first` to `last`, as the evidence quotes them. */
function quote(tokens: Token[], first: number, last: number): string {
	return tokens
		.slice(first, last + 1)
		.map((token) => token.word)
		.join(' ');
}

/** The longest support phrase starting at `start`, if any. */
function phraseAt(
	tokens: Token[],
	start: number,
	rules: LanguageRules,
): { phrase: string; length: number } | undefined {
	let phrase = tokens[start].word;
	let found: { phrase: string; length: number } | undefined;
	if (rules.phrases.has(phrase)) found = { phrase, length: 1 };
	for (
		let length = 2;
		start + length <= tokens.length && rules.phrasePrefixes.has(phrase);
		length++
	) {
		phrase += ' ' + tokens[start + length - 1].word;
		if (rules.phrases.has(phrase)) found = { phrase, length };
	}
	return found;
}

interface SentenceHit extends Hit {
	afterContrast: boolean | null;
	at: number;
}

function isFailure(hit: Hit, rules: LanguageRules): boolean {
	return (
		hit.weight < 0 &&
		((hit.signal !== undefined && FAILURE_SIGNALS.has(hit.signal)) ||
			rules.failurePhrases.has(hit.phrase))
	);
}

function scoreSentence(sentence: Sentence, mixedCase: boolean, rules: LanguageRules): Hit[] {
	const { tokens } = sentence;
	const structuralWord = structuralWords(rules);
	const hits: SentenceHit[] = [];
	let contrastSeen = false;
	let contrastAt = Infinity;
	let lastNegation = -Infinity;
	let conditionalFrom = Infinity;
	let markedUpTo = 0;
	const negations: number[] = [];
	let index = 0;
	while (index < tokens.length) {
		const token = tokens[index];
		const structural = structuralWord.has(token.word);
		if (structural && rules.contrasts.has(token.word) && index > 0) {
			// Only the hits since the last contrast are still unmarked: each hit is marked once.
			for (; markedUpTo < hits.length; markedUpTo++) {
				if (hits[markedUpTo].afterContrast === null) hits[markedUpTo].afterContrast = false;
			}
			contrastSeen = true;
			contrastAt = Math.min(contrastAt, index);
			index++;
			continue;
		}
		const phrase = structural ? phraseAt(tokens, index, rules) : undefined;
		if (phrase) {
			const entry = rules.phrases.get(phrase.phrase)!;
			// A one-word entry is still a word: negation and boosters apply ("not resolved").
			const negated = phrase.length === 1 && index - lastNegation <= NEGATION_SCOPE;
			const weight =
				phrase.length === 1
					? modifyWord(entry.valence, tokens, index, lastNegation, mixedCase, rules)
					: entry.valence;
			hits.push({
				phrase: negated ? quote(tokens, lastNegation, index) : phrase.phrase,
				weight,
				// "not resolved" is no resolution, "not frustrated" no frustration.
				signal: negated ? undefined : entry.signal,
				afterContrast: contrastSeen ? true : null,
				at: index,
			});
			// A phrase that starts with a negation ('no response') has used it up; one that ends
			// with it ('still not') passes it on to what follows ('still not resolved').
			index += phrase.length;
			if (phrase.length > 1 && isNegation(tokens[index - 1].word, rules)) lastNegation = index - 1;
			continue;
		}
		if (structural && rules.conditionals.has(token.word)) {
			conditionalFrom = Math.min(conditionalFrom, index);
			index++;
			continue;
		}
		if (isNegation(token.word, rules)) {
			lastNegation = index;
			negations.push(index);
			index++;
			continue;
		}
		const next = tokens[index + 1]?.word;
		const counts =
			(structural && rules.numberWords.has(token.word)) ||
			(token.word.charCodeAt(0) < 58 && DIGITS.test(token.word));
		const waitingUnit = counts && next !== undefined ? rules.timeUnits.get(next) : undefined;
		if (waitingUnit !== undefined) {
			hits.push({
				phrase: `${token.word} ${next}`,
				weight: waitingUnit,
				signal: 'waiting',
				inferred: true,
				afterContrast: contrastSeen ? true : null,
				at: index,
			});
			index += 2;
			continue;
		}
		const valence = valenceOf(rules, token.word);
		if (valence !== undefined && !rules.boosters.has(token.word)) {
			const weight = modifyWord(valence, tokens, index, lastNegation, mixedCase, rules);
			hits.push({
				// The evidence quotes what counted: "not bad", not "bad".
				phrase:
					index - lastNegation <= NEGATION_SCOPE ? quote(tokens, lastNegation, index) : token.word,
				weight,
				afterContrast: contrastSeen ? true : null,
				at: index,
			});
		}
		index++;
	}

	// Most sentences of a short text carry no sentiment word and no negation: nothing to weigh.
	if (hits.length === 0 && negations.length === 0) return [];
	// Where the hits start, so that each negation looks at the few tokens after it, not at every hit.
	const hitStarts = new Set(negations.length === 0 ? [] : hits.map((hit) => hit.at));
	const hitWithinScope = (negation: number) => {
		for (let at = negation + 1; at <= negation + NEGATION_SCOPE; at++)
			if (hitStarts.has(at)) return true;
		return false;
	};
	for (const negation of negations) {
		if (hitWithinScope(negation)) continue;
		const phrase = negatedAction(tokens, negation, rules);
		if (phrase === undefined) continue;
		hits.push({
			phrase,
			weight: NEGATED_ACTION,
			inferred: true,
			afterContrast: contrastSeen ? negation > contrastAt : null,
			at: negation,
		});
	}

	// "The issue is resolved": the failure words name the problem that is now gone.
	const resolved = hits.some((hit) => hit.signal === 'resolution' && hit.weight > 0);
	// Sarcasm is praise and failure in one clause: "but" separates a real complaint from real praise.
	const failingClauses = new Set(
		hits.filter((hit) => isFailure(hit, rules)).map((hit) => hit.afterContrast === true),
	);
	return hits.map((hit) => {
		const { afterContrast, at } = hit;
		let weight = hit.weight;
		if (at > conditionalFrom) weight *= HYPOTHETICAL;
		if (contrastSeen) weight *= afterContrast ? AFTER_CONTRAST : BEFORE_CONTRAST;
		if (weight > 0 && sentence.question) weight *= POSITIVE_IN_QUESTION;
		if (resolved && isFailure(hit, rules)) return withWeight(hit, weight * SOLVED_PROBLEM);
		const praise = weight > 0 && (hit.signal === undefined || POSITIVE_SIGNALS.has(hit.signal));
		if (
			praise &&
			!resolved &&
			failingClauses.has(afterContrast === true) &&
			hit.signal !== 'resolution'
		) {
			return { phrase: hit.phrase, weight: weight * SARCASTIC_PRAISE, signal: 'sarcasm' as const };
		}
		return withWeight(hit, weight);
	});
}

/**
 * The words that report a failed action, when the negation at `negation` does: in English (and
 * in the Romance languages) the negation and the verb after it ("didn't arrive", "no funciona").
 * German and Dutch put the finite verb before the negation and the participle or infinitive at
 * the end of the clause, so there the negation reports a failure only at the clause's end:
 * "der Zug kommt nicht", "ist nicht angekommen", "werkt niet". Elsewhere it negates a word or a
 * phrase ("nicht in Berlin", "nicht die erste Verbindung"), which says nothing of a failure.
 */
function negatedAction(
	tokens: Token[],
	negation: number,
	rules: LanguageRules,
): string | undefined {
	const next = tokens[negation + 1];
	if (rules.clauseBreaks === null) {
		return next === undefined ? undefined : `${tokens[negation].word} ${next.word}`;
	}
	let after = 0;
	for (
		let at = negation + 1;
		at < tokens.length && !rules.clauseBreaks.has(tokens[at].word);
		at++
	) {
		if (++after > 1) return undefined;
	}
	if (after === 1) return `${tokens[negation].word} ${next.word}`;
	return negation === 0 ? undefined : `${tokens[negation - 1].word} ${tokens[negation].word}`;
}

/**
 * A hit with another weight, written out rather than spread: an object spread per hit is slow
 * before the code is compiled, and the first long message a process reads runs before it is.
 */
function withWeight(hit: Hit, weight: number): Hit {
	const moved: Hit =
		hit.signal === undefined
			? { phrase: hit.phrase, weight }
			: { phrase: hit.phrase, weight, signal: hit.signal };
	if (hit.inferred) moved.inferred = true;
	return moved;
}

const COURTESY_IN_CLOSING = 0.4;
/** A message that asks for something: its thanks are said in advance, out of politeness. */
const COURTESY_IN_REQUEST = 0.4;

/**
 * Courtesy: thanks in a message that complains, or in a closing formula, count for little;
 * praise next to a complaint counts for less.
 */
function discountCourtesy(text: string, hits: Hit[], rules: LanguageRules): Hit[] {
	if (hits.length === 0) return hits;
	// Closings and requests discount thanks only: most texts thank no one, and need no search.
	const thanks = hits.some((hit) => hit.signal === 'gratitude' && hit.weight > 0);
	const plain = thanks && rules.foldAccents ? withoutAccents(text) : text;
	const closing = thanks && (rules.closing?.test(plain.replace(/’/g, "'")) ?? false);
	const request = thanks && (rules.request?.test(plain) ?? false);
	const complaint = hits
		.filter((hit) => isFailure(hit, rules))
		.reduce((sum, hit) => sum + hit.weight, 0);
	const negative = hits.reduce((sum, hit) => sum + Math.min(0, hit.weight), 0);
	return hits.map((hit) => {
		if (hit.weight <= 0) return hit;
		if (complaint <= COMPLAINT_WEIGHT && hit.signal === 'gratitude')
			return withWeight(hit, hit.weight * COURTESY_IN_COMPLAINT);
		if (closing && hit.signal === 'gratitude')
			return withWeight(hit, hit.weight * COURTESY_IN_CLOSING);
		if (request && hit.signal === 'gratitude')
			return withWeight(hit, hit.weight * COURTESY_IN_REQUEST);
		if (negative <= -1) return withWeight(hit, hit.weight * MIXED);
		return hit;
	});
}

/** Boosters and capitals strengthen a word, a negation in the three words before it turns it. */
function modifyWord(
	valence: number,
	tokens: Token[],
	index: number,
	lastNegation: number,
	mixedCase: boolean,
	rules: LanguageRules,
): number {
	if (valence === 0) return 0;
	let weight = valence;
	const sign = Math.sign(valence);
	for (let back = 1; back <= NEGATION_SCOPE && index - back >= 0; back++) {
		const boost = rules.boosters.get(tokens[index - back].word);
		if (boost !== undefined) weight += sign * boost * (back === 1 ? 1 : back === 2 ? 0.95 : 0.9);
	}
	if (mixedCase && tokens[index].caps) weight += sign * CAPS_INCREMENT;
	// A held letter stresses the word as a booster would (VADER's increment).
	if (tokens[index].elongated) weight += sign * ELONGATION_INCREMENT;
	if (
		weight > 0 &&
		(rules.modals.has(tokens[index - 1]?.word) || rules.modals.has(tokens[index - 2]?.word))
	)
		weight *= PRAISE_IN_REQUEST;
	if (index - lastNegation <= NEGATION_SCOPE) weight *= NEGATION_FACTOR;
	return weight;
}

/**
 * How much of a message is read from each end. A customer's mood shows in how a message opens
 * and how it closes; a pasted log or a forwarded thread in the middle says little, and reading
 * it all would hold up everything else n8n runs (the offline engine is synchronous).
 */
export const READ_FROM_EACH_END = 10_000;

/** The first and last READ_FROM_EACH_END characters of a longer text, apart, so no sentence spans the cut. */
function readableExcerpt(text: string): string {
	if (text.length <= 2 * READ_FROM_EACH_END) return text;
	return `${text.slice(0, READ_FROM_EACH_END)}\n${text.slice(-READ_FROM_EACH_END)}`;
}

/** Scores one piece of text with the rules of its language (English unless told). */
export function analyzeText(fullText: string, rules: LanguageRules = rulesFor('en')): TextAnalysis {
	const text = readableExcerpt(fullText);
	const tokens = tokenize(text, rules);
	const mixedCase = hasLowerCase(text);
	const sentenceHits: Hit[] = [];
	for (const sentence of sentences(tokens)) {
		for (const hit of scoreSentence(sentence, mixedCase, rules)) sentenceHits.push(hit);
	}
	const hits = discountCourtesy(text, sentenceHits, rules);

	let sum = 0;
	let positive = 0;
	let negative = 0;
	for (const hit of hits) {
		sum += hit.weight;
		if (hit.weight > 0) positive += hit.weight;
		else negative += hit.weight;
	}
	let exclamationMarks = 0;
	let questionMarks = 0;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code === EXCLAMATION_MARK) exclamationMarks++;
		else if (code === QUESTION_MARK) questionMarks++;
	}
	const exclamations = Math.min(MAX_EXCLAMATIONS, exclamationMarks);
	if (sum !== 0) sum += Math.sign(sum) * exclamations * EXCLAMATION_INCREMENT;

	const formSignals: TextAnalysis['formSignals'] = [];
	const shouted =
		sum < 0 && mixedCase ? tokens.filter((token) => token.caps && token.word.length >= 3) : [];
	if (sum < 0 && (shouted.length >= 2 || exclamations >= 3 || /\?!|!\?/.test(text))) {
		formSignals.push({
			type: 'frustration',
			evidence:
				shouted.length >= 2
					? `shouting: ${shouted.map((token) => token.word.toUpperCase()).join(' ')}`
					: 'repeated exclamation marks',
		});
	}
	if (questionMarks >= 3) formSignals.push({ type: 'confusion', evidence: 'many questions' });

	return {
		sum,
		compound: sum / Math.sqrt(sum * sum + ALPHA),
		positive,
		negative,
		asks: questionMarks > 0,
		hits,
		formSignals,
		cutFrom: text === fullText ? null : fullText.length,
		words: wordCount(tokens),
	};
}

const STARTS_WITH_LETTER = /^\p{L}/u;

/** The tokens that are words: they start with a letter (not a digit, an emoji or punctuation). */
function wordCount(tokens: Token[]): number {
	let words = 0;
	for (const { word } of tokens) {
		const code = word.charCodeAt(0);
		if ((code >= 97 && code <= 122) || (code >= 128 && STARTS_WITH_LETTER.test(word))) words++;
	}
	return words;
}

/**
 * Whether any letter is lower case: whether the text changes under toUpperCase (only letters
 * do), told from the first ASCII lower-case letter when there is one.
 */
function hasLowerCase(text: string): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code >= 97 && code <= 122) return true;
		if (code >= 128) return text !== text.toUpperCase();
	}
	return false;
}

/** Whether the rules know any word of the text: which language to read a short text in. */
export function knowsWordsOf(text: string, rules: LanguageRules): boolean {
	return tokenize(readableExcerpt(text), rules).some(
		(token) =>
			rules.phrases.has(token.word) ||
			rules.phrasePrefixes.has(token.word) ||
			wordValence(rules, token.word) !== undefined,
	);
}
