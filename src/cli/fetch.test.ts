import { FakeFreshdesk } from '../../test/servers/helpdesks/freshdesk';
import { parseCase } from '../case/case';
import { fetchCommand, sinceTime } from './fetch';

describe('case-sentiment fetch', () => {
	it('writes the cases changed since --since as JSONL of normalized cases', async () => {
		const server = new FakeFreshdesk();
		server.store.fixedNow = Date.parse('2026-11-23T12:00:00Z');
		server.store.seed(30, 3_600_000);
		await server.start();
		try {
			const lines: string[] = [];
			const count = await fetchCommand(
				[
					'--source',
					'freshdesk',
					'--base-url',
					server.url,
					'--api-key',
					'fd-key',
					'--since',
					'2026-11-23T00:00:00Z',
				],
				(line) => lines.push(line),
				() => new Date(server.store.now()),
			);
			const expected = server.store.tickets.filter(
				(ticket) => ticket.updatedAt >= Date.parse('2026-11-23T00:00:00Z'),
			);
			expect(count).toBe(expected.length);
			const cases = lines.map((line) => parseCase(JSON.parse(line)));
			expect(cases.map((supportCase) => supportCase.id).sort()).toEqual(
				expected.map((ticket) => String(ticket.id)).sort(),
			);
			expect(cases.every((supportCase) => supportCase.source === 'freshdesk')).toBe(true);
		} finally {
			await server.close();
		}
	});

	it('reads --since as a duration back from now', () => {
		expect(sinceTime('12h', new Date('2026-11-23T12:00:00Z')).toISOString()).toBe(
			'2026-11-23T00:00:00.000Z',
		);
		expect(() => sinceTime('yesterday', new Date())).toThrow('--since must be');
	});

	it('rejects an unknown source with the usage', async () => {
		await expect(fetchCommand(['--source', 'jira'], () => undefined)).rejects.toThrow(
			'Usage: case-sentiment fetch',
		);
	});
});

describe('fetch flags', () => {
	it.each(['abc', '0', '-3', '2.5', ''])('refuses --limit %p as a usage error', async (limit) => {
		await expect(
			fetchCommand(['--source', 'demo', `--limit=${limit}`], () => undefined),
		).rejects.toThrow(/--limit must be a whole number from 1/);
	});
});
