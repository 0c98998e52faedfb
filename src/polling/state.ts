import { type Case, DESCRIPTION_MESSAGE_ID } from '../case/case';
import { DAY_SECONDS, SECOND_MS, parseTime, toIsoTime } from '../case/time';
import { isWriteBackNote } from '../writeback/note';

/**
 * The trigger's memory between polls, kept in the workflow's static data as plain JSON:
 * a cursor on the helpdesk's own clock (the latest `updatedAt` fully handled) and the activity
 * already emitted whose time is still inside the overlap window. Anything older than the window
 * cannot come back as new (see `examineCase`), so the seen set stays bounded by the activity
 * of one overlap window, and `maxSeen` caps even that.
 */
export interface PollState {
	version: 1;
	/** ISO time on the helpdesk's clock; null before the first successful poll. */
	cursor: string | null;
	/**
	 * The window start of a poll that stopped at the per-poll maximum, ISO; null otherwise. The
	 * cases it left may hold activity older than the cursor, so the next poll reads from here.
	 */
	resumeFrom: string | null;
	/**
	 * ISO time the first poll read from (now, or now minus the backfill): no later window starts
	 * before it, so activity older than the trigger's start never comes back. Null in older states.
	 */
	startedFrom: string | null;
	/** Activity key (`caseId` + ' ' + `messageId`) -> activity time in epoch seconds. */
	seen: Record<string, number>;
	/**
	 * While a backlog drains (`resumeFrom` set): case id -> the `updatedAt` (epoch seconds) at which
	 * the case was last read in full. Its activity stamped at or before that and before the cursor
	 * minus the overlap is handled, so those activity keys are dropped: a backlog of many long
	 * threads then needs one entry per case instead of one per message.
	 */
	handledThrough: Record<string, number>;
}

export interface PollSettings {
	/** Seconds re-read before the cursor: covers equal timestamps, clock skew and late writes. */
	overlapSeconds: number;
	/**
	 * How far back the first poll reaches, in seconds. The triggers set it from "Backfill on First
	 * Poll (Hours)" (see `pollSettingsFromParameters`), 0 by default: they start from now, as n8n's
	 * own polling triggers do, so a lost state (republish, import, new node) replays no history.
	 */
	firstPollLookbackSeconds: number;
	/** The most cases emitted by one poll; the rest come next poll, in order. */
	maxCasesPerPoll: number;
	/** The most pages one poll reads; a poll that reaches it ends with `more` and the next resumes. */
	maxPagesPerPoll: number;
	/** Seconds after which a poll reads no further page, ending with `more` (see `maxPagesPerPoll`). */
	maxPollSeconds: number;
	/** Whether internal notes count as new activity. */
	includeInternal: boolean;
	/** Whether only the requester's messages (and a new case's description) count. */
	requesterOnly: boolean;
	/**
	 * Upper bound on remembered activity keys. Keys still inside the window are never forgotten:
	 * a poll that would go past it ends early with `more` (after at least one case).
	 */
	maxSeen: number;
}

/**
 * How far past the helpdesk's clock an `updatedAt` may be and still move the cursor: clocks of a
 * helpdesk's servers differ by seconds, not minutes. A record further ahead (a bad import, a
 * date typed in 2099) is emitted, but the cursor stops here.
 */
export const FUTURE_SKEW_SECONDS = 300;

export const DEFAULT_POLL_SETTINGS: PollSettings = {
	overlapSeconds: 300,
	firstPollLookbackSeconds: DAY_SECONDS,
	maxCasesPerPoll: 100,
	maxPagesPerPoll: 500,
	maxPollSeconds: 120,
	includeInternal: false,
	requesterOnly: false,
	maxSeen: 50_000,
};

export function emptyPollState(): PollState {
	return {
		version: 1,
		cursor: null,
		resumeFrom: null,
		startedFrom: null,
		seen: {},
		handledThrough: {},
	};
}

/**
 * Reads state from static data, tolerating absent or foreign content (a fresh start). A cursor
 * (or resume point) later than `now` plus `FUTURE_SKEW_SECONDS` is rejected: it could only come
 * from a record dated in the future, and would hide every real case until that date.
 */
export function readPollState(value: unknown, now: Date = new Date()): PollState {
	if (!value || typeof value !== 'object') return emptyPollState();
	const record = value as Partial<PollState>;
	if (record.version !== 1) return emptyPollState();
	const latest = now.getTime() + FUTURE_SKEW_SECONDS * SECOND_MS;
	const notFuture = (time: string | null) =>
		time !== null && parseTime(time)!.toMillis() <= latest ? time : null;
	const cursor = notFuture(validTime(record.cursor));
	const resumeFrom = cursor === null ? null : notFuture(validTime(record.resumeFrom));
	return {
		version: 1,
		cursor,
		resumeFrom,
		startedFrom: cursor === null ? null : notFuture(validTime(record.startedFrom)),
		seen: numbersIn(record.seen),
		handledThrough: resumeFrom === null ? {} : numbersIn(record.handledThrough),
	};
}

