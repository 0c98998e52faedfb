#!/usr/bin/env node
// First: every module loaded after it may come from the compile cache.
import './compileCache';

import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';

import type { Case } from '../case/case';
import type { PredictionInLanguage } from '../sentiment/evaluation';
import { classifyCases } from '../sentiment/classifyCases';
import { redact } from '../http/redact';
import { offlineConfidenceToKeep } from '../sentiment/offline/engine';
import type { SentimentResult } from '../sentiment/result';
import {
	type CliEngine,
	createCliEngine,
	ENGINE_OPTIONS,
	ENGINE_USAGE,
	hybridThreshold,
	UsageError,
} from './engines';
import { credentialSecrets } from './secrets';
import {
	CASE_FIELDS,
	caseFromRecord,
	type InputFormat,
	type InputRecord,
	readRecords,
	recordId,
	type RecordFields,
} from './io';

/**
 * `case-sentiment`: classify, evaluate and fetch cases in batch from a shell. `run` is the whole
 * program with its input and output passed in, so tests drive it without a process.
 *
 * Exit codes: 0 all went well, 1 some records failed (each reported on its line), 2 the command
 * could not run (unknown flag, missing key, unreadable file).
 */

export interface CliIo {
	stdin: AsyncIterable<string | Buffer>;
	/** Writes to standard output; a promise when the reader is slower than we are. */
	stdout(text: string): void | Promise<void>;
	stderr(text: string): void;
	stderrIsTTY: boolean;
	env: Readonly<Record<string, string | undefined>>;
	openFile(path: string): AsyncIterable<string | Buffer>;
	now(): number;
}

export const EXIT_OK = 0;
export const EXIT_RECORDS_FAILED = 1;
export const EXIT_USAGE = 2;

const INPUT_USAGE = `Input: a file, or standard input when no file (or -) is given.
  --format jsonl|csv     default: csv for a .csv file, else jsonl
  --id-field <name>      default id; a record without one is named line-<n>
  --text-field <name>    default text. A record without it is read as a case object
                         (${CASE_FIELDS.join(', ')}, as 'case-sentiment fetch' writes them).
                         A text of 'USER: ...' / 'SYSTEM: ...' lines is a dialogue: USER
                         (or Customer) turns are the requester's, the others the fulfiller's.
  CSV: a header row, RFC 4180 quoting ("a, b" and "say ""hi""").
  --progress             progress on stderr even when it is not a terminal`;

const CLASSIFY_USAGE = `Usage: case-sentiment classify [file] [options]

Writes one JSON line per input record, in input order: {"id": ..., <the result>}, the result
being label, score, confidence, explanation, signals, suggestedActions, trend, engine, ...
A record that cannot be classified gives {"id", "line", "error"} in its place (and a message
on stderr); the others are still classified, and the exit code is 1.

${INPUT_USAGE}

${ENGINE_USAGE}`;

const EVALUATE_USAGE = `Usage: case-sentiment evaluate [file] [options]

Classifies labelled records and reports accuracy, macro-F1, per-class precision / recall / F1
and the confusion matrix. With the offline engine it also reports how many cases the hybrid
engine would keep offline at --hybrid-threshold, and how often those are right.

  --label-field <name>   default label (positive, neutral or negative)
  --json                 machine-readable output

${INPUT_USAGE}

${ENGINE_USAGE}`;

const USAGE = `Usage: case-sentiment <command> [options]

Commands:
  classify   JSONL or CSV of texts or cases in, one JSON result per line out
  evaluate   labelled JSONL or CSV in: accuracy, macro-F1, per-class figures, confusion
  fetch      cases changed since a time from a helpdesk, as JSONL
  poll       one poll as the Case Source Trigger makes it, with its state in a file
  help       this text, or 'help <command>'

Exit codes: 0 done, 1 some records failed (each reported), 2 the command could not run.`;

/**
 * Each command's usage. The helpdesk commands' own modules are loaded only when they run or
 * their help is asked for: `classify` starts without loading the helpdesk clients.
 */
const COMMAND_USAGE: Record<string, () => Promise<string>> = {
	classify: async () => CLASSIFY_USAGE,
	evaluate: async () => EVALUATE_USAGE,
	fetch: async () => (await import('./fetch')).FETCH_USAGE,
	poll: async () => (await import('./poll')).POLL_USAGE,
};

const INPUT_OPTIONS = {
	format: { type: 'string' },
	'id-field': { type: 'string', default: 'id' },
	'text-field': { type: 'string', default: 'text' },
	progress: { type: 'boolean', default: false },
	help: { type: 'boolean', default: false },
} as const;

/** Records classified per round: bounds memory on long files while keeping the engine busy. */
const BATCH_SIZE = 256;
const PROGRESS_EVERY_RECORDS = 5000;
const PROGRESS_EVERY_MS = 2000;

