import type { Case } from '../case/case';
import { normalizeCase } from '../case/normalize';
import { DemoCaseSource } from '../sources/demo';
import type { CasePage, CaseSource, FetchWindow } from '../sources/source';
import { pollCases } from './poll';
import {
	DEFAULT_POLL_SETTINGS,
	emptyPollState,
	FUTURE_SKEW_SECONDS,
	type PollSettings,
	readPollState,
} from './state';

/** A helpdesk in memory: cases in updatedAt order, paged by offset, optionally failing a page. */
class MemorySource implements CaseSource {
	readonly name = 'Memory';
	cases: Case[] = [];
	failOnPage: number | null = null;
	private pagesServed = 0;

	async fetchChanged(window: FetchWindow, limit: number): Promise<CasePage> {
		this.pagesServed += 1;
		if (this.failOnPage === this.pagesServed) throw new Error('Memory answered 500');
		const changed = this.cases
			.filter((supportCase) => Date.parse(supportCase.updatedAt!) >= Date.parse(window.since))
			.sort(
				(a, b) => Date.parse(a.updatedAt!) - Date.parse(b.updatedAt!) || a.id.localeCompare(b.id),
			);
		const offset = Number(window.cursor ?? 0);
		const complete = offset + limit >= changed.length;
		return {
			cases: changed.slice(offset, offset + limit),
			nextCursor: complete ? null : String(offset + limit),
			complete,
		};
	}

	async sample(count: number): Promise<Case[]> {
		return this.cases.slice(-count);
	}

	resetPageCount(): void {
		this.pagesServed = 0;
	}

	/** Adds a message to a case (or opens it), moving its updatedAt to the message's time. */
	write(
		id: string,
		messageId: string | null,
		at: string,
		role: 'requester' | 'fulfiller' = 'requester',
		internal = false,
	): void {
		const existing = this.cases.find((supportCase) => supportCase.id === id);
		const messages = existing ? [...existing.messages] : [];
		if (messageId) {
			messages.push({
				id: messageId,
				author: '',
				authorRole: role,
				visibility: internal ? 'internal' : 'public',
				text: `text ${messageId}`,
				createdAt: at,
			});
		}
		const next = normalizeCase({
			id,
			source: 'memory',
			subject: `Case ${id}`,
			description: 'opening',
			createdAt: existing?.createdAt ?? at,
			updatedAt: at,
			messages,
		});
		this.cases = [...this.cases.filter((supportCase) => supportCase.id !== id), next];
	}
}

const settings: PollSettings = {
	...DEFAULT_POLL_SETTINGS,
	overlapSeconds: 60,
	firstPollLookbackSeconds: 3600,
};

function emittedKeys(cases: Case[]): string[] {
	return cases.flatMap((supportCase) =>
		supportCase.newActivity.map((id) => `${supportCase.id} ${id}`),
	);
}

