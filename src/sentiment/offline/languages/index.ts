import { ENGLISH } from '../supportLexicon';
import { compileRules, type LanguageLexicon, type LanguageRules } from './rules';

/* eslint-disable @typescript-eslint/no-require-imports -- each lexicon is read on first use, see below */
/**
 * The languages the offline engine reads, by ISO 639-1 code. A lexicon module is loaded when a
 * text in its language first comes: a command line run on English text (most of what it reads)
 * does not parse six other lexicons before its first answer.
 */
const LEXICONS: Readonly<Record<string, () => LanguageLexicon>> = {
	en: () => ENGLISH,
	de: () => (require('./de') as typeof import('./de')).GERMAN,
	es: () => (require('./es') as typeof import('./es')).SPANISH,
	pt: () => (require('./pt') as typeof import('./pt')).PORTUGUESE,
	fr: () => (require('./fr') as typeof import('./fr')).FRENCH,
	it: () => (require('./it') as typeof import('./it')).ITALIAN,
	nl: () => (require('./nl') as typeof import('./nl')).DUTCH,
};
/* eslint-enable @typescript-eslint/no-require-imports */

export const OFFLINE_LANGUAGES: readonly string[] = Object.keys(LEXICONS);

export function isOfflineLanguage(language: string): boolean {
	return Object.hasOwn(LEXICONS, language);
}

const compiled = new Map<string, LanguageRules>();

/** The rules of a language the offline engine reads, compiled on first use. */
export function rulesFor(language: string): LanguageRules {
	let rules = compiled.get(language);
	if (rules === undefined) {
		if (!isOfflineLanguage(language))
			throw new Error(`The offline engine does not read '${language}'`);
		const lexicon = LEXICONS[language]();
		if (lexicon.language !== language) {
			throw new Error(`The lexicon for '${language}' is for '${lexicon.language}'`);
		}
		rules = compileRules(lexicon);
		compiled.set(language, rules);
	}
	return rules;
}
