import { DateTime } from 'luxon';

import { parseTime } from '../case/time';
import { type HealthFigures, healthFigures } from './health';
import { type AgentRecovery, agentRecovery } from './recovery';
import { type AccountSummary, type ClassifiedCase, figuresOf, summarizeAccounts } from './summary';

/**
 * An account sentiment dashboard for support managers, from the classifications a flow has
 * stored (an n8n Data Table, say): per account the net score, negative share, health band,
 * neutral drift, main drivers and the trend over 7, 30 and 90 days; breakdowns by agent,
 * channel and priority; and agent recovery. `dashboardHtml` renders it as one self-contained
 * page (no external scripts, styles or fonts, so it opens offline and in locked-down networks),
 * readable without scripts, with sorting and filtering when scripts run.
 */

export const DASHBOARD_TREND_DAYS = [7, 30, 90] as const;
/** The window of the headline figures: a month, as the middle of the three trends. */
export const DASHBOARD_MAIN_DAYS = 30;

export interface DashboardAccount {
	accountId: string | null;
	accountName: string | null;
	figures: HealthFigures;
	neutralDrift: number | null;
	drivers: AccountSummary['drivers'];
	/** Change of the net score against the window of the same length before, per window. */
	trend: Record<(typeof DASHBOARD_TREND_DAYS)[number], number | null>;
}

export interface DashboardBreakdown {
	value: string;
	figures: HealthFigures;
}

export interface Dashboard {
	generatedAt: string;
	windowDays: number;
	cases: number;
	figures: HealthFigures;
	accounts: DashboardAccount[];
	byAgent: DashboardBreakdown[];
	byChannel: DashboardBreakdown[];
	byPriority: DashboardBreakdown[];
	recovery: AgentRecovery[];
}

export function accountDashboard(
	classified: readonly ClassifiedCase[],
	options: { now?: Date | string | number | DateTime } = {},
): Dashboard {
	const now = parseTime(options.now ?? DateTime.utc()) ?? DateTime.utc();
	const windows = Object.fromEntries(
		DASHBOARD_TREND_DAYS.map((days) => [
			days,
			summarizeAccounts([...classified], {
				now,
				windowHours: days * 24,
				groupBy: 'account',
				// A stored history is placed by when each result was made, like the breakdowns.
				timeBasis: 'classified',
			}),
		]),
	) as Record<(typeof DASHBOARD_TREND_DAYS)[number], AccountSummary[]>;
	const accountKey = (summary: AccountSummary) => summary.accountId ?? '';
	const trendOf = (days: (typeof DASHBOARD_TREND_DAYS)[number], key: string) =>
		windows[days].find((summary) => accountKey(summary) === key)?.trend.netScoreChange ?? null;

	const accounts = windows[DASHBOARD_MAIN_DAYS].map((summary) => {
		const { accountId, accountName, neutralDrift, drivers } = summary;
		return {
			accountId,
			accountName,
			figures: figuresOnly(summary),
			neutralDrift,
			drivers,
			trend: {
				7: trendOf(7, accountKey(summary)),
				30: summary.trend.netScoreChange,
				90: trendOf(90, accountKey(summary)),
			},
		};
	});

	const start = now.minus({ days: DASHBOARD_MAIN_DAYS });
	const latest = latestPerCase(classified, start, now);
	const breakdown = (valueOf: (entry: ClassifiedCase) => string): DashboardBreakdown[] => {
		const groups = new Map<string, ClassifiedCase[]>();
		for (const entry of latest) {
			const value = valueOf(entry) || '(none)';
			groups.set(value, [...(groups.get(value) ?? []), entry]);
		}
		return [...groups.entries()]
			.map(([value, entries]) => ({ value, figures: figuresOf(entries) }))
			.sort(
				(a, b) =>
					(b.figures.negativeShare ?? 0) - (a.figures.negativeShare ?? 0) ||
					a.value.localeCompare(b.value),
			);
	};

	return {
		generatedAt: now.toUTC().startOf('second').toISO({ suppressMilliseconds: true }) as string,
		windowDays: DASHBOARD_MAIN_DAYS,
		cases: latest.length,
		figures: figuresOf(latest),
		accounts,
		byAgent: breakdown(
			({ case: c }) => c.assignee?.name ?? c.assignee?.email ?? c.assignee?.id ?? '',
		),
		byChannel: breakdown(({ case: c }) => c.channel),
		byPriority: breakdown(({ case: c }) => c.priority),
		recovery: agentRecovery(
			classified.filter((entry) => {
				const at = parseTime(entry.result.analyzedAt);
				return at !== null && at > start && at <= now;
			}),
		),
	};
}

function figuresOnly(summary: AccountSummary): HealthFigures {
	const { positive, neutral, negative, notAnalysed } = summary;
	return healthFigures({ positive, neutral, negative }, notAnalysed);
}

/** Each case once, with its latest classification inside the window. */
function latestPerCase(
	classified: readonly ClassifiedCase[],
	start: DateTime,
	end: DateTime,
): ClassifiedCase[] {
	const latest = new Map<string, { entry: ClassifiedCase; at: number }>();
	for (const entry of classified) {
		const at = parseTime(entry.result.analyzedAt);
		if (!at || at <= start || at > end) continue;
		const seen = latest.get(entry.case.id);
		if (!seen || seen.at <= at.toMillis()) {
			latest.set(entry.case.id, { entry, at: at.toMillis() });
		}
	}
	return [...latest.values()].map(({ entry }) => entry);
}
