import { polarityOf } from '../sentiment/result';
import { healthBand, healthFigures } from './health';

describe('health bands', () => {
	it.each([
		[0, 10, 'strong'],
		[9, 100, 'strong'],
		[1, 10, 'healthy'], // exactly 10 %: healthy
		[2, 10, 'healthy'], // exactly 20 %: still healthy
		[21, 100, 'strained'],
		[7, 20, 'strained'], // exactly 35 %: still strained
		[36, 100, 'at_risk'],
		[10, 10, 'at_risk'],
	])('puts %i negative of %i cases in %s', (negative, scored, band) => {
		expect(healthBand(negative, scored)).toBe(band);
	});

	it('has no band without cases', () => {
		expect(healthBand(0, 0)).toBeNull();
		expect(healthFigures({ positive: 0, neutral: 0, negative: 0 })).toMatchObject({
			netScore: null,
			band: null,
		});
	});

	it('computes the net score as (positive - negative) / scored and the shares', () => {
		expect(healthFigures({ positive: 5, neutral: 3, negative: 2 })).toMatchObject({
			scored: 10,
			netScore: 0.3,
			negativeShare: 0.2,
			neutralShare: 0.3,
			band: 'healthy',
		});
	});

	it("reads an admin's own category by its score", () => {
		expect(polarityOf({ label: 'furious', score: -0.8 })).toBe('negative');
		expect(polarityOf({ label: 'delighted', score: 0.9 })).toBe('positive');
		expect(polarityOf({ label: 'Negative', score: 0.2 })).toBe('negative');
	});
});
