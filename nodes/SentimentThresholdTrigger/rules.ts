import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	type AccountRuleId,
	type CaseRuleId,
	DEFAULT_LIMITS,
	DEFAULT_POLL_LIMITS,
	DEFAULT_THRESHOLD_SETTINGS,
	RULE_DEFAULTS,
	type ThresholdPollLimits,
	type ThresholdSettings,
} from '../../src/thresholds/settings';
import { SECOND_MS } from '../../src/case/time';

const ACCOUNT_DEFAULTS = DEFAULT_THRESHOLD_SETTINGS.accountRules;
const DEFAULT_RULES: string[] = ['turnsNegative'];

/** The rules a user can pick, by the name the editor shows. */
export const RULE_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Account: Health Band Worsens',
		value: 'bandWorsens',
		description: 'The band goes from strong to healthy, strained or at risk, and so on',
	},
	{
		name: 'Account: Negative Share Above',
		value: 'negativeShare',
		description: 'The share of negative cases in the window rises above a percentage',
	},
	{
		name: 'Account: Net Score Below',
		value: 'netScore',
		description: '(positive - negative) / cases in the window falls below a value',
	},
	{
		name: 'Case: Churn Risk',
		value: 'churnRisk',
		description: "A churn-risk signal appears in the customer's words",
	},
	{
		name: 'Case: Negative and Unanswered',
		value: 'unanswered',
		description: 'A negative case waits for a fulfiller reply for longer than a number of minutes',
	},
	{
		name: 'Case: Score Below',
		value: 'scoreBelow',
		description: 'The score falls below a value',
	},
	{
		name: 'Case: Score Drops By',
		value: 'dropBy',
		description: 'The score drops by at least an amount between two classifications',
	},
	{
		name: 'Case: Turns Negative',
		value: 'turnsNegative',
		description: 'The label becomes negative',
	},
	{
		name: 'Case: Worsens Over Messages',
		value: 'worsening',
		description: "The score declines over the customer's last messages",
	},
];

/** The node's subtitle on the canvas: the picked rules by name, e.g. 'Case: Turns Negative'. */
export const RULES_SUBTITLE = `={{ ($parameter["rules"] || []).map(rule => (${JSON.stringify(
	Object.fromEntries(RULE_OPTIONS.map((option) => [option.value, option.name])),
)})[rule] ?? rule).join(", ") }}`;

