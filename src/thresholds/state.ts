import { z } from 'zod';

import { HEALTH_BANDS, type HealthBand } from '../accounts/health';
import type { Case } from '../case/case';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../case/time';
import {
	READING_SIGNAL_TYPES,
	SENTIMENT_LABELS,
	SIGNAL_TYPES,
	type SentimentLabel,
	type SentimentResult,
	type SignalType,
} from '../sentiment/result';
import {
	ACCOUNT_RULES,
	type AccountRuleId,
	CASE_RULES,
	type CaseRuleId,
	type StateLimits,
} from './settings';

/**
 * The trigger's memory of cases and accounts. In memory it is `ThresholdState`, with named
 * fields; in n8n's workflow static data it is kept packed (`PackedThresholdState`), because n8n
 * writes static data into the workflow's row after a poll and loads it with the workflow: at
 * 10,000 cases every byte per case is 10 kB of every save and every editor load.
 *
 * Reading is forgiving record by record: a case or account record that does not parse is
 * dropped and the others are kept, and a state of an older version is migrated, never reset
 * (a reset would fire "turns negative" again for every negative case).
 */

/** One classification of a case (when the latest was made is the case's `classifiedAt`). */
export interface HistoryPoint {
	score: number;
	polarity: SentimentLabel;
	/** How many requester messages the case had, to read the trend over the last N of them. */
	requesterMessages: number;
}

export interface RuleState {
	/** False after the rule fired, until the value recovers past the threshold by the margin. */
	armed: boolean;
	/** When the rule last fired, epoch milliseconds, for the cool-down. */
	firedAt: number | null;
}

/** What an unanswered event repeats about a case that did not change in its poll. */
export type CaseSnapshot = Pick<
	Case,
	'id' | 'number' | 'url' | 'subject' | 'state' | 'priority' | 'account'
>;

export type StoredResult = Pick<SentimentResult, 'label' | 'score'> & {
	explanation: { summary: string };
};

export interface CaseState {
	accountId: string | null;
	closed: boolean;
	/** Last time the case had new activity, epoch milliseconds; drives eviction. */
	touchedAt: number;
	/** The start of the case's content hash when last classified (see `shortActivityKey`). */
	activityKey: string;
	/** Oldest first, at most `historyPerCase` points; empty for a case that cannot be classified. */
	history: HistoryPoint[];
	/** When the latest history point was made, epoch milliseconds: the account window reads it. */
	classifiedAt: number | null;
	lastRequesterAt: number | null;
	lastFulfillerAt: number | null;
	/** Signal types of the latest result while it is negative: the account's drivers. */
	negativeSignals: SignalType[];
	/** Kept only while the unanswered rule may still fire for the case, for its event. */
	snapshot: CaseSnapshot | null;
	result: StoredResult | null;
	rules: Partial<Record<CaseRuleId, RuleState>>;
}

export interface AccountState {
	name: string | null;
	touchedAt: number;
	/** The band as last reported, with hysteresis on improvement; null until enough cases. */
	band: HealthBand | null;
	lastValues: Partial<Record<AccountRuleId, number | null>>;
	rules: Partial<Record<AccountRuleId, RuleState>>;
}

export interface ThresholdState {
	version: 2;
	cases: Record<string, CaseState>;
	accounts: Record<string, AccountState>;
}

export function emptyThresholdState(): ThresholdState {
	return { version: 2, cases: {}, accounts: {} };
}

/**
 * Characters of the content hash kept per case: it only tells whether a case changed since the
 * trigger last classified it, so 24 bits (hex) are plenty, and the full 64 characters would be most of a record.
 */
const ACTIVITY_KEY_LENGTH = 6;

export function shortActivityKey(activityKey: string): string {
	return activityKey.slice(0, ACTIVITY_KEY_LENGTH);
}

const SUMMARY_LENGTH = 160;
const SUBJECT_LENGTH = 100;

export function snapshotOf(supportCase: Case): CaseSnapshot {
	const { id, number, url, subject, state, priority, account } = supportCase;
	return {
		id,
		number,
		url,
		subject: subject.slice(0, SUBJECT_LENGTH),
		state,
		priority,
		account,
	};
}

export function storedResultOf(result: SentimentResult): StoredResult {
	return {
		label: result.label,
		score: result.score,
		explanation: { summary: result.explanation.summary.slice(0, SUMMARY_LENGTH) },
	};
}

