import { type Case, caseActivityKey } from '../../case/case';
import { requireCustomerText } from '../../case/thread';
import { suggestActions } from '../suggestedActions';
import type { SentimentEngine } from '../engine';
import type { Evidence, SentimentResult, Signal, Trend } from '../result';
import { SENTIMENT_LABELS, type SentimentLabel, type SignalType } from '../vocabulary';
import {
	identifyThreadLanguages,
	type LanguageCode,
	type LanguageReading,
	languageName,
	readLanguage,
} from '../../language/identify';
import { analyzeText, knowsWordsOf, READ_FROM_EACH_END, type TextAnalysis } from './analyze';
import { isOfflineLanguage, OFFLINE_LANGUAGES, rulesFor } from './languages';
import { compileRules, type LanguageRules } from './languages/rules';

/**
 * The offline engine: VADER's lexicon and rules, the support phrases of supportLexicon.ts, and
 * a case-level reading of the customer's messages in which recent messages weigh more.
 * No network, no credential, about a tenth of a millisecond per message.
 *
 * The thresholds below are the only numbers calibrated on labelled data (the benchmark sets of
 * ../shared/data, which are not shipped): where neutral ends, and how sure a result must be for
 * the hybrid engine to keep it without asking the LLM.
 */
export const POSITIVE_THRESHOLD = 0.3;
export const NEGATIVE_THRESHOLD = 0.2;
/**
 * Offline results at or above this confidence are kept by the hybrid engine. Just above the
 * most a neutral call gets (NEUTRAL_CONFIDENCE): neutral always goes to the LLM, and so do
 * polar calls with thin, mixed or questioning evidence.
 */
export const OFFLINE_CONFIDENCE_FOR_HYBRID = 0.61;

/**
 * The offline confidence hybrid keeps, per language: calibrated on the dev data of each language
 * (npm run bench, "Hybrid per language") as the lowest confidence of the bench's sweep (0.5,
 * 0.55, ... 0.95) at which the results kept were right at least 88 % of the time. A language
 * missing here is one whose confidence showed no such band on its data (German) or has no
 * labelled data to calibrate on (French, Italian, Dutch): hybrid sends all of it to the model
 * rather than keep wrong results.
 */
const CONFIDENCE_TO_KEEP: Readonly<Record<string, number>> = {
	en: OFFLINE_CONFIDENCE_FOR_HYBRID,
	es: 0.65,
	pt: 0.65,
};

/**
 * The offline confidence at or above which hybrid keeps an offline result in this language
 * (ISO 639-1; null when the language could not be told, read as English is). Infinity for a
 * language the offline engine does not read or has no calibrated band for: never kept.
 */
export function offlineConfidenceToKeep(language: string | null | undefined): number {
	return CONFIDENCE_TO_KEEP[language ?? 'en'] ?? Number.POSITIVE_INFINITY;
}

/** Each older requester message counts this much less than the one after it. */
const RECENCY_DECAY = 0.5;
/**
 * The weight of a message with no sentiment-bearing words, which says little about the case's
 * mood; a message weighs this plus the strength of its own score.
 */
const MESSAGE_WEIGHT_FLOOR = 0.25;
/** First-to-last change of a message's score that counts as a trend. */
const TREND_DELTA = 0.25;
const MAX_EVIDENCE = 8;

export interface TextScore {
	score: number;
	label: SentimentLabel;
	confidence: number;
	/** The text's language (ISO 639-1), or null when it cannot be told. */
	language: LanguageCode | null;
}

/** The offline engine's own label bands (POSITIVE_THRESHOLD, NEGATIVE_THRESHOLD), calibrated on its scores. */
export function labelForOfflineScore(score: number): SentimentLabel {
	if (score >= POSITIVE_THRESHOLD) return 'positive';
	if (score <= -NEGATIVE_THRESHOLD) return 'negative';
	return 'neutral';
}

