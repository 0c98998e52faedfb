import { Readable } from 'node:stream';

import type { CliIo } from '../../src/cli/main';

/**
 * The command line's input and output for a test: no standard input, no files unless `overrides`
 * gives some, the clock at 0, and what it writes kept in `out` and `err`. Imports main only as a
 * type, so a test can still mock modules before main is loaded.
 */
export function capturedCliIo(overrides: Partial<CliIo> = {}): {
	io: CliIo;
	out: string[];
	err: string[];
} {
	const out: string[] = [];
	const err: string[] = [];
	const io: CliIo = {
		stdin: Readable.from([]),
		stdout: (text) => {
			out.push(text);
		},
		stderr: (text) => {
			err.push(text);
		},
		stderrIsTTY: false,
		env: {},
		openFile: () => Readable.from([]),
		now: () => 0,
		...overrides,
	};
	return { io, out, err };
}
