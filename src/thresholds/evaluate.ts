import {
	countDrivers,
	countPolarities,
	healthFigures,
	type NegativeDriver,
} from '../accounts/health';
import { isAnalysed, polarityOf } from '../sentiment/result';
import type { Case } from '../case/case';
import { caseThread } from '../case/thread';
import { HOUR_MS, MINUTE_MS, parseTime } from '../case/time';
import type { SentimentResult } from '../sentiment/result';
import { ACCOUNT_RULE_TABLE, nextBand } from './accountRules';
import { CLASSIFICATION_RULES, unanswered } from './caseRules';
import { type ThresholdEvent, thresholdEvent } from './events';
import { Hysteresis } from './hysteresis';
import { CLASSIFICATION_FAILED, type ThresholdSettings } from './settings';
import {
	type AccountState,
	type CaseState,
	type ThresholdState,
	loadThresholdState,
	pruneThresholdState,
	shortActivityKey,
	snapshotOf,
	storedResultOf,
} from './state';

export type { ThresholdEvent } from './events';

/** A case as handled in this poll: classified, or a classification that can never succeed. */
export type CaseObservation =
	| { case: Case; result: SentimentResult }
	| { case: Case; failure: { message: string; activityKey: string } };

export interface ThresholdEvaluation {
	state: ThresholdState;
	events: ThresholdEvent[];
	/** Crossings that the cool-down swallowed, for diagnostics. */
	suppressed: number;
}

/**
 * One poll: records the observed classifications, evaluates every rule against the previous
 * state and returns the new state with the crossings. Pure: the previous state is not touched,
 * so a failed poll leaves the stored state as it was.
 */
export function evaluateThresholds(
	previous: unknown,
	observations: CaseObservation[],
	settings: ThresholdSettings,
	now: Date | string | number,
): ThresholdEvaluation {
	const nowMs = toMillis(now);
	const crossedAt = new Date(nowMs).toISOString();
	const state = copyForUpdate(loadThresholdState(previous));
	const hysteresis = new Hysteresis(nowMs, settings.cooldownMinutes * MINUTE_MS);
	const events: ThresholdEvent[] = [];

	for (const observation of observations) {
		const supportCase = observation.case;
		const known = state.cases[supportCase.id];
		if (supportCase.account) {
			const account = (state.accounts[supportCase.account.id] ??= emptyAccount(nowMs));
			account.name = supportCase.account.name ?? account.name;
			account.touchedAt = nowMs;
		}
		if ('failure' in observation) {
			state.cases[supportCase.id] = recordFailure(known, supportCase, observation.failure, nowMs);
			events.push(
				thresholdEvent({
					rule: CLASSIFICATION_FAILED,
					scope: 'case',
					message: `Case ${supportCase.id} could not be classified: ${observation.failure.message}`,
					caseId: supportCase.id,
					accountId: supportCase.account?.id ?? null,
					accountName: supportCase.account?.name ?? null,
					crossedAt,
					case: supportCase,
					error: observation.failure.message,
				}),
			);
			continue;
		}
		// A result without confidence (a language the offline engine does not read) says nothing
		// about the customer's mood: it is neither a point in the history nor a reason to fire.
		if (!isAnalysed(observation.result)) continue;
		const caseState = recordObservation(
			known,
			observation.case,
			observation.result,
			settings,
			nowMs,
		);
		state.cases[supportCase.id] = caseState;
		const silent =
			(settings.skipClosed && supportCase.closed) ||
			(settings.skipFirstSighting && (known === undefined || known.history.length === 0));
		const history = caseState.history;
		const reading = {
			caseId: supportCase.id,
			latest: history[history.length - 1],
			before: history.length > 1 ? history[history.length - 2] : null,
			history,
			result: observation.result,
			margin: settings.margin,
		};
		for (const [rule, read] of CLASSIFICATION_RULES) {
			const outcome = read(reading, settings);
			if (outcome === null) continue;
			if (silent) {
				// Closed cases stay out of the case rules; a skipped first sighting is used up.
				if (!supportCase.closed) hysteresis.absorb(caseState.rules, rule, outcome);
				continue;
			}
			if (!hysteresis.step(caseState.rules, rule, outcome)) continue;
			events.push(
				thresholdEvent({
					rule,
					scope: 'case',
					...outcome.crossing,
					caseId: supportCase.id,
					accountId: supportCase.account?.id ?? null,
					accountName: supportCase.account?.name ?? null,
					crossedAt,
					result: observation.result,
					case: supportCase,
				}),
			);
		}
		keepWhatUnansweredNeeds(caseState, supportCase, observation.result, settings, nowMs);
	}

	const limit = settings.caseRules.unansweredMinutes;
	if (limit !== null) {
		for (const [caseId, caseState] of Object.entries(state.cases)) {
			const outcome = unanswered(caseId, caseState, nowMs, limit);
			// Copy on write: most cases do not change here, and copying them all would dominate a poll.
			const rules = { ...caseState.rules };
			const fired = hysteresis.step(rules, 'unanswered', outcome);
			let settled = caseState;
			if (rules.unanswered !== caseState.rules.unanswered) {
				settled = { ...caseState, rules };
				state.cases[caseId] = settled;
			}
			if (!fired) continue;
			events.push(
				thresholdEvent({
					rule: 'unanswered',
					scope: 'case',
					...outcome.crossing,
					caseId,
					accountId: caseState.accountId,
					accountName: caseState.accountId
						? (state.accounts[caseState.accountId]?.name ?? null)
						: null,
					crossedAt,
					result: caseState.result,
					case: caseState.snapshot && {
						...caseState.snapshot,
						account: caseState.accountId
							? { id: caseState.accountId, name: state.accounts[caseState.accountId]?.name ?? null }
							: null,
					},
				}),
			);
			// Fired: the rule needs the case's details again only after it re-arms on new activity.
			state.cases[caseId] = { ...settled, snapshot: null, result: null };
		}
	}

	pruneThresholdState(state, settings.limits, nowMs);
	events.push(...evaluateAccounts(state, settings, nowMs, crossedAt, hysteresis));
	return { state, events, suppressed: hysteresis.suppressed };
}

