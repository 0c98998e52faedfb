import { accountCase, sentimentResult } from '../../test/fixtures/sentiment';
import { type Case, CaseValidationError, caseActivityKey } from '../case/case';
import { requesterUtterances } from '../case/thread';
import { DEFAULT_POLL_SETTINGS } from '../polling/state';
import type { SentimentEngine } from '../sentiment/engine';
import { LlmEngineError } from '../sentiment/llm/engine';
import type { SentimentResult } from '../sentiment/result';
import type { CaseSource } from '../sources/source';
import { pollThresholds } from './poll';
import { DEFAULT_THRESHOLD_SETTINGS } from './settings';

const NOW = new Date('2026-11-23T08:00:00Z');
const pollSettings = { ...DEFAULT_POLL_SETTINGS, firstPollLookbackSeconds: 3600 };
const thresholdSettings = { ...DEFAULT_THRESHOLD_SETTINGS, cooldownMinutes: 0 };

/** Cases updated a minute apart in the last hour, each with the customer's words as description. */
function casesSaying(...texts: string[]): Case[] {
	return texts.map((text, index) =>
		accountCase(`C${index + 1}`, {
			description: text,
			createdAt: new Date(NOW.getTime() - (50 - index) * 60_000).toISOString(),
			updatedAt: new Date(NOW.getTime() - (50 - index) * 60_000).toISOString(),
		}),
	);
}

/** A helpdesk holding fixed cases: pages in updatedAt order, as the CaseSource contract says. */
class FixedSource implements CaseSource {
	readonly name = 'Fixed';
	constructor(public cases: Case[]) {}
	async fetchChanged(window: { since: string; cursor?: string | null }, limit: number) {
		const since = Date.parse(window.since);
		const changed = this.cases.filter((supportCase) => Date.parse(supportCase.updatedAt!) >= since);
		const offset = Number(window.cursor ?? 0);
		const complete = offset + limit >= changed.length;
		return {
			cases: changed.slice(offset, offset + limit),
			nextCursor: complete ? null : String(offset + limit),
			complete,
		};
	}
	async sample(count: number) {
		return this.cases.slice(-count);
	}
}

/** Negative when the customer is angry; fails the way it is told for some cases. */
class ScriptedEngine implements SentimentEngine {
	readonly name = 'openai' as const;
	readonly labels = ['positive', 'neutral', 'negative'];
	calls: string[] = [];
	inFlight = 0;
	maxInFlight = 0;
	failures = new Map<string, () => Error>();
	async classify(supportCase: Case): Promise<SentimentResult> {
		this.calls.push(supportCase.id);
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		await new Promise((resolve) => setTimeout(resolve, 5));
		this.inFlight--;
		const failure = this.failures.get(supportCase.id);
		if (failure) throw failure();
		const text = requesterUtterances(supportCase).at(-1)?.text ?? '';
		// Like every engine, the result names the content it was made for.
		return sentimentResult(/angry/.test(text) ? -0.7 : 0.4, caseActivityKey(supportCase));
	}
}

async function poll(source: CaseSource, engine: SentimentEngine, stored: unknown, minutes = 0) {
	const result = await pollThresholds({
		source,
		engine,
		stored,
		now: new Date(NOW.getTime() + minutes * 60_000),
		pollSettings,
		thresholdSettings,
		concurrency: 4,
	});
	return { ...result, stored: JSON.parse(JSON.stringify(result.state)) as unknown };
}

const fired = (events: Array<{ rule: string; caseId: string | null }>) =>
	events.map((event) => `${event.rule} ${event.caseId}`);

describe('threshold poll: one batch path', () => {
	it('classifies with the Concurrency setting, not one case at a time', async () => {
		const source = new FixedSource(casesSaying(...Array.from({ length: 20 }, () => 'angry')));
		const engine = new ScriptedEngine();
		const first = await poll(source, engine, undefined);
		expect(engine.calls).toHaveLength(20);
		expect(engine.maxInFlight).toBe(4);
		expect(first.events).toHaveLength(20);
	});

	it('does not classify again a case whose content it already evaluated (lost poll state, same cases)', async () => {
		const source = new FixedSource(casesSaying('angry', 'fine', 'angry'));
		const engine = new ScriptedEngine();
		const first = await poll(source, engine, undefined);
		expect(fired(first.events)).toEqual(['turnsNegative C1', 'turnsNegative C3']);
		// The poll cursor is gone (a republish, an import): the same activity is read again.
		const { thresholds } = first.stored as { thresholds: unknown };
		const again = await poll(source, engine, { thresholds }, 5);
		expect(engine.calls).toHaveLength(3);
		expect(again.events).toEqual([]);
	});
});

