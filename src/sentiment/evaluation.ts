import { SENTIMENT_LABELS } from './result';

/**
 * How well predicted labels match human labels: accuracy, per-class precision / recall / F1,
 * macro-F1 and the confusion matrix, plus how many cases an engine keeps above a confidence
 * (what the hybrid engine's threshold decides). Used by `case-sentiment evaluate` and by the
 * benchmark, so that both report the same figures.
 */

export interface LabelledPrediction {
	expected: string;
	predicted: string;
}

export interface ClassMetrics {
	label: string;
	/** Share of the cases predicted as this label that carry it; 0 when none was predicted. */
	precision: number;
	/** Share of the cases that carry this label that were predicted as it; 0 when none carries it. */
	recall: number;
	f1: number;
	/** Cases that carry this label. */
	support: number;
	/** Cases predicted as this label. */
	predicted: number;
}

export interface Evaluation {
	total: number;
	correct: number;
	accuracy: number;
	/** Mean F1 over the labels that occur among the expected or the predicted labels. */
	macroF1: number;
	labels: string[];
	perClass: ClassMetrics[];
	/** confusion[i][j]: cases whose expected label is labels[i] and predicted label labels[j]. */
	confusion: number[][];
}

function ratio(part: number, whole: number): number {
	return whole === 0 ? 0 : part / whole;
}

/**
 * Labels beyond `labels` (the admin's own categories, a typo in a file) are added in order of
 * first appearance rather than dropped, so every prediction is counted somewhere.
 */
export function evaluatePredictions(
	predictions: readonly LabelledPrediction[],
	labels: readonly string[] = SENTIMENT_LABELS,
): Evaluation {
	const order = [...labels];
	for (const { expected, predicted } of predictions) {
		if (!order.includes(expected)) order.push(expected);
		if (!order.includes(predicted)) order.push(predicted);
	}
	const index = new Map(order.map((label, position) => [label, position]));
	const confusion = order.map(() => order.map(() => 0));
	for (const { expected, predicted } of predictions) {
		confusion[index.get(expected)!][index.get(predicted)!] += 1;
	}
	const perClass = order.map((label, i): ClassMetrics => {
		const truePositives = confusion[i][i];
		const support = confusion[i].reduce((sum, count) => sum + count, 0);
		const predicted = confusion.reduce((sum, row) => sum + row[i], 0);
		const precision = ratio(truePositives, predicted);
		const recall = ratio(truePositives, support);
		return {
			label,
			precision,
			recall,
			f1: ratio(2 * precision * recall, precision + recall),
			support,
			predicted,
		};
	});
	// A label that no case carries and no case got says nothing about the engine: leaving it out
	// of the mean keeps a two-class data set from being scored as if it had three classes.
	const occurring = perClass.filter((metrics) => metrics.support > 0 || metrics.predicted > 0);
	const correct = order.reduce((sum, _label, i) => sum + confusion[i][i], 0);
	return {
		total: predictions.length,
		correct,
		accuracy: ratio(correct, predictions.length),
		macroF1: ratio(
			occurring.reduce((sum, metrics) => sum + metrics.f1, 0),
			occurring.length,
		),
		labels: order,
		perClass,
		confusion,
	};
}

export interface ConfidenceCoverage {
	/** null: each prediction's own (`keepAt`, its language's threshold). */
	threshold: number | null;
	/** Cases whose confidence is at or above the threshold. */
	kept: number;
	/** kept / all cases. */
	share: number;
	/** Accuracy over the kept cases; null when none is kept. */
	keptAccuracy: number | null;
}

/**
 * What an engine keeps at a confidence threshold (or, with null, at each prediction's `keepAt`),
 * and how often it is right on what it keeps. Confidence 0 is no reading and is never kept.
 */
export function coverageAtConfidence(
	predictions: ReadonlyArray<LabelledPrediction & { confidence: number; keepAt?: number }>,
	threshold: number | null,
): ConfidenceCoverage {
	const kept = predictions.filter(
		(prediction) =>
			prediction.confidence > 0 &&
			prediction.confidence >= (threshold ?? prediction.keepAt ?? Number.POSITIVE_INFINITY),
	);
	const right = kept.filter((prediction) => prediction.expected === prediction.predicted).length;
	return {
		threshold,
		kept: kept.length,
		share: ratio(kept.length, predictions.length),
		keptAccuracy: kept.length === 0 ? null : right / kept.length,
	};
}

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
const fixed = (value: number) => value.toFixed(3);

/** A plain-text report: the headline figures, a per-class table and the confusion matrix. */
export function formatEvaluation(evaluation: Evaluation): string {
	const width = Math.max(9, ...evaluation.labels.map((label) => label.length)) + 2;
	const cell = (text: string | number) => String(text).padStart(width);
	const lines = [
		`cases      ${evaluation.total}`,
		`accuracy   ${fixed(evaluation.accuracy)} (${evaluation.correct}/${evaluation.total})`,
		`macro-F1   ${fixed(evaluation.macroF1)}`,
		'',
		'label'.padEnd(width) + ['precision', 'recall', 'F1', 'support'].map(cell).join(''),
		...evaluation.perClass.map(
			(metrics) =>
				metrics.label.padEnd(width) +
				[fixed(metrics.precision), fixed(metrics.recall), fixed(metrics.f1), metrics.support]
					.map(cell)
					.join(''),
		),
		'',
		'confusion (rows: expected, columns: predicted)',
		''.padEnd(width) + evaluation.labels.map(cell).join(''),
		...evaluation.labels.map(
			(label, i) => label.padEnd(width) + evaluation.confusion[i].map(cell).join(''),
		),
	];
	return lines.join('\n');
}

/** One line per threshold: how much an engine keeps and how right it is on what it keeps. */
export function formatCoverage(coverages: readonly ConfidenceCoverage[]): string {
	return [
		'confidence >=   kept    share   accuracy of kept',
		...coverages.map(
			(coverage) =>
				`${(coverage.threshold === null ? 'per language' : coverage.threshold.toFixed(2)).padStart(13)}${String(coverage.kept).padStart(7)}` +
				`${percent(coverage.share).padStart(9)}` +
				`${(coverage.keptAccuracy === null ? '-' : percent(coverage.keptAccuracy)).padStart(19)}`,
		),
	].join('\n');
}

/** A prediction for a record that says which language it is in. */
export interface PredictionInLanguage extends LabelledPrediction {
	language?: string | null;
}

/**
 * Figures per language, for records that carry one (`language` in the file): a language the
 * offline engine reads badly should not hide behind the others' average.
 */
export function evaluateByLanguage(
	predictions: readonly PredictionInLanguage[],
): Record<string, Evaluation> {
	const byLanguage = new Map<string, PredictionInLanguage[]>();
	for (const prediction of predictions) {
		if (!prediction.language) continue;
		const group = byLanguage.get(prediction.language) ?? [];
		group.push(prediction);
		byLanguage.set(prediction.language, group);
	}
	return Object.fromEntries(
		[...byLanguage].map(([language, group]) => [language, evaluatePredictions(group)]),
	);
}

/** One line per language: cases, accuracy and macro-F1. */
export function formatLanguages(byLanguage: Readonly<Record<string, Evaluation>>): string {
	return [
		'language    cases   accuracy   macro-F1',
		...Object.entries(byLanguage).map(
			([language, evaluation]) =>
				`${language.padEnd(8)}${String(evaluation.total).padStart(9)}` +
				`${fixed(evaluation.accuracy).padStart(11)}${fixed(evaluation.macroF1).padStart(11)}`,
		),
	].join('\n');
}
