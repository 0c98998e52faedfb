import { caseFromText } from '../../case/normalize';
import type { SentimentResult } from '../result';
import { OfflineEngine } from './engine';

const engine = new OfflineEngine(() => Date.parse('2026-11-23T10:00:00Z'));
const classify = (text: string) => engine.classifySync(caseFromText(text, 'C1'));

/** Evidence shown for a polar label points the way of that label. */
function expectEvidenceAgrees(result: SentimentResult) {
	const sign = result.label === 'negative' ? -1 : result.label === 'positive' ? 1 : 0;
	if (sign === 0) return;
	for (const item of result.explanation.evidence) expect(Math.sign(item.weight)).toBe(sign);
}

describe('explanations that agree with the text', () => {
	it('does not call a problem that is still not resolved solved', () => {
		const result = classify(
			'Unfortunately the issue is still not resolved. I tried again this morning, could you please have another look? Thank you.',
		);
		expect(result.label).toBe('negative');
		expect(result.signals.map((signal) => signal.type)).not.toContain('resolution');
		expect(result.explanation.summary).not.toMatch(/problem is solved/);
		expectEvidenceAgrees(result);
	});

	it('reads "The issue is not resolved." as a problem still open', () => {
		const result = classify('The issue is not resolved.');
		expect(result.label).not.toBe('positive');
		expect(result.signals.map((signal) => signal.type)).not.toContain('resolution');
		expect(result.explanation.summary).not.toMatch(/problem is solved/);
		for (const item of result.explanation.evidence) expect(item.weight).toBeLessThan(0);
	});

	it('quotes "not bad" as the phrase that counted, not "bad"', () => {
		const result = classify('Not bad at all');
		expect(result.label).toBe('positive');
		const phrases = result.explanation.evidence.map((item) => item.phrase);
		expect(phrases).not.toContain('bad');
		expect(phrases[0]).toMatch(/^not bad/);
		expect(result.explanation.summary).not.toMatch(/"bad"/);
		expectEvidenceAgrees(result);
	});

	it('does not list sarcastic praise as evidence of good news', () => {
		for (const text of [
			'Amazing service. Three hours on hold and still no answer.',
			'Amazing service, three hours on hold and still no answer!',
		]) {
			const result = classify(text);
			expect(result.label).toBe('negative');
			expectEvidenceAgrees(result);
			const amazing = result.explanation.evidence.find((item) => item.phrase === 'amazing');
			if (amazing) expect(amazing.weight).toBeLessThan(0);
		}
	});

	it('still reads plain resolution and thanks as good news', () => {
		const result = classify('Thanks, the issue is resolved now and everything works.');
		expect(result.label).toBe('positive');
		expect(result.signals.map((signal) => signal.type)).toContain('resolution');
		expectEvidenceAgrees(result);
	});

	it('does not raise a signal that the negation turned around', () => {
		const result = classify('I am not grateful at all for this, it is not fixed.');
		const types = result.signals.map((signal) => signal.type);
		expect(types).not.toContain('resolution');
		expect(types).not.toContain('gratitude');
	});
});