// ---- Validation of the in-memory form (what evaluateThresholds returns) ----

const time = z.number().finite();
const signalType = z.enum([...SIGNAL_TYPES, ...READING_SIGNAL_TYPES]);
const ruleStateSchema = z.object({ armed: z.boolean(), firedAt: time.nullable() });
const caseRulesSchema = z
	.record(z.string(), z.unknown())
	.transform((rules) => pickRules(rules, CASE_RULES));
const accountRulesSchema = z
	.record(z.string(), z.unknown())
	.transform((rules) => pickRules(rules, ACCOUNT_RULES));

/** Keeps the rule states that parse, under the rules that exist. */
function pickRules<Id extends string>(
	rules: Record<string, unknown>,
	ids: readonly Id[],
): Partial<Record<Id, RuleState>> {
	const kept: Partial<Record<Id, RuleState>> = {};
	for (const id of ids) {
		if (rules[id] === undefined) continue;
		const parsed = ruleStateSchema.safeParse(rules[id]);
		if (parsed.success) kept[id] = parsed.data;
	}
	return kept;
}

const historyPointSchema = z.object({
	score: z.number().finite(),
	polarity: z.enum(SENTIMENT_LABELS),
	requesterMessages: z.number().int().nonnegative(),
});

const snapshotSchema = z
	.object({
		id: z.string(),
		number: z.string().nullable().catch(null),
		url: z.string().nullable().catch(null),
		subject: z.string().catch(''),
		state: z.string().catch(''),
		priority: z.string().catch(''),
		account: z.object({ id: z.string(), name: z.string().nullable() }).nullable().catch(null),
	})
	.transform((snapshot) => snapshot as CaseSnapshot);

const storedResultSchema = z
	.object({
		label: z.string(),
		score: z.number().finite(),
		explanation: z.object({ summary: z.string() }),
	})
	.transform((result) => result as StoredResult);

const caseStateSchema = z.object({
	accountId: z.string().nullable(),
	closed: z.boolean().catch(false),
	touchedAt: time,
	activityKey: z.string().transform(shortActivityKey),
	history: z.array(historyPointSchema),
	classifiedAt: time.nullable(),
	lastRequesterAt: time.nullable().catch(null),
	lastFulfillerAt: time.nullable().catch(null),
	negativeSignals: z.array(signalType).catch([]),
	snapshot: snapshotSchema.nullable().catch(null),
	result: storedResultSchema.nullable().catch(null),
	rules: caseRulesSchema.catch({}),
});

const accountStateSchema = z.object({
	name: z.string().nullable().catch(null),
	touchedAt: time,
	band: z.enum(HEALTH_BANDS).nullable().catch(null),
	lastValues: z
		.record(z.string(), z.unknown())
		.transform((values) => {
			const kept: Partial<Record<AccountRuleId, number | null>> = {};
			for (const id of ACCOUNT_RULES) {
				const value = values[id];
				if (value === null || (typeof value === 'number' && Number.isFinite(value)))
					kept[id] = value;
			}
			return kept;
		})
		.catch({}),
	rules: accountRulesSchema.catch({}),
});

/** Each record that parses, under its id; the others are dropped, and how many is counted. */
function parseRecords<T>(
	records: unknown,
	parse: (record: unknown, id: string) => T | null,
): { kept: Record<string, T>; dropped: number } {
	const kept: Record<string, T> = {};
	let dropped = 0;
	if (!records || typeof records !== 'object' || Array.isArray(records)) return { kept, dropped };
	for (const [id, record] of Object.entries(records as Record<string, unknown>)) {
		const parsed = parse(record, id);
		if (parsed === null) dropped++;
		else kept[id] = parsed;
	}
	return { kept, dropped };
}

const parseWith =
	<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>) =>
	(record: unknown): T | null => {
		const parsed = schema.safeParse(record);
		return parsed.success ? parsed.data : null;
	};

// ---- Version 1 (until the packed form): tuples for history, full results and snapshots ----

const v1HistoryPointSchema = z
	.tuple([time, z.number().finite(), z.enum(SENTIMENT_LABELS), z.number().int().nonnegative()])
	.transform(([at, score, polarity, requesterMessages]) => ({
		at,
		point: { score, polarity, requesterMessages },
	}));

