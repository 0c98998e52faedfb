import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Case } from '../case/case';
import { requesterUtterances } from '../case/thread';
import { MIN_LETTERS, MIN_WORDS, settleLanguage } from './functionWords';

/**
 * Which language a customer writes in, for the offline engine (which reads each language with
 * its own rules and says plainly when it does not know one) and for every engine's result.
 *
 * Identification is eld's (Efficient Language Detector, Apache-2.0, 60 languages): on support
 * texts of 20 characters or more it was right on 98-99 % of German, Spanish, Portuguese and
 * English texts here, where franc-min, tinyld, lande, languagedetect and @nlpjs/language were
 * right on 74-96 % (npm run bench, "Language identification"). What is read is cleaned first:
 * links, addresses, handles, code and digits name nothing about a language, and texts too short
 * to tell are called unknown (null) rather than guessed.
 */

/** ISO 639-1 code, as eld and the result's `language` field write it. */
export type LanguageCode = string;

interface EldResult {
	language: string;
	getScores(): Record<string, number>;
	isReliable(): boolean;
}
interface Eld {
	detect(text: string): EldResult;
}

let detector: Eld | undefined;

interface EldModule {
	createEld(): { instance: Eld; loadData(data: unknown): unknown };
}

/**
 * eld's detector with its 'extrasmall' n-gram table, made on first use, not at startup: the
 * table takes a moment to read. eld ships the table as an ES module of one object literal,
 * which Node compiles before running it (a second or more on a busy machine); eldNgrams.json
 * is the same table (scripts/lexicon/eld-to-json.js, checked against the installed eld by a
 * test), read by JSON.parse and handed to eld's own detector as eld's 'extrasmall' entry does.
 * eld's modules are ES modules whose package exports answer `import` only; Node (20.19 and
 * later, and every Node that n8n 2.x runs on) loads an ES module with require() given its file.
 */
function eld(): Eld {
	if (detector) return detector;
	const file = (require.resolve.paths('eld') ?? [])
		.map((folder) => path.join(folder, 'eld', 'src', 'languageDetector.js'))
		.find((candidate) => existsSync(candidate));
	if (file === undefined) {
		throw new Error(
			"The language detector 'eld' is not installed: reinstall n8n-nodes-case-sentiment (eld is one of its dependencies)",
		);
	}
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- an ES module by its file, see above
	const { instance, loadData } = (require(file) as EldModule).createEld();
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- read on first use, see above
	loadData(require('./eldNgrams.json'));
	detector = instance;
	return detector;
}

/**
 * Links, addresses, handles and hashtags. An address is looked for from where a run of
 * non-spaces starts only: tried from every character of every word, it took a fifth of the time
 * identification takes.
 */
const LINK_SOURCE = String.raw`\b(?:https?:\/\/|www\.)\S+|(?<!\S)\S+@\S+\.\w+|[@#][\p{L}\p{N}_]+`;
const LINK = new RegExp(LINK_SOURCE, 'gu');
/** A stack-trace line, or a line that ends the way code does. */
const CODE_LINE = /^\s*at\s.*[(:]\d+[:)]|[;{}]\s*$|^\s*[{}<]/;
const CODE_SYMBOLS = /[{}()[\];=<>$|\\`]/g;
const CODE_SYMBOL = /[{}()[\];=<>$|\\`]|^\s*at\s/m;
/** A run of letters, with the apostrophes of "don't" and "l'app" inside it. */
const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;
/**
 * A link (as LINK) or a word (captured), in one pass: what replacing the links and then
 * matching the words gives, since a link is tried first wherever a word could start. For lower
 * case text: a-z is tested before the slower \p{L}.
 */
const LINK_OR_WORD = new RegExp(`${LINK_SOURCE}|([a-z\\p{L}]+(?:['’][a-z\\p{L}]+)*)`, 'gu');
/** Scripts in which a few characters already name the language (kana, hangul, han, ...). */
const DENSE_SCRIPT =
	/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

/** Characters of a dense script that suffice. */
const MIN_DENSE_CHARACTERS = 4;
/** How much of a text is cleaned for eld, which reads its first few hundred letters. */
const IDENTIFY_FROM = 4_000;
/** A candidate scores at least this share of the best score. */
const PLAUSIBLE = 0.9;

/**
 * The words of a text that say which language it is in: links, addresses, handles and hashtags
 * dropped, code lines dropped (a line of code is taken for English otherwise), digits and emoji
 * gone with them.
 */
export function wordsForIdentification(text: string): string {
	return identificationWords(text).join(' ');
}

function identificationWords(text: string): string[] {
	// eld reads the first 350 bytes or so of what it is given: the start of a long text is enough.
	const start = text.slice(0, IDENTIFY_FROM);
	// Most texts have no symbol of code at all: no line to look at one by one.
	if (!CODE_SYMBOL.test(start)) {
		const words: string[] = [];
		// exec on the one pattern, not matchAll, which copies the pattern for every text.
		LINK_OR_WORD.lastIndex = 0;
		for (let match = LINK_OR_WORD.exec(start); match !== null; match = LINK_OR_WORD.exec(start)) {
			if (match[1] !== undefined) words.push(match[1]);
		}
		return words;
	}
	const prose = start
		.replace(LINK, ' ')
		.split('\n')
		.filter((line) => {
			if (CODE_LINE.test(line)) return false;
			const symbols = line.match(CODE_SYMBOLS)?.length ?? 0;
			return symbols < 3 || symbols * 12 < line.length;
		});
	return prose.join(' ').match(WORD) ?? [];
}

