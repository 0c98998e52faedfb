import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { pollCases } from '../polling/poll';
import { DEFAULT_POLL_SETTINGS, emptyPollState } from '../polling/state';
import { DEFAULT_RETRY_POLICY, fetchHttpRequest } from './http';
import { fetchCommand } from '../cli/fetch';
import { type JsonApiPagination, JsonApiCaseSource, jsonApiSettings } from './jsonApi';

/** An in-house helpdesk: 23 tickets, `changed_after` in epoch seconds, paged three ways. */
const TICKETS = Array.from({ length: 23 }, (_, index) => ({
	key: `T-${index + 1}`,
	title: `Ticket ${index + 1}`,
	body: 'My order never arrived and nobody answers my emails.',
	modified: Date.parse('2026-11-23T09:00:00Z') / 1000 + index * 60,
	customer: { mail: `customer${index}@example.com` },
	org: { code: 'ACME', label: 'Acme' },
	notes: [
		{
			id: `n${index}`,
			text: 'Looking into it',
			role: 'agent',
			private: false,
			time: '2026-11-23T09:00:00Z',
		},
	],
}));

let server: Server;
let base = '';
const requests: string[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', base);
		requests.push(url.search);
		const after = Number(url.searchParams.get('changed_after') ?? 0);
		const changed = TICKETS.filter((ticket) => ticket.modified >= after);
		const size = 10;
		const offset = Number(url.searchParams.get('page') ?? url.searchParams.get('cursor') ?? 1) - 1;
		const slice = changed.slice(offset * size, offset * size + size);
		const more = (offset + 1) * size < changed.length;
		const next = new URL(url.toString());
		next.searchParams.set('page', String(offset + 2));
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(
			JSON.stringify({
				data: { items: slice },
				next: more ? next.toString() : null,
				cursor: more ? String(offset + 2) : '',
			}),
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => await new Promise((resolve) => server.close(resolve)));

const PAGINATIONS: Array<[string, JsonApiPagination]> = [
	['next link', { type: 'nextLink', path: 'next' }],
	['cursor', { type: 'cursor', cursorPath: 'cursor', cursorParameter: 'cursor' }],
	['page number', { type: 'page', pageParameter: 'page', sizeParameter: 'size', firstPage: 1 }],
];

describe.each(PAGINATIONS)('HTTP source with %s pagination', (_name, pagination) => {
	it('reads every page, maps the fields, and asks only for changes since the window start', async () => {
		requests.length = 0;
		const source = new JsonApiCaseSource(
			{
				url: `${base}/tickets`,
				itemsPath: 'data.items',
				sinceParameter: 'changed_after',
				sinceFormat: 'epochSeconds',
				pagination,
				mapping: {
					id: 'key',
					updatedAt: 'modified',
					subject: 'title',
					description: 'body',
					requester: 'customer.mail',
					account: 'org.code',
					accountName: 'org.label',
					messages: 'notes',
				},
			},
			fetchHttpRequest(),
		);
		const now = new Date('2026-11-23T10:00:00Z');
		const result = await pollCases(
			source,
			emptyPollState(),
			now,
			{ ...DEFAULT_POLL_SETTINGS, firstPollLookbackSeconds: 3600 },
			10,
		);
		expect(result.cases.map((supportCase) => supportCase.id)).toEqual(
			TICKETS.map((ticket) => ticket.key),
		);
		const first = result.cases[0];
		expect(first).toMatchObject({
			subject: 'Ticket 1',
			updatedAt: '2026-11-23T09:00:00Z',
			requester: { email: 'customer0@example.com' },
			account: { id: 'ACME', name: 'Acme' },
			source: 'http',
		});
		expect(first.messages[0]).toMatchObject({
			id: 'n0',
			authorRole: 'fulfiller',
			visibility: 'public',
		});
		expect(requests).toHaveLength(3);
		expect(requests[0]).toContain(`changed_after=${Date.parse('2026-11-23T09:00:00Z') / 1000}`);
	});
});

/** A second in-house helpdesk whose answers each test sets. */
describe('HTTP source against awkward servers', () => {
	let awkward: Server;
	let awkwardBase = '';
	let answer: (
		url: URL,
		headers: Record<string, string | string[] | undefined>,
	) => unknown = () => [];
	let served = 0;
	let linkHeader = '';

	beforeAll(async () => {
		awkward = createServer(async (req, res) => {
			served += 1;
			const body = await answer(new URL(req.url ?? '/', awkwardBase), req.headers);
			if (body === HANG) return;
			res.writeHead(200, {
				'content-type': 'application/json',
				...(linkHeader && !req.url?.includes('page=2') ? { link: linkHeader } : {}),
			});
			res.end(JSON.stringify(body));
		});
		await new Promise<void>((resolve) => awkward.listen(0, '127.0.0.1', resolve));
		awkwardBase = `http://127.0.0.1:${(awkward.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		awkward.closeAllConnections();
		await new Promise((resolve) => awkward.close(resolve));
	});
	beforeEach(() => {
		served = 0;
	});

	const HANG = Symbol('hang');
	const NOW = new Date('2026-11-23T10:00:00Z');
	const pollSettings = { ...DEFAULT_POLL_SETTINGS, firstPollLookbackSeconds: 3600 };
	const ticket = (key: string, modified: unknown) => ({
		key,
		title: `Ticket ${key}`,
		body: 'Where is my refund?',
		modified,
	});
	function awkwardSource(pagination: JsonApiPagination = { type: 'none' }, url = '/tickets') {
		return new JsonApiCaseSource(
			{
				url: `${awkwardBase}${url}`,
				itemsPath: 'items',
				sinceParameter: '',
				sinceFormat: 'iso',
				pagination,
				mapping: { id: 'key', updatedAt: 'modified', subject: 'title', description: 'body' },
			},
			fetchHttpRequest({ authorization: 'Bearer s3cret-token' }),
		);
	}

	it('reports a record it cannot read once, naming the record and the field, and emits the others', async () => {
		answer = () => ({
			items: [
				ticket('T-1', '2026-11-23T09:10:00Z'),
				ticket('T-2', 'last tuesday'),
				ticket('T-3', '2026-11-23T09:20:00Z'),
			],
		});
		const source = awkwardSource();
		const first = await pollCases(source, emptyPollState(), NOW, pollSettings);
		expect(first.cases.map((supportCase) => supportCase.id)).toEqual(['T-1', 'T-3']);
		expect(first.unreadable).toEqual([
			expect.objectContaining({ record: 'T-2', field: 'updatedAt (modified)' }),
		]);
		expect(first.unreadable[0].message).toContain('last tuesday');
		const later = new Date(NOW.getTime() + 60_000);
		const second = await pollCases(source, first.state, later, pollSettings);
		expect(second.cases).toEqual([]);
		expect(second.unreadable).toEqual([]);
		expect(served).toBe(2);
	});
	it.each([
		['body', { type: 'nextLink', path: 'next' } as JsonApiPagination],
		['Link header', { type: 'nextLink', path: 'header:link' } as JsonApiPagination],
	])(
		"follows a next link in the %s only to the endpoint's own scheme, host and port",
		async (_where, pagination) => {
			const elsewhere: string[] = [];
			const other = createServer((req, res) => {
				elsewhere.push(String(req.headers.authorization));
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ items: [] }));
			});
			await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
			const otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
			try {
				linkHeader = `<${otherBase}/steal?page=2>; rel="next"`;
				answer = () => ({
					items: [ticket('T-1', '2026-11-23T09:10:00Z')],
					next: `${otherBase}/steal?page=2`,
				});
				await expect(
					pollCases(awkwardSource(pagination), emptyPollState(), NOW, pollSettings),
				).rejects.toThrow(/next page .*127\.0\.0\.1:\d+.* not the endpoint's/);
				expect(elsewhere).toEqual([]);
				// The same server's own next link is followed.
				linkHeader = `</tickets?page=2>; rel="next"`;
				answer = (url) =>
					url.searchParams.get('page') === '2'
						? { items: [ticket('T-2', '2026-11-23T09:20:00Z')] }
						: { items: [ticket('T-1', '2026-11-23T09:10:00Z')], next: '/tickets?page=2' };
				const result = await pollCases(
					awkwardSource(pagination),
					emptyPollState(),
					NOW,
					pollSettings,
				);
				expect(result.cases.map((supportCase) => supportCase.id)).toEqual(['T-1', 'T-2']);
			} finally {
				linkHeader = '';
				await new Promise((resolve) => other.close(resolve));
			}
		},
	);
	it('gives up on a helpdesk that does not answer within the request timeout, naming it', async () => {
		answer = () => HANG;
		const source = new JsonApiCaseSource(
			{
				url: `${awkwardBase}/tickets`,
				itemsPath: 'items',
				sinceParameter: '',
				sinceFormat: 'iso',
				pagination: { type: 'none' },
				mapping: { id: 'key', updatedAt: 'modified' },
			},
			fetchHttpRequest(),
			{ ...DEFAULT_RETRY_POLICY, timeoutMs: 300 },
		);
		const started = Date.now();
		await expect(pollCases(source, emptyPollState(), NOW, pollSettings)).rejects.toThrow(
			/HTTP source \(127\.0\.0\.1:\d+\) could not be read: no answer to GET http:\/\/127\.0\.0\.1:\d+\/tickets within 0\.3 s/,
		);
		expect(Date.now() - started).toBeLessThan(3000);
	});

	/** Pages of one ticket each, the n-th updated n seconds after 09:00, honouring `since`. */
	function pagedTickets(pages: number | null) {
		return (url: URL) => {
			const since = Date.parse(url.searchParams.get('since') ?? '2026-11-23T09:00:00Z');
			const first = Math.max(1, Math.ceil((since - Date.parse('2026-11-23T09:00:00Z')) / 1000));
			const page = Number(url.searchParams.get('page') ?? first);
			const last = pages === null || page < pages;
			const at = new Date(Date.parse('2026-11-23T09:00:00Z') + page * 1000).toISOString();
			const next = new URL(url);
			next.searchParams.set('page', String(page + 1));
			return { items: [ticket(`T-${page}`, at)], next: last ? next.toString() : null };
		};
	}

	it('ends a poll at the page budget with more, and the next polls resume without loss or repeat', async () => {
		answer = pagedTickets(50);
		const source = new JsonApiCaseSource(
			{
				url: `${awkwardBase}/tickets`,
				itemsPath: 'items',
				sinceParameter: 'since',
				sinceFormat: 'iso',
				pagination: { type: 'nextLink', path: 'next' },
				mapping: { id: 'key', updatedAt: 'modified', subject: 'title', description: 'body' },
			},
			fetchHttpRequest(),
		);
		const budget = { ...pollSettings, overlapSeconds: 5, maxPagesPerPoll: 20 };
		let state = emptyPollState();
		const ids: string[] = [];
		const more: boolean[] = [];
		for (let poll = 0; poll < 4; poll++) {
			served = 0;
			const result = await pollCases(source, state, NOW, budget);
			expect(served).toBeLessThanOrEqual(20);
			ids.push(...result.cases.map((supportCase) => supportCase.id));
			more.push(result.more);
			state = result.state;
		}
		expect(ids).toEqual(Array.from({ length: 50 }, (_, index) => `T-${index + 1}`));
		expect(more.slice(0, 2)).toEqual([true, true]);
		expect(more[3]).toBe(false);
	});

	it('ends a poll at its time budget with more when the next link never ends', async () => {
		const endless = pagedTickets(null);
		answer = (url) => new Promise((resolve) => setTimeout(() => resolve(endless(url)), 40));
		const source = awkwardSource({ type: 'nextLink', path: 'next' });
		const started = Date.now();
		const result = await pollCases(source, emptyPollState(), NOW, {
			...pollSettings,
			maxPollSeconds: 0.5,
		});
		expect(result.more).toBe(true);
		expect(Date.now() - started).toBeLessThan(2000);
		expect(result.cases.length).toBeGreaterThan(2);
		expect(served).toBe(result.cases.length);
	});
});

describe('jsonApiSettings, the one builder of the trigger and the command line', () => {
	it('fills what is unset with one set of defaults, and leaves out fields mapped to nothing', () => {
		const settings = jsonApiSettings({
			url: 'https://helpdesk.example/api/cases',
			mapping: { state: '' },
		});
		expect(settings).toEqual({
			url: 'https://helpdesk.example/api/cases',
			itemsPath: '',
			sinceParameter: 'updated_since',
			sinceFormat: 'iso',
			pagination: { type: 'none' },
			mapping: {
				id: 'id',
				updatedAt: 'updated_at',
				createdAt: 'created_at',
				subject: 'subject',
				description: 'description',
				priority: 'priority',
				requester: 'requester',
				messages: 'messages',
			},
		});
	});

	it('refuses a changed-since format it does not know, in the command line too', async () => {
		expect(() => jsonApiSettings({ url: 'https://x.example/', sinceFormat: 'unix' })).toThrow(
			'The changed-since format must be one of iso, epochSeconds, epochMillis',
		);
		await expect(
			fetchCommand(
				['--source', 'http', '--url', 'https://x.example/cases', '--since-format', 'unix'],
				() => undefined,
			),
		).rejects.toThrow('changed-since format');
	});
});
