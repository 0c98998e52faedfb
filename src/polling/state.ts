import { type Case, DESCRIPTION_MESSAGE_ID } from '../case/case';
import { DAY_SECONDS, SECOND_MS, parseTime, toIsoTime } from '../case/time';

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
	/** Activity key (`caseId` + ' ' + `messageId`) -> activity time in epoch seconds. */
	seen: Record<string, number>;
}

export interface PollSettings {
	/** Seconds re-read before the cursor: covers equal timestamps, clock skew and late writes. */
	overlapSeconds: number;
	/** How far back the first poll reaches, in seconds. */
	firstPollLookbackSeconds: number;
	/** The most cases emitted by one poll; the rest come next poll, in order. */
	maxCasesPerPoll: number;
	/** Whether internal notes count as new activity. */
	includeInternal: boolean;
	/** Whether only the requester's messages (and a new case's description) count. */
	requesterOnly: boolean;
	/** Upper bound on remembered activity keys. */
	maxSeen: number;
}

export const DEFAULT_POLL_SETTINGS: PollSettings = {
	overlapSeconds: 300,
	firstPollLookbackSeconds: DAY_SECONDS,
	maxCasesPerPoll: 100,
	includeInternal: false,
	requesterOnly: false,
	maxSeen: 50_000,
};

export function emptyPollState(): PollState {
	return { version: 1, cursor: null, resumeFrom: null, seen: {} };
}

/** Reads state from static data, tolerating absent or foreign content (a fresh start). */
export function readPollState(value: unknown): PollState {
	if (!value || typeof value !== 'object') return emptyPollState();
	const record = value as Partial<PollState>;
	if (record.version !== 1) return emptyPollState();
	const cursor = validTime(record.cursor);
	const resumeFrom = validTime(record.resumeFrom);
	const seen: Record<string, number> = {};
	if (record.seen && typeof record.seen === 'object') {
		for (const [key, time] of Object.entries(record.seen)) {
			if (typeof time === 'number' && Number.isFinite(time)) seen[key] = time;
		}
	}
	return { version: 1, cursor, resumeFrom, seen };
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
	const cursor = parseTime(state.cursor)!.toMillis();
	return new Date(cursor - settings.overlapSeconds * SECOND_MS);
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
		const counts =
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
	const seen: Record<string, number> = {};
	const newActivity: string[] = [];
	for (const activity of activitiesOf(supportCase, settings)) {
		if (activity.at < startSeconds || activity.key in state.seen) continue;
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
 * cut short (`more`) keeps its window start for the next poll.
 */
export function advanceState(
	state: PollState,
	handled: { latestUpdatedAt: string | null; seen: Record<string, number>; more: boolean },
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
	const next: PollState = {
		version: 1,
		cursor,
		resumeFrom,
		seen: { ...state.seen, ...handled.seen },
	};
	const keepFrom = Math.floor(windowStart(next, now, settings).getTime() / SECOND_MS);
	const kept = Object.entries(next.seen).filter(([, at]) => at >= keepFrom);
	kept.sort((a, b) => b[1] - a[1]);
	next.seen = Object.fromEntries(kept.slice(0, settings.maxSeen));
	return next;
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