function errorText(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	const hint = (error as { hint?: unknown }).hint;
	return typeof hint === 'string' && hint !== '' ? `${error.message}. ${hint}` : error.message;
}

function inputFormat(flag: string | undefined, file: string | undefined): InputFormat {
	if (flag === undefined) return file && /\.csv$/i.test(file) ? 'csv' : 'jsonl';
	if (flag !== 'jsonl' && flag !== 'csv')
		throw new UsageError(`--format must be jsonl or csv, not '${flag}'`);
	return flag;
}

/** Progress lines on stderr, at most every few seconds or thousands of records. */
class Progress {
	private readonly started: number;
	private lastAt: number;
	private lastCount = 0;

	constructor(
		private readonly io: CliIo,
		private readonly enabled: boolean,
		private readonly verb: string,
	) {
		this.started = io.now();
		this.lastAt = this.started;
	}

	update(done: number, failed: number, final = false): void {
		if (!this.enabled) return;
		const now = this.io.now();
		const due =
			done - this.lastCount >= PROGRESS_EVERY_RECORDS || now - this.lastAt >= PROGRESS_EVERY_MS;
		// The last round has usually just been reported: the final line would repeat it.
		if (final ? done === this.lastCount && this.lastAt !== this.started : !due) return;
		this.lastAt = now;
		this.lastCount = done;
		const seconds = Math.max((now - this.started) / 1000, 0.001);
		this.io.stderr(
			`${this.verb} ${done} records (${failed} failed) in ${seconds.toFixed(1)} s, ${Math.round(done / seconds)}/s\n`,
		);
	}
}

interface RecordOutcome {
	line: number;
	id: string;
	fields?: Record<string, unknown>;
	result?: SentimentResult;
	error?: string;
}

/**
 * Reads records, turns each into a case and classifies them in rounds; `onOutcome` sees every
 * record exactly once, in input order, with its result or the reason it has none.
 */
async function classifyRecords(
	records: AsyncIterable<InputRecord>,
	toCase: (fields: Record<string, unknown>, line: number) => Case,
	names: RecordFields,
	cli: CliEngine,
	progress: Progress,
	onOutcome: (outcome: RecordOutcome) => void | Promise<void>,
): Promise<{ done: number; failed: number }> {
	let done = 0;
	let failed = 0;
	const flush = async (batch: InputRecord[]) => {
		const outcomes: RecordOutcome[] = batch.map((record) => {
			const id = record.fields
				? recordId(record.fields, record.line, names)
				: `line-${record.line}`;
			return { line: record.line, id, fields: record.fields, error: record.error };
		});
		const pending: Array<{ outcome: RecordOutcome; supportCase: Case }> = [];
		for (const outcome of outcomes) {
			if (outcome.error !== undefined) continue;
			try {
				pending.push({ outcome, supportCase: toCase(outcome.fields!, outcome.line) });
			} catch (error) {
				outcome.error = errorText(error);
			}
		}
		const classified = await classifyCases(cli.engine, pending, cli.concurrency, cli.scale);
		classified.forEach((result, i) => {
			if (result.status === 'failed') pending[i].outcome.error = errorText(result.error);
			else pending[i].outcome.result = result.result;
		});
		for (const outcome of outcomes) {
			if (outcome.error !== undefined) {
				failed += 1;
				outcome.error = redact(outcome.error, cli.secrets);
			}
			done += 1;
			await onOutcome(outcome);
		}
		progress.update(done, failed);
	};
	let batch: InputRecord[] = [];
	for await (const record of records) {
		batch.push(record);
		if (batch.length >= BATCH_SIZE) {
			await flush(batch);
			batch = [];
		}
	}
	if (batch.length > 0) await flush(batch);
	progress.update(done, failed, true);
	return { done, failed };
}

interface InputFlags {
	format?: string;
	'id-field': string;
	'text-field': string;
}

/** The records of the file named on the command line (or of stdin), and how to read them. */
function openRecords(
	io: CliIo,
	positionals: string[],
	flags: InputFlags,
): { records: AsyncIterable<InputRecord>; names: RecordFields } {
	if (positionals.length > 1)
		throw new UsageError(`one input file at most, not ${positionals.join(' ')}`);
	const file = positionals[0] === '-' ? undefined : positionals[0];
	const names: RecordFields = { idField: flags['id-field'], textField: flags['text-field'] };
	// A CSV without the text column would fail on every row: it is one mistake, said once.
	const checkHeader = (columns: string[]) => {
		if (columns.includes(names.textField) || CASE_FIELDS.some((name) => columns.includes(name)))
			return;
		throw new UsageError(
			`the CSV header (${columns.join(', ')}) has no '${names.textField}' column: name the text column with --text-field`,
		);
	};
	const records = readRecords(
		file === undefined ? io.stdin : io.openFile(file),
		inputFormat(flags.format, file),
		checkHeader,
	);
	return { records, names };
}

