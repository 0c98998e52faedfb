import type { SignalType } from '../result';

/**
 * The support-specific part of the offline engine's lexicon, written by this project: phrases
 * that a generic sentiment lexicon scores wrongly or not at all in a support conversation
 * ("still waiting", "third time", "cancel my subscription", "works now"), each with a valence
 * on VADER's -4..4 scale and, where it says something a support team acts on, a signal.
 *
 * Phrases win over single words: "no problem" is a phrase here, so VADER's "problem" and the
 * negation rule never see it. A valence of 0 marks a phrase that only raises a signal.
 */
export interface SupportPhrase {
	valence: number;
	signal?: SignalType;
}

type PhraseTable = Record<string, [valence: number, signal?: SignalType]>;

const WAITING: PhraseTable = {
	'still waiting': [-2.2, 'waiting'],
	'been waiting': [-1.8, 'waiting'],
	'waiting for': [-0.8, 'waiting'],
	'waiting on': [-0.8, 'waiting'],
	'keep waiting': [-1.8, 'waiting'],
	'on hold': [-1.5, 'waiting'],
	'hold time': [-1.5, 'waiting'],
	'wait time': [-1.2, 'waiting'],
	'no response': [-2.0, 'waiting'],
	'no reply': [-2.0, 'waiting'],
	'no answer': [-1.8, 'waiting'],
	'no update': [-1.8, 'waiting'],
	'no updates': [-1.8, 'waiting'],
	'no word': [-1.5, 'waiting'],
	'no callback': [-1.8, 'waiting'],
	'no call back': [-1.8, 'waiting'],
	'not heard back': [-1.8, 'waiting'],
	'never heard back': [-2.2, 'waiting'],
	"haven't heard": [-1.8, 'waiting'],
	'havent heard': [-1.8, 'waiting'],
	'still no': [-1.8, 'waiting'],
	'still not': [-1.8, 'waiting'],
	"still haven't": [-1.8, 'waiting'],
	'still havent': [-1.8, 'waiting'],
	"still hasn't": [-1.8, 'waiting'],
	'still nothing': [-2.0, 'waiting'],
	'yet to': [-1.0, 'waiting'],
	'taking forever': [-2.2, 'waiting'],
	'takes forever': [-2.0, 'waiting'],
	'took forever': [-2.0, 'waiting'],
	forever: [-1.0, 'waiting'],
	waited: [-1.2, 'waiting'],
	delayed: [-1.5, 'waiting'],
	delay: [-1.3, 'waiting'],
	delays: [-1.4, 'waiting'],
	late: [-1.0, 'waiting'],
	stuck: [-1.6, 'waiting'],
	stranded: [-2.2, 'waiting'],
	'days later': [-1.2, 'waiting'],
	'weeks later': [-1.6, 'waiting'],
	'how long': [-0.8, 'waiting'],
};

const REPEAT_CONTACT: PhraseTable = {
	again: [-0.6, 'repeat_contact'],
	'once again': [-1.2, 'repeat_contact'],
	'yet again': [-1.8, 'repeat_contact'],
	'second time': [-1.2, 'repeat_contact'],
	'third time': [-1.8, 'repeat_contact'],
	'fourth time': [-2.0, 'repeat_contact'],
	'2nd time': [-1.2, 'repeat_contact'],
	'3rd time': [-1.8, 'repeat_contact'],
	'4th time': [-2.0, 'repeat_contact'],
	'multiple times': [-1.5, 'repeat_contact'],
	'several times': [-1.5, 'repeat_contact'],
	'many times': [-1.2, 'repeat_contact'],
	'every time': [-1.0, 'repeat_contact'],
	'keep getting': [-1.2, 'repeat_contact'],
	'keeps happening': [-1.8, 'repeat_contact'],
	'keeps failing': [-2.0, 'repeat_contact'],
	'already told': [-1.5, 'repeat_contact'],
	'already explained': [-1.5, 'repeat_contact'],
	'already sent': [-1.0, 'repeat_contact'],
	'already called': [-1.2, 'repeat_contact'],
	'as i said': [-1.0, 'repeat_contact'],
	'like i said': [-1.2, 'repeat_contact'],
	'for the last time': [-1.5, 'repeat_contact'],
	'same issue': [-1.0, 'repeat_contact'],
	'same problem': [-1.2, 'repeat_contact'],
	'i said': [-1.0, 'repeat_contact'],
	'i asked for': [-0.8, 'repeat_contact'],
	'i already': [-0.8, 'repeat_contact'],
	'still': [-0.5, 'repeat_contact'],
};

