import type { HealthBand } from '../accounts/health';
import type { Case } from '../case/case';
import type { SentimentLabel, SentimentResult, SignalType } from '../sentiment/result';
import type { AccountRuleId, CaseRuleId, StateLimits } from './settings';
import { DAY_MS, HOUR_MS } from '../case/time';

/**
 * The trigger's memory, kept in n8n's workflow static data: plain JSON only (it is saved as JSON
 * after every poll and must survive a restart), small per case, and bounded as history grows.
 */

/** One classification of a case, as a tuple to keep thousands of cases small in static data. */
export type HistoryPoint = [
	/** When the trigger saw it, epoch milliseconds. */
	at: number,
	score: number,
	polarity: SentimentLabel,
	/** How many requester messages the case had, to read the trend over the last N of them. */
	requesterMessages: number,
];

export interface RuleState {
	/** False after the rule fired, until the value recovers past the threshold by the margin. */
	armed: boolean;
	/** When the rule last fired, epoch milliseconds, for the cool-down. */
	firedAt: number | null;
}

/** What an event repeats about a case that did not change in this poll (only kept while negative). */
export const SNAPSHOT_FIELDS = [
	'id',
	'number',
	'source',
	'url',
	'subject',
	'state',
	'closed',
	'priority',
	'channel',
	'group',
	'account',
	'assignee',
	'updatedAt',
] as const satisfies ReadonlyArray<keyof Case>;
export type CaseSnapshot = Pick<Case, (typeof SNAPSHOT_FIELDS)[number]>;

export type StoredResult = Pick<
	SentimentResult,
	| 'label'
	| 'score'
	| 'confidence'
	| 'signals'
	| 'suggestedActions'
	| 'engine'
	| 'model'
	| 'analyzedAt'
> & { explanation: { summary: string } };

export interface CaseState {
	accountId: string | null;
	closed: boolean;
	/** Last time the case had new activity, epoch milliseconds; drives eviction. */
	touchedAt: number;
	activityKey: string;
	/** Oldest first, at most `historyPerCase` points. */
	history: HistoryPoint[];
	lastRequesterAt: number | null;
	lastFulfillerAt: number | null;
	/** Signal types of the latest result while it is negative: the account's drivers. */
	negativeSignals: SignalType[];
	/** Kept only while the case is negative and the unanswered rule is on, for its events. */
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
	version: 1;
	cases: Record<string, CaseState>;
	accounts: Record<string, AccountState>;
}

export function emptyThresholdState(): ThresholdState {
	return { version: 1, cases: {}, accounts: {} };
}

/**
 * Reads static data back. Anything that is not a state of this version (first run, or a state
 * from an older release) starts afresh rather than failing every poll.
 */
export function loadThresholdState(stored: unknown): ThresholdState {
	if (stored === null || typeof stored !== 'object') return emptyThresholdState();
	const candidate = stored as Partial<ThresholdState>;
	if (
		candidate.version !== 1 ||
		typeof candidate.cases !== 'object' ||
		typeof candidate.accounts !== 'object'
	) {
		return emptyThresholdState();
	}
	const accounts: Record<string, AccountState> = {};
	for (const [id, account] of Object.entries(candidate.accounts as Record<string, AccountState>)) {
		accounts[id] = {
			...account,
			lastValues: { ...account.lastValues },
			rules: { ...account.rules },
		};
	}
	// Case records stay shared with the stored state: the evaluator copies one before changing it.
	return { version: 1, cases: { ...candidate.cases }, accounts };
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
