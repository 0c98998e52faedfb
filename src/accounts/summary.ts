import { DateTime, Duration } from 'luxon';

import type { Case } from '../case/case';
import { parseTime } from '../case/time';
import { type SentimentResult, polarityOf } from '../sentiment/result';
import { type HealthFigures, type NegativeDriver, countDrivers, healthOfResults } from './health';

/** A case with its sentiment, as Case Sentiment's classify operation outputs it. */
export interface ClassifiedCase {
	case: Case;
	result: SentimentResult;
}

export const SUMMARY_GROUPINGS = ['account', 'channel', 'assignee', 'priority'] as const;
export type SummaryGrouping = (typeof SUMMARY_GROUPINGS)[number];

/** Which time places a case in a window. */
export type TimeBasis = 'activity' | 'classified';

export interface SummaryOptions {
	/** End of the window; the window runs back `windowHours` from here. */
	now: Date | string | number | DateTime;
	windowHours: number;
	/** Besides the account, split each account by this field ('account' does not split). */
	groupBy: SummaryGrouping;
	timeBasis: TimeBasis;
	/** How many negative drivers to list. */
	topDrivers: number;
	/** IANA time zone whose calendar days make the sentiment-over-time series (for the chart). */
	timeZone: string;
}

export const DEFAULT_SUMMARY_OPTIONS: Omit<SummaryOptions, 'now'> = {
	windowHours: 24 * 7,
	groupBy: 'account',
	timeBasis: 'activity',
	topDrivers: 3,
	timeZone: 'UTC',
};

/** A change of the net score smaller than this counts as stable. */
export const STABLE_NET_SCORE_CHANGE = 0.05;

export interface SeriesPoint {
	/** The calendar day in the summary's time zone, e.g. 2026-11-23. */
	day: string;
	/** Start of that day, with the zone's offset. */
	start: string;
	scored: number;
	netScore: number | null;
	negativeShare: number | null;
}

export interface AccountSummary extends HealthFigures {
	accountId: string | null;
	accountName: string | null;
	/** The split inside the account, e.g. { by: 'channel', value: 'email' }; null when not split. */
	group: { by: Exclude<SummaryGrouping, 'account'>; value: string } | null;
	window: { start: string; end: string };
	previous: HealthFigures & { window: { start: string; end: string } };
	trend: {
		/** 'new' when the previous window had no cases to compare with. */
		direction: 'improving' | 'worsening' | 'stable' | 'new';
		netScoreChange: number | null;
		negativeShareChange: number | null;
	};
	/** Change of the neutral share against the previous window, in share points (0.1 = 10 points). */
	neutralDrift: number | null;
	/** Signals of the negative cases in the window, each counted once per case, most frequent first. */
	drivers: NegativeDriver[];
	series: SeriesPoint[];
	/** The cases counted in the window, so a digest can link to them. */
	caseIds: string[];
}

const NO_ACCOUNT = '\u0000';

/**
 * Rolls classified cases up into account health over a window and the window before it. A case
 * classified more than once counts once per window, with its latest result there.
 */