const v1CaseStateSchema = caseStateSchema
	.omit({ classifiedAt: true })
	.extend({
		history: z.array(v1HistoryPointSchema),
		// Version 1 kept more of the case and the result; the fields still used are carried over.
		snapshot: snapshotSchema.nullable().catch(null),
		result: storedResultSchema.nullable().catch(null),
	})
	.transform(({ history, ...caseState }) => ({
		...caseState,
		history: history.map(({ point }) => point),
		classifiedAt: history.length > 0 ? history[history.length - 1].at : null,
	}));

// ---- The packed form kept in static data ----

/**
 * Each record is a flat array of strings and numbers (cheap to validate: a poll reads 10,000 of
 * them). Times are whole minutes before the state's `at` (small numbers instead of 13-digit
 * epochs); history points are `<score in hundredths (the rules' margins are 0.05)><p|o|n><requester messages>` joined by
 * ';'; rule states are `<code><+ armed|- disarmed><fired minutes ago>` joined by ',';
 * trailing fields that hold their empty value are left out.
 */
export interface PackedThresholdState {
	format: 'packed';
	version: 2;
	/** Epoch minutes the relative times count back from. */
	at: number;
	cases: Record<string, unknown[]>;
	accounts: Record<string, unknown[]>;
}

const RULE_CODES: Record<CaseRuleId | AccountRuleId, string> = {
	turnsNegative: 'tn',
	scoreBelow: 'sb',
	dropBy: 'db',
	worsening: 'wo',
	unanswered: 'un',
	churnRisk: 'cr',
	negativeShare: 'ns',
	netScore: 'nt',
	bandWorsens: 'bw',
};
const RULE_OF_CODE = Object.fromEntries(
	Object.entries(RULE_CODES).map(([rule, code]) => [code, rule]),
) as Record<string, CaseRuleId | AccountRuleId>;
const POLARITY_CODES: Record<SentimentLabel, string> = {
	positive: 'p',
	neutral: 'o',
	negative: 'n',
};
const POLARITY_OF_CODE: Record<string, SentimentLabel> = {
	p: 'positive',
	o: 'neutral',
	n: 'negative',
};
const POINT = '-?\\d+[pon]\\d+';
const RULE = '[a-z]{2}[+-]\\d*';
const SIGNAL_TYPE_SET = new Set<string>([...SIGNAL_TYPES, ...READING_SIGNAL_TYPES]);

const minutesAgo = z.number().int();
const packedCaseSchema = z.tuple([
	z.string().nullable(),
	minutesAgo,
	z.string(),
	minutesAgo.nullable(),
	minutesAgo.nullable(),
	z.string().regex(new RegExp(`^(${POINT}(;${POINT})*)?$`)),
	z.number(),
	z.string(),
	z.string().regex(new RegExp(`^(${RULE}(,${RULE})*)?$`)),
	// The unanswered rule's note: number, url, subject, state, priority, summary (the label and
	// score are the latest history point's).
	z
		.tuple([
			z.string().nullable(),
			z.string().nullable(),
			z.string(),
			z.string(),
			z.string(),
			z.string(),
		])
		.nullable(),
	// Minutes between the latest classification and the latest activity (usually none).
	minutesAgo.nullable(),
]);
const CASE_EMPTIES: unknown[] = [null, 0, '', null, null, '', 0, '', '', null, 0];

const packedAccountSchema = z.tuple([
	z.string().nullable(),
	minutesAgo,
	z.enum(HEALTH_BANDS).nullable(),
	z.number().nullable(),
	z.number().nullable(),
	z.string().regex(new RegExp(`^(${RULE}(,${RULE})*)?$`)),
]);
const ACCOUNT_EMPTIES: unknown[] = [null, 0, null, null, null, ''];

const toMinute = (ms: number) => Math.floor(ms / MINUTE_MS);
const ago = (ms: number, at: number) => at - toMinute(ms);
const back = (minutes: number, at: number) => (at - minutes) * MINUTE_MS;
const agoOrNull = (ms: number | null, at: number) => (ms === null ? null : ago(ms, at));
const backOrNull = (minutes: number | null, at: number) =>
	minutes === null ? null : back(minutes, at);

function packRules(rules: Partial<Record<string, RuleState>>, at: number): string {
	return Object.entries(rules)
		.filter((entry): entry is [string, RuleState] => entry[1] !== undefined)
		.map(
			([rule, state]) =>
				`${RULE_CODES[rule as CaseRuleId]}${state.armed ? '+' : '-'}${agoOrNull(state.firedAt, at) ?? ''}`,
		)
		.join(',');
}

