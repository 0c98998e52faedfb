import { DateTime } from 'luxon';

import { GLYPH_HEIGHT, missingGlyphs, type Rgb, RgbImage, textWidth } from './png';
import type { SeriesPoint } from './summary';

const AXIS: Rgb = [60, 60, 60];
const GRID: Rgb = [225, 225, 225];
const MUTED: Rgb = [110, 110, 110];
const NEGATIVE_BAR: Rgb = [240, 170, 160];
const NEGATIVE_TEXT: Rgb = [200, 80, 70];
const NET_LINE: Rgb = [30, 100, 200];
const POINT: Rgb = [20, 60, 140];

export interface ChartOptions {
	/** Whose sentiment it is: the account's name (and the split, if any), shown in the title. */
	account: string;
	/** The time zone whose calendar days the series holds, named under the title. */
	timeZone: string;
	width?: number;
	height?: number;
}

/** Big enough to read in an email or a Slack message without zooming. */
export const DEFAULT_CHART_SIZE = { width: 960, height: 480 };

const NET_SCORE_LEGEND = 'NET SCORE (-1 TO 1)';
const NEGATIVE_LEGEND = 'NEGATIVE CASES (%)';

/**
 * Text as the chart's font can draw it: capitals, accents stripped, any other character as '?',
 * so that no character of an account's name silently disappears.
 */
export function chartText(value: string): string {
	const plain = value.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
	return [...plain]
		.map((character) => (missingGlyphs(character).length ? '?' : character))
		.join('');
}

interface PlacedText {
	x: number;
	y: number;
	text: string;
	color: Rgb;
	scale: number;
}

interface Layout {
	width: number;
	height: number;
	left: number;
	right: number;
	top: number;
	bottom: number;
	texts: PlacedText[];
}

function dayLabel(point: SeriesPoint): string {
	return DateTime.fromISO(point.day, { locale: 'en' }).toFormat('dd LLL').toUpperCase();
}

/** Where everything goes; the texts are also what `sentimentChartTexts` reports. */
function layoutOf(series: SeriesPoint[], options: ChartOptions): Layout {
	const width = options.width ?? DEFAULT_CHART_SIZE.width;
	const height = options.height ?? DEFAULT_CHART_SIZE.height;
	const left = 64;
	const right = width - 80;
	const top = 120;
	const bottom = height - 44;
	const plotHeight = bottom - top;
	const slot = (right - left) / Math.max(1, series.length);
	const texts: PlacedText[] = [
		{ x: 24, y: 16, text: chartText(`Sentiment of ${options.account}`), color: AXIS, scale: 3 },
		{
			x: 24,
			y: 48,
			text: chartText(`${series.length} days, time zone ${options.timeZone}`),
			color: MUTED,
			scale: 2,
		},
		// Legend: a swatch is drawn left of each entry.
		{ x: 24 + 34, y: 80, text: NET_SCORE_LEGEND, color: NET_LINE, scale: 2 },
		{
			x: 24 + 34 + textWidth(NET_SCORE_LEGEND) + 40 + 24,
			y: 80,
			text: NEGATIVE_LEGEND,
			color: NEGATIVE_TEXT,
			scale: 2,
		},
	];
	for (const [fraction, score, share] of [
		[0, '1', '100%'],
		[0.5, '0', '50%'],
		[1, '-1', '0%'],
	] as const) {
		const y = Math.min(Math.max(top + plotHeight * fraction - GLYPH_HEIGHT, 0), height - 14);
		texts.push({ x: left - 8 - textWidth(score), y, text: score, color: NET_LINE, scale: 2 });
		texts.push({ x: right + 8, y, text: share, color: NEGATIVE_TEXT, scale: 2 });
	}
	const labelWidth = textWidth('23 NOV');
	const every = Math.max(1, Math.ceil((labelWidth + 12) / slot));
	series.forEach((point, index) => {
		if (index % every !== 0) return;
		const x = left + slot * (index + 0.5);
		texts.push({
			x: x - labelWidth / 2,
			y: bottom + 12,
			text: dayLabel(point),
			color: AXIS,
			scale: 2,
		});
	});
	return { width, height, left, right, top, bottom, texts };
}

/** Every text the chart writes, in drawing order. */
export function sentimentChartTexts(series: SeriesPoint[], options: ChartOptions): string[] {
	return layoutOf(series, options).texts.map((placed) => placed.text);
}

/**
 * Sentiment over time for one account as a PNG: a title with the account, a legend, bars for
 * the share of negative cases per calendar day (0 to 100 %, scale on the right) and a line for
 * the net score (-1 to 1, scale on the left). Days without cases leave a gap in the line.
 */
export function sentimentChartPng(series: SeriesPoint[], options: ChartOptions): Buffer {
	const layout = layoutOf(series, options);
	const { left, right, top, bottom } = layout;
	const image = new RgbImage(layout.width, layout.height);
	const plotHeight = bottom - top;
	const slot = (right - left) / Math.max(1, series.length);

	for (const fraction of [0, 0.25, 0.5, 0.75, 1]) {
		const y = top + plotHeight * fraction;
		image.line(left, y, right, y, GRID);
	}
	series.forEach((point, index) => {
		if (point.negativeShare === null) return;
		const barHeight = plotHeight * point.negativeShare;
		image.fillRect(
			left + slot * index + slot * 0.2,
			bottom - barHeight,
			slot * 0.6,
			barHeight,
			NEGATIVE_BAR,
		);
	});

	const yOfScore = (score: number) => top + ((1 - score) / 2) * plotHeight;
	let previous: { x: number; y: number } | null = null;
	series.forEach((point, index) => {
		if (point.netScore === null) {
			previous = null;
			return;
		}
		const current = { x: left + slot * (index + 0.5), y: yOfScore(point.netScore) };
		if (previous) image.line(previous.x, previous.y, current.x, current.y, NET_LINE, 3);
		image.fillRect(current.x - 4, current.y - 4, 9, 9, POINT);
		previous = current;
	});

	image.line(left, top, left, bottom, AXIS);
	image.line(left, bottom, right, bottom, AXIS);
	image.line(right, top, right, bottom, AXIS);
	for (const fraction of [0, 0.5, 1]) {
		const y = top + plotHeight * fraction;
		image.line(left - 5, y, left, y, AXIS);
		image.line(right, y, right + 5, y, AXIS);
	}
	series.forEach((_point, index) => {
		const x = left + slot * (index + 0.5);
		image.line(x, bottom, x, bottom + 5, AXIS);
	});
	// Legend swatches, left of their texts (texts 2 and 3 of the layout).
	const [, , netLegend, negativeLegend] = layout.texts;
	image.line(netLegend.x - 30, netLegend.y + 7, netLegend.x - 8, netLegend.y + 7, NET_LINE, 3);
	image.fillRect(netLegend.x - 23, netLegend.y + 3, 9, 9, POINT);
	image.fillRect(negativeLegend.x - 26, negativeLegend.y, 18, 14, NEGATIVE_BAR);
	for (const placed of layout.texts) {
		image.text(placed.x, placed.y, placed.text, placed.color, placed.scale);
	}
	return image.toPng();
}
