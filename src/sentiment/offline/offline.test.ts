import { parseCase } from '../../case/case';
import { caseFromText } from '../../case/normalize';
import { sentimentResultSchema } from '../result';
import { analyzeText } from './analyze';
import { OFFLINE_CONFIDENCE_FOR_HYBRID, OfflineEngine, scoreText } from './engine';

const engine = new OfflineEngine(() => Date.parse('2026-11-23T10:00:00Z'));

function thread(...messages: Array<[role: 'requester' | 'fulfiller', text: string]>) {
	return parseCase({
		id: 'C1',
		subject: '',
		messages: messages.map(([authorRole, text], index) => ({
			id: `m${index + 1}`,
			author: authorRole === 'requester' ? 'pat@example.com' : 'agent',
			authorRole,
			visibility: 'public',
			text,
			createdAt: `2026-11-2${index}T10:00:00Z`,
		})),
	});
}

describe('analyzeText rules', () => {
	it('turns a negated word and weakens praise before "but"', () => {
		expect(analyzeText('The agent was not helpful').compound).toBeLessThan(0);
		const contrast = analyzeText('The app is great but your support is useless');
		expect(contrast.compound).toBeLessThan(0);
	});

	it('reads support phrases that a generic lexicon misses', () => {
		const hits = analyzeText('Third time I write, still waiting for my refund').hits;
		expect(hits.map((hit) => hit.signal)).toEqual(
			expect.arrayContaining(['repeat_contact', 'waiting', 'refund_request']),
		);
		expect(analyzeText('No problem, it works now').compound).toBeGreaterThan(0.3);
	});

	it('reads a negated verb as a reported failure, but not an idiom', () => {
		expect(analyzeText("My package didn't arrive").compound).toBeLessThan(0);
		expect(analyzeText("Can't wait for the new release").compound).toBeGreaterThan(0);
	});

	it('reads praise next to a failure as sarcasm', () => {
		const analysis = analyzeText('Thanks for the 3 hour delay');
		expect(analysis.compound).toBeLessThan(0);
		expect(analysis.hits.some((hit) => hit.signal === 'sarcasm')).toBe(true);
	});

	it('reads a solved problem as good news, not as sarcasm', () => {
		expect(
			analyzeText('Thank you so much, the issue is resolved and I am very happy!').compound,
		).toBeGreaterThan(0.5);
		expect(analyzeText('Thanks, the problem is fixed now.').compound).toBeGreaterThan(0.3);
	});

	it('keeps praise after "but" apart from the complaint before it', () => {
		expect(
			analyzeText('Not fun to wait so long but the agent was AWESOME!').compound,
		).toBeGreaterThan(0);
		expect(
			analyzeText('The agent was great but the refund is still missing').compound,
		).toBeLessThan(0);
	});

	it('knows praise of service that a generic lexicon lacks', () => {
		expect(analyzeText('Incredible support, so refreshing!').compound).toBeGreaterThan(0.5);
	});

	it('counts shouting and emoji', () => {
		expect(analyzeText('This is TERRIBLE').compound).toBeLessThan(
			analyzeText('This is terrible').compound,
		);
		expect(analyzeText('Thanks 😊').compound).toBeGreaterThan(analyzeText('Thanks').compound);
		expect(
			analyzeText('WHY IS THIS STILL BROKEN?! I am done').formSignals.map((signal) => signal.type),
		).toContain('frustration');
	});

	it('damps praise in a request or a question', () => {
		expect(analyzeText('Would love to get a reply').compound).toBeLessThan(
			analyzeText('Love the reply').compound,
		);
		expect(analyzeText('Can you help?').compound).toBeLessThan(0.3);
	});
});