const FAILURE: PhraseTable = {
	'not working': [-1.8],
	"doesn't work": [-1.8],
	'doesnt work': [-1.8],
	'does not work': [-1.8],
	"isn't working": [-1.8],
	'isnt working': [-1.8],
	"won't work": [-1.6],
	"didn't work": [-1.6],
	'didnt work': [-1.6],
	'stopped working': [-2.0],
	"can't log in": [-1.5],
	'cant log in': [-1.5],
	'cannot log in': [-1.5],
	"can't login": [-1.5],
	'cant login': [-1.5],
	"won't load": [-1.5],
	'is down': [-1.4],
	'went down': [-1.4],
	error: [-1.0],
	errors: [-1.0],
	crash: [-1.8],
	crashes: [-1.8],
	crashed: [-1.8],
	outage: [-1.8],
	bug: [-1.2],
	glitch: [-1.2],
	issue: [-0.6],
	issues: [-0.6],
	missing: [-1.2],
	damaged: [-1.8],
	'charged twice': [-2.2],
	'double charged': [-2.2],
	overcharged: [-2.0],
	fee: [-0.5],
	fees: [-0.6],
	cancelled: [-1.2],
	canceled: [-1.2],
	'lost my': [-1.8],
	'lost our': [-1.8],
	'wrong item': [-1.8],
	'waste of time': [-2.5, 'frustration'],
	'waste of money': [-2.5, 'frustration'],
};

const CHURN: PhraseTable = {
	'cancel my': [-1.8, 'churn_risk'],
	'cancel our': [-1.8, 'churn_risk'],
	'cancelling my': [-1.8, 'churn_risk'],
	'canceling my': [-1.8, 'churn_risk'],
	'close my account': [-2.0, 'churn_risk'],
	'closing my account': [-2.0, 'churn_risk'],
	'switch to': [-1.5, 'churn_risk'],
	'switching to': [-1.5, 'churn_risk'],
	competitor: [-1.2, 'churn_risk'],
	'never again': [-2.5, 'churn_risk'],
	'never use': [-2.2, 'churn_risk'],
	'never fly': [-2.2, 'churn_risk'],
	'never buy': [-2.2, 'churn_risk'],
	'never buying': [-2.2, 'churn_risk'],
	'never ordering': [-2.2, 'churn_risk'],
	'take my business': [-2.8, 'churn_risk'],
	'taking my business': [-2.8, 'churn_risk'],
	'lost a customer': [-2.8, 'churn_risk'],
	'lost my business': [-2.8, 'churn_risk'],
	'looking for alternatives': [-2.0, 'churn_risk'],
	'find another': [-1.5, 'churn_risk'],
	'not renewing': [-2.2, 'churn_risk'],
	"won't renew": [-2.2, 'churn_risk'],
	'done with': [-1.8, 'churn_risk'],
	unsubscribe: [-1.0, 'churn_risk'],
};

const REFUND: PhraseTable = {
	refund: [-0.8, 'refund_request'],
	refunded: [0, 'refund_request'],
	'my money back': [-1.8, 'refund_request'],
	'money back': [-1.5, 'refund_request'],
	reimburse: [-0.8, 'refund_request'],
	reimbursement: [-0.8, 'refund_request'],
	compensation: [-0.8, 'refund_request'],
	compensate: [-0.8, 'refund_request'],
	chargeback: [-2.0, 'refund_request'],
	dispute: [-1.0, 'refund_request'],
};

const ESCALATION: PhraseTable = {
	manager: [-0.8, 'escalation_request'],
	supervisor: [-1.0, 'escalation_request'],
	escalate: [-1.2, 'escalation_request'],
	escalated: [-1.0, 'escalation_request'],
	'speak to someone': [-1.2, 'escalation_request'],
	'speak to a human': [-1.5, 'escalation_request'],
	'talk to a human': [-1.5, 'escalation_request'],
	'real person': [-1.2, 'escalation_request'],
	'formal complaint': [-2.0, 'escalation_request'],
	complaint: [-1.5, 'escalation_request'],
	lawyer: [-2.0, 'escalation_request'],
	'legal action': [-2.5, 'escalation_request'],
};