async function classifyCommand(argv: string[], io: CliIo): Promise<number> {
	const { values, positionals } = parseArgs({
		args: argv,
		options: { ...INPUT_OPTIONS, ...ENGINE_OPTIONS },
		allowPositionals: true,
	});
	if (values.help) {
		await io.stdout(`${CLASSIFY_USAGE}\n`);
		return EXIT_OK;
	}
	const cli = await createCliEngine(values, io.env);
	const { records, names } = openRecords(io, positionals, values);
	const progress = new Progress(io, values.progress || io.stderrIsTTY, 'classified');
	// Lines are written a round at a time: one write per line was a sixth of a batch of short
	// texts (a write to a file or pipe is a system call each).
	let lines = '';
	let pending = 0;
	const { failed } = await classifyRecords(
		records,
		(fields, line) => caseFromRecord(fields, line, names),
		names,
		cli,
		progress,
		async (outcome) => {
			if (outcome.result) {
				lines += `${JSON.stringify({ id: outcome.id, ...outcome.result })}\n`;
			} else {
				io.stderr(`line ${outcome.line} (${outcome.id}): ${outcome.error}\n`);
				lines += `${JSON.stringify({ id: outcome.id, line: outcome.line, error: outcome.error })}\n`;
			}
			if (++pending < BATCH_SIZE) return;
			const text = lines;
			lines = '';
			pending = 0;
			await io.stdout(text);
		},
	);
	if (lines !== '') await io.stdout(lines);
	return failed > 0 ? EXIT_RECORDS_FAILED : EXIT_OK;
}

async function evaluateCommand(argv: string[], io: CliIo): Promise<number> {
	const {
		coverageAtConfidence,
		evaluateByLanguage,
		evaluatePredictions,
		formatCoverage,
		formatEvaluation,
		formatLanguages,
	} = await import('../sentiment/evaluation');
	const { values, positionals } = parseArgs({
		args: argv,
		options: {
			...INPUT_OPTIONS,
			...ENGINE_OPTIONS,
			'label-field': { type: 'string', default: 'label' },
			json: { type: 'boolean', default: false },
		},
		allowPositionals: true,
	});
	if (values.help) {
		await io.stdout(`${EVALUATE_USAGE}\n`);
		return EXIT_OK;
	}
	const cli = await createCliEngine(values, io.env);
	const { records, names } = openRecords(io, positionals, values);
	const labelField = values['label-field'];
	const labelOf = (fields: Record<string, unknown>): string => {
		const label = fields[labelField];
		if (typeof label !== 'string' || label.trim() === '') {
			throw new Error(
				`has no '${labelField}' label (set --label-field to the field that holds it)`,
			);
		}
		return label.trim().toLowerCase();
	};
	const predictions: Array<
		PredictionInLanguage & { confidence: number; decidedBy: string; keepAt: number }
	> = [];
	const progress = new Progress(io, values.progress || io.stderrIsTTY, 'evaluated');
	const { done, failed } = await classifyRecords(
		records,
		(fields, line) => {
			// Checked before classifying so that an unlabelled record costs no model call.
			labelOf(fields);
			return caseFromRecord(fields, line, names);
		},
		names,
		cli,
		progress,
		(outcome) => {
			if (!outcome.result) {
				io.stderr(`line ${outcome.line} (${outcome.id}): ${outcome.error}\n`);
				return;
			}
			const language = outcome.fields!.language;
			predictions.push({
				expected: labelOf(outcome.fields!),
				predicted: outcome.result.label,
				confidence: outcome.result.confidence,
				decidedBy: outcome.result.decidedBy,
				language: typeof language === 'string' && language !== '' ? language : null,
				// What hybrid needs without --hybrid-threshold: the language the engine read.
				keepAt: offlineConfidenceToKeep(outcome.result.language),
			});
		},
	);
	const evaluation = evaluatePredictions(predictions);
	const byLanguage = evaluateByLanguage(predictions);
	const hasLanguages = Object.keys(byLanguage).length > 0;
	const coverage =
		cli.engine.name === 'offline'
			? coverageAtConfidence(
					predictions,
					values['hybrid-threshold'] === undefined ? null : hybridThreshold(values),
				)
			: null;
	const decidedOffline =
		cli.engine.name === 'hybrid'
			? predictions.filter((prediction) => prediction.decidedBy === 'offline').length
			: null;
	if (values.json) {
		await io.stdout(
			`${JSON.stringify({ engine: cli.engine.name, records: done, failed, ...evaluation, byLanguage: hasLanguages ? byLanguage : undefined, hybridCoverage: coverage, decidedOffline })}\n`,
		);
	} else {
		const lines = [`engine     ${cli.engine.name}`, formatEvaluation(evaluation)];
		if (hasLanguages)
			lines.push(
				'',
				"per language (the records' own language field):",
				formatLanguages(byLanguage),
			);
		if (coverage)
			lines.push('', 'what the hybrid engine would keep offline:', formatCoverage([coverage]));
		if (decidedOffline !== null) {
			lines.push(
				'',
				`decided offline: ${decidedOffline} of ${predictions.length}, the rest by the model`,
			);
		}
		if (failed > 0)
			lines.push('', `${failed} of ${done} records failed (see stderr) and are not counted`);
		await io.stdout(`${lines.join('\n')}\n`);
	}
	return failed > 0 ? EXIT_RECORDS_FAILED : EXIT_OK;
}

