import {
	type HealthBand,
	type HealthFigures,
	type NegativeDriver,
	bandLowerBound,
	bandRank,
	countDrivers,
	countPolarities,
	healthBand,
	healthFigures,
	polarityOf,
} from '../accounts/health';
import type { Case } from '../case/case';
import { caseThread } from '../case/thread';
import { HOUR_MS, MINUTE_MS, parseTime } from '../case/time';
import type { SentimentLabel, SentimentResult } from '../sentiment/result';
import type { AccountRuleId, CaseRuleId, ThresholdRuleId, ThresholdSettings } from './settings';
import {
	type AccountState,
	type CaseSnapshot,
	type CaseState,
	type HistoryPoint,
	type RuleState,
	type StoredResult,
	type ThresholdState,
	SNAPSHOT_FIELDS,
	loadThresholdState,
	pruneThresholdState,
} from './state';

/** A case as classified in this poll. */
export interface CaseObservation {
	case: Case;
	result: SentimentResult;
}

export interface ThresholdEvent {
	rule: ThresholdRuleId;
	scope: 'case' | 'account';
	caseId: string | null;
	accountId: string | null;
	accountName: string | null;
	/** The value before and after the crossing (a score, a share, a label, a band or minutes). */
	from: number | string | null;
	to: number | string | null;
	threshold: number | string | null;
	crossedAt: string;
	/** One sentence for a notification, e.g. "Case 42's score fell below -0.5 (from -0.2 to -0.7)". */
	message: string;
	/** The case's sentiment result: in full when classified in this poll, else as last stored. */
	result: SentimentResult | StoredResult | null;
	case: Case | CaseSnapshot | null;
	/** Account rules: the figures over the window and the signals of its negative cases. */
	account:
		| (HealthFigures & {
				windowHours: number;
				drivers: NegativeDriver[];
		  })
		| null;
}

export interface ThresholdEvaluation {
	state: ThresholdState;
	events: ThresholdEvent[];
	/** Crossings that the cool-down swallowed, for diagnostics. */
	suppressed: number;
}

interface Check {
	breached: boolean;
	recovered: boolean;
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
	const state = loadThresholdState(previous);
	const cooldownMs = settings.cooldownMinutes * MINUTE_MS;
	const events: ThresholdEvent[] = [];
	let suppressed = 0;

	const step = (rules: Partial<Record<string, RuleState>>, rule: string, check: Check): boolean => {
		const current = rules[rule] ?? { armed: true, firedAt: null };
		if (current.armed && check.breached) {
			const cooling = current.firedAt !== null && nowMs - current.firedAt < cooldownMs;
			// A crossing inside the cool-down is used up too: the value must recover before the next alert.
			rules[rule] = { armed: false, firedAt: cooling ? current.firedAt : nowMs };
			if (cooling) suppressed++;
			return !cooling;
		}
		if (!current.armed && check.recovered) rules[rule] = { armed: true, firedAt: current.firedAt };
		const settled = rules[rule];
		// An armed rule out of its cool-down is the default: dropping it keeps static data small.
		if (
			settled &&
			settled.armed &&
			(settled.firedAt === null || nowMs - settled.firedAt >= cooldownMs)
		) {
			delete rules[rule];
		}
		return false;
	};

	for (const observation of observations) {
		const caseId = observation.case.id;
		const caseState = recordObservation(state.cases[caseId], observation, settings, nowMs);
		state.cases[caseId] = caseState;
		if (observation.case.account) {
			const account = (state.accounts[observation.case.account.id] ??= emptyAccount(nowMs));
			account.name = observation.case.account.name ?? account.name;
			account.touchedAt = nowMs;
		}
		for (const crossing of caseCrossings(caseState, observation, settings)) {
			if (!step(caseState.rules, crossing.rule, crossing)) continue;
			// Rule and message first: they are what a person reads first in n8n's output.
			events.push({
				rule: crossing.rule,
				scope: 'case',
				message: crossing.event.message,
				from: crossing.event.from,
				to: crossing.event.to,
				threshold: crossing.event.threshold,
				caseId,
				accountId: observation.case.account?.id ?? null,
				accountName: observation.case.account?.name ?? null,
				crossedAt,
				result: observation.result,
				case: observation.case,
				account: null,
			});
		}
	}