/** The rules as the user picks them, and each rule's own setting shown once it is picked. */
export const ruleProperties: INodeProperties[] = [
	{
		displayName:
			'Fires once when a rule crosses its threshold, then re-arms when the value is back past the threshold by the margin. Scores from a language model are estimates.',
		name: 'rulesNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Rules',
		name: 'rules',
		type: 'multiOptions',
		noDataExpression: true,
		options: RULE_OPTIONS,
		default: DEFAULT_RULES,
		description: 'Which crossings start the workflow',
	},
	{
		displayName: 'Score Below',
		name: 'scoreBelow',
		type: 'number',
		typeOptions: { minValue: -1, maxValue: 1, numberPrecision: 2 },
		default: RULE_DEFAULTS.scoreBelow,
		description: 'Fires when the score (-1 to 1) falls below this value',
		displayOptions: { show: { rules: ['scoreBelow'] } },
	},
	{
		displayName: 'Drop By',
		name: 'dropBy',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 2 },
		default: RULE_DEFAULTS.dropBy,
		description:
			'Fires when the score drops by at least this much since the previous classification',
		displayOptions: { show: { rules: ['dropBy'] } },
	},
	{
		displayName: 'Customer Messages',
		name: 'worseningMessages',
		type: 'number',
		typeOptions: { minValue: 2 },
		default: RULE_DEFAULTS.worsening.messages,
		description: "How many of the customer's last messages the decline is measured over",
		displayOptions: { show: { rules: ['worsening'] } },
	},
	{
		displayName: 'Minimum Decline',
		name: 'worseningMinDecline',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 2 },
		default: RULE_DEFAULTS.worsening.minDecline,
		description: 'How far the score must fall over those messages',
		displayOptions: { show: { rules: ['worsening'] } },
	},
	{
		displayName: 'Unanswered Minutes',
		name: 'unansweredMinutes',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: RULE_DEFAULTS.unansweredMinutes,
		description: "Minutes since the customer's last message without a fulfiller reply",
		displayOptions: { show: { rules: ['unanswered'] } },
	},
	{
		displayName: 'Minimum Churn Signal Strength',
		name: 'churnMinStrength',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		default: RULE_DEFAULTS.churnRisk.minStrength,
		displayOptions: { show: { rules: ['churnRisk'] } },
	},
	{
		displayName: 'Negative Share Above (%)',
		name: 'negativeSharePercent',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100 },
		default: RULE_DEFAULTS.negativeShareAbove * 100,
		displayOptions: { show: { rules: ['negativeShare'] } },
	},
	{
		displayName: 'Net Score Below',
		name: 'netScoreBelow',
		type: 'number',
		typeOptions: { minValue: -1, maxValue: 1, numberPrecision: 2 },
		default: RULE_DEFAULTS.netScoreBelow,
		displayOptions: { show: { rules: ['netScore'] } },
	},
	{
		displayName: 'Account Window (Hours)',
		name: 'accountWindowHours',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: ACCOUNT_DEFAULTS.windowHours,
		description: 'Cases last classified within this window count towards the account',
		displayOptions: { show: { rules: ['negativeShare', 'netScore', 'bandWorsens'] } },
	},
	{
		displayName: 'Minimum Cases',
		name: 'accountMinCases',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: ACCOUNT_DEFAULTS.minCases,
		description: 'Account rules stay silent while the window holds fewer cases',
		displayOptions: { show: { rules: ['negativeShare', 'netScore', 'bandWorsens'] } },
	},
	{
		displayName: 'Threshold Options',
		name: 'thresholdOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Cool-Down (Minutes)',
				name: 'cooldownMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_THRESHOLD_SETTINGS.cooldownMinutes,
				description: 'After a rule fired for a case or account, it stays quiet for this long',
			},
			{
				displayName: 'Fire on First Sighting',
				name: 'fireOnFirstSighting',
				type: 'boolean',
				default: !DEFAULT_THRESHOLD_SETTINGS.skipFirstSighting,
				description:
					'Whether a case the trigger sees for the first time may fire (e.g. a case that is already negative when the trigger starts). Off: it fires only after it recovers and crosses again.',
			},
			{
				displayName: 'History per Case',
				name: 'historyPerCase',
				type: 'number',
				typeOptions: { minValue: 2 },
				default: DEFAULT_LIMITS.historyPerCase,
				description:
					'Classifications remembered per case (at least the customer messages of the worsening rule)',
			},
			{
				displayName: 'Max Accounts Remembered',
				name: 'maxAccounts',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_LIMITS.maxAccounts,
			},
			{
				displayName: 'Max Cases Remembered',
				name: 'maxCases',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_LIMITS.maxCases,
				description: 'The least recently active cases are forgotten beyond this',
			},
			{
				displayName: 'Poll Time Budget (Seconds)',
				name: 'pollBudgetSeconds',
				type: 'number',
				typeOptions: { minValue: 5 },
				default: DEFAULT_POLL_LIMITS.budgetMs / SECOND_MS,
				description:
					'A poll stops classifying after this long and leaves the remaining cases to the next poll',
			},
			{
				displayName: 'Re-Arm Margin',
				name: 'margin',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: DEFAULT_THRESHOLD_SETTINGS.margin,
				description:
					'How far back past the threshold a value must recover before the rule can fire again (score points, or share as a fraction: 0.05 = 5 points)',
			},
			{
				displayName: 'Skip Closed Cases',
				name: 'skipClosed',
				type: 'boolean',
				default: DEFAULT_THRESHOLD_SETTINGS.skipClosed,
				description:
					'Whether case rules stay silent on closed, solved or resolved cases (they still count towards their account)',
			},
		],
	},
];