/** What eld made of a text: its best language and the others it found likely, best first. */
export interface LanguageReading {
	/** ISO 639-1 when the text says clearly which language it is in, otherwise null (unknown). */
	language: LanguageCode | null;
	/**
	 * The languages eld found about as likely as its best (within PLAUSIBLE of its score), best
	 * first, also when `language` is null: what a short text may be in.
	 */
	candidates: LanguageCode[];
}

const NO_LANGUAGE: LanguageReading = { language: null, candidates: [] };
/** One reading per settled language, shared: a reading is never changed. */
const SETTLED = new Map<LanguageCode, LanguageReading>();

function settledReading(language: LanguageCode): LanguageReading {
	let reading = SETTLED.get(language);
	if (reading === undefined) {
		reading = { language, candidates: [language] };
		SETTLED.set(language, reading);
	}
	return reading;
}

const LATIN_WORD = /\p{Script=Latin}+(?:['’]\p{Script=Latin}+)*/gu;
const DENSE_CHARACTER = new RegExp(DENSE_SCRIPT.source, 'gu');

/**
 * The words of the script most of a text is written in. eld weighs bytes, and a character of
 * Japanese takes three bytes where a Latin letter takes one: a complaint in English with a line
 * of Japanese would be taken for Japanese. A character of a dense script counts as two letters.
 */
function mainScript(words: string): string {
	const latin = words.match(LATIN_WORD) ?? [];
	const latinLetters = latin.reduce((sum, word) => sum + word.length, 0);
	const letters = words.replace(/ /g, '').length;
	if (latinLetters === 0 || latinLetters === letters) return words;
	const other = letters - latinLetters + (words.match(DENSE_CHARACTER)?.length ?? 0);
	return latinLetters >= other
		? latin.join(' ')
		: words.replace(LATIN_WORD, ' ').replace(/ +/g, ' ').trim();
}

/** The language of one text, or null when it is too short, or has no words, to tell. */
export function readLanguage(text: string): LanguageReading {
	// Lower case once for the whole text: the small words are listed so, and eld reads so.
	const cleaned = identificationWords(text.slice(0, IDENTIFY_FROM).toLowerCase());
	const settled = settleLanguage(cleaned);
	if (settled !== null) return settledReading(settled);
	const words = mainScript(cleaned.join(' '));
	if (words === '') return NO_LANGUAGE;
	const result = eld().detect(words);
	const dense = DENSE_SCRIPT.test(words);
	const letters = words.length - (words.match(/ /g)?.length ?? 0);
	const enough = dense
		? letters >= MIN_DENSE_CHARACTERS
		: letters >= MIN_LETTERS && words.split(' ').length >= MIN_WORDS;
	if (enough && result.language !== '' && result.isReliable()) {
		return settledReading(result.language);
	}
	// Ranking every language's score costs as much as detecting: only for texts it cannot tell.
	const scores = Object.entries(result.getScores()).sort((a, b) => b[1] - a[1]);
	return {
		language: null,
		candidates: scores
			.filter(([, score]) => score >= PLAUSIBLE * scores[0][1])
			.map(([language]) => language),
	};
}

/** The language of one text (ISO 639-1), or null when it cannot be told. */
export function identifyLanguage(text: string): LanguageCode | null {
	return readLanguage(text).language;
}

/** The languages of a case's customer messages, each message's own or, when short, the case's. */
export interface ThreadLanguages {
	/** The language most of the customer's words are in, or null when no message says. */
	caseLanguage: LanguageCode | null;
	/** Per message, in order: its own language, else the case's, else null. */
	messages: LanguageReading[];
}

/**
 * Each message is identified on its own; one too short to tell ("Danke!", "ok") borrows the
 * language most of the customer's other words are in. When no message can be told alone,
 * their text together may be.
 */
export function identifyThreadLanguages(texts: readonly string[]): ThreadLanguages {
	const readings = texts.map(readLanguage);
	const wordsIn = new Map<LanguageCode, number>();
	readings.forEach((reading, index) => {
		if (reading.language === null) return;
		wordsIn.set(reading.language, (wordsIn.get(reading.language) ?? 0) + texts[index].length);
	});
	let caseLanguage: LanguageCode | null = null;
	for (const [language, length] of wordsIn) {
		if (caseLanguage === null || length > wordsIn.get(caseLanguage)!) caseLanguage = language;
	}
	if (caseLanguage === null && texts.length > 1) caseLanguage = identifyLanguage(texts.join('\n'));
	return {
		caseLanguage,
		messages: readings.map((reading) =>
			reading.language === null && caseLanguage !== null
				? { ...reading, language: caseLanguage }
				: reading,
		),
	};
}

/**
 * The language of a case: the one most of the customer's words are in (ISO 639-1), or null
 * when no customer message says. Every engine sets its result's `language` with this.
 */
export function identifyCaseLanguage(supportCase: Case): LanguageCode | null {
	return identifyThreadLanguages(
		requesterUtterances(supportCase).map((utterance) => utterance.text),
	).caseLanguage;
}

/** Made on first use: reading ICU's language names takes a noticeable part of a CLI start. */
let languageNames: Intl.DisplayNames | undefined;

/** "Japanese" for 'ja': how a summary names a language. */
export function languageName(language: LanguageCode): string {
	try {
		languageNames ??= new Intl.DisplayNames(['en'], { type: 'language' });
		return languageNames.of(language) ?? language;
	} catch {
		return language;
	}
}