	// Waiting time grows without new activity, so this rule runs over every case in memory.
	const unansweredMinutes = settings.caseRules.unansweredMinutes;
	if (unansweredMinutes !== null) {
		for (const [caseId, caseState] of Object.entries(state.cases)) {
			const latest = caseState.history[caseState.history.length - 1];
			const negative = latest !== undefined && latest[2] === 'negative' && !caseState.closed;
			const waiting =
				caseState.lastRequesterAt !== null &&
				(caseState.lastFulfillerAt === null ||
					caseState.lastFulfillerAt < caseState.lastRequesterAt)
					? (nowMs - caseState.lastRequesterAt) / MINUTE_MS
					: null;
			const check = {
				breached: negative && waiting !== null && waiting >= unansweredMinutes,
				recovered: !negative || waiting === null,
			};
			// Copy on write: most cases do not change here, and copying them all would dominate a poll.
			const rules = { ...caseState.rules };
			const fired = step(rules, 'unanswered', check);
			if (rules.unanswered !== caseState.rules.unanswered)
				state.cases[caseId] = { ...caseState, rules };
			if (!fired) continue;
			const minutes = Math.floor(waiting as number);
			events.push({
				rule: 'unanswered',
				scope: 'case',
				message: `Case ${caseId} is negative and has waited ${minutes} minutes for a reply (limit ${unansweredMinutes})`,
				caseId,
				accountId: caseState.accountId,
				accountName: caseState.accountId
					? (state.accounts[caseState.accountId]?.name ?? null)
					: null,
				from: null,
				to: minutes,
				threshold: unansweredMinutes,
				crossedAt,
				result: caseState.result,
				case: caseState.snapshot,
				account: null,
			});
		}
	}

	pruneThresholdState(state, settings.limits, nowMs);
	const accountEvents = evaluateAccounts(state, settings, nowMs, crossedAt, step);
	events.push(...accountEvents);
	return { state, events, suppressed };
}

function toMillis(value: Date | string | number): number {
	if (typeof value === 'number') return value;
	if (value instanceof Date) return value.getTime();
	const parsed = parseTime(value);
	if (!parsed) throw new Error(`Not a time: '${value}'`);
	return parsed.toMillis();
}

function emptyAccount(nowMs: number): AccountState {
	return { name: null, touchedAt: nowMs, band: null, lastValues: {}, rules: {} };
}

function recordObservation(
	previous: CaseState | undefined,
	observation: CaseObservation,
	settings: ThresholdSettings,
	nowMs: number,
): CaseState {
	const { case: supportCase, result } = observation;
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
		: {
				accountId: null,
				closed: false,
				touchedAt: nowMs,
				activityKey: '',
				history: [],
				lastRequesterAt: null,
				lastFulfillerAt: null,
				negativeSignals: [],
				snapshot: null,
				result: null,
				rules: {},
			};
	caseState.accountId = supportCase.account?.id ?? null;
	caseState.closed = supportCase.closed;
	caseState.touchedAt = nowMs;
	caseState.lastRequesterAt = lastAt('requester');
	caseState.lastFulfillerAt = lastAt('fulfiller');
	if (result.activityKey !== caseState.activityKey || caseState.history.length === 0) {
		caseState.history.push([nowMs, result.score, polarity, requesterMessages]);
		caseState.history.splice(
			0,
			Math.max(0, caseState.history.length - settings.limits.historyPerCase),
		);
	}
	caseState.activityKey = result.activityKey;
	const negative = polarity === 'negative';
	caseState.negativeSignals = negative
		? [...new Set(result.signals.map((signal) => signal.type))]
		: [];
	// Only the unanswered rule reports on a case without new activity, so only it needs these.
	const keepForEvents = negative && settings.caseRules.unansweredMinutes !== null;
	caseState.snapshot = keepForEvents ? snapshotOf(supportCase) : null;
	caseState.result = keepForEvents ? storedResultOf(result) : null;
	return caseState;
}

function snapshotOf(supportCase: Case): CaseSnapshot {
	return Object.fromEntries(
		SNAPSHOT_FIELDS.map((field) => [field, supportCase[field]]),
	) as CaseSnapshot;
}

function storedResultOf(result: SentimentResult): StoredResult {
	const { label, score, confidence, signals, suggestedActions, engine, model, analyzedAt } = result;
	return {
		label,
		score,
		confidence,
		explanation: { summary: result.explanation.summary },
		signals,
		suggestedActions,
		engine,
		model,
		analyzedAt,
	};
}

