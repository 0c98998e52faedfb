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

/** One classification of a case. */
export interface HistoryPoint {
	/** When the trigger saw it, epoch milliseconds. */
	at: number;
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
	'id' | 'number' | 'source' | 'url' | 'subject' | 'state' | 'priority' | 'account'
>;

export type StoredResult = Pick<SentimentResult, 'label' | 'score' | 'confidence' | 'engine'> & {
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
 * trigger last classified it, so 48 bits are plenty, and the full 64 would be a third of a record.
 */
const ACTIVITY_KEY_LENGTH = 12;

export function shortActivityKey(activityKey: string): string {
	return activityKey.slice(0, ACTIVITY_KEY_LENGTH);
}

const SUMMARY_LENGTH = 200;
const SUBJECT_LENGTH = 120;

export function snapshotOf(supportCase: Case): CaseSnapshot {
	const { id, number, source, url, subject, state, priority, account } = supportCase;
	return {
		id,
		number,
		source,
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
		confidence: result.confidence,
		engine: result.engine,
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
		const parsed = ruleStateSchema.safeParse(rules[id]);
		if (parsed.success) kept[id] = parsed.data;
	}
	return kept;
}

const historyPointSchema = z.object({
	at: time,
	score: z.number().finite(),
	polarity: z.enum(SENTIMENT_LABELS),
	requesterMessages: z.number().int().nonnegative(),
});

const snapshotSchema = z
	.object({
		id: z.string(),
		number: z.string().nullable().catch(null),
		source: z.string().catch(''),
		url: z.string().nullable().catch(null),
		subject: z.string().catch(''),
		state: z.string().nullable().catch(null),
		priority: z.string().nullable().catch(null),
		account: z.object({ id: z.string(), name: z.string().nullable() }).nullable().catch(null),
	})
	.transform((snapshot) => snapshot as CaseSnapshot);

const storedResultSchema = z
	.object({
		label: z.string(),
		score: z.number().finite(),
		confidence: z.number().finite(),
		engine: z.string(),
		explanation: z.object({ summary: z.string() }),
	})
	.transform((result) => result as StoredResult);

const caseStateSchema = z.object({
	accountId: z.string().nullable(),
	closed: z.boolean().catch(false),
	touchedAt: time,
	activityKey: z.string().transform(shortActivityKey),
	history: z.array(historyPointSchema),
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
		score,
		polarity,
		requesterMessages,
	}));

const v1CaseStateSchema = caseStateSchema.extend({
	history: z.array(v1HistoryPointSchema),
	// Version 1 kept more of the case and the result; the fields still used are carried over.
	snapshot: snapshotSchema.nullable().catch(null),
	result: storedResultSchema.nullable().catch(null),
});

// ---- The packed form kept in static data ----

/**
 * Times are whole minutes before the state's `at` (small numbers instead of 13-digit epochs),
 * history points are `<score in thousandths><p|o|n><requester messages>@<minutes ago>` joined
 * by ';', rule states are `[armed 0|1, fired minutes ago or null]` under a two-letter code, and
 * trailing empty fields of a record are left out.
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
const POINT = /^(-?\d+)([pon])(\d+)@(\d+)$/;

function packRules(rules: Partial<Record<string, RuleState>>, at: number): Record<string, unknown> {
	const packed: Record<string, unknown> = {};
	for (const [rule, state] of Object.entries(rules)) {
		if (!state) continue;
		const code = RULE_CODES[rule as CaseRuleId];
		packed[code] = [state.armed ? 1 : 0, state.firedAt === null ? null : ago(state.firedAt, at)];
	}
	return packed;
}

function unpackRules(packed: unknown, at: number, ids: readonly string[]): Record<string, unknown> {
	const rules: Record<string, unknown> = {};
	if (!packed || typeof packed !== 'object') return rules;
	for (const id of ids) {
		const value = (packed as Record<string, unknown>)[RULE_CODES[id as CaseRuleId]];
		if (!Array.isArray(value)) continue;
		const [armed, firedAgo] = value as unknown[];
		rules[id] = {
			armed: armed === 1,
			firedAt: typeof firedAgo === 'number' ? back(firedAgo, at) : firedAgo,
		};
	}
	return rules;
}

const toMinute = (ms: number) => Math.floor(ms / MINUTE_MS);
const ago = (ms: number, at: number) => at - toMinute(ms);
const back = (minutesAgo: number, at: number) => (at - minutesAgo) * MINUTE_MS;
const agoOrNull = (ms: number | null, at: number) => (ms === null ? null : ago(ms, at));
const backOrNull = (value: unknown, at: number) =>
	typeof value === 'number' ? back(value, at) : value;

/** Drops the trailing fields that hold their empty value, so most records stay short. */
function trimmed(record: unknown[], empties: unknown[]): unknown[] {
	let end = record.length;
	while (end > 0 && JSON.stringify(record[end - 1]) === JSON.stringify(empties[end - 1])) end--;
	return record.slice(0, end);
}

const CASE_EMPTIES = [null, 0, '', null, null, '', 0, '', {}, null, null];
const ACCOUNT_EMPTIES = [null, 0, null, {}, {}];

export function packThresholdState(state: ThresholdState, now: number): PackedThresholdState {
	const at = toMinute(now);
	const cases: Record<string, unknown[]> = {};
	for (const [id, caseState] of Object.entries(state.cases)) {
		const history = caseState.history
			.map(
				(point) =>
					`${Math.round(point.score * 1000)}${POLARITY_CODES[point.polarity]}${point.requesterMessages}@${ago(point.at, at)}`,
			)
			.join(';');
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
				caseState.snapshot && [
					caseState.snapshot.number,
					caseState.snapshot.source,
					caseState.snapshot.url,
					caseState.snapshot.subject,
					caseState.snapshot.state,
					caseState.snapshot.priority,
				],
				caseState.result && [
					caseState.result.label,
					caseState.result.score,
					caseState.result.confidence,
					caseState.result.engine,
					caseState.result.explanation.summary,
				],
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
				account.lastValues,
				packRules(account.rules, at),
			],
			ACCOUNT_EMPTIES,
		);
	}
	return { format: 'packed', version: 2, at, cases, accounts };
}

