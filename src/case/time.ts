import type { DateTime } from 'luxon';

let luxonModule: typeof import('luxon') | undefined;

/**
 * luxon, loaded on the first time that is not in the plain ISO form (PLAIN_ISO) or that must be
 * returned as a DateTime: reading a case of plain ISO times, as the command line's classify does,
 * then never loads it (a third of its start-up went to luxon and zod).
 */
function luxon(): typeof DateTime {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
	luxonModule ??= require('luxon') as typeof import('luxon');
	return luxonModule.DateTime;
}

/**
 * The formats helpdesks write times in, most common first: ISO 8601 (Zendesk, Freshdesk),
 * ServiceNow's "yyyy-MM-dd HH:mm:ss" in UTC, SQL-like strings with an offset, e-mail and HTTP
 * dates. Tried in turn, stopping at the first that reads the text.
 */
const TIME_FORMATS: ReadonlyArray<(text: string) => DateTime> = [
	(text) => luxon().fromISO(text, { setZone: true }),
	(text) => luxon().fromSQL(text, { zone: 'utc', setZone: true }),
	(text) => luxon().fromFormat(text, 'yyyy-MM-dd HH:mm:ss ZZZ', { setZone: true }),
	(text) => luxon().fromRFC2822(text, { setZone: true }),
	(text) => luxon().fromHTTP(text, { setZone: true }),
];

/**
 * "2026-11-23T09:30:00Z" and "2026-11-23T10:30:00.250+01:00", the form nearly every helpdesk
 * and our own cases use, read without luxon: normalizing a thread of many messages is then
 * not spent parsing times.
 */
const PLAIN_ISO =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/** Epoch milliseconds of a PLAIN_ISO time, or null when it is not one or names no real moment. */
function plainIsoMillis(text: string): number | null {
	const match = PLAIN_ISO.exec(text);
	if (!match) return null;
	const [year, month, day, hour, minute, second] = match
		.slice(1, 7)
		.map((part) => Number(part ?? 0));
	const millis = Number((match[7] ?? '').padEnd(3, '0'));
	// Years before 1000 are rare and Date.UTC reads 0-99 as 1900-1999: luxon reads those.
	const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
	if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth) return null;
	if (hour > 23 || minute > 59 || second > 59) return null;
	const offsetMinutes =
		match[8] === 'Z'
			? 0
			: (match[9] === '-' ? -1 : 1) * (Number(match[10]) * 60 + Number(match[11]));
	return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

/**
 * Reads a time in any of the formats above, epoch numbers (seconds or milliseconds) and Dates.
 * Every time in a Case is stored as an ISO 8601 string in UTC so that items stay plain JSON in n8n.
 */
export function parseTime(value: unknown): DateTime | null {
	if (typeof value === 'object' && value !== null) {
		const luxonDateTime = luxon();
		if (value instanceof luxonDateTime) return value.isValid ? value.toUTC() : null;
		if (value instanceof Date) return parseTime(luxonDateTime.fromJSDate(value));
		return null;
	}
	if (typeof value === 'number' && Number.isFinite(value)) {
		// Ten digits or fewer is epoch seconds (Unix time), more is epoch milliseconds.
		const luxonDateTime = luxon();
		return parseTime(
			value < 1e11 ? luxonDateTime.fromSeconds(value) : luxonDateTime.fromMillis(value),
		);
	}
	if (typeof value !== 'string' || value.trim() === '') return null;
	const text = value.trim();
	if (/^\d+$/.test(text)) return parseTime(Number(text));
	const plain = plainIsoMillis(text);
	if (plain !== null) return luxon().fromMillis(plain, { zone: 'utc' });
	for (const format of TIME_FORMATS) {
		const parsed = format(text);
		if (parsed.isValid) return parsed.toUTC();
	}
	return null;
}

/** An ISO 8601 string in UTC, or null when the value is not a time. */
export function toIsoTime(value: unknown): string | null {
	const plain = typeof value === 'string' ? plainIsoMillis(value.trim()) : null;
	// The same string luxon's toISO({ suppressMilliseconds: true }) writes for a UTC time.
	if (plain !== null) return new Date(plain).toISOString().replace('.000Z', 'Z');
	const parsed = parseTime(value);
	return parsed ? (parsed.toISO({ suppressMilliseconds: true }) as string) : null;
}

/** Time units, so that durations read as what they are rather than as 60_000 or 86_400_000. */
export const MINUTE_SECONDS = 60;
export const HOUR_SECONDS = 60 * MINUTE_SECONDS;
export const DAY_SECONDS = 24 * HOUR_SECONDS;
export const SECOND_MS = 1000;
export const MINUTE_MS = MINUTE_SECONDS * SECOND_MS;
export const HOUR_MS = HOUR_SECONDS * SECOND_MS;
export const DAY_MS = DAY_SECONDS * SECOND_MS;
