import type { IDataObject, INode, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { sentimentResult } from '../../test/fixtures/sentiment';
import type { Case } from '../../src/case/case';
import { requesterUtterances } from '../../src/case/thread';
import { pollLimitsFrom, thresholdSettingsFrom } from './rules';
import { SentimentThresholdTrigger } from './SentimentThresholdTrigger.node';

const engine = {
	failing: false,
	/** Calls from this one on fail like a model server that went away. */
	failFromCall: null as number | null,
	calls: 0,
	/** While set, every classification waits for it: a slow model server. */
	gate: null as Promise<void> | null,
	classify: async (supportCase: Case) => {
		engine.calls++;
		if (engine.gate) await engine.gate;
		if (engine.failing) throw new Error('model unavailable');
		if (engine.failFromCall !== null && engine.calls >= engine.failFromCall) {
			throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:11434'), {
				code: 'ECONNREFUSED',
			});
		}
		const last = requesterUtterances(supportCase).at(-1)?.text ?? '';
		const score = /furious|unacceptable|worried|still|losing|vendors|crashing/i.test(last)
			? -0.7
			: 0.4;
		return sentimentResult(score, `${supportCase.id}-${supportCase.messages.length}`);
	},
};

// The engine is the lead's concern and tested there; here it only needs to be predictable.
jest.mock('../../src/sentiment/factory', () => ({
	...jest.requireActual('../../src/sentiment/factory'),
	createEngine: async () => ({
		name: 'offline',
		labels: ['positive', 'neutral', 'negative'],
		classify: (supportCase: Case) => engine.classify(supportCase),
	}),
}));

const logger = { warn: jest.fn() };

function pollContext(
	mode: 'manual' | 'trigger',
	staticData: IDataObject,
	parameters: Record<string, unknown> = {},
) {
	const node: INode = {
		id: 'n1',
		name: 'Sentiment Threshold Trigger',
		type: 'n8n-nodes-case-sentiment.sentimentThresholdTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	return {
		getMode: () => mode,
		getNode: () => node,
		getWorkflow: () => ({ id: 'w1', name: 'Thresholds', active: true }),
		logger,
		getNodeParameter: (name: string, fallback?: unknown) =>
			name in parameters ? parameters[name] : fallback,
		getWorkflowStaticData: () => staticData,
		helpers: { returnJsonArray: (data: IDataObject[]) => data.map((json) => ({ json })) },
	} as unknown as IPollFunctions;
}