describe('analyzeText form rules', () => {
	it('skips @mentions and links, which name someone or something and carry no mood', () => {
		// "united" and "super" are VADER words; inside a handle or a URL they must not count.
		expect(analyzeText('@UnitedHelpDesk my order 4411 was shipped').hits).toEqual([]);
		expect(analyzeText('see https://example.com/super-happy-deal for the invoice').hits).toEqual(
			[],
		);
		expect(analyzeText('@shopdesk this is great').compound).toBeCloseTo(
			analyzeText('this is great').compound,
			6,
		);
	});

	it('reads an elongated word as the word, stressed', () => {
		const held = analyzeText('the new dashboard is goooood');
		expect(held.hits.map((hit) => hit.phrase)).toEqual(['good']);
		expect(held.compound).toBeGreaterThan(analyzeText('the new dashboard is good').compound);
		expect(analyzeText('soooo slow and baaad').compound).toBeLessThan(
			analyzeText('so slow and bad').compound,
		);
		// A word that is not a stretched known word is left alone.
		expect(analyzeText('zzzzz').hits).toEqual([]);
	});

	it('counts what follows "if" or "unless" half: it is supposed, not said', () => {
		expect(analyzeText('if the export works I will be happy').compound).toBeLessThan(
			analyzeText('the export works and I am happy').compound,
		);
		expect(analyzeText('if the export works I will be happy').compound).toBeGreaterThan(0);
	});

	it('knows common emoji beyond the classic faces', () => {
		expect(analyzeText('new release 🥳').compound).toBeGreaterThan(0);
		expect(analyzeText('the invoice again 🤦').compound).toBeLessThan(0);
	});

	it('notes whether the text asks', () => {
		expect(analyzeText('Is the portal down?').asks).toBe(true);
		expect(analyzeText('The portal is down.').asks).toBe(false);
	});
});

describe('scoreText confidence', () => {
	it('keeps neutral calls below the hybrid threshold so the LLM decides them', () => {
		expect(scoreText('My order number is 1234').confidence).toBeLessThan(
			OFFLINE_CONFIDENCE_FOR_HYBRID,
		);
		expect(scoreText('The form is okay I guess').confidence).toBeLessThan(
			OFFLINE_CONFIDENCE_FOR_HYBRID,
		);
	});

	it('is higher when several words agree than for one word', () => {
		const one = scoreText('The upload failed.');
		const several = scoreText('The upload failed again, terrible and useless, I am angry.');
		expect(one.label).toBe('negative');
		expect(several.label).toBe('negative');
		expect(several.confidence).toBeGreaterThan(one.confidence);
		expect(several.confidence).toBeGreaterThanOrEqual(OFFLINE_CONFIDENCE_FOR_HYBRID);
	});

	it('counts evidence read from negations and numbers as weaker than sentiment words', () => {
		expect(analyzeText('The parcel did not come.').hits).toEqual([
			{ phrase: 'not come', weight: expect.any(Number), inferred: true },
		]);
		expect(analyzeText('We sat there for 3 hours.').hits[0]).toMatchObject({ inferred: true });
		expect(analyzeText('The parcel is damaged.').hits[0].inferred).toBeUndefined();
		// Two negated verbs alone: a guess at what the negations mean, left to the model.
		const inferredOnly = scoreText('The parcel did not come and the app does not open.');
		expect(inferredOnly.label).toBe('negative');
		expect(inferredOnly.confidence).toBeLessThan(OFFLINE_CONFIDENCE_FOR_HYBRID);
		// A sentiment word and a negated verb that agree: kept.
		const both = scoreText('The parcel did not come, this is terrible.');
		expect(both.confidence).toBeGreaterThanOrEqual(OFFLINE_CONFIDENCE_FOR_HYBRID);
	});

	it('is lower for a question, for mixed praise and complaint, and for praise than for complaint', () => {
		const statement = scoreText('The new editor is wonderful and fast, I love it.');
		const question = scoreText(
			'The new editor is wonderful and fast, I love it, is it in the free plan?',
		);
		expect(question.confidence).toBeLessThan(statement.confidence);
		const plain = scoreText('The app is awful and the sync is broken.');
		const mixed = scoreText('The app is awful and the sync is broken, the design is lovely.');
		expect(mixed.confidence).toBeLessThan(plain.confidence);
		const praise = scoreText('Wonderful, excellent, great app.');
		const complaint = scoreText('Horrible, awful, terrible app.');
		expect(praise.confidence).toBeLessThan(complaint.confidence);
	});
});