/** What a confidence is read from: the sums of each side's weights, how many hits each has, and whether the customer asks. */
interface EvidenceSides {
	positive: number;
	negative: number;
	positiveHits: number;
	negativeHits: number;
	/** Of those hits, how many were inferred from the text's build (Hit.inferred), per side. */
	positiveInferred: number;
	negativeInferred: number;
	asks: boolean;
}

/** A neutral call never reaches the hybrid threshold: "no sentiment words" is right only about 6 times in 10 on support tweets. */
const NEUTRAL_CONFIDENCE = 0.6;
/** A question asks for something: its sentiment words are less sure to be the customer's mood. */
const ASKING = 0.8;
/** Praise in a message to support is often courtesy or sarcasm, so a positive call is less sure than a negative one. */
const POSITIVE_CALL = 0.7;
/** How much praise mixed with complaint (or complaint with praise) takes off. */
const MIXEDNESS = 0.5;
/** An inferred hit (Hit.inferred) counts this much of a sentiment word towards agreement. */
const INFERRED_HIT = 0.5;
/** A call on inferred evidence alone. */
const INFERRED_ONLY = 0.8;
/** A call on sentiment words and inferred evidence that agree. */
const BOTH_KINDS = 1.15;

/**
 * How sure the label is: far from the neutral band, backed by several words that agree, and
 * one-sided is sure; mixed praise and complaint, a question, or a neutral call is not.
 */
function confidenceOf(score: number, label: SentimentLabel, evidence: EvidenceSides): number {
	const { positive, negative, positiveHits, negativeHits, asks } = evidence;
	const strongest = Math.max(positive, -negative);
	if (label === 'neutral') {
		if (strongest === 0) return NEUTRAL_CONFIDENCE;
		const band = score >= 0 ? POSITIVE_THRESHOLD : NEGATIVE_THRESHOLD;
		return round(NEUTRAL_CONFIDENCE - 0.2 * Math.min(1, Math.abs(score) / band));
	}
	const mixed = Math.min(positive, -negative) / strongest;
	const band = label === 'positive' ? POSITIVE_THRESHOLD : NEGATIVE_THRESHOLD;
	const margin = Math.min(1, (Math.abs(score) - band) / (1 - band) / 0.6);
	const hits = label === 'positive' ? positiveHits : negativeHits;
	const inferred = label === 'positive' ? evidence.positiveInferred : evidence.negativeInferred;
	const said = hits - inferred;
	// One word is a hint, two agreeing words half again as sure, three or more nearly certain; a
	// hit inferred from the text's build (a negated verb, a number of hours) counts half a word.
	const agreeing = 1 - 0.5 ** (said + INFERRED_HIT * inferred);
	// Evidence of both kinds agreeing is surer than more of one kind; inferred evidence alone
	// is a guess at what a negation or a number means.
	const kinds = said === 0 ? INFERRED_ONLY : inferred > 0 ? BOTH_KINDS : 1;
	return round(
		Math.min(1, (0.5 + 0.5 * margin * agreeing) * kinds) *
			(1 - MIXEDNESS * mixed) *
			(asks ? ASKING : 1) *
			(label === 'positive' ? POSITIVE_CALL : 1),
	);
}

function evidenceOfAnalyses(analyses: TextAnalysis[]): EvidenceSides {
	const evidence: EvidenceSides = {
		positive: 0,
		negative: 0,
		positiveHits: 0,
		negativeHits: 0,
		positiveInferred: 0,
		negativeInferred: 0,
		asks: false,
	};
	for (const analysis of analyses) {
		evidence.positive += analysis.positive;
		evidence.negative += analysis.negative;
		for (const hit of analysis.hits) {
			if (hit.weight > 0) {
				evidence.positiveHits++;
				if (hit.inferred) evidence.positiveInferred++;
			} else if (hit.weight < 0) {
				evidence.negativeHits++;
				if (hit.inferred) evidence.negativeInferred++;
			}
		}
		evidence.asks ||= analysis.asks;
	}
	return evidence;
}