function toMillis(value: Date | string | number): number {
	if (typeof value === 'number') return value;
	if (value instanceof Date) return value.getTime();
	const parsed = parseTime(value);
	if (!parsed) throw new Error(`Not a time: '${value}'`);
	return parsed.toMillis();
}

/**
 * Case records stay shared with the previous state (the evaluator copies one before changing
 * it); account records are few and all may change, so they are copied here.
 */
function copyForUpdate(loaded: ThresholdState): ThresholdState {
	const accounts: Record<string, AccountState> = {};
	for (const [id, account] of Object.entries(loaded.accounts)) {
		accounts[id] = {
			...account,
			lastValues: { ...account.lastValues },
			rules: { ...account.rules },
		};
	}
	return { version: 2, cases: { ...loaded.cases }, accounts };
}

function emptyAccount(nowMs: number): AccountState {
	return { name: null, touchedAt: nowMs, band: null, lastValues: {}, rules: {} };
}

function emptyCase(nowMs: number): CaseState {
	return {
		accountId: null,
		closed: false,
		touchedAt: nowMs,
		activityKey: '',
		history: [],
		classifiedAt: null,
		lastRequesterAt: null,
		lastFulfillerAt: null,
		negativeSignals: [],
		snapshot: null,
		result: null,
		rules: {},
	};
}

/** A case that cannot be classified is remembered by its content, so it is reported once. */
function recordFailure(
	previous: CaseState | undefined,
	supportCase: Case,
	failure: { activityKey: string },
	nowMs: number,
): CaseState {
	return {
		...(previous ?? emptyCase(nowMs)),
		accountId: supportCase.account?.id ?? null,
		closed: supportCase.closed,
		touchedAt: nowMs,
		activityKey: shortActivityKey(failure.activityKey),
	};
}

