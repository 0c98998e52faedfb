import { sentimentResult } from '../../test/fixtures/sentiment';
import { parseCase } from '../case/case';
import { classifyCases, reusableResult } from './classifyCases';
import { createEngine, engineSpec } from './factory';
import { STRONG_SCORE, levelOf, onScale, scoreOutOf100 } from './levels';
import { type SentimentResult, sentimentResultSchema } from './result';

const furious = parseCase({
	id: 'C1',
	description:
		'This is the third time I write. Absolutely unacceptable, terrible service, I want a refund now!',
});
const grateful = parseCase({
	id: 'C2',
	description: 'Thank you so much, the agent was wonderful and fixed it in minutes. Great support!',
});
const mild = parseCase({ id: 'C3', description: 'The export is a bit slow today.' });

describe('five sentiment levels', () => {
	it('reads a level from the label and how far the score is from 0', () => {
		expect(levelOf({ label: 'negative', score: -1 })).toBe('very_negative');
		expect(levelOf({ label: 'negative', score: -STRONG_SCORE })).toBe('very_negative');
		expect(levelOf({ label: 'negative', score: -0.59 })).toBe('negative');
		expect(levelOf({ label: 'neutral', score: -0.7 })).toBe('neutral');
		expect(levelOf({ label: 'positive', score: 0.59 })).toBe('positive');
		expect(levelOf({ label: 'positive', score: 0.6 })).toBe('very_positive');
	});

	it('never contradicts the label: a negative label at a score near 0 is negative, not neutral', () => {
		expect(levelOf({ label: 'negative', score: -0.01 })).toBe('negative');
		expect(levelOf({ label: 'positive', score: 0.01 })).toBe('positive');
	});

	it("takes the polarity of the admin's own categories from the score", () => {
		expect(levelOf({ label: 'frustrated', score: -0.8 })).toBe('very_negative');
		expect(levelOf({ label: 'calm', score: 0 })).toBe('neutral');
		expect(levelOf({ label: 'delighted', score: 0.3 })).toBe('positive');
	});

	it('shows the score on 0..100 with 50 as neutral', () => {
		expect([-1, -0.6, 0, 0.25, 1].map(scoreOutOf100)).toEqual([0, 20, 50, 63, 100]);
	});

	it('adds level and 0-100 score only on the five-level scale, and takes them off again', () => {
		const base = sentimentResult(-0.7, 'k');
		const levels = onScale(base, 'levels');
		expect(levels).toMatchObject({ level: 'very_negative', score100: 15 });
		expect(sentimentResultSchema.parse(levels)).toEqual(levels);
		expect(onScale(levels, 'labels')).toEqual(base);
	});
});

describe('classifyCases on the five-level scale', () => {
	it('gives the offline engine a level that agrees with its label on every case', async () => {
		const engine = await createEngine(engineSpec({ kind: 'offline' }));
		const outcomes = await classifyCases(
			engine,
			[furious, grateful, mild].map((supportCase) => ({ supportCase })),
			2,
			'levels',
		);
		const results = outcomes.map((outcome) => {
			if (outcome.status === 'failed') throw outcome.error;
			return outcome.result;
		});
		expect(results.map((result) => result.level)).toEqual([
			'very_negative',
			'very_positive',
			expect.stringMatching(/^(negative|neutral)$/),
		]);
		for (const result of results) {
			expect(result.level).toBe(levelOf(result));
			expect(result.score100).toBe(scoreOutOf100(result.score));
		}
		const threeLabels = await classifyCases(engine, [{ supportCase: furious }], 1);
		expect(threeLabels[0]).toMatchObject({ status: 'classified' });
		expect((threeLabels[0] as { result: SentimentResult }).result.level).toBeUndefined();
	});

	it('keeps a sealed result reusable whichever scale it was shown on', async () => {
		const engine = await createEngine(engineSpec({ kind: 'offline', resultKey: 'secret' }));
		const [first] = await classifyCases(engine, [{ supportCase: furious }], 1, 'levels');
		if (first.status === 'failed') throw first.error;
		expect(reusableResult(first.result, furious, engine)).not.toBeNull();
		const [again] = await classifyCases(
			engine,
			[{ supportCase: furious, previous: first.result }],
			1,
			'labels',
		);
		expect(again.status).toBe('unchanged');
		expect((again as { result: SentimentResult }).result.level).toBeUndefined();
		// A level edited upstream is not trusted: it is read again from label and score.
		const edited = { ...first.result, level: 'very_positive' };
		const [reread] = await classifyCases(
			engine,
			[{ supportCase: furious, previous: edited }],
			1,
			'levels',
		);
		expect(reread.status).toBe('unchanged');
		expect((reread as { result: SentimentResult }).result.level).toBe('very_negative');
	});
});