/** The score of a single text, for callers that have no case (and for benchmarks). */
export function scoreText(text: string): TextScore {
	// A thread of one message (readThread), read without building one.
	const reading = readLanguage(text);
	if (reading.language !== null && !isOfflineLanguage(reading.language)) {
		return { score: 0, label: 'neutral', confidence: 0, language: reading.language };
	}
	const analysis = analyzeText(text, rulesOfMessage(reading, text));
	const label = labelForOfflineScore(analysis.compound);
	return {
		score: round(analysis.compound),
		label,
		confidence: confidenceOf(analysis.compound, label, evidenceOfAnalyses([analysis])),
		language: reading.language,
	};
}

interface MessageReading {
	messageId: string;
	analysis: TextAnalysis;
}

/** A customer message the offline engine could not read: it is in a language it does not know. */
interface SkippedMessage {
	messageId: string;
	language: LanguageCode;
}

interface ThreadReading {
	/** The case's language, null when no message says. */
	language: LanguageCode | null;
	/** The case's language when the offline engine does not read it: nothing was analysed. */
	unsupported: LanguageCode | null;
	readings: MessageReading[];
	skipped: SkippedMessage[];
}

/** Rules that know no word: emoji, emoticons and punctuation are all a text of no known language says. */
const NO_WORDS: LanguageRules = compileRules({
	language: 'und',
	words: new Map(),
	phrases: [],
	failures: [],
	negations: [],
	boosters: new Map(),
	contrasts: [],
	conditionals: [],
	modals: [],
	timeUnits: new Map(),
	numberWords: [],
	closings: [],
	requests: [],
});

/**
 * The rules to read a message with: its language's (its own or, when short, the case's). A text
 * too short to tell with no case language to borrow ("thanks!", "Danke") is read in the first
 * plausible language whose words it uses; with none, only its emoji count. So no English rule
 * fires on German "die" or "war".
 */
function rulesOfMessage(reading: LanguageReading, text: string): LanguageRules {
	if (reading.language !== null) return rulesFor(reading.language);
	for (const candidate of reading.candidates) {
		if (!isOfflineLanguage(candidate)) continue;
		const rules = rulesFor(candidate);
		if (knowsWordsOf(text, rules)) return rules;
	}
	return NO_WORDS;
}

/** Each customer message read in its own language, or the case's language said to be unknown here. */
function readThread(utterances: ReadonlyArray<{ messageId: string; text: string }>): ThreadReading {
	const languages = identifyThreadLanguages(utterances.map((utterance) => utterance.text));
	const language = languages.caseLanguage;
	if (language !== null && !isOfflineLanguage(language)) {
		return { language, unsupported: language, readings: [], skipped: [] };
	}
	const readings: MessageReading[] = [];
	const skipped: SkippedMessage[] = [];
	utterances.forEach((utterance, index) => {
		const reading = languages.messages[index];
		if (reading.language !== null && !isOfflineLanguage(reading.language)) {
			skipped.push({ messageId: utterance.messageId, language: reading.language });
			return;
		}
		readings.push({
			messageId: utterance.messageId,
			analysis: analyzeText(utterance.text, rulesOfMessage(reading, utterance.text)),
		});
	});
	return { language, unsupported: null, readings, skipped };
}

export class OfflineEngine implements SentimentEngine {
	readonly name = 'offline' as const;
	readonly labels = SENTIMENT_LABELS;

	constructor(private readonly now: () => number = Date.now) {}

	async classify(supportCase: Case): Promise<SentimentResult> {
		return this.classifySync(supportCase);
	}