function unpackRules<Id extends string>(
	packed: string,
	at: number,
	ids: readonly Id[],
): Partial<Record<Id, RuleState>> {
	const rules: Partial<Record<Id, RuleState>> = {};
	if (packed === '') return rules;
	for (const entry of packed.split(',')) {
		const rule = RULE_OF_CODE[entry.slice(0, 2)] as Id | undefined;
		if (rule === undefined || !ids.includes(rule)) continue;
		const fired = entry.slice(3);
		rules[rule] = {
			armed: entry[2] === '+',
			firedAt: fired === '' ? null : back(Number(fired), at),
		};
	}
	return rules;
}

/** Drops the trailing fields that hold their empty value, so most records stay short. */
function trimmed(record: unknown[], empties: unknown[]): unknown[] {
	let end = record.length;
	while (end > 0 && record[end - 1] === empties[end - 1]) end--;
	return record.slice(0, end);
}

function padded(record: unknown, empties: unknown[]): unknown {
	if (!Array.isArray(record) || record.length > empties.length) return record;
	return empties.map((empty, index) => (index < record.length ? record[index] : empty));
}

export function packThresholdState(state: ThresholdState, now: number): PackedThresholdState {
	const at = toMinute(now);
	const cases: Record<string, unknown[]> = {};
	for (const [id, caseState] of Object.entries(state.cases)) {
		const history = caseState.history
			.map(
				(point) =>
					`${Math.round(point.score * 100)}${POLARITY_CODES[point.polarity]}${point.requesterMessages}`,
			)
			.join(';');
		const { snapshot, result } = caseState;
		cases[id] = trimmed(
			[
				caseState.accountId,
				ago(caseState.touchedAt, at),
				caseState.activityKey,
				agoOrNull(caseState.lastRequesterAt, at),
				agoOrNull(caseState.lastFulfillerAt, at),
				history,
				caseState.closed ? 1 : 0,
				caseState.negativeSignals.join(','),
				packRules(caseState.rules, at),
				snapshot && result
					? [
							snapshot.number,
							snapshot.url,
							snapshot.subject,
							snapshot.state,
							snapshot.priority,
							result.explanation.summary,
						]
					: null,
				caseState.classifiedAt === null
					? null
					: ago(caseState.classifiedAt, at) - ago(caseState.touchedAt, at),
			],
			CASE_EMPTIES,
		);
	}
	const accounts: Record<string, unknown[]> = {};
	for (const [id, account] of Object.entries(state.accounts)) {
		accounts[id] = trimmed(
			[
				account.name,
				ago(account.touchedAt, at),
				account.band,
				account.lastValues.negativeShare ?? null,
				account.lastValues.netScore ?? null,
				packRules(account.rules, at),
			],
			ACCOUNT_EMPTIES,
		);
	}
	return { format: 'packed', version: 2, at, cases, accounts };
}

function unpackCase(id: string, record: unknown, at: number): CaseState | null {
	const parsed = packedCaseSchema.safeParse(padded(record, CASE_EMPTIES));
	if (!parsed.success) return null;
	const [
		accountId,
		touchedAgo,
		activityKey,
		requesterAgo,
		fulfillerAgo,
		history,
		closed,
		negativeSignals,
		rules,
		note,
		classifiedBeforeTouched,
	] = parsed.data;
	const points =
		history === ''
			? []
			: history.split(';').map((point) => {
					const [, score, polarity, messages] = /^(-?\d+)([pon])(\d+)$/.exec(
						point,
					) as RegExpExecArray;
					return {
						score: Number(score) / 100,
						polarity: POLARITY_OF_CODE[polarity],
						requesterMessages: Number(messages),
					};
				});
	const latest = points.length > 0 ? points[points.length - 1] : null;
	return {
		accountId,
		closed: closed === 1,
		touchedAt: back(touchedAgo, at),
		activityKey,
		history: points,
		classifiedAt:
			classifiedBeforeTouched === null ? null : back(touchedAgo + classifiedBeforeTouched, at),
		lastRequesterAt: backOrNull(requesterAgo, at),
		lastFulfillerAt: backOrNull(fulfillerAgo, at),
		negativeSignals: (negativeSignals === '' ? [] : negativeSignals.split(',')).filter((type) =>
			SIGNAL_TYPE_SET.has(type),
		) as SignalType[],
		snapshot: note && {
			id,
			number: note[0],
			url: note[1],
			subject: note[2],
			state: note[3],
			priority: note[4],
			// The account's name comes from the account's own record (see readThresholdState).
			account: accountId === null ? null : { id: accountId, name: null },
		},
		result: note &&
			latest && {
				label: latest.polarity,
				score: latest.score,
				explanation: { summary: note[5] },
			},
		rules: unpackRules(rules, at, CASE_RULES),
	};
}