type ReadParameter = (name: string, fallback: unknown) => unknown;

interface ThresholdOptions {
	cooldownMinutes?: number;
	fireOnFirstSighting?: boolean;
	historyPerCase?: number;
	maxAccounts?: number;
	maxCases?: number;
	margin?: number;
	pollBudgetSeconds?: number;
	skipClosed?: boolean;
}

/** The node's parameters as the domain's settings; every default comes from the domain's. */
export function thresholdSettingsFrom(read: ReadParameter): ThresholdSettings {
	const rules = new Set(read('rules', DEFAULT_RULES) as string[]);
	const number = (name: string, fallback: number) => Number(read(name, fallback));
	const on = (rule: CaseRuleId | AccountRuleId) => rules.has(rule);
	const options = read('thresholdOptions', {}) as ThresholdOptions;
	const defaults = DEFAULT_THRESHOLD_SETTINGS;
	const worsening = on('worsening')
		? {
				messages: number('worseningMessages', RULE_DEFAULTS.worsening.messages),
				minDecline: number('worseningMinDecline', RULE_DEFAULTS.worsening.minDecline),
			}
		: null;
	const historyPerCase = options.historyPerCase ?? DEFAULT_LIMITS.historyPerCase;
	return {
		caseRules: {
			turnsNegative: on('turnsNegative'),
			scoreBelow: on('scoreBelow') ? number('scoreBelow', RULE_DEFAULTS.scoreBelow) : null,
			dropBy: on('dropBy') ? number('dropBy', RULE_DEFAULTS.dropBy) : null,
			worsening,
			unansweredMinutes: on('unanswered')
				? number('unansweredMinutes', RULE_DEFAULTS.unansweredMinutes)
				: null,
			churnRisk: on('churnRisk')
				? { minStrength: number('churnMinStrength', RULE_DEFAULTS.churnRisk.minStrength) }
				: null,
		},
		skipClosed: options.skipClosed ?? defaults.skipClosed,
		skipFirstSighting:
			options.fireOnFirstSighting === undefined
				? defaults.skipFirstSighting
				: !options.fireOnFirstSighting,
		accountRules: {
			windowHours: number('accountWindowHours', ACCOUNT_DEFAULTS.windowHours),
			minCases: number('accountMinCases', ACCOUNT_DEFAULTS.minCases),
			negativeShareAbove: on('negativeShare')
				? number('negativeSharePercent', RULE_DEFAULTS.negativeShareAbove * 100) / 100
				: null,
			netScoreBelow: on('netScore') ? number('netScoreBelow', RULE_DEFAULTS.netScoreBelow) : null,
			bandWorsens: on('bandWorsens'),
		},
		margin: options.margin ?? defaults.margin,
		cooldownMinutes: options.cooldownMinutes ?? defaults.cooldownMinutes,
		limits: {
			...DEFAULT_LIMITS,
			...(options.maxCases !== undefined ? { maxCases: options.maxCases } : {}),
			...(options.maxAccounts !== undefined ? { maxAccounts: options.maxAccounts } : {}),
			// History must hold the customer messages the worsening rule looks back over.
			historyPerCase: Math.max(historyPerCase, worsening ? worsening.messages : 2),
		},
	};
}

/** The poll's time budget from the options; the lease stays the domain's. */
export function pollLimitsFrom(read: ReadParameter): ThresholdPollLimits {
	const options = read('thresholdOptions', {}) as ThresholdOptions;
	return {
		...DEFAULT_POLL_LIMITS,
		...(options.pollBudgetSeconds !== undefined
			? { budgetMs: options.pollBudgetSeconds * SECOND_MS }
			: {}),
	};
}