async function fetchCommandRun(argv: string[], io: CliIo): Promise<number> {
	const { FETCH_USAGE, fetchCommand } = await import('./fetch');
	if (argv.includes('--help')) {
		await io.stdout(`${FETCH_USAGE}\n`);
		return EXIT_OK;
	}
	const lines: string[] = [];
	const count = await fetchCommand(
		argv,
		(line) => lines.push(line),
		() => new Date(io.now()),
	);
	for (const line of lines) await io.stdout(`${line}\n`);
	io.stderr(`fetched ${count} cases\n`);
	return EXIT_OK;
}

async function pollCommandRun(argv: string[], io: CliIo): Promise<number> {
	const { POLL_USAGE, pollCommand } = await import('./poll');
	if (argv.includes('--help')) {
		await io.stdout(`${POLL_USAGE}\n`);
		return EXIT_OK;
	}
	const { result } = await pollCommand(
		argv,
		async (line) => await io.stdout(`${line}\n`),
		() => new Date(io.now()),
	);
	const unreadable =
		result.unreadable.length > 0 ? `, ${result.unreadable.length} records unreadable` : '';
	const more = result.more ? '; more cases are waiting: run it again' : '';
	io.stderr(`polled ${result.cases.length} cases${unreadable}${more}\n`);
	return EXIT_OK;
}

async function helpCommand(argv: string[], io: CliIo): Promise<number> {
	const topic = argv[0];
	if (topic !== undefined && !(topic in COMMAND_USAGE)) {
		io.stderr(`Unknown command '${topic}'.\n${USAGE}\n`);
		return EXIT_USAGE;
	}
	await io.stdout(`${topic === undefined ? USAGE : await COMMAND_USAGE[topic]()}\n`);
	return EXIT_OK;
}

const COMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
	classify: classifyCommand,
	evaluate: evaluateCommand,
	fetch: fetchCommandRun,
	poll: pollCommandRun,
	help: helpCommand,
};

export async function run(argv: string[], io: CliIo): Promise<number> {
	const [command, ...rest] = argv;
	const handler = command === undefined ? undefined : COMMANDS[command];
	if (!handler) {
		if (command === '--help' || command === '-h') return helpCommand([], io);
		io.stderr(`${command === undefined ? '' : `Unknown command '${command}'.\n`}${USAGE}\n`);
		return EXIT_USAGE;
	}
	// Every message may quote a flag value; the key is taken out of whatever is printed.
	const secrets = [
		...credentialSecrets(rest),
		io.env.CASE_SENTIMENT_API_KEY ?? '',
		io.env.OPENAI_API_KEY ?? '',
	];
	try {
		return await handler(rest, io);
	} catch (error) {
		const message = redact(errorText(error), secrets);
		const usage =
			error instanceof UsageError ||
			(error as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS');
		io.stderr(
			usage
				? `${message}\nRun 'case-sentiment help ${command}' for the options.\n`
				: `case-sentiment ${command}: ${message}\n`,
		);
		return EXIT_USAGE;
	}
}

function processIo(): CliIo {
	// `classify big.jsonl | head` closes our output early: that is the reader's choice, not a crash.
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code !== 'EPIPE') throw error;
		process.exit(process.exitCode ?? EXIT_OK);
	});
	return {
		// Read only when no file is named: making process.stdin sets up a stream, a few
		// milliseconds of every start-up.
		get stdin() {
			return process.stdin;
		},
		stdout: (text) =>
			process.stdout.write(text)
				? undefined
				: new Promise<void>((resolve) => process.stdout.once('drain', () => resolve())),
		stderr: (text) => {
			process.stderr.write(text);
		},
		stderrIsTTY: process.stderr.isTTY === true,
		env: process.env,
		openFile: (path) => createReadStream(path),
		now: () => Date.now(),
	};
}

if (require.main === module) {
	void run(process.argv.slice(2), processIo()).then((code) => {
		process.exitCode = code;
	});
}
