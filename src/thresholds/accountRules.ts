import {
	type HealthBand,
	type HealthFigures,
	bandLowerBound,
	bandRank,
	healthBand,
} from '../accounts/health';
import { atLeast, atMost, round } from './caseRules';
import type { Crossing } from './events';
import type { Check } from './hysteresis';
import type { AccountRuleId, ThresholdSettings } from './settings';
import type { AccountState } from './state';

/** What an account rule reads: its figures over the window, and what it remembered. */
export interface AccountReading {
	label: string;
	figures: HealthFigures;
	account: AccountState;
	/** The band this poll settles on (see `nextBand`), before the account remembers it. */
	band: HealthBand;
	margin: number;
}

export interface AccountRuleOutcome extends Check {
	crossing: Crossing;
	/** What the account remembers as this rule's value for the next event's `from`. */
	remember?: number;
	/** The rule carries its own hysteresis (bands): it re-arms at once after firing. */
	rearm?: boolean;
}

type AccountRule = (
	reading: AccountReading,
	settings: ThresholdSettings,
) => AccountRuleOutcome | null;

const percent = (share: number) => `${Math.round(share * 1000) / 10} %`;

function negativeShare(reading: AccountReading, settings: ThresholdSettings) {
	const limit = settings.accountRules.negativeShareAbove;
	if (limit === null) return null;
	const { figures, account, label, margin } = reading;
	const share = figures.negativeShare as number;
	return {
		breached: !atMost(share, limit),
		recovered: atMost(share, limit - margin),
		remember: round(share),
		crossing: {
			from: account.lastValues.negativeShare ?? null,
			to: round(share),
			threshold: limit,
			message: `${percent(share)} of ${label}'s cases are negative (limit ${percent(limit)}, ${figures.scored} cases)`,
		},
	};
}

function netScore(reading: AccountReading, settings: ThresholdSettings) {
	const limit = settings.accountRules.netScoreBelow;
	if (limit === null) return null;
	const { figures, account, label, margin } = reading;
	const net = figures.netScore as number;
	return {
		breached: !atLeast(net, limit),
		recovered: atLeast(net, limit + margin),
		remember: round(net),
		crossing: {
			from: account.lastValues.netScore ?? null,
			to: round(net),
			threshold: limit,
			message: `${label}'s net sentiment fell to ${round(net)} (limit ${limit}, ${figures.scored} cases)`,
		},
	};
}

function bandWorsens(reading: AccountReading, settings: ThresholdSettings) {
	if (!settings.accountRules.bandWorsens) return null;
	const previous = reading.account.band;
	const worse = previous !== null && bandRank(reading.band) > bandRank(previous);
	// The band itself carries the hysteresis (see nextBand), so every worsening is a crossing.
	return {
		breached: worse,
		recovered: false,
		rearm: true,
		crossing: {
			from: previous,
			to: reading.band,
			threshold: previous,
			message: `${reading.label}'s health worsened from ${previous} to ${reading.band} (${percent(reading.figures.negativeShare as number)} negative)`,
		},
	};
}

/** The account rules, in the order their events are listed. */
export const ACCOUNT_RULE_TABLE: ReadonlyArray<[AccountRuleId, AccountRule]> = [
	['negativeShare', negativeShare],
	['netScore', netScore],
	['bandWorsens', bandWorsens],
];

/** A band improves only once the share is below the current band's bound by the margin. */
export function nextBand(
	current: HealthBand | null,
	figures: HealthFigures,
	margin: number,
): HealthBand {
	const raw = healthBand(figures.negative, figures.scored) as HealthBand;
	if (current === null || bandRank(raw) >= bandRank(current)) return raw;
	const bound = bandLowerBound(current) as number;
	return atMost(figures.negativeShare as number, bound - margin) ? raw : current;
}
