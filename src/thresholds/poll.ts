import { randomUUID } from 'node:crypto';

import { type Case, caseActivityKey } from '../case/case';
import { pollCases } from '../polling/poll';
import { type PollSettings, type PollState, advanceState, readPollState } from '../polling/state';
import { classifyCases } from '../sentiment/classifyCases';
import type { SentimentEngine } from '../sentiment/engine';
import { ENGINE_DEFAULTS } from '../sentiment/factory';
import { settle } from '../http/retry';
import type { CaseSource } from '../sources/source';
import { type CaseObservation, type ThresholdEvent, evaluateThresholds } from './evaluate';
import { classificationFailureKind } from './failures';
import { type Lease, heldLease, leaseSchema, withPollLock } from './lock';
import { DEFAULT_POLL_LIMITS, type ThresholdPollLimits, type ThresholdSettings } from './settings';
import {
	type PackedThresholdState,
	type ThresholdState,
	emptyThresholdState,
	loadThresholdState,
	packThresholdState,
	shortActivityKey,
} from './state';

/** What the Sentiment Threshold Trigger keeps in its static data between polls. */
export interface ThresholdTriggerState {
	poll: PollState;
	thresholds: PackedThresholdState;
	/** Set while a poll runs (see lock.ts); absent in a state a poll stored when it finished. */
	lease?: Lease;
}

export interface ReadTriggerState {
	poll: PollState;
	thresholds: ThresholdState;
	lease: Lease | null;
}

export function readThresholdTriggerState(stored: unknown): ReadTriggerState {
	const record = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
	const lease = leaseSchema.safeParse(record.lease);
	return {
		poll: readPollState(record.poll),
		thresholds: loadThresholdState(record.thresholds),
		lease: lease.success ? lease.data : null,
	};
}

/**
 * Claims the stored state for one poll: the state with this poll's lease in it, to be written
 * back at once so that a second poll stands down, or null when another poll's lease holds.
 */
export function claimTriggerState(
	stored: unknown,
	owner: string,
	nowMs: number,
	limits: ThresholdPollLimits = DEFAULT_POLL_LIMITS,
): Record<string, unknown> | null {
	const record = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
	const lease = heldLease(record.lease, nowMs);
	if (lease && lease.owner !== owner) return null;
	return { ...record, lease: { owner, until: nowMs + limits.leaseMs } };
}

export interface ThresholdPollResult {
	events: ThresholdEvent[];
	/** To be stored: everything up to the last case fully handled (no lease: the poll is over). */
	state: ThresholdTriggerState;
	/** Cases classified in this poll (not those whose content was already evaluated). */
	classified: number;
	/** Cases left for the next poll: by the source's per-poll maximum, the time budget or a failure. */
	more: boolean;
	/** A transient failure that ended the poll early (the cases from it on are read again). */
	interruptedBy: Error | null;
}

/**
 * One poll of the trigger: read the cases with new activity, classify them through the one batch
 * path (bounded concurrency), evaluate the rules. A case whose content was evaluated before is
 * not classified again, which also makes a re-read after an interrupted poll fire nothing twice.
 *
 * A case that can never be classified gives one `classificationFailed` event and the poll goes
 * on; a transient failure, or the end of the time budget, ends the poll after the last case fully
 * handled: the state to store covers the cases before it, and the window is read again from where
 * it started. A transient failure before any case was handled throws, and nothing is stored.
 */
export async function pollThresholds(options: {
	source: CaseSource;
	engine: SentimentEngine;
	stored: unknown;
	now: Date;
	pollSettings: PollSettings;
	thresholdSettings: ThresholdSettings;
	/** Classifications in flight at once: the engine's Concurrency setting. */
	concurrency?: number;
	limits?: ThresholdPollLimits;
	/** Milliseconds, for the time budget; the wall clock unless a test sets it. */
	clock?: () => number;
}): Promise<ThresholdPollResult> {
	const clock = options.clock ?? Date.now;
	const started = clock();
	const budgetMs = (options.limits ?? DEFAULT_POLL_LIMITS).budgetMs;
	const previous = readThresholdTriggerState(options.stored);
	const polled = await pollCases(options.source, previous.poll, options.now, options.pollSettings);
	const fresh = polled.cases.filter(
		(supportCase) => !alreadyEvaluated(previous.thresholds, supportCase),
	);

	const observations: CaseObservation[] = [];
	let classified = 0;
	let interruptedBy: Error | null = null;
	let handledAll = true;
	const batchSize = Math.max(1, Math.floor(options.concurrency ?? ENGINE_DEFAULTS.concurrency));
	batches: for (let offset = 0; offset < fresh.length; offset += batchSize) {
		if (clock() - started >= budgetMs) {
			handledAll = false;
			break;
		}
		const batch = fresh.slice(offset, offset + batchSize);
		const outcomes = await classifyCases(
			options.engine,
			batch.map((supportCase) => ({ supportCase })),
			batchSize,
		);
		for (const [index, outcome] of outcomes.entries()) {
			const supportCase = batch[index];
			if (outcome.status !== 'failed') {
				classified += outcome.status === 'classified' ? 1 : 0;
				observations.push({ case: supportCase, result: outcome.result });
			} else if (classificationFailureKind(outcome.error) === 'permanent') {
				observations.push({
					case: supportCase,
					failure: { message: outcome.error.message, activityKey: caseActivityKey(supportCase) },
				});
			} else {
				interruptedBy = outcome.error;
				handledAll = false;
				break batches;
			}
		}
	}
	if (interruptedBy && observations.length === 0) throw interruptedBy;

	const evaluation = evaluateThresholds(
		previous.thresholds,
		observations,
		options.thresholdSettings,
		options.now,
	);
	const pollState = handledAll
		? polled.state
		: partlyHandled(previous.poll, observations, options.now, options.pollSettings);
	return {
		events: evaluation.events,
		state: {
			poll: pollState,
			thresholds: packThresholdState(evaluation.state, options.now.getTime()),
		},
		classified,
		more: polled.more || !handledAll,
		interruptedBy,
	};
}