function recordObservation(
	previous: CaseState | undefined,
	supportCase: Case,
	result: SentimentResult,
	settings: ThresholdSettings,
	nowMs: number,
): CaseState {
	const polarity = polarityOf(result);
	const thread = caseThread(supportCase);
	const lastAt = (role: 'requester' | 'fulfiller') => {
		const times = thread
			.filter((utterance) => utterance.role === role && utterance.createdAt)
			.map((utterance) => Date.parse(utterance.createdAt as string));
		return times.length === 0 ? null : Math.max(...times);
	};
	const requesterMessages = thread.filter((utterance) => utterance.role === 'requester').length;
	const caseState: CaseState = previous
		? { ...previous, history: [...previous.history], rules: { ...previous.rules } }
		: emptyCase(nowMs);
	const activityKey = shortActivityKey(result.activityKey);
	caseState.accountId = supportCase.account?.id ?? null;
	caseState.closed = supportCase.closed;
	caseState.touchedAt = nowMs;
	caseState.lastRequesterAt = lastAt('requester');
	caseState.lastFulfillerAt = lastAt('fulfiller');
	if (activityKey !== caseState.activityKey || caseState.history.length === 0) {
		caseState.history.push({ score: result.score, polarity, requesterMessages });
		caseState.classifiedAt = nowMs;
		caseState.history.splice(
			0,
			Math.max(0, caseState.history.length - settings.limits.historyPerCase),
		);
	}
	caseState.activityKey = activityKey;
	caseState.negativeSignals =
		polarity === 'negative' ? [...new Set(result.signals.map((signal) => signal.type))] : [];
	return caseState;
}

/**
 * The unanswered rule reports on a case that may not change again, so it keeps the case's
 * details, but only while it may still fire: the rule is on, the case is open, negative and
 * waiting for a reply, and the rule has not fired since.
 */
function keepWhatUnansweredNeeds(
	caseState: CaseState,
	supportCase: Case,
	result: SentimentResult,
	settings: ThresholdSettings,
	nowMs: number,
): void {
	const limit = settings.caseRules.unansweredMinutes;
	const candidate =
		limit !== null &&
		!(settings.skipClosed && supportCase.closed) &&
		unanswered(supportCase.id, caseState, nowMs, limit).recovered === false &&
		caseState.rules.unanswered?.armed !== false;
	caseState.snapshot = candidate ? snapshotOf(supportCase) : null;
	caseState.result = candidate ? storedResultOf(result) : null;
}

function evaluateAccounts(
	state: ThresholdState,
	settings: ThresholdSettings,
	nowMs: number,
	crossedAt: string,
	hysteresis: Hysteresis,
): ThresholdEvent[] {
	const rules = settings.accountRules;
	if (rules.negativeShareAbove === null && rules.netScoreBelow === null && !rules.bandWorsens)
		return [];
	const windowStart = nowMs - rules.windowHours * HOUR_MS;
	const inWindow = new Map<string, CaseState[]>();
	for (const caseState of Object.values(state.cases)) {
		const classifiedAt = caseState.classifiedAt;
		if (!caseState.accountId || classifiedAt === null || classifiedAt < windowStart) continue;
		const list = inWindow.get(caseState.accountId);
		if (list) list.push(caseState);
		else inWindow.set(caseState.accountId, [caseState]);
	}

	const events: ThresholdEvent[] = [];
	for (const [accountId, account] of Object.entries(state.accounts)) {
		const cases = inWindow.get(accountId) ?? [];
		const figures = healthFigures(
			countPolarities(
				cases.map((caseState) => caseState.history[caseState.history.length - 1].polarity),
			),
		);
		if (figures.scored < rules.minCases) continue;
		const reading = {
			label: account.name ?? accountId,
			figures,
			account,
			band: nextBand(account.band, figures, settings.margin),
			margin: settings.margin,
		};
		for (const [rule, read] of ACCOUNT_RULE_TABLE) {
			const outcome = read(reading, settings);
			if (outcome === null) continue;
			const fired = hysteresis.step(account.rules, rule, outcome);
			if (outcome.remember !== undefined) account.lastValues[rule] = outcome.remember;
			const ruleState = account.rules[rule];
			if (outcome.rearm && ruleState) account.rules[rule] = { ...ruleState, armed: true };
			if (!fired) continue;
			events.push(
				thresholdEvent({
					rule,
					scope: 'account',
					...outcome.crossing,
					accountId,
					accountName: account.name,
					crossedAt,
					account: { ...figures, windowHours: rules.windowHours, drivers: negativeDrivers(cases) },
				}),
			);
		}
		account.band = reading.band;
	}
	return events;
}

function negativeDrivers(cases: CaseState[]): NegativeDriver[] {
	return countDrivers(
		cases.map((caseState) => caseState.negativeSignals.map((type) => ({ type }))),
	);
}
