import type { Case } from '../case/case';
import type { CaseSource } from '../sources/source';
import {
	advanceState,
	epochSeconds,
	examineCase,
	handledKey,
	type PollSettings,
	type PollState,
	windowStart,
} from './state';

export interface PollResult {
	cases: Case[];
	/** The state to store; the caller writes it only because the poll got this far. */
	state: PollState;
	/** Whether cases were left for the next poll by `maxCasesPerPoll`. */
	more: boolean;
}

/**
 * One poll: read the source's pages for the window in order, keep the cases with new activity up
 * to the per-poll maximum, and compute the next state. It never writes state itself: if any page
 * throws, the error propagates and the caller's stored state stays as it was.
 */
export async function pollCases(
	source: CaseSource,
	state: PollState,
	now: Date,
	settings: PollSettings,
	pageSize = 100,
): Promise<PollResult> {
	const start = windowStart(state, now, settings);
	const emitted: Case[] = [];
	const seen: Record<string, number> = {};
	const known: PollState = { ...state, seen: { ...state.seen } };
	let latestUpdatedAt: string | null = null;
	/** The newest `updatedAt` listed so far, in epoch seconds (see `examineCase`). */
	let newestListed = Number.NEGATIVE_INFINITY;
	let cursor: string | null = null;
	let more = false;
	const handled = (caseId: string, revision: string) => handledKey(caseId, revision) in known.seen;
	pages: for (;;) {
		const page = await source.fetchChanged(
			{ since: start.toISOString(), cursor, handled, lateWriteSeconds: settings.overlapSeconds },
			pageSize,
		);
		for (const supportCase of page.cases) {
			newestListed = Math.max(newestListed, epochSeconds(supportCase.updatedAt) ?? newestListed);
		}
		// The helpdesk's clock settles its past seconds even when nothing newer is listed.
		newestListed = Math.max(newestListed, epochSeconds(page.listedAt ?? null) ?? newestListed);
		for (const supportCase of page.cases) {
			if (emitted.length >= settings.maxCasesPerPoll) {
				more = true;
				break pages;
			}
			const examined = examineCase(
				supportCase,
				known,
				start,
				settings,
				newestListed,
				page.revisions?.[supportCase.id],
			);
			Object.assign(seen, examined.seen);
			Object.assign(known.seen, examined.seen);
			if (examined.emitted) emitted.push(examined.emitted);
			if (supportCase.updatedAt) latestUpdatedAt = supportCase.updatedAt;
		}
		if (page.stopped) {
			more = true;
			break;
		}
		if (page.complete || page.nextCursor === null) break;
		cursor = page.nextCursor;
	}
	return {
		cases: emitted,
		state: advanceState(state, { latestUpdatedAt, seen, more }, now, settings),
		more,
	};
}