function unpackAccount(record: unknown, at: number): AccountState | null {
	const parsed = packedAccountSchema.safeParse(padded(record, ACCOUNT_EMPTIES));
	if (!parsed.success) return null;
	const [name, touchedAgo, band, negativeShare, netScore, rules] = parsed.data;
	const lastValues: AccountState['lastValues'] = {};
	if (negativeShare !== null) lastValues.negativeShare = negativeShare;
	if (netScore !== null) lastValues.netScore = netScore;
	return {
		name,
		touchedAt: back(touchedAgo, at),
		band,
		lastValues,
		rules: unpackRules(rules, at, ACCOUNT_RULES),
	};
}

export interface LoadedThresholdState {
	state: ThresholdState;
	/** Records that did not parse and were dropped (the others are kept). */
	dropped: number;
}

/**
 * Reads the state back from static data, whichever form: packed (what the trigger stores), the
 * in-memory form (a state handed back as is, or through JSON), or version 1 (migrated). Anything
 * else (a first run, foreign content) starts empty.
 */
export function readThresholdState(stored: unknown): LoadedThresholdState {
	if (!stored || typeof stored !== 'object') return { state: emptyThresholdState(), dropped: 0 };
	const candidate = stored as Record<string, unknown>;
	let cases: { kept: Record<string, CaseState>; dropped: number };
	let accounts: { kept: Record<string, AccountState>; dropped: number };
	if (candidate.format === 'packed' && typeof candidate.at === 'number') {
		const at = candidate.at;
		cases = parseRecords(candidate.cases, (record, id) => unpackCase(id, record, at));
		accounts = parseRecords(candidate.accounts, (record) => unpackAccount(record, at));
		for (const caseState of Object.values(cases.kept)) {
			const account = caseState.snapshot?.account;
			if (account) account.name = accounts.kept[account.id]?.name ?? null;
		}
	} else if (candidate.version === 2) {
		cases = parseRecords(candidate.cases, parseWith(caseStateSchema));
		accounts = parseRecords(candidate.accounts, parseWith(accountStateSchema));
	} else if (candidate.version === 1) {
		cases = parseRecords(candidate.cases, parseWith(v1CaseStateSchema));
		accounts = parseRecords(candidate.accounts, parseWith(accountStateSchema));
	} else {
		return { state: emptyThresholdState(), dropped: 0 };
	}
	return {
		state: { version: 2, cases: cases.kept, accounts: accounts.kept },
		dropped: cases.dropped + accounts.dropped,
	};
}

export function loadThresholdState(stored: unknown): ThresholdState {
	return readThresholdState(stored).state;
}

/** Forgets closed and untouched cases, then the oldest beyond the caps. */
export function pruneThresholdState(state: ThresholdState, limits: StateLimits, now: number): void {
	const closedCutoff = now - limits.closedRetentionHours * HOUR_MS;
	const untouchedCutoff = now - limits.untouchedRetentionDays * DAY_MS;
	for (const [caseId, caseState] of Object.entries(state.cases)) {
		if (
			caseState.touchedAt < untouchedCutoff ||
			(caseState.closed && caseState.touchedAt < closedCutoff)
		) {
			delete state.cases[caseId];
		}
	}
	for (const [accountId, accountState] of Object.entries(state.accounts)) {
		if (accountState.touchedAt < untouchedCutoff) delete state.accounts[accountId];
	}
	dropOldest(state.cases, limits.maxCases);
	dropOldest(state.accounts, limits.maxAccounts);
}

function dropOldest(records: Record<string, { touchedAt: number }>, cap: number): void {
	const ids = Object.keys(records);
	if (ids.length <= cap) return;
	ids.sort((a, b) => records[a].touchedAt - records[b].touchedAt);
	for (const id of ids.slice(0, ids.length - cap)) delete records[id];
}
