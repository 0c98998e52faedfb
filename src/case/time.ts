import { DateTime } from 'luxon';

/**
 * Helpdesks write times in several formats: ISO 8601 (Zendesk, Freshdesk), ServiceNow's
 * "yyyy-MM-dd HH:mm:ss" in UTC, SQL-like strings with an offset, and epoch numbers. Every time
 * in a Case is stored as an ISO 8601 string in UTC so that items stay plain JSON in n8n.
 */
export function parseTime(value: unknown): DateTime | null {
	if (value instanceof DateTime) return value.isValid ? value.toUTC() : null;
	if (value instanceof Date) return parseTime(DateTime.fromJSDate(value));
	if (typeof value === 'number' && Number.isFinite(value)) {
		// Ten digits or fewer is epoch seconds (Unix time), more is epoch milliseconds.
		return parseTime(value < 1e11 ? DateTime.fromSeconds(value) : DateTime.fromMillis(value));
	}
	if (typeof value !== 'string' || value.trim() === '') return null;
	const text = value.trim();
	if (/^\d+$/.test(text)) return parseTime(Number(text));
	const candidates = [
		DateTime.fromISO(text, { setZone: true }),
		DateTime.fromSQL(text, { zone: 'utc', setZone: true }),
		DateTime.fromFormat(text, 'yyyy-MM-dd HH:mm:ss ZZZ', { setZone: true }),
		DateTime.fromRFC2822(text, { setZone: true }),
		DateTime.fromHTTP(text, { setZone: true }),
	];
	const parsed = candidates.find((candidate) => candidate.isValid);
	return parsed ? parsed.toUTC() : null;
}

/** An ISO 8601 string in UTC, or null when the value is not a time. */
export function toIsoTime(value: unknown): string | null {
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
