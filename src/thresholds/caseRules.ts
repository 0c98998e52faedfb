import { MINUTE_MS } from '../case/time';
import type { SentimentLabel, SentimentResult } from '../sentiment/result';
import type { Crossing } from './events';
import type { Check } from './hysteresis';
import type { CaseRuleId, ThresholdSettings } from './settings';
import type { CaseState, HistoryPoint } from './state';

/** What a case rule reads: the case's history with this poll's point last, and its new result. */
export interface CaseReading {
	caseId: string;
	latest: HistoryPoint;
	before: HistoryPoint | null;
	history: HistoryPoint[];
	result: SentimentResult;
	margin: number;
}

export interface CaseRuleOutcome extends Check {
	crossing: Crossing;
}

export const round = (value: number) => Math.round(value * 1000) / 1000;

/** Comparisons with a tolerance, so that 0.3 - 0.1 still counts as 0.2. */
const EPSILON = 1e-9;
export const atLeast = (value: number, limit: number) => value >= limit - EPSILON;
export const atMost = (value: number, limit: number) => value <= limit + EPSILON;

type CaseRule = (reading: CaseReading, settings: ThresholdSettings) => CaseRuleOutcome | null;

/** A rule that changes only when the case is classified again; null when the rule is off. */
function turnsNegative({ caseId, latest, before }: CaseReading, settings: ThresholdSettings) {
	if (!settings.caseRules.turnsNegative) return null;
	const from: SentimentLabel | null = before ? before.polarity : null;
	return {
		// Labels are discrete: leaving 'negative' is the recovery, the margin does not apply.
		breached: latest.polarity === 'negative',
		recovered: latest.polarity !== 'negative',
		crossing: {
			from,
			to: 'negative',
			threshold: 'negative',
			message: `Case ${caseId} turned negative${from ? ` (was ${from})` : ''}`,
		},
	};
}

function scoreBelow({ caseId, latest, before, margin }: CaseReading, settings: ThresholdSettings) {
	const limit = settings.caseRules.scoreBelow;
	if (limit === null) return null;
	return {
		breached: latest.score < limit,
		recovered: atLeast(latest.score, limit + margin),
		crossing: {
			from: before ? before.score : null,
			to: latest.score,
			threshold: limit,
			message: `Case ${caseId}'s score fell below ${limit} (${before ? `from ${before.score} ` : ''}to ${latest.score})`,
		},
	};
}

function dropBy({ caseId, latest, before, margin }: CaseReading, settings: ThresholdSettings) {
	const limit = settings.caseRules.dropBy;
	if (limit === null) return null;
	const drop = before ? round(before.score - latest.score) : 0;
	return {
		breached: before !== null && atLeast(drop, limit),
		recovered: !atLeast(drop, limit - margin),
		crossing: {
			from: before ? before.score : null,
			to: latest.score,
			threshold: limit,
			message: `Case ${caseId}'s score dropped by ${drop} (from ${before?.score} to ${latest.score})`,
		},
	};
}

function worsening(reading: CaseReading, settings: ThresholdSettings) {
	const rule = settings.caseRules.worsening;
	if (rule === null) return null;
	const { messages, minDecline } = rule;
	const span = worseningSpan(reading.history, messages, reading.result);
	const decline = span ? round(span.first - span.last) : 0;
	return {
		breached: span !== null && atLeast(decline, minDecline),
		recovered: !atLeast(decline, minDecline - reading.margin),
		crossing: {
			from: span?.first ?? null,
			to: span?.last ?? reading.latest.score,
			threshold: minDecline,
			message: `Case ${reading.caseId} worsened over the last ${messages} customer messages (from ${span?.first} to ${span?.last})`,
		},
	};
}

function churnRisk({ caseId, result, margin }: CaseReading, settings: ThresholdSettings) {
	const rule = settings.caseRules.churnRisk;
	if (rule === null) return null;
	const limit = rule.minStrength;
	const strength = Math.max(
		0,
		...result.signals
			.filter((signal) => signal.type === 'churn_risk')
			.map((signal) => signal.strength),
	);
	return {
		breached: strength > 0 && atLeast(strength, limit),
		recovered: strength === 0 || !atLeast(strength, limit - margin),
		crossing: {
			from: null,
			to: strength,
			threshold: limit,
			message: `Case ${caseId} shows a churn risk (strength ${strength})`,
		},
	};
}

/** The rules read when a case is classified, in the order their events are listed. */
export const CLASSIFICATION_RULES: ReadonlyArray<[Exclude<CaseRuleId, 'unanswered'>, CaseRule]> = [
	['turnsNegative', turnsNegative],
	['scoreBelow', scoreBelow],
	['dropBy', dropBy],
	['worsening', worsening],
	['churnRisk', churnRisk],
];

/**
 * Waiting time grows without new activity, so this rule is read for every remembered case in
 * every poll: a negative open case whose customer has waited `limit` minutes for a reply.
 */
export function unanswered(
	caseId: string,
	caseState: CaseState,
	nowMs: number,
	limit: number,
): CaseRuleOutcome & { waitedMinutes: number | null } {
	const latest = caseState.history[caseState.history.length - 1];
	const negative = latest !== undefined && latest.polarity === 'negative' && !caseState.closed;
	const waitedMinutes = waitingMinutes(caseState, nowMs);
	const minutes = waitedMinutes === null ? null : Math.floor(waitedMinutes);
	return {
		breached: negative && waitedMinutes !== null && waitedMinutes >= limit,
		recovered: !negative || waitedMinutes === null,
		waitedMinutes,
		crossing: {
			from: null,
			to: minutes,
			threshold: limit,
			message: `Case ${caseId} is negative and has waited ${minutes} minutes for a reply (limit ${limit})`,
		},
	};
}

/** Minutes since the customer's last message when no fulfiller has replied since; else null. */
export function waitingMinutes(caseState: CaseState, nowMs: number): number | null {
	const { lastRequesterAt, lastFulfillerAt } = caseState;
	if (lastRequesterAt === null) return null;
	if (lastFulfillerAt !== null && lastFulfillerAt >= lastRequesterAt) return null;
	return (nowMs - lastRequesterAt) / MINUTE_MS;
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
	for (const point of history) byCount.set(point.requesterMessages, point.score);
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
