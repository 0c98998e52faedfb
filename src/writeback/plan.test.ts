import { caseThread } from '../case/thread';
import { normalizeCase } from '../case/normalize';
import { isWriteBackNote } from './note';
import { planWrite, sentimentToWrite, WriteBackConfigError, type WriteBackTargets } from './plan';

const targets: WriteBackTargets = {
	scale: 'levels',
	levelField: 'u_sentiment',
	scoreField: 'u_sentiment_score',
	scoreFormat: 'score100',
	tagPrefix: null,
	note: true,
	scoreBand: 10,
};
const negative = sentimentToWrite(
	{ label: 'negative', score: -0.7, explanation: { summary: 'Charged twice.' } },
	'levels',
);

describe('planWrite', () => {
	it('writes the level, the score and a marked note to a case that holds nothing yet', () => {
		const plan = planWrite(negative, { level: null, score: null, tags: [] }, targets);
		expect(plan.changed).toBe(true);
		expect(plan.fields).toEqual({ u_sentiment: 'very_negative', u_sentiment_score: 15 });
		expect(plan.note).toBe('Case Sentiment: Very Negative (score 15/100). Charged twice.');
		expect(isWriteBackNote(plan.note!)).toBe(true);
	});

	it('writes nothing when the case holds the level and the score is in the same band', () => {
		const plan = planWrite(negative, { level: 'very_negative', score: 12, tags: [] }, targets);
		expect(plan).toMatchObject({ changed: false, fields: {}, note: null, tags: null });
	});

	it('rewrites only the score, without a note, when the score leaves its band at the same level', () => {
		const plan = planWrite(negative, { level: 'very_negative', score: 4, tags: [] }, targets);
		expect(plan).toMatchObject({ changed: true, fields: { u_sentiment_score: 15 }, note: null });
	});

	it('swaps the level tag and keeps the other tags', () => {
		const plan = planWrite(
			sentimentToWrite(
				{ label: 'positive', score: 0.3, explanation: { summary: 'Thanks' } },
				'labels',
			),
			{ level: null, score: null, tags: ['vip', 'sentiment_negative'] },
			{ ...targets, levelField: null, scoreField: null, tagPrefix: 'sentiment_', note: false },
		);
		expect(plan).toMatchObject({
			changed: true,
			levelBefore: 'negative',
			tags: ['vip', 'sentiment_positive'],
			addTags: ['sentiment_positive'],
			removeTags: ['sentiment_negative'],
			note: null,
		});
	});

	it('refuses targets with nowhere to keep the level', () => {
		expect(() =>
			planWrite(negative, { level: null, score: null, tags: [] }, { ...targets, levelField: null }),
		).toThrow(WriteBackConfigError);
	});
});

describe('the write-back note', () => {
	it('is left out of the thread an engine reads, even with internal notes included', () => {
		const supportCase = normalizeCase({
			id: 'c1',
			subject: 'Billing',
			description: 'Charged twice',
			messages: [
				{ id: 'n1', role: 'fulfiller', visibility: 'internal', text: 'Refund is approved.' },
				{
					id: 'n2',
					role: 'fulfiller',
					visibility: 'internal',
					text: 'Case Sentiment: Very Negative (score 15/100). Charged twice.',
				},
			],
		});
		expect(caseThread(supportCase, { includeInternal: true }).map((u) => u.messageId)).toEqual([
			'description',
			'n1',
		]);
	});
});