describe('pollCases', () => {
	it('emits every demo message exactly once across many polls, most polls seeing new activity', async () => {
		let now = new Date('2026-11-23T08:00:00Z');
		const source = new DemoCaseSource(() => now);
		const all = { ...settings, includeInternal: true, maxCasesPerPoll: 1000 };
		const start = now.getTime() - all.firstPollLookbackSeconds * 1000;
		let state = emptyPollState();
		const seen: string[] = [];
		let pollsWithActivity = 0;
		for (let poll = 0; poll < 30; poll++) {
			const result = await pollCases(source, state, now, all, 7);
			if (result.cases.length > 0) pollsWithActivity += 1;
			seen.push(...emittedKeys(result.cases));
			state = readPollState(JSON.parse(JSON.stringify(result.state)));
			now = new Date(now.getTime() + 60_000);
		}
		const lastPoll = now.getTime() - 60_000;
		const expected = (
			await source.fetchChanged({ since: new Date(start).toISOString() }, 10_000)
		).cases.flatMap((supportCase) => [
			...(Date.parse(supportCase.createdAt!) >= start &&
			Date.parse(supportCase.createdAt!) <= lastPoll
				? [`${supportCase.id} description`]
				: []),
			...supportCase.messages
				.filter(
					(message) =>
						Date.parse(message.createdAt!) >= start && Date.parse(message.createdAt!) <= lastPoll,
				)
				.map((message) => `${supportCase.id} ${message.id}`),
		]);
		expect(new Set(seen).size).toBe(seen.length);
		expect([...seen].sort()).toEqual([...expected].sort());
		expect(pollsWithActivity).toBeGreaterThanOrEqual(20);
	});

	it('splits equal timestamps over polls by the per-poll maximum without losing or repeating a case', async () => {
		const source = new MemorySource();
		for (const id of ['A', 'B', 'C', 'D', 'E']) source.write(id, null, '2026-11-23T10:00:00Z');
		const now = new Date('2026-11-23T10:05:00Z');
		let state = emptyPollState();
		const seen: string[] = [];
		for (let poll = 0; poll < 4; poll++) {
			const result = await pollCases(source, state, now, { ...settings, maxCasesPerPoll: 2 }, 2);
			seen.push(...result.cases.map((supportCase) => supportCase.id));
			state = result.state;
		}
		expect(seen).toEqual(['A', 'B', 'C', 'D', 'E']);
	});

	it('resumes a poll cut short by the per-poll maximum from the same window start, so older activity of the cases left is not lost', async () => {
		const source = new MemorySource();
		source.write('B', 'b1', '2026-11-23T10:00:00Z');
		source.write('A', 'a1', '2026-11-23T10:10:00Z');
		source.write('C', 'c1', '2026-11-23T10:40:00Z');
		// A's state changes without a message: it sorts last, but its message is older than C's.
		source.write('A', null, '2026-11-23T10:50:00Z');
		const now = new Date('2026-11-23T11:00:00Z');
		const capped = { ...settings, maxCasesPerPoll: 2 };
		const first = await pollCases(source, emptyPollState(), now, capped);
		expect(emittedKeys(first.cases)).toEqual(['B description', 'B b1', 'C description', 'C c1']);
		expect(first.more).toBe(true);
		const state = readPollState(JSON.parse(JSON.stringify(first.state)));
		const second = await pollCases(source, state, now, capped);
		expect(emittedKeys(second.cases)).toEqual(['A description', 'A a1']);
		expect(second.more).toBe(false);
		const third = await pollCases(source, second.state, now, capped);
		expect(third.cases).toEqual([]);
		expect(third.state.resumeFrom).toBeNull();
	});

	it('leaves the state untouched when a page fails, and the next poll emits what the failed one would have', async () => {
		const source = new MemorySource();
		for (let index = 0; index < 9; index++)
			source.write(`C${index}`, `m${index}`, `2026-11-23T10:00:0${index}Z`);
		const now = new Date('2026-11-23T10:10:00Z');
		const before = emptyPollState();
		source.failOnPage = 2;
		await expect(pollCases(source, before, now, settings, 3)).rejects.toThrow('500');
		expect(before).toEqual(emptyPollState());
		source.failOnPage = null;
		const result = await pollCases(source, before, now, settings, 3);
		expect(result.cases.map((supportCase) => supportCase.id)).toEqual([
			'C0',
			'C1',
			'C2',
			'C3',
			'C4',
			'C5',
			'C6',
			'C7',
			'C8',
		]);
		expect(result.cases[0].newActivity).toEqual(['description', 'm0']);
	});

	it('catches activity written during a poll, and activity stamped before the cursor within the overlap', async () => {
		const source = new MemorySource();
		source.write('A', 'a1', '2026-11-23T10:00:00Z');
		source.write('B', 'b1', '2026-11-23T10:00:10Z');
		let now = new Date('2026-11-23T10:00:20Z');
		const first = await pollCases(source, emptyPollState(), now, settings);
		expect(emittedKeys(first.cases)).toEqual(['A description', 'A a1', 'B description', 'B b1']);
		// Written after the first poll read it, but stamped 5 s before its cursor (helpdesk clock skew).
		source.write('A', 'a2', '2026-11-23T10:00:05Z');
		now = new Date('2026-11-23T10:01:20Z');
		const second = await pollCases(
			source,
			readPollState(JSON.parse(JSON.stringify(first.state))),
			now,
			settings,
		);
		expect(emittedKeys(second.cases)).toEqual(['A a2']);
		const third = await pollCases(source, second.state, now, settings);
		expect(third.cases).toEqual([]);
	});

	it('counts internal notes and fulfiller replies only when asked to', async () => {
		const source = new MemorySource();
		source.write('A', 'reply', '2026-11-23T10:00:00Z', 'fulfiller');
		source.write('A', 'note', '2026-11-23T10:00:01Z', 'fulfiller', true);
		source.write('A', 'answer', '2026-11-23T10:00:02Z', 'requester');
		const now = new Date('2026-11-23T10:01:00Z');
		const plain = await pollCases(source, emptyPollState(), now, settings);
		expect(plain.cases[0].newActivity).toEqual(['description', 'reply', 'answer']);
		const internal = await pollCases(source, emptyPollState(), now, {
			...settings,
			includeInternal: true,
		});
		expect(internal.cases[0].newActivity).toEqual(['description', 'reply', 'note', 'answer']);
		const requester = await pollCases(source, emptyPollState(), now, {
			...settings,
			requesterOnly: true,
		});
		expect(requester.cases[0].newActivity).toEqual(['description', 'answer']);
		// Activity that did not count is still remembered: it never comes back as new.
		const again = await pollCases(source, requester.state, now, {
			...settings,
			includeInternal: true,
		});
		expect(again.cases).toEqual([]);
	});

	it('keeps only activity inside the overlap window in its state', async () => {
		const source = new MemorySource();
		for (let index = 0; index < 50; index++)
			source.write(
				`C${index}`,
				'm',
				new Date(Date.parse('2026-11-23T09:00:00Z') + index * 60_000).toISOString(),
			);
		const result = await pollCases(source, emptyPollState(), new Date('2026-11-23T10:00:00Z'), {
			...settings,
			firstPollLookbackSeconds: 7200,
		});
		expect(result.cases).toHaveLength(50);
		expect(result.state.cursor).toBe('2026-11-23T09:49:00Z');
		// Cursor 09:49 minus 60 s overlap: cases C48 and C49 remain. C49, the newest case listed,
		// is not remembered as handled: it may still get activity stamped in its last second.
		expect(Object.keys(result.state.seen).sort()).toEqual([
			'C48 @2026-11-23T09:48:00Z',
			'C48 description',
			'C48 m',
			'C49 description',
			'C49 m',
		]);
	});
	it('drains a backlog of 1,000 cases of 60 messages each past the memory cap, every message emitted once', async () => {
		const now = new Date('2026-11-23T12:00:00Z');
		const first = now.getTime() - 20 * 3600_000;
		const cases: Case[] = [];
		for (let index = 0; index < 1000; index++) {
			const opened = first + index * 60_000;
			const messages = Array.from({ length: 60 }, (_, number) => ({
				id: `m${number}`,
				author: '',
				authorRole: 'requester' as const,
				visibility: 'public' as const,
				text: `text ${number}`,
				createdAt: new Date(opened + number * 1000).toISOString(),
			}));
			cases.push(
				normalizeCase({
					id: `C${index}`,
					source: 'memory',
					subject: `Case ${index}`,
					description: 'opening',
					createdAt: new Date(opened).toISOString(),
					updatedAt: new Date(opened + 59_000).toISOString(),
					messages,
				}),
			);
		}
		const source = new MemorySource();
		source.cases = cases;
		const backlog = { ...DEFAULT_POLL_SETTINGS, firstPollLookbackSeconds: 24 * 3600 };
		let state = emptyPollState();
		const emitted: string[] = [];
		let polls = 0;
		for (; polls < 40; polls++) {
			const result = await pollCases(source, state, now, backlog);
			emitted.push(...emittedKeys(result.cases));
			state = readPollState(JSON.parse(JSON.stringify(result.state)));
			expect(Object.keys(state.seen).length).toBeLessThanOrEqual(backlog.maxSeen);
			if (!result.more) break;
		}
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(emitted).toHaveLength(1000 * 61);
		expect(polls).toBeLessThan(15);
	});

	it('ends a poll early at the memory cap instead of forgetting activity still inside the window', async () => {
		const source = new MemorySource();
		for (let index = 0; index < 6; index++)
			for (let number = 0; number < 5; number++)
				source.write(
					`C${index}`,
					`m${number}`,
					new Date(Date.parse('2026-11-23T10:00:00Z') + index * 1000 + number * 100).toISOString(),
				);
		const now = new Date('2026-11-23T10:01:00Z');
		const capped = { ...settings, maxSeen: 14 };
		let state = emptyPollState();
		const emitted: string[] = [];
		for (let poll = 0; poll < 12; poll++) {
			const result = await pollCases(source, state, now, capped);
			emitted.push(...emittedKeys(result.cases));
			state = readPollState(JSON.parse(JSON.stringify(result.state)));
		}
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(emitted).toHaveLength(6 * 6);
	});
	it('emits a record from the future without moving the cursor past the helpdesk clock, and keeps emitting real cases', async () => {
		const source = new MemorySource();
		source.write('A', 'a1', '2026-11-23T10:00:00Z');
		source.write('FUTURE', 'f1', '2099-01-01T00:00:00Z');
		let now = new Date('2026-11-23T10:01:00Z');
		const first = await pollCases(source, emptyPollState(), now, settings);
		expect(emittedKeys(first.cases)).toEqual([
			'A description',
			'A a1',
			'FUTURE description',
			'FUTURE f1',
		]);
		expect(Date.parse(first.state.cursor!)).toBeLessThanOrEqual(
			now.getTime() + FUTURE_SKEW_SECONDS * 1000,
		);
		source.write('B', 'b1', '2026-11-23T10:02:00Z');
		now = new Date('2026-11-23T10:03:00Z');
		const second = await pollCases(
			source,
			readPollState(JSON.parse(JSON.stringify(first.state)), now),
			now,
			settings,
		);
		expect(emittedKeys(second.cases)).toEqual(['B description', 'B b1']);
	});

	it('rejects a stored cursor in the future', () => {
		const now = new Date('2026-11-23T10:00:00Z');
		const stored = { ...emptyPollState(), cursor: '2099-01-01T00:00:00Z', seen: { 'A m': 1 } };
		expect(readPollState(stored, now).cursor).toBeNull();
		const fine = { ...stored, cursor: '2026-11-23T09:59:00Z' };
		expect(readPollState(fine, now).cursor).toBe('2026-11-23T09:59:00Z');
	});
	it('starts from now when it has no state, so a lost state does not replay history, unless a backfill is set', async () => {
		const source = new MemorySource();
		source.write('A', 'a1', '2026-11-23T09:50:00Z');
		source.write('B', 'b1', '2026-11-23T09:58:00Z');
		let now = new Date('2026-11-23T10:00:00Z');
		const fresh = { ...DEFAULT_POLL_SETTINGS, overlapSeconds: 300, firstPollLookbackSeconds: 0 };
		const first = await pollCases(source, emptyPollState(), now, fresh);
		expect(first.cases).toEqual([]);
		source.write('A', 'a2', '2026-11-23T10:00:30Z');
		now = new Date('2026-11-23T10:01:00Z');
		const second = await pollCases(source, readPollState(first.state, now), now, fresh);
		expect(emittedKeys(second.cases)).toEqual(['A a2']);
		const backfill = await pollCases(source, emptyPollState(), now, {
			...fresh,
			firstPollLookbackSeconds: 3600,
		});
		expect(backfill.cases.map((supportCase) => supportCase.id)).toEqual(['B', 'A']);
	});
});