describe('Sentiment Threshold Trigger', () => {
	const trigger = new SentimentThresholdTrigger();

	beforeEach(() => {
		jest.useFakeTimers({ now: new Date('2026-11-23T08:02:00Z') });
		engine.failing = false;
		engine.calls = 0;
		engine.gate = null;
		engine.failFromCall = null;
		logger.warn.mockClear();
	});
	afterEach(() => jest.useRealTimers());

	it('emits one item per crossing, remembers it, and returns null once nothing new crossed', async () => {
		const staticData: IDataObject = {};
		const fired: string[] = [];
		let polls = 0;
		// The first polls catch up on the lookback window a page of cases at a time.
		for (
			let result = await trigger.poll.call(pollContext('trigger', staticData));
			result !== null;
			polls++
		) {
			expect(
				result[0].every(
					(item) => item.json.rule === 'turnsNegative' && item.json.to === 'negative',
				),
			).toBe(true);
			fired.push(...result[0].map((item) => `${item.json.rule} ${item.json.caseId}`));
			expect(polls).toBeLessThan(10);
			result = await trigger.poll.call(pollContext('trigger', staticData));
		}
		expect(fired.length).toBeGreaterThan(0);
		expect(new Set(fired).size).toBe(fired.length);
		expect(staticData.sentimentThresholds).toBeDefined();
	});

	it('keeps its memory as it was when the poll fails', async () => {
		const staticData: IDataObject = {};
		await trigger.poll.call(pollContext('trigger', staticData));
		const before = JSON.stringify(staticData);
		jest.setSystemTime(new Date('2026-11-23T08:30:00Z'));
		engine.failing = true;
		await expect(trigger.poll.call(pollContext('trigger', staticData))).rejects.toThrow(
			'model unavailable',
		);
		expect(JSON.stringify(staticData)).toBe(before);
	});

	it('returns sample events in manual mode without touching its memory', async () => {
		const staticData: IDataObject = {};
		const sample = await trigger.poll.call(pollContext('manual', staticData));
		expect(sample?.[0].length).toBeGreaterThan(0);
		expect(sample?.[0][0].json).toMatchObject({ rule: 'turnsNegative', case: { source: 'demo' } });
		expect(staticData).toEqual({});
	});

	it('reads the rules and their settings from the parameters', () => {
		const parameters: Record<string, unknown> = {
			rules: ['scoreBelow', 'negativeShare', 'worsening'],
			scoreBelow: -0.3,
			negativeSharePercent: 40,
			worseningMessages: 10,
			thresholdOptions: { cooldownMinutes: 15, historyPerCase: 4 },
		};
		const settings = thresholdSettingsFrom((name, fallback) =>
			name in parameters ? parameters[name] : fallback,
		);
		expect(settings.caseRules).toMatchObject({
			turnsNegative: false,
			scoreBelow: -0.3,
			dropBy: null,
			worsening: { messages: 10 },
		});
		expect(settings.accountRules).toMatchObject({
			negativeShareAbove: 0.4,
			netScoreBelow: null,
			bandWorsens: false,
		});
		expect(settings.cooldownMinutes).toBe(15);
		// History must hold the messages the worsening rule looks back over.
		expect(settings.limits.historyPerCase).toBe(10);
	});

	it('runs one poll at a time: a second poll while the first waits on a slow model stands down, and each crossing fires once', async () => {
		const fired = (result: INodeExecutionData[][] | null) =>
			(result?.[0] ?? []).map((item) => `${item.json.rule} ${item.json.caseId}`);
		// The same polls one after the other, for the crossings to expect.
		const alone: IDataObject = {};
		const expected = fired(await trigger.poll.call(pollContext('trigger', alone)));
		expect(expected.length).toBeGreaterThan(0);
		const callsAlone = engine.calls;

		const staticData: IDataObject = {};
		let release = () => {};
		engine.gate = new Promise<void>((resolve) => (release = resolve));
		const first = trigger.poll.call(pollContext('trigger', staticData));
		// n8n's timer starts the next poll while the first still waits for the model.
		await jest.advanceTimersByTimeAsync(0);
		const second = trigger.poll.call(pollContext('trigger', staticData));
		release();
		const results = await Promise.all([first, second]);
		expect(results.flatMap(fired)).toEqual(expected);
		expect(results[1]).toBeNull();
		// The second poll classified nothing: all calls are the first poll's.
		expect(engine.calls).toBe(2 * callsAlone);
		expect(staticData.sentimentThresholds).not.toHaveProperty('lease');
	});

	it("stands down while another process's poll holds the lease in the stored state, and takes over once it ran out", async () => {
		const staticData: IDataObject = {
			sentimentThresholds: { lease: { owner: 'another main', until: Date.now() + 60_000 } },
		};
		expect(await trigger.poll.call(pollContext('trigger', staticData))).toBeNull();
		expect(engine.calls).toBe(0);
		jest.setSystemTime(Date.now() + 61_000);
		const result = await trigger.poll.call(pollContext('trigger', staticData));
		expect(engine.calls).toBeGreaterThan(0);
		expect(result?.[0].length).toBeGreaterThan(0);
		expect(staticData.sentimentThresholds).not.toHaveProperty('lease');
	});

	it('reads Skip Closed Cases, Fire on First Sighting and the poll time budget from the options', () => {
		const parameters: Record<string, unknown> = {
			thresholdOptions: { skipClosed: true, fireOnFirstSighting: false, pollBudgetSeconds: 30 },
		};
		const read = (name: string, fallback: unknown) =>
			name in parameters ? parameters[name] : fallback;
		expect(thresholdSettingsFrom(read)).toMatchObject({
			skipClosed: true,
			skipFirstSighting: true,
		});
		expect(pollLimitsFrom(read).budgetMs).toBe(30_000);
		const defaults = thresholdSettingsFrom((_name, fallback) => fallback);
		expect(defaults).toMatchObject({ skipClosed: false, skipFirstSighting: false });
	});

	it('stores what it handled before the model server went away, says so in the log, and goes on next poll', async () => {
		const straight: IDataObject = {};
		const fired = (result: INodeExecutionData[][] | null) =>
			(result?.[0] ?? []).map((item) => `${item.json.rule} ${item.json.caseId}`);
		const expected = fired(await trigger.poll.call(pollContext('trigger', straight)));
		const callsAlone = engine.calls;

		const staticData: IDataObject = {};
		engine.calls = 0;
		engine.failFromCall = Math.floor(callsAlone / 2);
		const first = fired(await trigger.poll.call(pollContext('trigger', staticData)));
		expect(first.length).toBeLessThan(expected.length);
		expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('ECONNREFUSED'));
		engine.failFromCall = null;
		const second = fired(await trigger.poll.call(pollContext('trigger', staticData)));
		expect([...first, ...second]).toEqual(expected);
	});
});