function numbersIn(value: unknown): Record<string, number> {
	const numbers: Record<string, number> = {};
	if (value && typeof value === 'object') {
		for (const [key, time] of Object.entries(value)) {
			if (typeof time === 'number' && Number.isFinite(time)) numbers[key] = time;
		}
	}
	return numbers;
}

function validTime(value: unknown): string | null {
	return typeof value === 'string' && parseTime(value) ? value : null;
}

/**
 * Start of the window a poll reads: where a poll cut short started, else the cursor minus the
 * overlap, or the first-poll lookback.
 */
export function windowStart(state: PollState, now: Date, settings: PollSettings): Date {
	if (state.resumeFrom !== null) return parseTime(state.resumeFrom)!.toJSDate();
	if (state.cursor === null)
		return new Date(now.getTime() - settings.firstPollLookbackSeconds * SECOND_MS);
	const fromCursor = parseTime(state.cursor)!.toMillis() - settings.overlapSeconds * SECOND_MS;
	const startedFrom = state.startedFrom === null ? null : parseTime(state.startedFrom)!.toMillis();
	return new Date(startedFrom === null ? fromCursor : Math.max(startedFrom, fromCursor));
}

/**
 * Where a poll starts listing cases. A drain under way (`resumeFrom`) has read every case updated
 * before its cursor, so it lists again from the cursor minus the overlap (ties and late writes),
 * while activity still counts from `resumeFrom` (see `windowStart`).
 */
export function listingStart(state: PollState, now: Date, settings: PollSettings): Date {
	const activityFrom = windowStart(state, now, settings);
	// Without `handledThrough` entries, a poll stopped part-way by another path (the threshold
	// trigger's) may have left cases older than its cursor: list again from the window start.
	if (state.resumeFrom === null || state.cursor === null) return activityFrom;
	if (Object.keys(state.handledThrough).length === 0) return activityFrom;
	const fromCursor = parseTime(state.cursor)!.toMillis() - settings.overlapSeconds * SECOND_MS;
	return new Date(Math.max(activityFrom.getTime(), fromCursor));
}

/**
 * Epoch seconds before which the activity of a case in `handledThrough` (and stamped at or before
 * its time there) is handled: the cursor minus the overlap, where the window of the first poll
 * after the drain starts at the earliest.
 */
export function compactedBefore(state: PollState, settings: PollSettings): number {
	if (state.cursor === null) return Number.NEGATIVE_INFINITY;
	return Math.floor(parseTime(state.cursor)!.toSeconds()) - settings.overlapSeconds;
}

export function seenActivityKey(caseId: string, messageId: string): string {
	return `${caseId} ${messageId}`;
}

/**
 * Remembers that a case was handled as of an `updatedAt` (or a source's revision of it), so
 * sources can skip it unchanged.
 */
export function handledKey(caseId: string, revision: string): string {
	return `${caseId} @${toIsoTime(revision) ?? revision}`;
}

interface Activity {
	key: string;
	messageId: string;
	at: number;
	counts: boolean;
}

/** Every piece of activity in a case: the description (as the case's opening) and each message. */
function activitiesOf(supportCase: Case, settings: PollSettings): Activity[] {
	const fallback = epochSeconds(supportCase.updatedAt) ?? 0;
	const activities: Activity[] = [];
	const opened = epochSeconds(supportCase.createdAt);
	if (opened !== null || supportCase.description !== '' || supportCase.subject !== '') {
		// A case the team opened with an internal note (Zendesk's private first comment) has no
		// requester description: its opening is the team's activity, like the note.
		const [first] = supportCase.messages;
		const openedWithNote =
			supportCase.description === '' &&
			first?.visibility === 'internal' &&
			epochSeconds(first.createdAt) === opened;
		activities.push({
			key: seenActivityKey(supportCase.id, DESCRIPTION_MESSAGE_ID),
			messageId: DESCRIPTION_MESSAGE_ID,
			at: opened ?? fallback,
			counts: !openedWithNote || settings.includeInternal,
		});
	}
	for (const message of supportCase.messages) {
		const internal = message.visibility === 'internal';
		// The note Update Case in Helpdesk leaves is our own bookkeeping, never new activity.
		const counts =
			!(internal && isWriteBackNote(message.text)) &&
			(settings.includeInternal || !internal) &&
			(!settings.requesterOnly || message.authorRole === 'requester');
		activities.push({
			key: seenActivityKey(supportCase.id, message.id),
			messageId: message.id,
			at: epochSeconds(message.createdAt) ?? fallback,
			counts,
		});
	}
	return activities;
}

export interface CaseExamination {
	/** The case with `newActivity` set, or null when nothing in it counts as new. */
	emitted: Case | null;
	/** Keys to remember once the poll succeeds (all new activity, counted or not). */
	seen: Record<string, number>;
}