const FRUSTRATION: PhraseTable = {
	'fed up': [-2.2, 'frustration'],
	'sick of': [-2.2, 'frustration'],
	'tired of': [-1.8, 'frustration'],
	'a joke': [-1.8, 'frustration'],
	'what a joke': [-2.2, 'frustration'],
	unacceptable: [-2.2, 'frustration'],
	ridiculous: [-2.0, 'frustration'],
	frustrated: [-2.0, 'frustration'],
	frustrating: [-2.0, 'frustration'],
	annoyed: [-1.8, 'frustration'],
	annoying: [-1.8, 'frustration'],
	useless: [-2.2, 'frustration'],
	pathetic: [-2.4, 'frustration'],
	'are you serious': [-1.8, 'frustration'],
};

const ANGER: PhraseTable = {
	wtf: [-2.5, 'anger'],
	furious: [-3.0, 'anger'],
	livid: [-3.0, 'anger'],
	angry: [-2.3, 'anger'],
	outraged: [-3.0, 'anger'],
	pissed: [-2.8, 'anger'],
	disgusting: [-2.8, 'anger'],
	disgusted: [-2.8, 'anger'],
	shit: [-2.6, 'anger'],
	fuck: [-2.8, 'anger'],
	fucking: [-2.0, 'anger'],
	damn: [-1.5, 'anger'],
};

const URGENCY: PhraseTable = {
	urgent: [-0.5, 'urgency'],
	urgently: [-0.5, 'urgency'],
	asap: [-0.6, 'urgency'],
	immediately: [-0.4, 'urgency'],
	'right away': [-0.3, 'urgency'],
	'right now': [-0.4, 'urgency'],
	emergency: [-1.6, 'urgency'],
	critical: [-1.0, 'urgency'],
	'production down': [-2.0, 'urgency'],
	'production is down': [-2.0, 'urgency'],
	blocking: [-1.2, 'urgency'],
	blocker: [-1.2, 'urgency'],
	deadline: [-0.4, 'urgency'],
	'time sensitive': [-0.5, 'urgency'],
};

const CONFUSION: PhraseTable = {
	confused: [-1.3, 'confusion'],
	confusing: [-1.3, 'confusion'],
	"don't understand": [-1.2, 'confusion'],
	'dont understand': [-1.2, 'confusion'],
	'do not understand': [-1.2, 'confusion'],
	unclear: [-0.8, 'confusion'],
	'makes no sense': [-1.8, 'confusion'],
	'how do i': [0, 'confusion'],
	'what does this mean': [-0.3, 'confusion'],
};

/** A customer asking why, or what is going on, is challenging what happened. */
const COMPLAINT: PhraseTable = {
	why: [-0.6],
	'what happened': [-0.8],
	'what is going on': [-1.2],
	"what's going on": [-1.2],
	'whats going on': [-1.2],
	'no one': [-1.2],
	nobody: [-1.0],
	hours: [-0.8, 'waiting'],
	hold: [-0.6, 'waiting'],
	rude: [-2.0, 'frustration'],
	even: [-0.3],
};

/** Effort that got nowhere and expectations that were not met. */
const UNMET_EXPECTATION: PhraseTable = {
	'trying to': [-0.8, 'repeat_contact'],
	'tried to': [-0.8, 'repeat_contact'],
	'been trying': [-1.4, 'repeat_contact'],
	'keep trying': [-1.4, 'repeat_contact'],
	'unable to': [-1.2],
	'supposed to': [-1.0],
	'should have': [-1.0],
	'should be': [-0.5],
	'only to': [-1.0],
	'at least': [-0.6],
	'instead of': [-0.5],
	'how hard': [-1.5, 'frustration'],
	'how is it': [-0.6],
	'how can': [-0.5],
	'what is the point': [-1.5, 'frustration'],
};

/**
 * Negations that do not report a failure; without these the negated-action rule of analyze.ts
 * would read "can't wait" or "don't forget" as a complaint.
 */
