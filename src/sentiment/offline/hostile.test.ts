import { caseFromText } from '../../case/normalize';
import { analyzeText } from './analyze';
import { OfflineEngine } from './engine';

/** Text an attacker or an unlucky paste sends: no punctuation, so one endless sentence. */
function adversarial(bytes: number, unit: string): string {
	return unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit))).slice(0, bytes);
}

const engine = new OfflineEngine(() => Date.parse('2026-11-23T10:00:00Z'));
const MEGABYTE = 1024 * 1024;

describe('offline engine on hostile text', () => {
	it('reads 1 MB of negations, emoji and contrasts without punctuation in under a second', () => {
		// Loading the language detector and the rules happens once per process, not per text: a
		// text eld must read (Japanese) loads it, an English one the English rules.
		engine.classifySync(caseFromText('注文した商品がまだ届きません。', 'warm'));
		engine.classifySync(caseFromText('Warm up the language detector and the rules.', 'warm'));
		for (const unit of ['no no not never ', 'no 😡 great but bad ', 'but but however good ']) {
			const text = adversarial(MEGABYTE, unit);
			const started = performance.now();
			const result = engine.classifySync(caseFromText(text, 'hostile'));
			expect(performance.now() - started).toBeLessThan(1000);
			expect(result.label).toMatch(/positive|neutral|negative/);
		}
	});

	it('checks negations in a time linear in the sentence, not quadratic', () => {
		// 100 KB of "no" took 1.2 s with the old check; the whole text is one sentence.
		const started = performance.now();
		analyzeText(adversarial(100 * 1024, 'no '));
		expect(performance.now() - started).toBeLessThan(250);
	});

	it('reads the first and last 10,000 characters of a long message and says so', () => {
		const filler = 'order 123 parcel 456 invoice 789 ';
		const long = `This is terrible. ${filler.repeat(4000)} I am furious.`;
		const result = engine.classifySync(caseFromText(long, 'long'));
		expect(result.label).toBe('negative');
		expect(result.explanation.summary).toMatch(
			/read the first and last 10,000 of its [\d,]+ characters/,
		);
		const phrases = result.explanation.evidence.map((item) => item.phrase);
		expect(phrases).toEqual(expect.arrayContaining(['terrible', 'furious']));
	});

	it('does not mention a cut for a message that was read whole', () => {
		const result = engine.classifySync(caseFromText('This is terrible.', 'short'));
		expect(result.explanation.summary).not.toMatch(/characters/);
	});
});
