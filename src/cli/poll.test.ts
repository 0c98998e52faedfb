import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { FakeFreshdesk } from '../../test/servers/helpdesks/freshdesk';
import { capturedCliIo } from '../../test/unit/cliIo';
import { EXIT_OK, EXIT_USAGE, run } from './main';

/** The command line on a clock the test sets, its output and errors captured. */
function cli(now: () => number) {
	const { io, out, err } = capturedCliIo({ now });
	return {
		run: async (argv: string[]) => await run(argv, io),
		lines: () =>
			out
				.join('')
				.split('\n')
				.filter((line) => line !== '')
				.map((line) => JSON.parse(line) as Record<string, unknown>),
		stderr: () => err.join(''),
		clear: () => {
			out.length = 0;
			err.length = 0;
		},
	};
}

describe('case-sentiment poll', () => {
	let folder = '';
	let server: FakeFreshdesk;
	beforeEach(async () => {
		folder = await mkdtemp(join(tmpdir(), 'case-poll-'));
		server = new FakeFreshdesk();
		server.store.fixedNow = Date.parse('2026-11-23T12:00:00Z');
		server.store.seed(6, 3_600_000);
		await server.start();
	});
	afterEach(async () => {
		await server.close();
		await rm(folder, { recursive: true, force: true });
	});

	const flags = (state: string) => [
		'poll',
		'--source',
		'freshdesk',
		'--base-url',
		server.url,
		'--api-key',
		'fd-key',
		'--state',
		state,
	];

	it('starts from now, then emits each new activity once, keeping its state in the file', async () => {
		const state = join(folder, 'state.json');
		const shell = cli(() => server.store.now());
		expect(await shell.run(flags(state))).toBe(EXIT_OK);
		expect(shell.lines()).toEqual([]);
		const stored = JSON.parse(await readFile(state, 'utf8')) as { cursor: string };
		expect(stored.cursor).toBeTruthy();
		server.store.fixedNow = server.store.now() + 60_000;
		const ticket = server.store.tickets[2];
		server.store.addMessage(ticket.id, { role: 'requester', text: 'Any news?' });
		server.store.fixedNow = server.store.now() + 60_000;
		shell.clear();
		expect(await shell.run(flags(state))).toBe(EXIT_OK);
		expect(shell.lines().map((line) => line.id)).toEqual([String(ticket.id)]);
		expect(shell.lines()[0].newActivity).toEqual([String(ticket.messages.at(-1)!.id)]);
		shell.clear();
		expect(await shell.run(flags(state))).toBe(EXIT_OK);
		expect(shell.lines()).toEqual([]);
		expect((await readdir(folder)).sort()).toEqual(['state.json']);
	});

	it('reaches back --backfill hours in its first poll', async () => {
		const shell = cli(() => server.store.now());
		expect(await shell.run([...flags(join(folder, 'state.json')), '--backfill', '24'])).toBe(
			EXIT_OK,
		);
		expect(shell.lines()).toHaveLength(6);
	});

	it('leaves the state file as it was when the poll fails, and the next run emits what it would have', async () => {
		const state = join(folder, 'state.json');
		const shell = cli(() => server.store.now());
		await shell.run([...flags(state), '--backfill', '24']);
		const before = await readFile(state, 'utf8');
		server.store.fixedNow = server.store.now() + 60_000;
		server.store.addMessage(server.store.tickets[0].id, { role: 'requester', text: 'Hello?' });
		server.store.fixedNow = server.store.now() + 60_000;
		server.failures.push({ onRequest: server.requests + 1, status: 500 });
		shell.clear();
		expect(await shell.run(flags(state))).toBe(EXIT_USAGE);
		expect(shell.stderr()).toContain('500');
		expect(await readFile(state, 'utf8')).toBe(before);
		shell.clear();
		expect(await shell.run(flags(state))).toBe(EXIT_OK);
		expect(shell.lines().map((line) => line.id)).toEqual([String(server.store.tickets[0].id)]);
	});

	it('refuses a state file that is not JSON, and names it', async () => {
		const state = join(folder, 'state.json');
		await writeFile(state, 'not json');
		const shell = cli(() => server.store.now());
		expect(await shell.run(flags(state))).toBe(EXIT_USAGE);
		expect(shell.stderr()).toContain(`--state ${state} is not a poll state`);
	});
});
