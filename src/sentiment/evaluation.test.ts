import {
	coverageAtConfidence,
	evaluatePredictions,
	formatCoverage,
	formatEvaluation,
} from './evaluation';

const pair = (expected: string, predicted: string) => ({ expected, predicted });

// Eight cases worked out by hand (rows: expected positive, neutral, negative):
//   positive [2, 1, 0]   neutral [0, 1, 1]   negative [1, 0, 2]
const EIGHT = [
	pair('positive', 'positive'),
	pair('positive', 'neutral'),
	pair('neutral', 'neutral'),
	pair('negative', 'negative'),
	pair('negative', 'positive'),
	pair('negative', 'negative'),
	pair('neutral', 'negative'),
	pair('positive', 'positive'),
];

describe('evaluatePredictions', () => {
	it('computes accuracy, the confusion matrix and per-class figures as worked out by hand', () => {
		const evaluation = evaluatePredictions(EIGHT);
		expect(evaluation.labels).toEqual(['positive', 'neutral', 'negative']);
		expect(evaluation.confusion).toEqual([
			[2, 1, 0],
			[0, 1, 1],
			[1, 0, 2],
		]);
		expect(evaluation.correct).toBe(5);
		expect(evaluation.accuracy).toBeCloseTo(0.625, 10);
		const [positive, neutral, negative] = evaluation.perClass;
		// positive: 2 right of 3 predicted, 2 found of 3 carried
		expect(positive).toMatchObject({ support: 3, predicted: 3 });
		expect(positive.precision).toBeCloseTo(2 / 3, 10);
		expect(positive.recall).toBeCloseTo(2 / 3, 10);
		expect(positive.f1).toBeCloseTo(2 / 3, 10);
		// neutral: 1 right of 2 predicted, 1 found of 2 carried
		expect(neutral).toMatchObject({
			support: 2,
			predicted: 2,
			precision: 0.5,
			recall: 0.5,
			f1: 0.5,
		});
		expect(negative.f1).toBeCloseTo(2 / 3, 10);
		// (2/3 + 1/2 + 2/3) / 3
		expect(evaluation.macroF1).toBeCloseTo(11 / 18, 10);
	});

	it('gives a label that was never predicted a precision and F1 of 0, not NaN', () => {
		const evaluation = evaluatePredictions([
			pair('positive', 'positive'),
			pair('negative', 'positive'),
		]);
		const negative = evaluation.perClass.find((metrics) => metrics.label === 'negative')!;
		expect(negative).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 1, predicted: 0 });
		// positive: precision 1/2, recall 1 -> F1 2/3; negative 0; neutral occurs nowhere
		expect(evaluation.macroF1).toBeCloseTo((2 / 3 + 0) / 2, 10);
	});

	it('keeps a label outside the three polarities as a class of its own rather than dropping it', () => {
		const evaluation = evaluatePredictions([
			pair('billing', 'negative'),
			pair('billing', 'billing'),
		]);
		expect(evaluation.labels).toEqual(['positive', 'neutral', 'negative', 'billing']);
		expect(evaluation.confusion[3]).toEqual([0, 0, 1, 1]);
		expect(evaluation.total).toBe(2);
	});

	it('reports zeros for no predictions at all', () => {
		const evaluation = evaluatePredictions([]);
		expect(evaluation).toMatchObject({ total: 0, correct: 0, accuracy: 0, macroF1: 0 });
	});

	it('formats the figures and the matrix as text', () => {
		const text = formatEvaluation(evaluatePredictions(EIGHT));
		expect(text).toContain('accuracy   0.625 (5/8)');
		expect(text).toContain('macro-F1   0.611');
		expect(text).toMatch(/neutral\s+0\.500\s+0\.500\s+0\.500\s+2/);
		expect(text).toMatch(/negative\s+1\s+0\s+2\n?$/);
	});
});

describe('coverageAtConfidence', () => {
	const scored = [
		{ ...pair('positive', 'positive'), confidence: 0.95 },
		{ ...pair('negative', 'negative'), confidence: 0.9 },
		{ ...pair('negative', 'neutral'), confidence: 0.8 },
		{ ...pair('neutral', 'neutral'), confidence: 0.4 },
	];

	it('keeps the cases at or above the threshold and measures accuracy on them only', () => {
		expect(coverageAtConfidence(scored, 0.9)).toEqual({
			threshold: 0.9,
			kept: 2,
			share: 0.5,
			keptAccuracy: 1,
		});
		const lower = coverageAtConfidence(scored, 0.8);
		expect(lower.kept).toBe(3);
		expect(lower.keptAccuracy).toBeCloseTo(2 / 3, 10);
	});

	it('says null, not 0 or NaN, for the accuracy when nothing is kept', () => {
		expect(coverageAtConfidence(scored, 0.99)).toEqual({
			threshold: 0.99,
			kept: 0,
			share: 0,
			keptAccuracy: null,
		});
		expect(formatCoverage([coverageAtConfidence(scored, 0.99)])).toMatch(/0\.99\s+0\s+0\.0 %\s+-$/);
	});
});
