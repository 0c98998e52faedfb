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

export const DEFAULT_LIMITS: StateLimits = {
	historyPerCase: 8,
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
