import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import { HOUR_SECONDS } from '../case/time';
import { pollCases, type PollResult } from '../polling/poll';
import { DEFAULT_POLL_SETTINGS, type PollSettings, readPollState } from '../polling/state';
import { numberFlag } from './engines';
import { oneShotError, SOURCE_OPTIONS, sourceFromFlags } from './fetch';

/**
 * `case-sentiment poll --source ... --state FILE`: one poll exactly as the Case Source Trigger
 * makes it (the same `pollCases`, state and settings), for cron jobs and queues outside n8n. The
 * state file is replaced, atomically, only after the poll succeeded and its cases were written.
 */
export const POLL_USAGE = `Usage: case-sentiment poll --source <servicenow|zendesk|freshdesk|http|demo> --state <file> [options]

Runs one poll as the Case Source Trigger does: reads the state file (missing: the first poll),
writes each case with new activity as one JSON line (a record the source cannot read as
{"error", "source", "record", "field"}), then replaces the state file atomically. A poll that
fails writes nothing and leaves the state file as it was, so running it again loses nothing.

  --state <file>             the poll state (JSON), created by the first poll
  --backfill <hours>         how far back the first poll reaches; default 0 (from now)
  --max-cases <n>            most cases per poll, the rest next time; default ${DEFAULT_POLL_SETTINGS.maxCasesPerPoll}
  --overlap <seconds>        window re-read before the cursor; default ${DEFAULT_POLL_SETTINGS.overlapSeconds}
  --include-internal         internal notes count as new activity
  --requester-only           only the requester's messages (and new cases) count
  --state-filter <state>     only cases in this state (fetch's --state)
  The source options are fetch's: --base-url, --subdomain, credentials, filters, HTTP mapping
  (see 'case-sentiment help fetch').
Exit codes: 0 done (stderr says when cases were left for the next run), 2 the poll failed.`;

export interface PollCommandOutcome {
	result: PollResult;
	/** The source's name, for the lines of records it could not read. */
	source: string;
}

export async function pollCommand(
	argv: string[],
	write: (line: string) => Promise<void> | void,
	now: () => Date = () => new Date(),
): Promise<PollCommandOutcome> {
	const { values } = parseArgs({
		args: argv,
		options: {
			...SOURCE_OPTIONS,
			state: { type: 'string' },
			'state-filter': { type: 'string' },
			backfill: { type: 'string', default: '0' },
			'max-cases': { type: 'string' },
			overlap: { type: 'string' },
			'include-internal': { type: 'boolean', default: false },
			'requester-only': { type: 'boolean', default: false },
		},
	});
	const source = sourceFromFlags(values, values['state-filter'], now, POLL_USAGE);
	if (!values.state) throw new Error(`--state <file> is needed.\n${POLL_USAGE}`);
	const settings: PollSettings = {
		...DEFAULT_POLL_SETTINGS,
		firstPollLookbackSeconds:
			numberFlag('backfill', values.backfill!, 0, 100_000, false) * HOUR_SECONDS,
		maxCasesPerPoll:
			values['max-cases'] === undefined
				? DEFAULT_POLL_SETTINGS.maxCasesPerPoll
				: numberFlag('max-cases', values['max-cases'], 1, 1_000_000, true),
		overlapSeconds:
			values.overlap === undefined
				? DEFAULT_POLL_SETTINGS.overlapSeconds
				: numberFlag('overlap', values.overlap, 0, 86_400, true),
		includeInternal: values['include-internal'] ?? false,
		requesterOnly: values['requester-only'] ?? false,
	};
	const clockNow = now();
	const state = readPollState(await readStateFile(values.state), clockNow);
	const result = await pollCases(source, state, clockNow, settings).catch(oneShotError);
	if (result instanceof Error) throw result;
	for (const supportCase of result.cases) await write(JSON.stringify(supportCase));
	for (const record of result.unreadable) {
		await write(
			JSON.stringify({
				error: record.message,
				source: source.name,
				record: record.record,
				field: record.field,
			}),
		);
	}
	// Only now, with the poll done and its cases written: a failure above leaves the old state.
	await replaceFile(values.state, `${JSON.stringify(result.state)}\n`);
	return { result, source: source.name };
}

/** The stored state, or undefined when there is none yet (the first poll). */
async function readStateFile(path: string): Promise<unknown> {
	const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) =>
		error.code === 'ENOENT' ? null : Promise.reject(error),
	);
	if (text === null) return undefined;
	let parsed: unknown = NOT_JSON;
	try {
		parsed = JSON.parse(text);
	} catch {
		// reported below
	}
	if (parsed === NOT_JSON) {
		throw new Error(
			`--state ${path} is not a poll state (not JSON). Move it away to start from now, or restore it.`,
		);
	}
	return parsed;
}

const NOT_JSON = Symbol('not JSON');

/** Writes a file next to `path` and renames it over `path`: readers see the old or the new. */
async function replaceFile(path: string, content: string): Promise<void> {
	const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
	try {
		await writeFile(temporary, content, { encoding: 'utf8', flag: 'wx' });
		await rename(temporary, path);
	} finally {
		await rm(temporary, { force: true });
	}
}
