import { accountCase } from '../../test/fixtures/sentiment';
import { type FakeOpenAi, startFakeOpenAi } from '../../test/servers/openai/server';
import type { Case } from '../case/case';
import { DEFAULT_POLL_SETTINGS } from '../polling/state';
import { createEngine, engineSpec } from '../sentiment/factory';
import type { CaseSource } from '../sources/source';
import { type TriggerMemory, pollExclusively, pollThresholds } from './poll';
import { DEFAULT_THRESHOLD_SETTINGS } from './settings';

const NOW = new Date('2026-11-23T08:00:00Z');
const TEXTS = [
	'This is unacceptable, the export is broken again and nobody answers.',
	'Thank you, the new dashboard works great!',
	'Terrible service, we are losing money every day this stays broken.',
	'Thanks for the quick fix, all good now.',
];
const cases: Case[] = TEXTS.map((text, index) =>
	accountCase(`C${index + 1}`, {
		description: text,
		createdAt: new Date(NOW.getTime() - (30 - index) * 60_000).toISOString(),
		updatedAt: new Date(NOW.getTime() - (30 - index) * 60_000).toISOString(),
	}),
);
const source: CaseSource = {
	name: 'Fixed',
	fetchChanged: async (window) => ({
		cases: cases.filter((supportCase) => supportCase.updatedAt! >= window.since),
		nextCursor: null,
		complete: true,
	}),
	sample: async (count) => cases.slice(-count),
};

describe('overlapping threshold polls against a slow model server', () => {
	let fake: FakeOpenAi;
	beforeAll(async () => {
		fake = await startFakeOpenAi({ apiKey: 'sk-test', latencyMs: 400 });
	});
	afterAll(async () => {
		await fake.close();
	});

	it('lets the second poll stand down while the first waits, and fires each crossing once', async () => {
		const engine = await createEngine(
			engineSpec({
				kind: 'openai',
				api: {
					connection: { apiKey: 'sk-test', baseUrl: fake.url },
					model: 'gpt-4o-mini',
					temperature: 0,
					useResponsesApi: false,
				},
				retries: 0,
			}),
		);
		let stored: unknown = undefined;
		const memory: TriggerMemory = {
			read: () => stored,
			write: (value) => {
				stored = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
			},
		};
		const poll = (minutes: number) =>
			pollExclusively({
				key: 'workflow-1 node-1',
				memory,
				nowMs: NOW.getTime() + minutes * 60_000,
				poll: async (previous) =>
					await pollThresholds({
						source,
						engine,
						stored: previous,
						now: new Date(NOW.getTime() + minutes * 60_000),
						pollSettings: { ...DEFAULT_POLL_SETTINGS, firstPollLookbackSeconds: 3600 },
						thresholdSettings: DEFAULT_THRESHOLD_SETTINGS,
						concurrency: 2,
					}),
			});
		const first = poll(0);
		// The first poll is waiting for the model (400 ms a call): its lease is in the stored state.
		await new Promise((resolve) => setTimeout(resolve, 100));
		const leaseWhileWaiting = (stored as { lease?: unknown } | undefined)?.lease;
		const second = await poll(1);
		const firstResult = await first;
		expect(leaseWhileWaiting).toBeDefined();
		expect(second).toBeNull();
		const third = await poll(2);
		const fired = [firstResult, third].flatMap((result) =>
			(result?.events ?? []).map((event) => `${event.rule} ${event.caseId}`),
		);
		expect(fired).toEqual(['turnsNegative C1', 'turnsNegative C3']);
		expect(stored).not.toHaveProperty('lease');
		// Four cases, classified once each: the second poll sent nothing.
		expect(
			fake.requests.filter((request) => request.path.endsWith('/chat/completions')),
		).toHaveLength(4);
	});
});
