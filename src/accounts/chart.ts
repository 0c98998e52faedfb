import { type Rgb, RgbImage, textWidth } from './png';
import type { SeriesPoint } from './summary';

const AXIS: Rgb = [60, 60, 60];
const GRID: Rgb = [225, 225, 225];
const NEGATIVE_BAR: Rgb = [240, 170, 160];
const NEGATIVE_TEXT: Rgb = [200, 80, 70];
const NET_LINE: Rgb = [30, 100, 200];
const POINT: Rgb = [20, 60, 140];

export interface ChartSize {
	width: number;
	height: number;
}

/**
 * Sentiment over time for one account as a PNG: bars are the share of negative cases per bucket
 * (0 to 100 %, scale on the right), the line is the net score (-1 to 1, scale on the left).
 * Buckets without cases leave a gap in the line. The x axis shows each bucket's start date
 * (month-day, UTC) where there is room. Each scale is titled above it in its own colour, so that
 * the image explains itself where it is sent (an email, a Slack message).
 */
export function sentimentChartPng(
	series: SeriesPoint[],
	size: ChartSize = { width: 480, height: 240 },
): Buffer {
	const image = new RgbImage(size.width, size.height);
	const left = 30;
	const right = size.width - 42;
	const top = 26;
	const bottom = size.height - 24;
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
		if (previous) image.line(previous.x, previous.y, current.x, current.y, NET_LINE, 2);
		image.fillRect(current.x - 3, current.y - 3, 7, 7, POINT);
		previous = current;
	});

	image.line(left, top, left, bottom, AXIS);
	image.line(left, bottom, right, bottom, AXIS);
	image.line(right, top, right, bottom, AXIS);
	for (const [fraction, score, share] of [
		[0, '1', '100%'],
		[0.5, '0', '50%'],
		[1, '-1', '0%'],
	] as const) {
		const y = top + plotHeight * fraction;
		image.line(left - 4, y, left, y, AXIS);
		image.line(right, y, right + 4, y, AXIS);
		const textTop = Math.min(Math.max(y - 5, 0), size.height - 10);
		image.text(left - 6 - textWidth(score), textTop, score, NET_LINE);
		image.text(right + 6, textTop, share, NEGATIVE_TEXT);
	}
	image.text(4, 4, 'NET SCORE', NET_LINE);
	image.text(size.width - 4 - textWidth('NEGATIVE %'), 4, 'NEGATIVE %', NEGATIVE_TEXT);
	const labelWidth = textWidth('11-23');
	const every = Math.max(1, Math.ceil((labelWidth + 6) / slot));
	series.forEach((point, index) => {
		const x = left + slot * (index + 0.5);
		image.line(x, bottom, x, bottom + 4, AXIS);
		if (index % every === 0)
			image.text(x - labelWidth / 2, bottom + 8, point.start.slice(5, 10), AXIS);
	});
	return image.toPng();
}
