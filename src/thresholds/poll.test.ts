import { accountCase, sentimentResult } from '../../test/fixtures/sentiment';
import type { Case } from '../case/case';
import { requesterUtterances } from '../case/thread';
import { DEFAULT_POLL_SETTINGS } from '../polling/state';
import type { SentimentEngine } from '../sentiment/engine';
import type { SentimentResult } from '../sentiment/result';
import { DemoCaseSource } from '../sources/demo';
import type { CaseSource } from '../sources/source';
import { pollThresholds, sampleThresholdEvents } from './poll';
import { DEFAULT_THRESHOLD_SETTINGS } from './settings';

/** Negative when the customer's last words are angry: enough to drive the rules predictably. */
class KeywordEngine implements SentimentEngine {
	readonly name = 'offline' as const;
	readonly labels = ['positive', 'neutral', 'negative'];
	calls = 0;
	failOnCall: number | null = null;

	async classify(supportCase: Case): Promise<SentimentResult> {
		this.calls++;
		if (this.calls === this.failOnCall) throw new Error('model unavailable');
		const last = requesterUtterances(supportCase).at(-1)?.text ?? '';
		const angry = /furious|unacceptable|worried/i.test(last);
		return sentimentResult(angry ? -0.7 : 0.4, `${supportCase.id}-${supportCase.messages.length}`);
	}
}

const pollSettings = {
	...DEFAULT_POLL_SETTINGS,
	firstPollLookbackSeconds: 3600,
	maxCasesPerPoll: 1000,
};
const thresholdSettings = { ...DEFAULT_THRESHOLD_SETTINGS, cooldownMinutes: 0 };

async function runPolls(engine: KeywordEngine, polls: number, failAt: number | null = null) {
	let now = new Date('2026-11-23T08:00:00Z');
	const source = new DemoCaseSource(() => now);
	let stored: unknown = undefined;
	const fired: string[] = [];
	for (let poll = 0; poll < polls; poll++) {
		if (poll === failAt) {
			engine.failOnCall = engine.calls + 1;
			await expect(
				pollThresholds({ source, engine, stored, now, pollSettings, thresholdSettings }),
			).rejects.toThrow('model unavailable');
			engine.failOnCall = null;
			// The same poll runs again from the state stored before the failure.
		}
		const result = await pollThresholds({
			source,
			engine,
			stored,
			now,
			pollSettings,
			thresholdSettings,
		});
		fired.push(...result.events.map((event) => `${event.rule} ${event.caseId}`));
		stored = JSON.parse(JSON.stringify(result.state));
		now = new Date(now.getTime() + 5 * 60_000);
	}
	return fired;
}

describe('threshold trigger poll', () => {
	it('classifies new demo activity and fires turns-negative once per crossing', async () => {
		const fired = await runPolls(new KeywordEngine(), 12);
		expect(fired.length).toBeGreaterThan(0);
		expect(fired.every((entry) => entry.startsWith('turnsNegative DEMO-'))).toBe(true);
		expect(new Set(fired).size).toBe(fired.length);
	});

	it('fires the same events when a poll fails half-way and runs again', async () => {
		const straight = await runPolls(new KeywordEngine(), 12);
		const interrupted = await runPolls(new KeywordEngine(), 12, 5);
		expect(interrupted).toEqual(straight);
	});

	it('gives sample events from the latest cases without any memory', async () => {
		const source: CaseSource = {
			name: 'Fixed',
			fetchChanged: async () => ({ cases: [], nextCursor: null, complete: true }),
			sample: async () => [
				accountCase('S1', { description: 'This is unacceptable' }),
				accountCase('S2', { description: 'Thanks' }),
			],
		};
		const events = await sampleThresholdEvents({
			source,
			engine: new KeywordEngine(),
			now: new Date('2026-11-23T08:00:00Z'),
			thresholdSettings,
			count: 5,
		});
		expect(events.map((event) => [event.rule, event.caseId])).toEqual([['turnsNegative', 'S1']]);
	});
});
