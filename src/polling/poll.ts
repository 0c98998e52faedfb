import type { Case } from '../case/case';
import { SECOND_MS } from '../case/time';
import type { CaseSource, UnreadableRecord } from '../sources/source';
import {
	advanceState,
	epochSeconds,
	examineCase,
	FUTURE_SKEW_SECONDS,
	handledKey,
	listingStart,
	type PollSettings,
	type PollState,
	windowStart,
} from './state';

export interface PollResult {
	cases: Case[];
	/** The state to store; the caller writes it only because the poll got this far. */
	state: PollState;
	/**
	 * Listed records the source could not read, each reported once (remembered like activity):
	 * the poll goes on without them, so one bad record does not stop the others.
	 */
	unreadable: UnreadableRecord[];
	/** Whether cases were left for the next poll (by `maxCasesPerPoll`, the memory cap, or the page and time budget). */
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
	const listFrom = listingStart(state, now, settings);
	const emitted: Case[] = [];
	const unreadable: UnreadableRecord[] = [];
	const seen: Record<string, number> = {};
	const handledThrough: Record<string, number> = {};
	const known: PollState = { ...state, seen: { ...state.seen } };
	let remembered = Object.keys(known.seen).length + Object.keys(state.handledThrough).length;
	let latestUpdatedAt: string | null = null;
	/** The newest `updatedAt` listed so far, in epoch seconds (see `examineCase`). */
	let newestListed = Number.NEGATIVE_INFINITY;
	let cursor: string | null = null;
	let more = false;
	let pagesRead = 0;
	const startedAt = performance.now();
	/** The helpdesk's clock (its Date header when the source reads it, else ours), epoch seconds. */
	let helpdeskNow = Math.floor(now.getTime() / SECOND_MS);
	const handled = (caseId: string, revision: string) => handledKey(caseId, revision) in known.seen;
	pages: for (;;) {
		const page = await source.fetchChanged(
			{
				since: listFrom.toISOString(),
				activitySince: start.toISOString(),
				cursor,
				handled,
				lateWriteSeconds: settings.overlapSeconds,
			},
			pageSize,
		);
		helpdeskNow = epochSeconds(page.serverTime ?? null) ?? helpdeskNow;
		for (const supportCase of page.cases) {
			const updated = epochSeconds(supportCase.updatedAt);
			if (updated !== null && updated <= helpdeskNow + FUTURE_SKEW_SECONDS)
				newestListed = Math.max(newestListed, updated);
		}
		for (const record of page.unreadable ?? []) {
			const key = unreadableKey(record);
			if (key in known.seen) continue;
			const at = epochSeconds(record.updatedAt) ?? helpdeskNow;
			seen[key] = at;
			known.seen[key] = at;
			unreadable.push(record);
		}
		// The helpdesk's clock settles its past seconds even when nothing newer is listed.
		newestListed = Math.max(newestListed, epochSeconds(page.serverTime ?? null) ?? newestListed);
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
			const added = Object.keys(examined.seen).length + 1;
			// The memory cap: end the poll before a case whose keys would pass it, never forget
			// keys still inside the window. One case per poll always goes through, so a drain moves.
			if (remembered + added > settings.maxSeen && emitted.length > 0) {
				more = true;
				break pages;
			}
			remembered += added;
			Object.assign(seen, examined.seen);
			Object.assign(known.seen, examined.seen);
			if (examined.emitted) emitted.push(examined.emitted);
			const updated = epochSeconds(supportCase.updatedAt);
			if (updated === null) continue;
			handledThrough[supportCase.id] = updated;
			// A record from the future (past the helpdesk's clock and the skew) is emitted, but
			// moves the cursor no further than the helpdesk's clock: else no real case would follow.
			const handledAt =
				updated <= helpdeskNow + FUTURE_SKEW_SECONDS
					? supportCase.updatedAt!
					: new Date(helpdeskNow * SECOND_MS).toISOString();
			if (latestUpdatedAt === null || Date.parse(handledAt) > Date.parse(latestUpdatedAt))
				latestUpdatedAt = handledAt;
		}
		if (page.stopped) {
			more = true;
			break;
		}
		if (page.complete || page.nextCursor === null) break;
		cursor = page.nextCursor;
		// The page and time budget: a helpdesk whose pages never end (or come slowly) cannot hold
		// a poll forever. The next poll lists again from the last case handled.
		pagesRead += 1;
		if (
			pagesRead >= settings.maxPagesPerPoll ||
			performance.now() - startedAt >= settings.maxPollSeconds * SECOND_MS
		) {
			more = true;
			break;
		}
	}
	return {
		cases: emitted,
		unreadable,
		state: advanceState(state, { latestUpdatedAt, seen, handledThrough, more }, now, settings),
		more,
	};
}

/** Remembers that an unreadable record was reported, so the next polls do not repeat it. */
function unreadableKey(record: UnreadableRecord): string {
	return `${record.record} unreadable:${record.field.replace(/\s+/g, '')}`;
}