const NEGATED_IDIOMS: PhraseTable = {
	"can't wait": [1.8],
	'cant wait': [1.8],
	'cannot wait': [1.8],
	"don't forget": [0],
	'dont forget': [0],
	'do not forget': [0],
	"don't miss": [0.6],
	'dont miss': [0.6],
	'no doubt': [0.5],
	'no matter': [0],
	'not only': [0],
	'not just': [0],
	'never mind': [-0.8],
	'forget it': [-1.5, 'frustration'],
	"that's not": [-1.0],
	'thats not': [-1.0],
	'that is not': [-1.0],
	'not what i': [-1.5],
	"didn't ask": [-1.5],
	"doesn't matter": [0],
	'no longer': [-0.5],
	'no way': [-0.8],
	'not sure': [-0.3, 'confusion'],
	"don't know": [-0.3, 'confusion'],
	'dont know': [-0.3, 'confusion'],
	'no idea': [-0.6, 'confusion'],
};

const SARCASM: PhraseTable = {
	'thanks for nothing': [-2.8, 'sarcasm'],
	'yeah right': [-1.5, 'sarcasm'],
	'oh great': [-1.2, 'sarcasm'],
	'just great': [-1.2, 'sarcasm'],
	'great job': [1.5],
	'love how': [-1.2, 'sarcasm'],
	'love that': [0.8],
};

const GRATITUDE: PhraseTable = {
	'thank you': [1.6, 'gratitude'],
	thanks: [1.4, 'gratitude'],
	thank: [1.2, 'gratitude'],
	thx: [1.2, 'gratitude'],
	'thank you so much': [2.6, 'gratitude'],
	'thanks so much': [2.4, 'gratitude'],
	'thanks again': [2.0, 'gratitude'],
	'many thanks': [2.2, 'gratitude'],
	'appreciate it': [2.0, 'gratitude'],
	'much appreciated': [2.4, 'gratitude'],
	appreciated: [2.0, 'gratitude'],
	grateful: [2.2, 'gratitude'],
	'you rock': [2.6, 'gratitude'],
	'above and beyond': [2.8, 'gratitude'],
	'great service': [2.8, 'gratitude'],
	'great support': [2.8, 'gratitude'],
	'excellent service': [3.0, 'gratitude'],
	'quick response': [2.0, 'gratitude'],
	'fast response': [2.0, 'gratitude'],
	'quick reply': [2.0, 'gratitude'],
	'so helpful': [2.4, 'gratitude'],
	'very helpful': [2.2, 'gratitude'],
};

const RESOLUTION: PhraseTable = {
	resolved: [1.4, 'resolution'],
	fixed: [1.2, 'resolution'],
	'works now': [2.0, 'resolution'],
	'working now': [2.0, 'resolution'],
	'works again': [1.8, 'resolution'],
	'working again': [1.8, 'resolution'],
	'works perfectly': [2.5, 'resolution'],
	'all good': [1.6, 'resolution'],
	'all set': [1.4, 'resolution'],
	sorted: [1.0, 'resolution'],
	'problem solved': [2.0, 'resolution'],
	'issue resolved': [2.0, 'resolution'],
	'that did it': [1.8, 'resolution'],
	'that worked': [1.8, 'resolution'],
	'it worked': [1.6, 'resolution'],
	'on time': [1.4, 'resolution'],
	'no problem': [1.0],
	'no problems': [1.2],
	'no worries': [1.2],
	'no issues': [1.2],
	'no complaints': [1.5],
};

/**
 * Words that VADER scores as sentiment but that, in a support conversation, are mostly the
 * vocabulary of the request itself: "customer support", "please help", "I would like", "free
 * of charge", "credit card". Their valence is damped rather than removed so that "I love the
 * support" still counts.
 */
const SUPPORT_VOCABULARY: PhraseTable = {
	support: [0.3],
	help: [0.4],
	please: [0],
	like: [0.6],
	hope: [0.6],
	care: [0.4],
	free: [0.5],
	credit: [0],
	kind: [0.6],
	god: [0],
	lol: [0.8],
	funny: [0.5],
	joke: [0],
	interesting: [0.6],
	yes: [0.8],
	ok: [0.5],
	okay: [0.5],
	want: [0],
	sure: [0.5],
	share: [0],
	'customer care': [0],
	'customer service': [0],
	'customer support': [0],
	'help desk': [0],
	'help me': [0],
	'please help': [-0.4],
};

const TABLES: PhraseTable[] = [
	SUPPORT_VOCABULARY,
	WAITING,
	REPEAT_CONTACT,
	FAILURE,
	CHURN,
	REFUND,
	ESCALATION,
	FRUSTRATION,
	ANGER,
	URGENCY,
	CONFUSION,
	COMPLAINT,
	UNMET_EXPECTATION,
	NEGATED_IDIOMS,
	SARCASM,
	GRATITUDE,
	RESOLUTION,
];

