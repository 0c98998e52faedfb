import { pollCases } from '../polling/poll';
import { type PollSettings, type PollState, readPollState } from '../polling/state';
import type { SentimentEngine } from '../sentiment/engine';
import type { CaseSource } from '../sources/source';
import { type CaseObservation, type ThresholdEvent, evaluateThresholds } from './evaluate';
import type { ThresholdSettings } from './settings';
import { type ThresholdState, emptyThresholdState, loadThresholdState } from './state';

/** What the Sentiment Threshold Trigger keeps in its static data between polls. */
export interface ThresholdTriggerState {
	poll: PollState;
	thresholds: ThresholdState;
}

export function readThresholdTriggerState(stored: unknown): ThresholdTriggerState {
	const record = (
		stored && typeof stored === 'object' ? stored : {}
	) as Partial<ThresholdTriggerState>;
	return { poll: readPollState(record.poll), thresholds: loadThresholdState(record.thresholds) };
}

export interface ThresholdPollResult {
	events: ThresholdEvent[];
	/** To be stored only because everything above succeeded. */
	state: ThresholdTriggerState;
	/** Cases classified in this poll. */
	classified: number;
}

/**
 * One poll of the trigger: read the cases with new activity, classify each, evaluate the rules.
 * Any failure (source or engine) propagates before a state is returned, so the caller's stored
 * state stays as it was and the next poll reads the same activity again.
 */
export async function pollThresholds(options: {
	source: CaseSource;
	engine: SentimentEngine;
	stored: unknown;
	now: Date;
	pollSettings: PollSettings;
	thresholdSettings: ThresholdSettings;
}): Promise<ThresholdPollResult> {
	const previous = readThresholdTriggerState(options.stored);
	const polled = await pollCases(options.source, previous.poll, options.now, options.pollSettings);
	const observations: CaseObservation[] = [];
	for (const supportCase of polled.cases) {
		observations.push({ case: supportCase, result: await options.engine.classify(supportCase) });
	}
	const evaluation = evaluateThresholds(
		previous.thresholds,
		observations,
		options.thresholdSettings,
		options.now,
	);
	return {
		events: evaluation.events,
		state: { poll: polled.state, thresholds: evaluation.state },
		classified: observations.length,
	};
}

/**
 * Events for a manual test run: the source's latest cases evaluated from an empty memory, so
 * rules that fire on a first sighting show what a real event looks like. Nothing is stored.
 */
export async function sampleThresholdEvents(options: {
	source: CaseSource;
	engine: SentimentEngine;
	now: Date;
	thresholdSettings: ThresholdSettings;
	count: number;
}): Promise<ThresholdEvent[]> {
	const cases = await options.source.sample(options.count);
	const observations: CaseObservation[] = [];
	for (const supportCase of cases) {
		observations.push({ case: supportCase, result: await options.engine.classify(supportCase) });
	}
	return evaluateThresholds(
		emptyThresholdState(),
		observations,
		options.thresholdSettings,
		options.now,
	).events;
}
