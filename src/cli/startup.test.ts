import { Readable } from 'node:stream';

import { capturedCliIo } from '../../test/unit/cliIo';

/**
 * `case-sentiment classify` of a one-line file should start in under 0.25 s: a cron job or a
 * shell loop pays the start-up every time. luxon and the LLM modules (prompt, retry, hybrid)
 * took a large part of it and a one-line classify with the offline engine needs none of them,
 * so they are made to fail on load here: the command must not touch them.
 */
const NOT_ON_START_UP = [
	'luxon',
	'../sentiment/llm/prompt',
	'../sentiment/llm/retry',
	'../sentiment/llm/schema',
	'../sentiment/hybrid',
];

/** Runs `classify` of a one-line file with `names` made to fail on load; what it wrote and loaded. */
async function classifyOneLineWithout(names: readonly string[]) {
	const loaded: string[] = [];
	for (const name of names) {
		jest.doMock(name, () => {
			loaded.push(name);
			return {};
		});
	}
	const { io, out, err } = capturedCliIo({
		openFile: () =>
			Readable.from([
				`${JSON.stringify({ id: 'one', text: 'Still waiting, third time I ask.' })}\n`,
			]),
	});
	let code = -1;
	await jest.isolateModulesAsync(async () => {
		const { run } = await import('./main');
		code = await run(['classify', 'one.jsonl'], io);
	});
	return { code, out: out.join(''), err: err.join(''), loaded };
}

describe('case-sentiment classify start-up', () => {
	afterEach(() => {
		for (const name of [...NOT_ON_START_UP, 'zod']) jest.dontMock(name);
		jest.resetModules();
	});

	it('classifies a one-line file with the offline engine without loading luxon or the LLM modules', async () => {
		const { code, out, err, loaded } = await classifyOneLineWithout(NOT_ON_START_UP);
		expect(err).toBe('');
		expect(code).toBe(0);
		const [line] = out.trim().split('\n');
		expect(JSON.parse(line)).toMatchObject({ id: 'one', label: 'negative', engine: 'offline' });
		expect(loaded).toEqual([]);
	});

	it('classifies a one-line file without loading zod: plain text and the offline engine need no schema', async () => {
		const { code, out, err, loaded } = await classifyOneLineWithout(['zod']);
		expect(err).toBe('');
		expect(code).toBe(0);
		expect(JSON.parse(out.trim())).toMatchObject({
			id: 'one',
			label: 'negative',
			engine: 'offline',
		});
		expect(loaded).toEqual([]);
	});
});