	classifySync(supportCase: Case): SentimentResult {
		const started = performance.now();
		const utterances = requireCustomerText(supportCase);
		const thread = readThread(utterances);
		if (thread.unsupported !== null) {
			return this.notAnalysed(supportCase, thread.unsupported, utterances.length, started);
		}
		const { readings } = thread;

		let weighted = 0;
		let totalWeight = 0;
		readings.forEach((reading, position) => {
			const age = readings.length - 1 - position;
			// A strong message keeps weighing when a milder one follows: "Fine." after "this is
			// unacceptable" does not make the case neutral.
			const evidenceWeight = MESSAGE_WEIGHT_FLOOR + Math.abs(reading.analysis.compound);
			const weight = RECENCY_DECAY ** age * evidenceWeight;
			weighted += weight * reading.analysis.compound;
			totalWeight += weight;
		});
		const score = totalWeight === 0 ? 0 : weighted / totalWeight;
		const label = labelForOfflineScore(score);
		const signals = signalsOf(readings);
		const evidence = evidenceOf(readings, label);
		const trend = trendOf(readings);

		return {
			label,
			score: round(score),
			confidence: confidenceOf(
				score,
				label,
				evidenceOfAnalyses(readings.map((reading) => reading.analysis)),
			),
			explanation: {
				summary:
					summarize(label, score, signals, evidence, trend) +
					cutsOf(readings) +
					skippedOf(thread.skipped),
				evidence,
			},
			signals,
			suggestedActions: suggestActions(label, signals),
			trend,
			...this.provenance(supportCase, started),
			language: thread.language,
		};
	}

	/** What every offline result says of where it comes from. */
	private provenance(supportCase: Case, started: number) {
		return {
			engine: 'offline' as const,
			decidedBy: 'offline' as const,
			model: null,
			usage: { inputTokens: 0, outputTokens: 0 },
			latencyMs: round(performance.now() - started),
			activityKey: caseActivityKey(supportCase),
			analyzedAt: new Date(this.now()).toISOString(),
			customFields: {},
		};
	}

	/**
	 * A case in a language the offline engine does not read: said plainly, at confidence 0, so
	 * that hybrid sends it to the model and no threshold fires on it.
	 */
	private notAnalysed(
		supportCase: Case,
		language: LanguageCode,
		messages: number,
		started: number,
	): SentimentResult {
		const name = languageName(language);
		return {
			label: 'neutral',
			score: 0,
			confidence: 0,
			explanation: {
				summary: `Not analysed offline: ${name}. The offline engine reads ${OFFLINE_LANGUAGES.map(languageName).join(', ')}; an LLM engine (or hybrid) reads ${name}.`,
				evidence: [],
			},
			signals: [{ type: 'unsupported_language', strength: 1, evidence: name }],
			suggestedActions: [],
			trend: {
				direction: 'stable',
				messagesConsidered: messages,
				firstScore: null,
				lastScore: null,
			},
			...this.provenance(supportCase, started),
			language,
		};
	}
}

/**
 * The strongest phrases, each once: a customer who repeats "charged twice" in the subject and
 * in the message gets one line of evidence, from the latest message that says it. Evidence for
 * a positive or negative label points that way: praise that was outweighed (or sarcastic) is
 * no evidence of a negative case.
 */
function evidenceOf(readings: MessageReading[], label: SentimentLabel): Evidence[] {
	const direction = label === 'positive' ? 1 : label === 'negative' ? -1 : 0;
	const byPhrase = new Map<string, Evidence>();
	for (const reading of readings) {
		for (const hit of reading.analysis.hits) {
			if (hit.weight === 0 || (direction !== 0 && Math.sign(hit.weight) !== direction)) continue;
			const seen = byPhrase.get(hit.phrase);
			if (seen && Math.abs(seen.weight) > Math.abs(hit.weight)) continue;
			byPhrase.set(hit.phrase, {
				messageId: reading.messageId,
				phrase: hit.phrase,
				weight: round(hit.weight),
			});
		}
	}
	return [...byPhrase.values()]
		.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
		.slice(0, MAX_EVIDENCE);
}

/**
 * Signals from the phrases that raise them and from the text's form (shouting, '?!'). Strength
 * grows with how much the phrases weigh, so one "again" is a hint and "third time, still
 * waiting" is a clear signal.
 */