describe('threshold poll: a case that can never be classified', () => {
	it('gives one classificationFailed event for it and evaluates the others', async () => {
		const source = new FixedSource(casesSaying('angry', 'refused', 'no text', 'angry'));
		const engine = new ScriptedEngine();
		engine.failures.set(
			'C2',
			() => new LlmEngineError('The model call failed (HTTP 400): content filter', 'call', 400),
		);
		engine.failures.set(
			'C3',
			() => new CaseValidationError("Case 'C3' has no customer text to classify", 'messages', ''),
		);
		const first = await poll(source, engine, undefined);
		expect(fired(first.events)).toEqual([
			'turnsNegative C1',
			'classificationFailed C2',
			'classificationFailed C3',
			'turnsNegative C4',
		]);
		expect(first.events[1]).toMatchObject({
			scope: 'case',
			error: 'The model call failed (HTTP 400): content filter',
			case: { id: 'C2' },
		});
		expect(first.interruptedBy).toBeNull();
		// The failing cases are read again (lost cursor) and still fail: no second event.
		const { thresholds } = first.stored as { thresholds: unknown };
		const again = await poll(source, engine, { thresholds }, 5);
		expect(again.events).toEqual([]);
	});

	it('ends the poll on a transient failure after the last case fully handled, and fires each crossing once', async () => {
		const source = new FixedSource(
			casesSaying('angry', 'angry', 'angry', 'angry', 'angry', 'angry'),
		);
		const engine = new ScriptedEngine();
		engine.failures.set(
			'C5',
			() => new LlmEngineError('The model call failed (HTTP 503)', 'call', 503),
		);
		const first = await poll(source, engine, undefined);
		expect(fired(first.events)).toEqual([
			'turnsNegative C1',
			'turnsNegative C2',
			'turnsNegative C3',
			'turnsNegative C4',
		]);
		expect(first.interruptedBy?.message).toContain('503');
		expect(first.more).toBe(true);
		expect((first.stored as { poll: { cursor: string } }).poll.cursor).toBe(
			source.cases[3].updatedAt,
		);
		engine.failures.clear();
		const second = await poll(source, engine, first.stored, 5);
		expect(fired(second.events)).toEqual(['turnsNegative C5', 'turnsNegative C6']);
		const third = await poll(source, engine, second.stored, 10);
		expect(third.events).toEqual([]);
	});

	it('throws and stores nothing when the first case already fails transiently', async () => {
		const source = new FixedSource(casesSaying('angry', 'angry'));
		const engine = new ScriptedEngine();
		engine.failures.set('C1', () =>
			Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
		);
		await expect(poll(source, engine, undefined)).rejects.toThrow('ECONNREFUSED');
	});
});

describe('threshold poll: time budget', () => {
	it('stops classifying when the budget is spent, ends with more, and the next poll goes on', async () => {
		const source = new FixedSource(casesSaying(...Array.from({ length: 12 }, () => 'angry')));
		const engine = new ScriptedEngine();
		let clock = 0;
		const budgeted = async (stored: unknown, minutes: number) => {
			const result = await pollThresholds({
				source,
				engine: {
					...engine,
					name: engine.name,
					labels: engine.labels,
					classify: async (supportCase) => {
						clock += 10_000;
						return engine.classify(supportCase);
					},
				},
				stored,
				now: new Date(NOW.getTime() + minutes * 60_000),
				pollSettings,
				thresholdSettings,
				concurrency: 2,
				limits: { budgetMs: 35_000, leaseMs: 60_000 },
				clock: () => clock,
			});
			clock = 0;
			return { ...result, stored: JSON.parse(JSON.stringify(result.state)) as unknown };
		};
		const all: string[] = [];
		let stored: unknown = undefined;
		for (let index = 0; index < 4; index++) {
			const result = await budgeted(stored, index * 5);
			all.push(...fired(result.events));
			if (index === 0) {
				// Two batches of two fit in 35 s (the budget is checked between batches).
				expect(result.events).toHaveLength(4);
				expect(result.more).toBe(true);
			}
			stored = result.stored;
		}
		expect(all).toHaveLength(12);
		expect(new Set(all).size).toBe(12);
	});
});