/**
 * Activity is new when it is at or after the window start and not already seen. Activity
 * before the window start was either emitted by an earlier poll (the window always starts
 * before the previous cursor) or predates the first poll's reach.
 *
 * The case is remembered as handled at its `updatedAt` only when that is before `settledBefore`,
 * the newest `updatedAt` (epoch seconds) the helpdesk had listed when the case's thread was read: its clock was
 * past that second then, so any later activity moves `updatedAt`. A case updated in the newest
 * second may still get activity stamped with that same second, so it is read again next time.
 */
export function examineCase(
	supportCase: Case,
	state: PollState,
	start: Date,
	settings: PollSettings,
	settledBefore: number,
	revision?: string | null,
): CaseExamination {
	const startSeconds = Math.floor(start.getTime() / SECOND_MS);
	const handledThrough = state.handledThrough[supportCase.id] ?? Number.NEGATIVE_INFINITY;
	const handledBefore = Math.min(handledThrough + 1, compactedBefore(state, settings));
	const seen: Record<string, number> = {};
	const newActivity: string[] = [];
	for (const activity of activitiesOf(supportCase, settings)) {
		if (activity.at < startSeconds || activity.at < handledBefore || activity.key in state.seen)
			continue;
		seen[activity.key] = activity.at;
		if (activity.counts) newActivity.push(activity.messageId);
	}
	const updated = epochSeconds(supportCase.updatedAt);
	if (revision !== undefined) {
		if (revision !== null && updated !== null) {
			seen[handledKey(supportCase.id, revision)] = updated;
		}
	} else if (updated !== null && updated < settledBefore) {
		seen[handledKey(supportCase.id, supportCase.updatedAt!)] = updated;
	}
	const emitted = newActivity.length > 0 ? { ...supportCase, newActivity } : null;
	return { emitted, seen };
}

/**
 * The state after a successful poll: the cursor moves to the latest `updatedAt` handled (on the
 * helpdesk's clock, never n8n's), and seen keys older than the next window are dropped. A poll
 * cut short (`more`) keeps its window start for the next poll, and the keys of the cases it read
 * in full shrink to one `handledThrough` entry each. No key inside the window is evicted: the
 * memory cap is kept by ending polls early (see `pollCases`).
 */
export function advanceState(
	state: PollState,
	handled: {
		latestUpdatedAt: string | null;
		seen: Record<string, number>;
		/** Cases read in full by this poll (see `PollState.handledThrough`); none when absent. */
		handledThrough?: Record<string, number>;
		more: boolean;
	},
	now: Date,
	settings: PollSettings,
): PollState {
	let cursor = state.cursor;
	if (handled.latestUpdatedAt && (cursor === null || later(handled.latestUpdatedAt, cursor))) {
		cursor = handled.latestUpdatedAt;
	}
	// A first poll with nothing in the window starts the cursor at its window start, so the
	// lookback is not repeated forever.
	if (cursor === null) cursor = windowStart(state, now, settings).toISOString();
	const resumeFrom = handled.more ? windowStart(state, now, settings).toISOString() : null;
	const startedFrom =
		state.cursor === null ? windowStart(state, now, settings).toISOString() : state.startedFrom;
	const next: PollState = {
		version: 1,
		cursor,
		resumeFrom,
		startedFrom,
		seen: {},
		handledThrough: {},
	};
	const keepFrom = Math.floor(windowStart(next, now, settings).getTime() / SECOND_MS);
	if (resumeFrom !== null) {
		for (const [caseId, at] of Object.entries({
			...state.handledThrough,
			...(handled.handledThrough ?? {}),
		})) {
			if (at >= keepFrom) next.handledThrough[caseId] = at;
		}
	}
	const compactBefore = compactedBefore(next, settings);
	for (const [key, at] of Object.entries({ ...state.seen, ...handled.seen })) {
		if (at < keepFrom) continue;
		const through = next.handledThrough[caseIdOfKey(key)];
		if (through !== undefined && at <= through && at < compactBefore) continue;
		next.seen[key] = at;
	}
	return next;
}

/** The case id of a seen key (`seenActivityKey`, `handledKey`): message ids hold no space. */
function caseIdOfKey(key: string): string {
	return key.slice(0, key.lastIndexOf(' '));
}

function later(a: string, b: string): boolean {
	return parseTime(a)!.toMillis() > parseTime(b)!.toMillis();
}

export function epochSeconds(value: string | null): number | null {
	if (!value) return null;
	const parsed = parseTime(value);
	return parsed ? Math.floor(parsed.toSeconds()) : null;
}

/**
 * For a manual test run: a recent case marked as if its latest counting activity had just
 * arrived, so the user sees what a real poll hands to the next node.
 */
export function markLatestActivity(supportCase: Case, settings: PollSettings): Case {
	const counting = activitiesOf(supportCase, settings).filter((activity) => activity.counts);
	const latest = counting.reduce<Activity | null>(
		(best, activity) => (best === null || activity.at >= best.at ? activity : best),
		null,
	);
	return { ...supportCase, newActivity: latest ? [latest.messageId] : [] };
}