interface CaseCrossing extends Check {
	rule: CaseRuleId;
	event: Pick<ThresholdEvent, 'from' | 'to' | 'threshold' | 'message'>;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** Comparisons with a tolerance, so that 0.3 - 0.1 still counts as 0.2. */
const EPSILON = 1e-9;
const atLeast = (value: number, limit: number) => value >= limit - EPSILON;
const atMost = (value: number, limit: number) => value <= limit + EPSILON;

/** The rules that only change when the case is classified again. */
function caseCrossings(
	caseState: CaseState,
	observation: CaseObservation,
	settings: ThresholdSettings,
): CaseCrossing[] {
	const { caseRules } = settings;
	const margin = settings.margin;
	const caseId = observation.case.id;
	const history = caseState.history;
	const latest = history[history.length - 1];
	const before = history.length > 1 ? history[history.length - 2] : null;
	const crossings: CaseCrossing[] = [];

	if (caseRules.turnsNegative) {
		const from: SentimentLabel | null = before ? before[2] : null;
		crossings.push({
			rule: 'turnsNegative',
			// Labels are discrete: leaving 'negative' is the recovery, the margin does not apply.
			breached: latest[2] === 'negative',
			recovered: latest[2] !== 'negative',
			event: {
				from,
				to: 'negative',
				threshold: 'negative',
				message: `Case ${caseId} turned negative${from ? ` (was ${from})` : ''}`,
			},
		});
	}
	if (caseRules.scoreBelow !== null) {
		const limit = caseRules.scoreBelow;
		crossings.push({
			rule: 'scoreBelow',
			breached: latest[1] < limit,
			recovered: atLeast(latest[1], limit + margin),
			event: {
				from: before ? before[1] : null,
				to: latest[1],
				threshold: limit,
				message: `Case ${caseId}'s score fell below ${limit} (${before ? `from ${before[1]} ` : ''}to ${latest[1]})`,
			},
		});
	}
	if (caseRules.dropBy !== null) {
		const limit = caseRules.dropBy;
		const drop = before ? round(before[1] - latest[1]) : 0;
		crossings.push({
			rule: 'dropBy',
			breached: before !== null && atLeast(drop, limit),
			recovered: !atLeast(drop, limit - margin),
			event: {
				from: before ? before[1] : null,
				to: latest[1],
				threshold: limit,
				message: `Case ${caseId}'s score dropped by ${drop} (from ${before?.[1]} to ${latest[1]})`,
			},
		});
	}
	if (caseRules.worsening !== null) {
		const { messages, minDecline } = caseRules.worsening;
		const span = worseningSpan(history, messages, observation.result);
		const decline = span ? round(span.first - span.last) : 0;
		crossings.push({
			rule: 'worsening',
			breached: span !== null && atLeast(decline, minDecline),
			recovered: !atLeast(decline, minDecline - margin),
			event: {
				from: span?.first ?? null,
				to: span?.last ?? latest[1],
				threshold: minDecline,
				message: `Case ${caseId} worsened over the last ${messages} customer messages (from ${span?.first} to ${span?.last})`,
			},
		});
	}
	if (caseRules.churnRisk !== null) {
		const limit = caseRules.churnRisk.minStrength;
		const strength = Math.max(
			0,
			...observation.result.signals
				.filter((signal) => signal.type === 'churn_risk')
				.map((signal) => signal.strength),
		);
		crossings.push({
			rule: 'churnRisk',
			breached: strength > 0 && atLeast(strength, limit),
			recovered: strength === 0 || !atLeast(strength, limit - margin),
			event: {
				from: null,
				to: strength,
				threshold: limit,
				message: `Case ${caseId} shows a churn risk (strength ${strength})`,
			},
		});
	}
	return crossings;
}

/**
 * The score at the requester message N back and now, from the case's own history (one point
 * per requester-message count); the engine's in-case trend stands in while history is short.
 */
function worseningSpan(
	history: HistoryPoint[],
	messages: number,
	result: SentimentResult,
): { first: number; last: number } | null {
	const byCount = new Map<number, number>();
	for (const point of history) byCount.set(point[3], point[1]);
	const counts = [...byCount.keys()].sort((a, b) => a - b).slice(-messages);
	if (counts.length >= messages && messages >= 2) {
		return {
			first: byCount.get(counts[0]) as number,
			last: byCount.get(counts[counts.length - 1]) as number,
		};
	}
	const trend = result.trend;
	if (
		trend.messagesConsidered >= messages &&
		trend.firstScore !== null &&
		trend.lastScore !== null
	) {
		return { first: trend.firstScore, last: trend.lastScore };
	}
	return null;
}

type Step = (rules: Partial<Record<string, RuleState>>, rule: string, check: Check) => boolean;

function evaluateAccounts(
	state: ThresholdState,
	settings: ThresholdSettings,
	nowMs: number,
	crossedAt: string,
	step: Step,
): ThresholdEvent[] {
	const rules = settings.accountRules;
	if (rules.negativeShareAbove === null && rules.netScoreBelow === null && !rules.bandWorsens)
		return [];
	const windowStart = nowMs - rules.windowHours * HOUR_MS;
	const inWindow = new Map<string, CaseState[]>();
	for (const caseState of Object.values(state.cases)) {
		const latest = caseState.history[caseState.history.length - 1];
		if (!caseState.accountId || !latest || latest[0] < windowStart) continue;
		const list = inWindow.get(caseState.accountId);
		if (list) list.push(caseState);
		else inWindow.set(caseState.accountId, [caseState]);
	}

	const events: ThresholdEvent[] = [];
	const margin = settings.margin;
	for (const [accountId, account] of Object.entries(state.accounts)) {
		const cases = inWindow.get(accountId) ?? [];
		const figures = healthFigures(
			countPolarities(cases.map((caseState) => caseState.history[caseState.history.length - 1][2])),
		);
		if (figures.scored < rules.minCases) continue;
		const share = figures.negativeShare as number;
		const net = figures.netScore as number;
		const fire = (
			rule: AccountRuleId,
			check: Check,
			event: Pick<ThresholdEvent, 'from' | 'to' | 'threshold' | 'message'>,
		) => {
			if (!step(account.rules, rule, check)) return;
			events.push({
				rule,
				scope: 'account',
				message: event.message,
				from: event.from,
				to: event.to,
				threshold: event.threshold,
				caseId: null,
				accountId,
				accountName: account.name,
				crossedAt,
				result: null,
				case: null,
				account: { ...figures, windowHours: rules.windowHours, drivers: negativeDrivers(cases) },
			});
		};
		const label = account.name ?? accountId;
		if (rules.negativeShareAbove !== null) {
			const limit = rules.negativeShareAbove;
			fire(
				'negativeShare',
				{ breached: !atMost(share, limit), recovered: atMost(share, limit - margin) },
				{
					from: account.lastValues.negativeShare ?? null,
					to: round(share),
					threshold: limit,
					message: `${percent(share)} of ${label}'s cases are negative (limit ${percent(limit)}, ${figures.scored} cases)`,
				},
			);
			account.lastValues.negativeShare = round(share);
		}
		if (rules.netScoreBelow !== null) {
			const limit = rules.netScoreBelow;
			fire(
				'netScore',
				{ breached: !atLeast(net, limit), recovered: atLeast(net, limit + margin) },
				{
					from: account.lastValues.netScore ?? null,
					to: round(net),
					threshold: limit,
					message: `${label}'s net sentiment fell to ${round(net)} (limit ${limit}, ${figures.scored} cases)`,
				},
			);
			account.lastValues.netScore = round(net);
		}
		const previousBand = account.band;
		account.band = nextBand(previousBand, figures, margin);
		if (
			rules.bandWorsens &&
			previousBand !== null &&
			bandRank(account.band) > bandRank(previousBand)
		) {
			// The band itself carries the hysteresis, so every worsening is a crossing.
			fire(
				'bandWorsens',
				{ breached: true, recovered: false },
				{
					from: previousBand,
					to: account.band,
					threshold: previousBand,
					message: `${label}'s health worsened from ${previousBand} to ${account.band} (${percent(share)} negative)`,
				},
			);
			const ruleState = account.rules.bandWorsens;
			if (ruleState) account.rules.bandWorsens = { ...ruleState, armed: true };
		}
	}
	return events;
}

/** A band improves only once the share is below the current band's bound by the margin. */
function nextBand(current: HealthBand | null, figures: HealthFigures, margin: number): HealthBand {
	const raw = healthBand(figures.negative, figures.scored) as HealthBand;
	if (current === null || bandRank(raw) >= bandRank(current)) return raw;
	const bound = bandLowerBound(current) as number;
	return atMost(figures.negativeShare as number, bound - margin) ? raw : current;
}

function negativeDrivers(cases: CaseState[]): NegativeDriver[] {
	return countDrivers(
		cases.map((caseState) => caseState.negativeSignals.map((type) => ({ type }))),
	);
}

function percent(share: number): string {
	return `${Math.round(share * 1000) / 10} %`;
}