/** The case's content is what the trigger last evaluated for it (or last failed on). */
function alreadyEvaluated(state: ThresholdState, supportCase: Case): boolean {
	const known = state.cases[supportCase.id];
	return (
		known !== undefined && known.activityKey === shortActivityKey(caseActivityKey(supportCase))
	);
}

/**
 * The poll state after a poll that stopped part-way: the cursor moves up to the newest case fully
 * handled, and the next poll reads again from this poll's window start (as after `maxCasesPerPoll`),
 * so the cases not handled are read again; those handled are then recognised by their content.
 */
function partlyHandled(
	previous: PollState,
	observations: CaseObservation[],
	now: Date,
	settings: PollSettings,
): PollState {
	const times = observations
		.map((observation) => observation.case.updatedAt)
		.filter((time): time is string => time !== null)
		.sort((a, b) => Date.parse(a) - Date.parse(b));
	const latestUpdatedAt = times.length > 0 ? times[times.length - 1] : null;
	return advanceState(previous, { latestUpdatedAt, seen: {}, more: true }, now, settings);
}

/**
 * Events for a manual test run: the source's latest cases evaluated from an empty memory, so
 * rules that fire on a first sighting show what a real event looks like, open cases with a
 * negative result first (what a user builds the alert for). Nothing is stored.
 */
export async function sampleThresholdEvents(options: {
	source: CaseSource;
	engine: SentimentEngine;
	now: Date;
	thresholdSettings: ThresholdSettings;
	concurrency?: number;
	count: number;
}): Promise<ThresholdEvent[]> {
	// More cases than events shown: the latest few are often closed or content.
	const cases = await options.source.sample(options.count * 4);
	const outcomes = await classifyCases(
		options.engine,
		cases.map((supportCase) => ({ supportCase })),
		options.concurrency ?? ENGINE_DEFAULTS.concurrency,
	);
	const observations: CaseObservation[] = [];
	for (const [index, outcome] of outcomes.entries()) {
		if (outcome.status !== 'failed')
			observations.push({ case: cases[index], result: outcome.result });
	}
	const events = evaluateThresholds(
		emptyThresholdState(),
		observations,
		{ ...options.thresholdSettings, skipFirstSighting: false },
		options.now,
	).events;
	const rank = (event: ThresholdEvent) => {
		const supportCase = event.case as Case | null;
		const open = supportCase ? !supportCase.closed : true;
		const negative = (event.result?.label ?? '') === 'negative';
		return (open ? 0 : 2) + (negative ? 0 : 1);
	};
	return events
		.map((event, order) => ({ event, order }))
		.sort((a, b) => rank(a.event) - rank(b.event) || a.order - b.order)
		.slice(0, options.count)
		.map(({ event }) => event);
}

/** Where a trigger keeps its state: n8n's static data in the node, a plain variable in tests. */
export interface TriggerMemory {
	read(): unknown;
	/** `undefined` removes the state. */
	write(value: unknown): void;
}

/**
 * Runs one poll of the trigger exclusively (see lock.ts): null when another poll of the same
 * workflow and node holds the lock or a live lease. The lease is written to the memory for the
 * poll's duration; the poll's state replaces it when it succeeds, and a poll that throws leaves
 * the memory exactly as it found it.
 */
export async function pollExclusively(options: {
	/** The workflow and node, e.g. `${workflowId} ${nodeId}`. */
	key: string;
	memory: TriggerMemory;
	nowMs: number;
	limits?: ThresholdPollLimits;
	poll: (stored: unknown) => Promise<ThresholdPollResult>;
}): Promise<ThresholdPollResult | null> {
	const { memory } = options;
	return await withPollLock(options.key, async () => {
		const stored = memory.read();
		const claimed = claimTriggerState(stored, randomUUID(), options.nowMs, options.limits);
		if (claimed === null) return null;
		memory.write(claimed);
		const outcome = await settle(async () => await options.poll(stored));
		// A poll that failed leaves the memory as it found it: the next poll reads the same activity.
		memory.write(outcome.ok ? outcome.value.state : stored);
		if (!outcome.ok) throw outcome.error;
		return outcome.value;
	});
}