/** The snapshot's account is the case's; its name comes from the account's own record. */
function unpackSnapshot(id: string, accountId: unknown, packed: unknown): unknown {
	if (!Array.isArray(packed)) return null;
	const [number, source, url, subject, state, priority] = packed as unknown[];
	const account = typeof accountId === 'string' ? { id: accountId, name: null } : null;
	return { id, number, source, url, subject, state, priority, account };
}

function unpackResult(packed: unknown): unknown {
	if (!Array.isArray(packed)) return null;
	const [label, score, confidence, engine, summary] = packed as unknown[];
	return { label, score, confidence, engine, explanation: { summary } };
}

function unpackCase(id: string, record: unknown, at: number): unknown {
	if (!Array.isArray(record)) return null;
	const [
		accountId,
		touchedAgo,
		activityKey,
		requesterAgo,
		fulfillerAgo,
		history,
		flags,
		negativeSignals,
		rules,
		snapshot,
		result,
	] = CASE_EMPTIES.map((empty, index) => (index < record.length ? record[index] : empty));
	if (typeof history !== 'string' || typeof negativeSignals !== 'string') return null;
	const points = history === '' ? [] : history.split(';').map((point) => POINT.exec(point));
	if (points.some((point) => point === null)) return null;
	return {
		accountId,
		closed: flags === 1,
		touchedAt: backOrNull(touchedAgo, at),
		activityKey,
		history: (points as RegExpExecArray[]).map(([, score, polarity, messages, minutesAgo]) => ({
			at: back(Number(minutesAgo), at),
			score: Number(score) / 1000,
			polarity: POLARITY_OF_CODE[polarity],
			requesterMessages: Number(messages),
		})),
		lastRequesterAt: backOrNull(requesterAgo, at),
		lastFulfillerAt: backOrNull(fulfillerAgo, at),
		negativeSignals: negativeSignals === '' ? [] : negativeSignals.split(','),
		snapshot: unpackSnapshot(id, accountId, snapshot),
		result: unpackResult(result),
		rules: unpackRules(rules, at, CASE_RULES),
	};
}

function unpackAccount(record: unknown, at: number): unknown {
	if (!Array.isArray(record)) return null;
	const [name, touchedAgo, band, lastValues, rules] = ACCOUNT_EMPTIES.map((empty, index) =>
		index < record.length ? record[index] : empty,
	);
	return {
		name,
		touchedAt: backOrNull(touchedAgo, at),
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
		cases = parseRecords(candidate.cases, (record, id) =>
			parseWith(caseStateSchema)(unpackCase(id, record, at)),
		);
		accounts = parseRecords(candidate.accounts, (record) =>
			parseWith(accountStateSchema)(unpackAccount(record, at)),
		);
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
