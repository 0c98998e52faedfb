import { type SentimentLabel, type SignalType, isAnalysed, polarityOf } from '../sentiment/result';

/**
 * The health of a group of cases, shared by the account roll-up and the account threshold
 * rules so that a digest and an alert never disagree about a band.
 */

export const HEALTH_BANDS = ['strong', 'healthy', 'strained', 'at_risk'] as const;
export type HealthBand = (typeof HEALTH_BANDS)[number];

/**
 * Upper bounds of the bands, as a share of negative cases. A share exactly on a bound belongs to
 * the better band: strong < 10 %, healthy 10 % to 20 % inclusive, strained above 20 % up to
 * 35 % inclusive, at risk above 35 %.
 */
export const BAND_BOUNDS: ReadonlyArray<{
	band: HealthBand;
	belowPercent: number;
	inclusive: boolean;
}> = [
	{ band: 'strong', belowPercent: 10, inclusive: false },
	{ band: 'healthy', belowPercent: 20, inclusive: true },
	{ band: 'strained', belowPercent: 35, inclusive: true },
];

/** 0 for strong up to 3 for at risk: a higher rank is a worse band. */
export function bandRank(band: HealthBand): number {
	return HEALTH_BANDS.indexOf(band);
}

/**
 * The band from counts rather than a float share, so that 2 negative of 10 is exactly 20 %
 * (healthy) and not 20.000000000000004 %.
 */
export function healthBand(negative: number, scored: number): HealthBand | null {
	if (scored <= 0) return null;
	for (const bound of BAND_BOUNDS) {
		const scaled = negative * 100;
		const limit = bound.belowPercent * scored;
		if (scaled < limit || (bound.inclusive && scaled === limit)) return bound.band;
	}
	return 'at_risk';
}

/** The band's bound on the side of the better band, as a share (0..1), or null for strong. */
export function bandLowerBound(band: HealthBand): number | null {
	const rank = bandRank(band);
	return rank === 0 ? null : BAND_BOUNDS[rank - 1].belowPercent / 100;
}

export interface PolarityCounts {
	positive: number;
	neutral: number;
	negative: number;
}

export interface HealthFigures extends PolarityCounts {
	scored: number;
	/** Cases the engine could not read (confidence 0): shown, but in none of the figures. */
	notAnalysed: number;
	/** (positive - negative) / scored, from -1 to 1; null without cases. */
	netScore: number | null;
	negativeShare: number | null;
	neutralShare: number | null;
	band: HealthBand | null;
}

export function healthFigures(counts: PolarityCounts, notAnalysed = 0): HealthFigures {
	const scored = counts.positive + counts.neutral + counts.negative;
	const share = (count: number) => (scored === 0 ? null : count / scored);
	return {
		...counts,
		scored,
		notAnalysed,
		netScore: scored === 0 ? null : (counts.positive - counts.negative) / scored,
		negativeShare: share(counts.negative),
		neutralShare: share(counts.neutral),
		band: healthBand(counts.negative, scored),
	};
}

/** The health of a set of results, those the engine could not read counted apart. */
export function healthOfResults(
	results: Iterable<{ label: string; score: number; confidence: number }>,
): HealthFigures {
	const analysed: SentimentLabel[] = [];
	let notAnalysed = 0;
	for (const result of results) {
		if (isAnalysed(result)) analysed.push(polarityOf(result));
		else notAnalysed++;
	}
	return healthFigures(countPolarities(analysed), notAnalysed);
}

export function countPolarities(polarities: Iterable<SentimentLabel>): PolarityCounts {
	const counts: PolarityCounts = { positive: 0, neutral: 0, negative: 0 };
	for (const polarity of polarities) counts[polarity]++;
	return counts;
}

export interface NegativeDriver {
	signal: SignalType;
	/** Cases that show the signal, each counted once. */
	cases: number;
}

/** Counts the signals of a set of (negative) cases, most frequent first. */
export function countDrivers(
	signalsPerCase: Iterable<ReadonlyArray<{ type: SignalType }>>,
): NegativeDriver[] {
	const counts = new Map<SignalType, number>();
	for (const signals of signalsPerCase) {
		for (const type of new Set(signals.map((signal) => signal.type))) {
			counts.set(type, (counts.get(type) ?? 0) + 1);
		}
	}
	return [...counts.entries()]
		.map(([signal, cases]) => ({ signal, cases }))
		.sort((a, b) => b.cases - a.cases || a.signal.localeCompare(b.signal));
}
