import { accountCase, sentimentResult } from '../../test/fixtures/sentiment';
import type { Case } from '../case/case';
import type { SentimentEngine } from '../sentiment/engine';
import type { SentimentResult } from '../sentiment/result';
import type { CaseSource } from '../sources/source';
import { evaluateThresholds } from './evaluate';
import { sampleThresholdEvents } from './poll';
import { DEFAULT_THRESHOLD_SETTINGS, type ThresholdSettings } from './settings';

const START = Date.parse('2026-11-23T08:00:00Z');
const minutes = (count: number) => START + count * 60_000;
const turnsNegative = (overrides: Partial<ThresholdSettings> = {}): ThresholdSettings => ({
	...DEFAULT_THRESHOLD_SETTINGS,
	caseRules: { ...DEFAULT_THRESHOLD_SETTINGS.caseRules, turnsNegative: true },
	cooldownMinutes: 0,
	...overrides,
});

/** Runs one case through polls with the given scores; the case is closed where `closed` says. */
function run(
	settings: ThresholdSettings,
	polls: Array<{ score: number; closed?: boolean; confidence?: number }>,
) {
	let stored: unknown = {};
	return polls.map(({ score, closed = false, confidence = 0.9 }, index) => {
		const evaluation = evaluateThresholds(
			stored,
			[
				{
					case: accountCase('c1', { closed, state: closed ? 'resolved' : 'open' }),
					result: sentimentResult(score, `v${index}`, { confidence }),
				},
			],
			settings,
			minutes(index * 10),
		);
		stored = JSON.parse(JSON.stringify(evaluation.state));
		return evaluation.events.map((event) => event.rule);
	});
}

describe('threshold options for what a user wants to hear about', () => {
	it('stays silent on a closed case when Skip Closed Cases is on, and fires once it is open again', () => {
		const polls = [{ score: 0.4 }, { score: -0.6, closed: true }, { score: -0.7 }];
		expect(run(turnsNegative({ skipClosed: true }), polls)).toEqual([[], [], ['turnsNegative']]);
		expect(run(turnsNegative({ skipClosed: false }), polls)).toEqual([[], ['turnsNegative'], []]);
	});

	it("skips a case's first sighting when asked, and fires on its next real crossing", () => {
		const polls = [{ score: -0.6 }, { score: -0.7 }, { score: 0.4 }, { score: -0.6 }];
		expect(run(turnsNegative({ skipFirstSighting: true }), polls)).toEqual([
			[],
			[],
			[],
			['turnsNegative'],
		]);
		expect(run(turnsNegative(), polls)).toEqual([['turnsNegative'], [], [], ['turnsNegative']]);
	});

	it('never fires on a result with confidence 0 (a language the offline engine does not read)', () => {
		const settings = turnsNegative({
			caseRules: { ...DEFAULT_THRESHOLD_SETTINGS.caseRules, turnsNegative: true, scoreBelow: -0.5 },
		});
		// An unsupported language comes out neutral with confidence 0: it is no recovery either.
		const polls = [{ score: -0.6 }, { score: 0, confidence: 0 }, { score: -0.7 }];
		expect(run(settings, polls)).toEqual([['turnsNegative', 'scoreBelow'], [], []]);
		expect(run(settings, [{ score: -0.8, confidence: 0 }])).toEqual([[]]);
	});
});

describe('the test event', () => {
	const engine: SentimentEngine = {
		name: 'offline',
		labels: ['positive', 'neutral', 'negative'],
		classify: async (supportCase: Case): Promise<SentimentResult> =>
			sentimentResult(/angry/.test(supportCase.description) ? -0.7 : 0.5, supportCase.id),
	};
	const source = (cases: Case[]): CaseSource => ({
		name: 'Fixed',
		fetchChanged: async () => ({ cases: [], nextCursor: null, complete: true }),
		sample: async (count) => cases.slice(0, count),
	});

	it('shows an open negative case first, not the latest resolved one', async () => {
		const events = await sampleThresholdEvents({
			source: source([
				accountCase('resolved', { description: 'angry', closed: true, state: 'resolved' }),
				accountCase('happy', { description: 'thanks' }),
				accountCase('open', { description: 'angry', state: 'open' }),
			]),
			engine,
			now: new Date(START),
			thresholdSettings: turnsNegative(),
			count: 5,
		});
		expect(events[0]).toMatchObject({ rule: 'turnsNegative', caseId: 'open' });
	});
});
