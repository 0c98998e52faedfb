import { StringDecoder } from 'node:string_decoder';

import type { Case } from '../case/case';
import { normalizeCase, caseFromText, type MappedCase } from '../case/normalize';
import { parseCase } from '../case/case';

/**
 * What the command line reads: JSONL or CSV records, each with the line it starts on, and the
 * case each record stands for. A record that cannot be read is reported with its line and the
 * reading goes on, so one bad line never costs the rest of a file.
 */

export type InputFormat = 'jsonl' | 'csv';

export interface InputRecord {
	/** 1-based line of the file on which the record starts. */
	line: number;
	fields?: Record<string, unknown>;
	/** Why the record could not be read; `fields` is then absent. */
	error?: string;
}

async function* text(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<string> {
	// A multi-byte character may be split between two chunks: the decoder holds its first half.
	const decoder = new StringDecoder('utf8');
	for await (const chunk of chunks) {
		const decoded = typeof chunk === 'string' ? chunk : decoder.write(chunk);
		if (decoded !== '') yield decoded;
	}
	const rest = decoder.end();
	if (rest !== '') yield rest;
}

/**
 * Longest JSONL line read, in characters: a whole case with a long thread fits many times over,
 * and a file without line breaks cannot make the reader hold gigabytes.
 */
export const MAX_JSONL_LINE = 4 * 1024 * 1024;

export async function* jsonlRecords(
	chunks: AsyncIterable<string | Buffer>,
	maxLineLength = MAX_JSONL_LINE,
): AsyncGenerator<InputRecord> {
	let buffer = '';
	let line = 0;
	// Set while the rest of an over-long line is skipped, chunk by chunk.
	let skipping = false;
	const tooLong = (): InputRecord => {
		line += 1;
		return {
			line,
			error: `is longer than ${maxLineLength} characters: split the case, or shorten its text`,
		};
	};
	const read = (raw: string): InputRecord | null => {
		if (raw.length > maxLineLength) return tooLong();
		line += 1;
		const content = (line === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
		if (content === '') return null;
		let value: unknown;
		try {
			value = JSON.parse(content);
		} catch (error) {
			return { line, error: `not valid JSON (${(error as Error).message})` };
		}
		if (value === null || typeof value !== 'object' || Array.isArray(value)) {
			return {
				line,
				error: 'not a JSON object: each line must be one object such as {"id": "1", "text": "..."}',
			};
		}
		return { line, fields: value as Record<string, unknown> };
	};
	for await (const piece of text(chunks)) {
		buffer += piece;
		let end: number;
		while ((end = buffer.indexOf('\n')) >= 0) {
			const record = skipping ? tooLong() : read(buffer.slice(0, end));
			skipping = false;
			buffer = buffer.slice(end + 1);
			if (record) yield record;
		}
		if (buffer.length > maxLineLength) {
			skipping = true;
			buffer = '';
		}
	}
	if (skipping) yield tooLong();
	else if (buffer !== '') {
		const record = read(buffer);
		if (record) yield record;
	}
}

/**
 * RFC 4180 CSV with a header row: fields separated by commas, quoted fields may hold commas,
 * line breaks and doubled quotes. A row with a stray quote or the wrong number of fields is an
 * error for that row only. `onHeader` may throw to stop before any row is read.
 */
export async function* csvRecords(
	chunks: AsyncIterable<string | Buffer>,
	onHeader: (columns: string[]) => void = () => undefined,
): AsyncGenerator<InputRecord> {
	let header: string[] | null = null;
	let row: string[] = [];
	let field = '';
	// start: nothing of the field read yet; plain: an unquoted field; quoted: inside quotes;
	// closed: a quote seen inside quotes, which is either the closing one or the first of a pair.
	let state: 'start' | 'plain' | 'quoted' | 'closed' = 'start';
	let line = 1;
	let rowLine = 1;
	let rowError: string | null = null;
	let first = true;

	const endRow = (): InputRecord | null => {
		row.push(field);
		const cells = row;
		const error = rowError;
		const startLine = rowLine;
		row = [];
		field = '';
		rowError = null;
		state = 'start';
		rowLine = line;
		if (cells.length === 1 && cells[0] === '' && error === null) return null;
		if (header === null) {
			header = cells.map((cell) => cell.trim());
			onHeader(header);
			return null;
		}
		if (error !== null) return { line: startLine, error };
		if (cells.length !== header.length) {
			return {
				line: startLine,
				error: `has ${cells.length} fields but the header has ${header.length} (quote fields that contain commas)`,
			};
		}
		return {
			line: startLine,
			fields: Object.fromEntries(header.map((name, i) => [name, cells[i]])),
		};
	};

	for await (let piece of text(chunks)) {
		if (first) {
			piece = piece.replace(/^\uFEFF/, '');
			first = false;
		}
		for (const char of piece) {
			if (char === '\n') line += 1;
			switch (state) {
				case 'quoted':
					if (char === '"') state = 'closed';
					else field += char;
					continue;
				case 'closed':
					if (char === '"') {
						field += '"';
						state = 'quoted';
						continue;
					}
					if (char !== ',' && char !== '\n' && char !== '\r') {
						rowError ??=
							'has text after the closing quote of a field (double a quote inside a quoted field: "")';
						field += char;
						state = 'plain';
						continue;
					}
					break;
				case 'start':
					if (char === '"') {
						state = 'quoted';
						continue;
					}
					break;
			}
			// Outside quotes: separators, line ends and plain characters.
			if (char === ',') {
				row.push(field);
				field = '';
				state = 'start';
			} else if (char === '\n') {
				const record = endRow();
				if (record) yield record;
			} else if (char !== '\r') {
				if (char === '"') {
					rowError ??=
						'has a quote inside an unquoted field (quote the whole field and double the quote)';
				}
				field += char;
				state = 'plain';
			}
		}
	}
	if (state === 'quoted') {
		rowError = 'has a quoted field that is never closed';
	}
	if (row.length > 0 || field !== '' || rowError !== null) {
		const record = endRow();
		if (record) yield record;
	}
}

export function readRecords(
	chunks: AsyncIterable<string | Buffer>,
	format: InputFormat,
	onCsvHeader?: (columns: string[]) => void,
): AsyncGenerator<InputRecord> {
	return format === 'csv' ? csvRecords(chunks, onCsvHeader) : jsonlRecords(chunks);
}

export interface RecordFields {
	/** Field holding the case id; a record without one is named after its line (`line-12`). */
	idField: string;
	/** Field holding plain text (or a USER: / SYSTEM: transcript). */
	textField: string;
}

export const DEFAULT_RECORD_FIELDS: RecordFields = { idField: 'id', textField: 'text' };

/** Fields that make a record without a text a case object (as `fetch` writes them). */
export const CASE_FIELDS = ['messages', 'subject', 'description'] as const;

export function recordId(
	fields: Record<string, unknown>,
	line: number,
	names: RecordFields,
): string {
	const id = fields[names.idField];
	if (typeof id === 'string' && id.trim() !== '') return id;
	if (typeof id === 'number') return String(id);
	return `line-${line}`;
}

/**
 * The case a record stands for: its text field as plain text or as a transcript, or else the
 * record as a case object (normalized like mapped fields in the node).
 */
export function caseFromRecord(
	fields: Record<string, unknown>,
	line: number,
	names: RecordFields = DEFAULT_RECORD_FIELDS,
): Case {
	const id = recordId(fields, line, names);
	const value = fields[names.textField];
	if (value !== undefined && value !== null) {
		if (typeof value !== 'string') throw new Error(`'${names.textField}' must be a string`);
		if (value.trim() === '') {
			throw new Error(`'${names.textField}' is empty: there is no customer text to classify`);
		}
		return transcriptCase(value, id) ?? caseFromText(value, id);
	}
	if (CASE_FIELDS.some((name) => fields[name] !== undefined)) {
		return normalizeCase({ ...(fields as MappedCase), id });
	}
	throw new Error(
		`has no '${names.textField}' field and no case fields (${CASE_FIELDS.join(', ')}): give each line {"${names.idField}": ..., "${names.textField}": "..."} or a case object`,
	);
}

const TURN = /^([A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)?):[ \t]?(.*)$/;
const REQUESTER_SPEAKERS = /^(user|customer|client|caller|requester)$/i;

/**
 * A dialogue written as `USER: ...` / `SYSTEM: ...` lines (or Customer / Agent) is a case whose
 * requester speaks the user's turns and whose fulfiller speaks the rest. Text is read this way
 * only when every line is a turn and one speaker is the customer, so a tweet such as
 * "Update: delayed again" stays plain text.
 */
export function transcriptCase(text: string, id: string): Case | null {
	const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
	if (lines.length < 2) return null;
	const turns = lines.map((line) => TURN.exec(line.trim()));
	if (turns.some((turn) => turn === null)) return null;
	if (!turns.some((turn) => REQUESTER_SPEAKERS.test(turn![1]))) return null;
	return parseCase({
		id,
		messages: turns.map((turn, index) => ({
			id: `turn-${index + 1}`,
			author: turn![1],
			authorRole: REQUESTER_SPEAKERS.test(turn![1]) ? 'requester' : 'fulfiller',
			visibility: 'public',
			text: turn![2],
			createdAt: null,
		})),
	});
}