/** Phrases that report something broken, lost or charged wrongly: praise next to them is not praise. */
export const FAILURE_PHRASES: ReadonlySet<string> = new Set([...Object.keys(FAILURE), ...Object.keys(UNMET_EXPECTATION)]);

/**
 * Closing formulas: "thanks, that's all, bye" ends most support chats whatever the customer
 * felt, so gratitude in a closing message is courtesy.
 */
export const CLOSING_PHRASES: readonly string[] = [
	"that's all",
	'that is all',
	"that's it",
	'that will be all',
	"that'll be all",
	'nothing else',
	'bye',
	'goodbye',
	'good bye',
	'have a good',
	'have a nice',
	'have a great',
];

/** Every phrase, lower case, words separated by one space. */
export const SUPPORT_PHRASES: ReadonlyMap<string, SupportPhrase> = new Map(
	TABLES.flatMap((table) =>
		Object.entries(table).map(([phrase, [valence, signal]]) => [phrase, signal ? { valence, signal } : { valence }]),
	),
);

/** Signals whose phrases say the customer is pleased rather than troubled. */
export const POSITIVE_SIGNALS: ReadonlySet<SignalType> = new Set(['gratitude', 'resolution']);

/** Signals that describe a support failure: praise in the same sentence reads as sarcasm. */
export const FAILURE_SIGNALS: ReadonlySet<SignalType> = new Set([
	'waiting',
	'repeat_contact',
	'churn_risk',
	'refund_request',
	'frustration',
	'anger',
]);

/** Words that turn the valence of what follows (VADER's rule; our list). */
export const NEGATIONS: ReadonlySet<string> = new Set([
	'not',
	'no',
	'never',
	'none',
	'nobody',
	'nothing',
	'neither',
	'nor',
	'cannot',
	'without',
	'hardly',
	'dont',
	'cant',
	'wont',
	'isnt',
	'arent',
	'wasnt',
	'werent',
	'didnt',
	'doesnt',
	'havent',
	'hasnt',
	'hadnt',
	'couldnt',
	'shouldnt',
	'wouldnt',
	'aint',
]);

/** Intensifiers and dampeners, with VADER's increment. */
export const BOOSTERS: ReadonlyMap<string, number> = new Map([
	...[
		'absolutely',
		'amazingly',
		'awfully',
		'completely',
		'deeply',
		'enormously',
		'entirely',
		'especially',
		'exceptionally',
		'extremely',
		'fully',
		'greatly',
		'highly',
		'hugely',
		'incredibly',
		'insanely',
		'intensely',
		'most',
		'particularly',
		'pretty',
		'quite',
		'really',
		'remarkably',
		'so',
		'such',
		'super',
		'thoroughly',
		'too',
		'totally',
		'tremendously',
		'truly',
		'unbelievably',
		'utterly',
		'very',
		'beyond',
	].map((word): [string, number] => [word, 0.293]),
	...['almost', 'barely', 'kinda', 'slightly', 'somewhat', 'marginally', 'partly', 'little', 'bit'].map(
		(word): [string, number] => [word, -0.293],
	),
]);

/** Emoji most often seen in support messages, on the same -4..4 scale (VADER has emoticons, not emoji). */
export const EMOJI_VALENCE: ReadonlyMap<string, number> = new Map([
	['😡', -3],
	['🤬', -3.4],
	['😠', -2.8],
	['😤', -2.2],
	['😞', -2],
	['😢', -2],
	['😭', -2.2],
	['😩', -2.2],
	['😫', -2.2],
	['🙁', -1.5],
	['☹', -1.5],
	['😕', -1.2],
	['😒', -1.6],
	['🙄', -1.6],
	['👎', -2],
	['💩', -2],
	['😀', 2],
	['😃', 2],
	['😄', 2.2],
	['😁', 2],
	['😊', 2.2],
	['🙂', 1.4],
	['😍', 2.8],
	['🥰', 2.8],
	['❤', 2.6],
	['♥', 2.4],
	['💙', 2.4],
	['👍', 1.8],
	['🙏', 1.6],
	['🎉', 2.2],
	['👏', 2],
	['💯', 1.8],
	['😂', 1],
]);