export function summarizeAccounts(
	classified: ClassifiedCase[],
	options: Partial<SummaryOptions> = {},
): AccountSummary[] {
	const settings = { ...DEFAULT_SUMMARY_OPTIONS, ...options };
	if (!DateTime.utc().setZone(settings.timeZone).isValid) {
		throw new RangeError(
			`The time zone '${settings.timeZone}' is not known: use an IANA name such as Europe/Berlin or UTC`,
		);
	}
	const end = parseTime(settings.now ?? DateTime.utc()) ?? DateTime.utc();
	const length = Duration.fromObject({ hours: settings.windowHours });
	const start = end.minus(length);
	const previousStart = start.minus(length);

	const groups = new Map<
		string,
		{ key: GroupKey; current: Map<string, Timed>; previous: Map<string, Timed> }
	>();
	for (const entry of classified) {
		const at = timeOf(entry, settings.timeBasis);
		if (!at || at > end || at <= previousStart) continue;
		const key = groupKeyOf(entry.case, settings.groupBy);
		const id = JSON.stringify([key.accountId ?? NO_ACCOUNT, key.value]);
		let group = groups.get(id);
		if (!group) {
			group = { key, current: new Map(), previous: new Map() };
			groups.set(id, group);
		}
		const bucket = at > start ? group.current : group.previous;
		const seen = bucket.get(entry.case.id);
		if (!seen || seen.at <= at) bucket.set(entry.case.id, { ...entry, at });
		group.key.accountName ??= entry.case.account?.name ?? null;
	}

	const summaries: AccountSummary[] = [];
	for (const { key, current, previous } of groups.values()) {
		if (current.size === 0) continue;
		const now = figuresOf([...current.values()]);
		const before = figuresOf([...previous.values()]);
		const netScoreChange = difference(now.netScore, before.netScore);
		summaries.push({
			accountId: key.accountId,
			accountName: key.accountName,
			group: key.by === 'account' ? null : { by: key.by, value: key.value },
			...now,
			window: { start: iso(start), end: iso(end) },
			previous: { ...before, window: { start: iso(previousStart), end: iso(start) } },
			trend: {
				direction:
					netScoreChange === null
						? 'new'
						: netScoreChange > STABLE_NET_SCORE_CHANGE
							? 'improving'
							: netScoreChange < -STABLE_NET_SCORE_CHANGE
								? 'worsening'
								: 'stable',
				netScoreChange,
				negativeShareChange: difference(now.negativeShare, before.negativeShare),
			},
			neutralDrift: difference(now.neutralShare, before.neutralShare),
			drivers: negativeDrivers([...current.values()]).slice(0, settings.topDrivers),
			series: seriesOf([...current.values()], start, end, settings.timeZone),
			caseIds: [...current.keys()],
		});
	}
	// Worst first: that is what a digest reader looks at.
	return summaries.sort(
		(a, b) =>
			(b.negativeShare ?? 0) - (a.negativeShare ?? 0) ||
			(a.accountId ?? '').localeCompare(b.accountId ?? '') ||
			(a.group?.value ?? '').localeCompare(b.group?.value ?? ''),
	);
}

interface Timed extends ClassifiedCase {
	at: DateTime;
}

interface GroupKey {
	accountId: string | null;
	accountName: string | null;
	by: SummaryGrouping;
	value: string;
}

function groupKeyOf(supportCase: Case, by: SummaryGrouping): GroupKey {
	const accountId = supportCase.account?.id ?? null;
	const value =
		by === 'channel'
			? supportCase.channel
			: by === 'priority'
				? supportCase.priority
				: by === 'assignee'
					? (supportCase.assignee?.name ??
						supportCase.assignee?.email ??
						supportCase.assignee?.id ??
						'')
					: '';
	return { accountId, accountName: null, by, value: by === 'account' ? '' : value || '(none)' };
}

function timeOf(entry: ClassifiedCase, basis: TimeBasis): DateTime | null {
	if (basis === 'classified') return parseTime(entry.result.analyzedAt);
	return (
		parseTime(entry.case.updatedAt) ??
		parseTime(entry.case.createdAt) ??
		parseTime(entry.result.analyzedAt)
	);
}

/** The health of classified cases; shared with the dashboard so the two never disagree. */
export function figuresOf(entries: readonly ClassifiedCase[]): HealthFigures {
	return healthOfResults(entries.map((entry) => entry.result));
}

function difference(now: number | null, before: number | null): number | null {
	return now === null || before === null ? null : Math.round((now - before) * 1e6) / 1e6;
}

function negativeDrivers(entries: ClassifiedCase[]): NegativeDriver[] {
	return countDrivers(
		entries
			.filter((entry) => polarityOf(entry.result) === 'negative')
			.map((entry) => entry.result.signals),
	);
}

/**
 * One point per calendar day of `timeZone` that the window touches, so that a case of today is
 * labelled today wherever the reader is (the first and the last day may be partial).
 */
function seriesOf(
	entries: Timed[],
	start: DateTime,
	end: DateTime,
	timeZone: string,
): SeriesPoint[] {
	const firstDay = start.setZone(timeZone).startOf('day');
	const lastDay = end.setZone(timeZone).startOf('day');
	const days: DateTime[] = [];
	for (let day = firstDay; day <= lastDay; day = day.plus({ days: 1 })) days.push(day);
	const byDay = new Map<string, Timed[]>(days.map((day) => [day.toISODate() as string, []]));
	for (const entry of entries) {
		byDay.get(entry.at.setZone(timeZone).toISODate() as string)?.push(entry);
	}
	return days.map((day) => {
		const figures = figuresOf(byDay.get(day.toISODate() as string) ?? []);
		return {
			day: day.toISODate() as string,
			start: day.toISO({ suppressMilliseconds: true }) as string,
			scored: figures.scored,
			netScore: figures.netScore,
			negativeShare: figures.negativeShare,
		};
	});
}

function iso(time: DateTime): string {
	return time.toUTC().toISO({ suppressMilliseconds: true }) as string;
}
