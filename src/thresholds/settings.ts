import { MINUTE_MS } from '../case/time';

/**
 * What the user sets on the Sentiment Threshold Trigger, in the domain's units: scores on the
 * -1..1 scale, shares as fractions (0.35, not 35 %). A rule set to null is off.
 */

export const CASE_RULES = [
	'turnsNegative',
	'scoreBelow',
	'dropBy',
	'worsening',
	'unanswered',
	'churnRisk',
] as const;
export type CaseRuleId = (typeof CASE_RULES)[number];

export const ACCOUNT_RULES = ['negativeShare', 'netScore', 'bandWorsens'] as const;
export type AccountRuleId = (typeof ACCOUNT_RULES)[number];

export type ThresholdRuleId = CaseRuleId | AccountRuleId;

/** Not a threshold: a case the engine can never classify, reported once instead of failing every poll. */
export const CLASSIFICATION_FAILED = 'classificationFailed';
export type ThresholdEventRule = ThresholdRuleId | typeof CLASSIFICATION_FAILED;

export interface CaseRuleSettings {
	turnsNegative: boolean;
	/** Fires when the score falls below this value. */
	scoreBelow: number | null;
	/** Fires when the score drops by at least this much between two classifications. */
	dropBy: number | null;
	/** Fires when the score declines by at least `minDecline` over the last `messages` requester messages. */
	worsening: { messages: number; minDecline: number } | null;
	/** Fires when a negative case has waited this long for a fulfiller's reply. */
	unansweredMinutes: number | null;
	/** Fires when a churn-risk signal of at least this strength appears. */
	churnRisk: { minStrength: number } | null;
}

export interface AccountRuleSettings {
	/** Cases whose latest classification falls in the window count towards the account. */
	windowHours: number;
	/** Fewer scored cases in the window than this and the account rules stay silent. */
	minCases: number;
	negativeShareAbove: number | null;
	netScoreBelow: number | null;
	bandWorsens: boolean;
}

export interface StateLimits {
	historyPerCase: number;
	maxCases: number;
	maxAccounts: number;
	/** A closed case is forgotten after this long without activity. */
	closedRetentionHours: number;
	/** Any case (and account) is forgotten after this long without activity. */
	untouchedRetentionDays: number;
}

export interface ThresholdSettings {
	caseRules: CaseRuleSettings;
	/** Whether case rules stay silent on a closed or resolved case (account figures still count it). */
	skipClosed: boolean;
	/**
	 * Whether case rules stay silent the first time the trigger sees a case: a case that is
	 * already negative then fires only after it recovers and crosses again.
	 */
	skipFirstSighting: boolean;
	accountRules: AccountRuleSettings;
	/**
	 * Hysteresis: after firing, a rule re-arms only once its value is back past the threshold by
	 * this much (score points or share), so a value hovering on the line fires once.
	 */
	margin: number;
	/** After a rule fired for a case or account, further crossings of it are swallowed for this long. */
	cooldownMinutes: number;
	limits: StateLimits;
}

/**
 * Each rule's threshold when the user picks it without changing it: the node's parameter
 * defaults read from here, so a rule means the same in the editor and in the domain.
 */
export const RULE_DEFAULTS = {
	scoreBelow: -0.5,
	dropBy: 0.4,
	worsening: { messages: 3, minDecline: 0.3 },
	unansweredMinutes: 60,
	churnRisk: { minStrength: 0.5 },
	negativeShareAbove: 0.35,
	netScoreBelow: -0.2,
} as const;

export const DEFAULT_LIMITS: StateLimits = {
	/** Enough for the worsening rule's default three messages (the node raises it for more). */
	historyPerCase: 3,
	maxCases: 20000,
	maxAccounts: 2000,
	closedRetentionHours: 72,
	untouchedRetentionDays: 30,
};

export const DEFAULT_THRESHOLD_SETTINGS: ThresholdSettings = {
	caseRules: {
		turnsNegative: true,
		scoreBelow: null,
		dropBy: null,
		worsening: null,
		unansweredMinutes: null,
		churnRisk: null,
	},
	skipClosed: false,
	skipFirstSighting: false,
	accountRules: {
		windowHours: 24 * 7,
		minCases: 5,
		negativeShareAbove: null,
		netScoreBelow: null,
		bandWorsens: false,
	},
	margin: 0.05,
	cooldownMinutes: 60,
	limits: DEFAULT_LIMITS,
};

/** How one poll of the trigger is run: its time budget and how long its lease holds off others. */
export interface ThresholdPollLimits {
	/** A poll stops classifying after this long and leaves the rest for the next poll (`more`). */
	budgetMs: number;
	/**
	 * How long a poll's lease in the stored state holds off a second poll. Longer than the budget
	 * by the longest a batch of model calls may take after the budget check, so a live poll keeps
	 * it, while a poll that died (the process was killed) frees it after this long.
	 */
	leaseMs: number;
}

export const DEFAULT_POLL_LIMITS: ThresholdPollLimits = {
	budgetMs: 2 * MINUTE_MS,
	leaseMs: 20 * MINUTE_MS,
};