function signalsOf(readings: MessageReading[]): Signal[] {
	const byType = new Map<SignalType, { weight: number; evidence: string }>();
	const add = (type: SignalType, weight: number, evidence: string) => {
		const seen = byType.get(type);
		if (seen) seen.weight += weight;
		else byType.set(type, { weight, evidence });
	};
	for (const { analysis } of readings) {
		for (const hit of analysis.hits) {
			if (hit.signal) add(hit.signal, Math.max(Math.abs(hit.weight), 0.8), hit.phrase);
		}
		for (const signal of analysis.formSignals) add(signal.type, 1.5, signal.evidence);
	}
	const negativeWeight = readings.reduce((sum, reading) => sum + reading.analysis.negative, 0);
	if (
		!byType.has('frustration') &&
		byType.has('repeat_contact') &&
		byType.has('waiting') &&
		negativeWeight <= -3
	) {
		add('frustration', 1.5, 'repeat contact while still waiting');
	}
	return [...byType.entries()].map(([type, { weight, evidence }]) => ({
		type,
		strength: round(Math.min(1, weight / 3)),
		evidence,
	}));
}

function trendOf(readings: MessageReading[]): Trend {
	const scored = readings.filter((reading) => reading.analysis.hits.length > 0);
	if (scored.length < 2) {
		const only = scored[0]?.analysis.compound;
		return {
			direction: 'stable',
			messagesConsidered: readings.length,
			firstScore: only === undefined ? null : round(only),
			lastScore: only === undefined ? null : round(only),
		};
	}
	const first = scored[0].analysis.compound;
	const last = scored[scored.length - 1].analysis.compound;
	const delta = last - first;
	return {
		direction: delta >= TREND_DELTA ? 'improving' : delta <= -TREND_DELTA ? 'worsening' : 'stable',
		messagesConsidered: readings.length,
		firstScore: round(first),
		lastScore: round(last),
	};
}

const SIGNAL_WORDS: Partial<Record<SignalType, string>> = {
	churn_risk: 'may leave',
	escalation_request: 'asks for escalation',
	anger: 'is angry',
	refund_request: 'wants a refund',
	repeat_contact: 'has had to come back',
	waiting: 'is waiting',
	urgency: 'says it is urgent',
	frustration: 'is frustrated',
	sarcasm: 'is sarcastic',
	confusion: 'is confused',
	gratitude: 'is grateful',
	resolution: 'says the problem is solved',
};

function summarize(
	label: SentimentLabel,
	score: number,
	signals: Signal[],
	evidence: Evidence[],
	trend: Trend,
): string {
	const parts = [`${label[0].toUpperCase()}${label.slice(1)} (score ${round(score)})`];
	const said = signals
		.filter((signal) => signal.strength >= 0.3)
		.map((signal) => SIGNAL_WORDS[signal.type])
		.filter((words): words is string => words !== undefined);
	if (said.length > 0) parts.push(`the customer ${said.join(', ')}`);
	if (evidence.length > 0) {
		parts.push(
			`strongest words: ${evidence
				.slice(0, 3)
				.map((item) => `"${item.phrase}" (${item.weight})`)
				.join(', ')}`,
		);
	} else {
		parts.push("no sentiment-bearing words in the customer's messages");
	}
	if (trend.direction !== 'stable')
		parts.push(`${trend.direction} over ${trend.messagesConsidered} customer messages`);
	return parts.join('; ') + '.';
}

/** Says which messages were left out for their language. */
function skippedOf(skipped: SkippedMessage[]): string {
	return skipped
		.map(
			(message) =>
				` Message ${message.messageId} is in ${languageName(message.language)}: not analysed offline.`,
		)
		.join('');
}

/** Says which long messages were read only in part (READ_FROM_EACH_END). */
function cutsOf(readings: MessageReading[]): string {
	return readings
		.filter((reading) => reading.analysis.cutFrom !== null)
		.map(
			(reading) =>
				` Message ${reading.messageId} is long: read the first and last ${withThousands(READ_FROM_EACH_END)} of its ${withThousands(reading.analysis.cutFrom!)} characters.`,
		)
		.join('');
}

/**
 * 1,048,576: what toLocaleString('en-US') writes for a whole number, without loading ICU's
 * number formats (a quarter of a second on a busy machine, paid by the first long message).
 */
function withThousands(count: number): string {
	return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function round(value: number): number {
	return Math.round(value * 1000) / 1000;
}
