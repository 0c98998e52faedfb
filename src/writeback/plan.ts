import { levelOf, scoreOutOf100 } from '../sentiment/levels';
import { polarityOf, type SentimentResult } from '../sentiment/result';
import { WRITE_BACK_NOTE_MARKER } from './note';

/**
 * What the write-back puts on a case, decided from a classification and what the case already
 * holds. Pure: the helpdesk adapters (helpdesks.ts) read the case and send the requests.
 *
 * The case holds the sentiment in a field of the admin's choice and/or in tags with a prefix
 * (`sentiment_negative`). A write happens only when the level there differs from the result's
 * (or the score field's band moved), so running a flow twice on the same results writes once.
 */
export type WriteBackScale = 'labels' | 'levels';
export type ScoreFormat = 'score100' | 'score';

export interface WriteBackTargets {
	/** Three labels (negative, neutral, positive) or five levels (very_negative .. very_positive). */
	scale: WriteBackScale;
	/** The field that holds the level (a ServiceNow column, a Zendesk custom field id, a Freshdesk cf_ name), or null. */
	levelField: string | null;
	/** The field that holds the score, or null. */
	scoreField: string | null;
	scoreFormat: ScoreFormat;
	/** Tags `<prefix><level>` (Zendesk, Freshdesk), or null for no tags. */
	tagPrefix: string | null;
	/** Whether a level change also leaves an internal note with the explanation. */
	note: boolean;
	/** Width of a score band on 0-100: the score field is rewritten when the score leaves its band. */
	scoreBand: number;
}

/** What the case holds now, as the adapter read it. */
export interface CaseMarks {
	/** The level field's value; null when empty or not written to. */
	level: string | null;
	/** The score field's value as stored (in the target's score format); null when empty. */
	score: number | null;
	/** Every tag of the case (the plan keeps those without the prefix). */
	tags: string[];
}

/** The sentiment to write, read from one classification. */
export interface SentimentToWrite {
	level: string;
	/** -1 .. 1 */
	score: number;
	/** 0 .. 100 */
	score100: number;
	summary: string;
}

export interface WritePlan {
	/** Whether anything is to be written. */
	changed: boolean;
	/** The level the case holds before (from its field, else its tags), null when none. */
	levelBefore: string | null;
	level: string;
	/** Field name -> value to set. */
	fields: Record<string, string | number>;
	/** The case's tags after the write, when they change; null when they stay. */
	tags: string[] | null;
	addTags: string[];
	removeTags: string[];
	/** The internal note to add, or null. */
	note: string | null;
}

export class WriteBackConfigError extends Error {
	constructor(
		message: string,
		readonly hint: string,
	) {
		super(message);
		this.name = 'WriteBackConfigError';
	}
}

/** The result on the write-back's scale: the level (or label), the score both ways, the summary. */
export function sentimentToWrite(
	result: Pick<SentimentResult, 'label' | 'score'> & { explanation: { summary: string } },
	scale: WriteBackScale,
): SentimentToWrite {
	return {
		level: scale === 'levels' ? levelOf(result) : polarityOf(result),
		score: Math.round(result.score * 1000) / 1000,
		score100: scoreOutOf100(result.score),
		summary: result.explanation.summary,
	};
}

/** A tag as the helpdesks keep it: lower case, no spaces (Zendesk turns spaces into separators). */
export function levelTag(prefix: string, level: string): string {
	return `${prefix}${level}`.toLowerCase().replace(/\s+/g, '_');
}

export function assertTargets(targets: WriteBackTargets): void {
	if (targets.levelField === null && targets.tagPrefix === null) {
		throw new WriteBackConfigError(
			'Nothing on the case holds the sentiment: set a level field or a tag prefix',
			'The write-back reads the level back from the case to write only when it changed, so it needs a field or tags to keep it in.',
		);
	}
	if (!(targets.scoreBand >= 1 && targets.scoreBand <= 100)) {
		throw new WriteBackConfigError(
			`Score Band must be between 1 and 100, not ${targets.scoreBand}`,
			'Set Score Band (0-100 points) in Options.',
		);
	}
}

/** The plan for one case: what differs between the case and the sentiment, nothing else. */
export function planWrite(
	sentiment: SentimentToWrite,
	marks: CaseMarks,
	targets: WriteBackTargets,
): WritePlan {
	assertTargets(targets);
	const fields: Record<string, string | number> = {};
	const prefix = targets.tagPrefix === null ? null : targets.tagPrefix.toLowerCase();
	const levelTags = prefix === null ? [] : marks.tags.filter((tag) => tag.startsWith(prefix));
	const levelBefore =
		marks.level ??
		(prefix !== null && levelTags.length > 0 ? levelTags[0].slice(prefix.length) : null);

	const levelFieldChanged = targets.levelField !== null && marks.level !== sentiment.level;
	if (levelFieldChanged) fields[targets.levelField!] = sentiment.level;

	let addTags: string[] = [];
	let removeTags: string[] = [];
	if (prefix !== null) {
		const wanted = levelTag(prefix, sentiment.level);
		removeTags = levelTags.filter((tag) => tag !== wanted);
		addTags = marks.tags.includes(wanted) ? [] : [wanted];
	}
	const tagsChanged = addTags.length > 0 || removeTags.length > 0;
	const levelChanged = levelFieldChanged || tagsChanged;

	if (targets.scoreField !== null) {
		const value = targets.scoreFormat === 'score100' ? sentiment.score100 : sentiment.score;
		const storedOutOf100 =
			marks.score === null
				? null
				: targets.scoreFormat === 'score100'
					? marks.score
					: scoreOutOf100(marks.score);
		// 100 sits in the top band with 99, so that a band is never a single point wide.
		const band = (outOf100: number) => Math.floor(Math.min(outOf100, 99) / targets.scoreBand);
		if (
			storedOutOf100 === null ||
			band(storedOutOf100) !== band(sentiment.score100) ||
			(levelChanged && marks.score !== value)
		) {
			fields[targets.scoreField] = value;
		}
	}

	const tags = tagsChanged
		? [...marks.tags.filter((tag) => !removeTags.includes(tag)), ...addTags]
		: null;
	const changed = Object.keys(fields).length > 0 || tagsChanged;
	return {
		changed,
		levelBefore,
		level: sentiment.level,
		fields,
		tags,
		addTags,
		removeTags,
		note: targets.note && levelChanged ? noteText(sentiment, levelBefore) : null,
	};
}

const LEVEL_NAMES: Record<string, string> = {
	very_negative: 'Very Negative',
	negative: 'Negative',
	neutral: 'Neutral',
	positive: 'Positive',
	very_positive: 'Very Positive',
};

/** The note's text: the marker, the change, the score and the explanation. */
export function noteText(sentiment: SentimentToWrite, levelBefore: string | null): string {
	const name = (level: string) => LEVEL_NAMES[level] ?? level;
	const change =
		levelBefore === null
			? name(sentiment.level)
			: `${name(levelBefore)} -> ${name(sentiment.level)}`;
	return `${WRITE_BACK_NOTE_MARKER} ${change} (score ${sentiment.score100}/100). ${sentiment.summary}`;
}
