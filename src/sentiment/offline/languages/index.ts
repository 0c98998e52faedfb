import { ENGLISH } from '../supportLexicon';
import { GERMAN } from './de';
import { SPANISH } from './es';
import { FRENCH } from './fr';
import { ITALIAN } from './it';
import { DUTCH } from './nl';
import { PORTUGUESE } from './pt';
import { compileRules, type LanguageLexicon, type LanguageRules } from './rules';

/** The languages the offline engine reads, by ISO 639-1 code. */
const LEXICONS: ReadonlyMap<string, LanguageLexicon> = new Map(
	[ENGLISH, GERMAN, SPANISH, PORTUGUESE, FRENCH, ITALIAN, DUTCH].map((lexicon) => [
		lexicon.language,
		lexicon,
	]),
);

export const OFFLINE_LANGUAGES: readonly string[] = [...LEXICONS.keys()];

export function isOfflineLanguage(language: string): boolean {
	return LEXICONS.has(language);
}

const compiled = new Map<string, LanguageRules>();

/** The rules of a language the offline engine reads, compiled on first use. */
export function rulesFor(language: string): LanguageRules {
	let rules = compiled.get(language);
	if (rules === undefined) {
		const lexicon = LEXICONS.get(language);
		if (lexicon === undefined) throw new Error(`The offline engine does not read '${language}'`);
		rules = compileRules(lexicon);
		compiled.set(language, rules);
	}
	return rules;
}
