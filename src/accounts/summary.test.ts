import { inflateSync } from 'node:zlib';

import { chartText, sentimentChartPng, sentimentChartTexts } from './chart';
import { accountCase, sentimentResult } from '../../test/fixtures/sentiment';
import { PNG_SIGNATURE, crc32, missingGlyphs } from './png';
import { type ClassifiedCase, summarizeAccounts } from './summary';

const NOW = '2026-11-23T12:00:00Z';

/** A case of `account` updated `daysAgo` before NOW with the given score and signals. */
function classified(
	id: string,
	score: number,
	daysAgo: number,
	extra: {
		account?: string;
		channel?: string;
		signals?: Array<'churn_risk' | 'waiting' | 'frustration'>;
		label?: string;
	} = {},
): ClassifiedCase {
	const updatedAt = new Date(Date.parse(NOW) - daysAgo * 86_400_000).toISOString();
	return {
		case: accountCase(id, {
			account: { id: extra.account ?? 'acme', name: extra.account ? null : 'Acme' },
			channel: extra.channel ?? 'email',
			updatedAt,
		}),
		result: sentimentResult(score, id, {
			...(extra.label ? { label: extra.label } : {}),
			signals: (extra.signals ?? []).map((type) => ({ type, strength: 0.8, evidence: type })),
		}),
	};
}

describe('account summary', () => {
	it('counts, nets and bands the cases of each account in the window', () => {
		const cases = [
			classified('1', 0.6, 1),
			classified('2', 0.5, 2),
			classified('3', 0, 3),
			classified('4', -0.7, 1, { signals: ['churn_risk', 'waiting'] }),
			classified('5', -0.4, 2, { signals: ['waiting'] }),
			classified('9', -0.9, 10), // in the previous window, 7 to 14 days back
			classified('b1', -0.5, 1, { account: 'beta' }),
		];
		const [beta, acme] = summarizeAccounts(cases, { now: NOW, windowHours: 7 * 24 });
		expect(acme).toMatchObject({
			accountId: 'acme',
			accountName: 'Acme',
			positive: 2,
			neutral: 1,
			negative: 2,
			scored: 5,
			netScore: 0,
			negativeShare: 0.4,
			neutralShare: 0.2,
			band: 'at_risk',
			drivers: [
				{ signal: 'waiting', cases: 2 },
				{ signal: 'churn_risk', cases: 1 },
			],
		});
		expect(beta).toMatchObject({
			accountId: 'beta',
			negative: 1,
			band: 'at_risk',
			trend: { direction: 'new' },
		});
		expect(acme.previous).toMatchObject({ scored: 1, negative: 1, netScore: -1 });
		expect(acme.trend).toEqual({
			direction: 'improving',
			netScoreChange: 1,
			negativeShareChange: -0.6,
		});
		expect(acme.neutralDrift).toBe(0.2);
		expect(acme.window).toEqual({ start: '2026-11-16T12:00:00Z', end: NOW });
	});

	it('reads a trend as worsening when the net score fell against the previous window', () => {
		const cases = [
			classified('1', 0.5, 8),
			classified('2', 0.5, 9),
			classified('3', -0.5, 1),
			classified('4', 0.5, 2),
		];
		const [acme] = summarizeAccounts(cases, { now: NOW, windowHours: 7 * 24 });
		expect(acme.trend).toMatchObject({ direction: 'worsening', netScoreChange: -1 });
	});

	it("counts an admin's own categories by their score and a case classified twice once, with its latest result", () => {
		const cases = [
			classified('1', -0.8, 3, { label: 'furious' }),
			classified('1', 0.7, 1, { label: 'delighted' }),
			classified('2', 0.6, 2, { label: 'delighted' }),
		];
		const [acme] = summarizeAccounts(cases, { now: NOW, windowHours: 7 * 24 });
		expect(acme).toMatchObject({ scored: 2, positive: 2, negative: 0, band: 'strong' });
	});

	it('leaves results at confidence 0 (a language the engine does not read) out of the health figures', () => {
		const unread = classified('j1', 0, 1);
		unread.result = { ...unread.result, confidence: 0 };
		const [acme] = summarizeAccounts([unread, classified('2', -0.6, 1)], { now: NOW });
		expect(acme).toMatchObject({
			scored: 1,
			notAnalysed: 1,
			negative: 1,
			neutral: 0,
			netScore: -1,
		});
		const [onlyUnread] = summarizeAccounts([unread], { now: NOW });
		expect(onlyUnread).toMatchObject({ scored: 0, notAnalysed: 1, band: null, netScore: null });
	});

	it('splits an account per channel when asked', () => {
		const cases = [
			classified('1', -0.5, 1, { channel: 'phone' }),
			classified('2', 0.5, 1),
			classified('3', 0.5, 1),
		];
		const summaries = summarizeAccounts(cases, { now: NOW, groupBy: 'channel' });
		expect(summaries.map((summary) => [summary.group?.value, summary.scored])).toEqual([
			['phone', 1],
			['email', 2],
		]);
	});

	it('places cases on the calendar days of the chosen time zone, today labelled today', () => {
		const at = (iso: string, id: string, score: number): ClassifiedCase => ({
			...classified(id, score, 0),
			case: { ...classified(id, score, 0).case, updatedAt: iso },
		});
		const cases = [
			at('2026-11-16T13:00:00Z', '1', -0.5),
			// 23:30 UTC on the 22nd is already the 23rd in Berlin (UTC+1).
			at('2026-11-22T23:30:00Z', '2', 0.5),
			at('2026-11-23T11:00:00Z', '3', 0.5),
		];
		const [utc] = summarizeAccounts(cases, { now: NOW, timeZone: 'UTC' });
		expect(utc.series.map((point) => point.day)).toEqual([
			'2026-11-16',
			'2026-11-17',
			'2026-11-18',
			'2026-11-19',
			'2026-11-20',
			'2026-11-21',
			'2026-11-22',
			'2026-11-23',
		]);
		expect(utc.series.map((point) => point.scored)).toEqual([1, 0, 0, 0, 0, 0, 1, 1]);
		expect(utc.series[0]).toMatchObject({ netScore: -1, negativeShare: 1 });

		const [berlin] = summarizeAccounts(cases, { now: NOW, timeZone: 'Europe/Berlin' });
		expect(berlin.series.at(-1)).toMatchObject({ day: '2026-11-23', scored: 2 });
		expect(berlin.series[0].start).toBe('2026-11-16T00:00:00+01:00');
	});

	it('refuses a time zone that does not exist', () => {
		expect(() =>
			summarizeAccounts([classified('1', 0.5, 1)], { now: NOW, timeZone: 'Mars/Olympus' }),
		).toThrow(/time zone 'Mars\/Olympus'/);
	});
});