describe('scoreText', () => {
	it('labels plain texts with a confidence', () => {
		expect(scoreText('I love this, thank you so much!')).toMatchObject({ label: 'positive' });
		expect(scoreText('Worst service ever, I want my money back')).toMatchObject({
			label: 'negative',
		});
		const neutral = scoreText('My order number is 1234');
		expect(neutral.label).toBe('neutral');
		expect(neutral.confidence).toBeGreaterThan(0);
		expect(neutral.confidence).toBeLessThan(1);
	});
});

describe('OfflineEngine', () => {
	it('returns a valid result with evidence, signals and actions for a negative case', async () => {
		const result = await engine.classify(
			thread(
				['requester', 'My invoice is wrong, I was charged twice.'],
				['fulfiller', 'Sorry about that, we are looking into it.'],
				[
					'requester',
					'Third time I ask. Still waiting for the refund. Fix it or I will cancel my subscription!',
				],
			),
		);
		expect(sentimentResultSchema.parse(result)).toEqual(result);
		expect(result.label).toBe('negative');
		expect(result.engine).toBe('offline');
		expect(result.decidedBy).toBe('offline');
		expect(result.explanation.evidence.every((item) => item.messageId !== 'm2')).toBe(true);
		expect(result.signals.map((signal) => signal.type)).toEqual(
			expect.arrayContaining(['churn_risk', 'repeat_contact', 'waiting', 'refund_request']),
		);
		expect(result.suggestedActions.map((action) => action.code)).toEqual(
			expect.arrayContaining(['retention_offer', 'refund_review']),
		);
		expect(result.suggestedActions.length).toBeLessThanOrEqual(3);
		const phrases = result.explanation.evidence.map((item) => item.phrase);
		expect(new Set(phrases).size).toBe(phrases.length);
		expect(result.explanation.summary).toMatch(/^Negative/);
		expect(result.analyzedAt).toBe('2026-11-23T10:00:00.000Z');
	});

	it('weighs recent messages more and reports the trend', () => {
		const recovering = engine.classifySync(
			thread(
				['requester', 'This is unacceptable, nothing works and nobody answers.'],
				['fulfiller', 'We fixed the configuration, can you check?'],
				['requester', 'It works now, thank you so much for the help!'],
			),
		);
		expect(recovering.label).toBe('positive');
		expect(recovering.trend.direction).toBe('improving');
		expect(recovering.suggestedActions.map((action) => action.code)).toEqual(['survey']);

		const souring = engine.classifySync(
			thread(
				['requester', 'Thanks for the quick reply!'],
				['requester', 'Still not working, this is ridiculous.'],
			),
		);
		expect(souring.label).toBe('negative');
		expect(souring.trend.direction).toBe('worsening');
	});

	it('keeps a strong complaint in view when a terse reply follows', () => {
		const resigned = engine.classifySync(
			thread(
				[
					'requester',
					'It has been hours and nobody answers. This is unacceptable, we are furious.',
				],
				['fulfiller', 'The refund is approved.'],
				['requester', 'Fine. Make sure it does not happen again.'],
			),
		);
		expect(resigned.label).toBe('negative');
	});

	it('reads "it worked last week" as broken now', () => {
		expect(analyzeText('Android 15. It worked last week.').compound).toBeLessThan(0);
	});

	it('ignores what agents write', () => {
		const result = engine.classifySync(
			thread(
				['requester', 'Where is my order?'],
				['fulfiller', 'Terrible news: it is lost, we are so sorry, awful.'],
			),
		);
		expect(result.label).not.toBe('negative');
	});

	it('refuses a case without customer text instead of calling it neutral', () => {
		expect(() => engine.classifySync(caseFromText('   ', 'E1'))).toThrow(/no customer text/);
	});
});