describe('sentiment chart PNG', () => {
	function chunks(png: Buffer): Array<{ type: string; data: Buffer; crcOk: boolean }> {
		const found = [];
		let offset = 8;
		while (offset < png.length) {
			const length = png.readUInt32BE(offset);
			const typeAndData = png.subarray(offset + 4, offset + 8 + length);
			found.push({
				type: typeAndData.subarray(0, 4).toString('ascii'),
				data: typeAndData.subarray(4),
				crcOk: crc32(typeAndData) === png.readUInt32BE(offset + 8 + length),
			});
			offset += 12 + length;
		}
		return found;
	}

	const series = (scores: Array<number | null>) =>
		scores.map((netScore, index) => ({
			day: `2026-11-${10 + index}`,
			start: `2026-11-${10 + index}T00:00:00Z`,
			scored: netScore === null ? 0 : 4,
			netScore,
			negativeShare: netScore === null ? null : (1 - netScore) / 4,
		}));

	it('writes a valid PNG: signature, IHDR of the asked size, good CRCs and pixel data that inflates', () => {
		const png = sentimentChartPng(series([0.5, -0.2, null, 0.8]), {
			...chart,
			width: 200,
			height: 100,
		});
		expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
		const found = chunks(png);
		expect(found.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
		expect(found.every((chunk) => chunk.crcOk)).toBe(true);
		const header = found[0].data;
		expect([header.readUInt32BE(0), header.readUInt32BE(4), header[8], header[9]]).toEqual([
			200, 100, 8, 2,
		]);
		const raw = inflateSync(found[1].data);
		expect(raw.length).toBe(100 * (200 * 3 + 1));
		// Something besides the white background was drawn.
		expect(raw.some((byte, index) => index % 601 !== 0 && byte !== 255)).toBe(true);
	});

	const chart = { account: 'Acme Corp', timeZone: 'Europe/Berlin' };

	it('is readable where it is sent: at least 800 x 400, a title with the account, a legend, day labels', () => {
		const png = sentimentChartPng(series([0.5, -0.2, null, 0.8]), chart);
		const header = chunks(png)[0].data;
		expect(header.readUInt32BE(0)).toBeGreaterThanOrEqual(800);
		expect(header.readUInt32BE(4)).toBeGreaterThanOrEqual(400);
		const texts = sentimentChartTexts(series([0.5, -0.2, null, 0.8]), chart);
		expect(texts).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^SENTIMENT OF ACME CORP/),
				'NET SCORE (-1 TO 1)',
				'NEGATIVE CASES (%)',
				'10 NOV',
				'13 NOV',
				expect.stringContaining('EUROPE/BERLIN'),
			]),
		);
		// Every character the chart writes has a glyph: none is silently left out.
		expect(texts.flatMap((text) => missingGlyphs(text))).toEqual([]);
	});

	it('writes any account name with the glyphs it has: accents stripped, the rest as ?', () => {
		expect(missingGlyphs(chartText('Müller & Søn GmbH'))).toEqual([]);
		expect(chartText('Müller & Søn')).toBe('MULLER & S?N');
	});

	it('draws the title: another account gives other pixels', () => {
		const pixelsOf = (png: Buffer) => inflateSync(chunks(png)[1].data);
		const points = series([0.5, 0.5]);
		expect(
			pixelsOf(sentimentChartPng(points, chart)).equals(
				pixelsOf(sentimentChartPng(points, { ...chart, account: 'Beta Ltd' })),
			),
		).toBe(false);
	});

	it('labels the bucket dates on the x axis', () => {
		const pixelsOf = (png: Buffer) => inflateSync(chunks(png)[1].data);
		const points = series([0.5, 0.5, 0.5]);
		const relabelled = points.map((point) => ({
			...point,
			day: point.day.replace('2026-11', '2026-12'),
			start: point.start.replace('2026-11', '2026-12'),
		}));
		expect(
			pixelsOf(sentimentChartPng(points, chart)).equals(
				pixelsOf(sentimentChartPng(relabelled, chart)),
			),
		).toBe(false);
	});

	it('draws different pixels for different data', () => {
		const first = sentimentChartPng(series([0.5, 0.5, 0.5]), chart);
		const second = sentimentChartPng(series([0.5, -0.8, 0.5]), chart);
		expect(first.equals(second)).toBe(false);
		expect(sentimentChartPng(series([0.5, 0.5, 0.5]), chart).equals(first)).toBe(true);
	});
});
