import { FakeFreshdesk } from '../../test/servers/helpdesks/freshdesk';
import type { FakeHelpdeskServer } from '../../test/servers/helpdesks/helpdesk';
import { FakeServiceNow } from '../../test/servers/helpdesks/servicenow';
import { FakeZendesk } from '../../test/servers/helpdesks/zendesk';
import type { Case } from '../case/case';
import { pollCases } from '../polling/poll';
import {
	DEFAULT_POLL_SETTINGS,
	emptyPollState,
	type PollSettings,
	type PollState,
	readPollState,
} from '../polling/state';
import { FreshdeskCaseSource } from './freshdesk';
import { basicAuthHeader, fetchHttpRequest, type HelpdeskRetryPolicy } from './http';
import { ServiceNowCaseSource } from './servicenow';
import type { CaseSource, HttpRequest } from './source';
import { ZendeskCaseSource } from './zendesk';

interface Helpdesk {
	name: string;
	server: () => FakeHelpdeskServer;
	auth: (server: FakeHelpdeskServer) => Record<string, string>;
	badAuth: Record<string, string>;
	source: (server: FakeHelpdeskServer, http: HttpRequest, retry: HelpdeskRetryPolicy) => CaseSource;
}

const HELPDESKS: Helpdesk[] = [
	{
		name: 'ServiceNow',
		server: () => new FakeServiceNow(),
		auth: () => basicAuthHeader('integration', 'sn-password'),
		badAuth: basicAuthHeader('integration', 'wrong'),
		source: (server, http, retry) =>
			new ServiceNowCaseSource(
				{ baseUrl: server.url, table: 'sn_customerservice_case' },
				http,
				retry,
			),
	},
	{
		name: 'Zendesk',
		server: () => new FakeZendesk(),
		auth: () => basicAuthHeader('agent@acme.example/token', 'zd-token'),
		badAuth: basicAuthHeader('agent@acme.example/token', 'wrong'),
		source: (server, http, retry) =>
			new ZendeskCaseSource(
				{ baseUrl: server.url },
				http,
				() => new Date(server.store.now()),
				retry,
			),
	},
	{
		name: 'Freshdesk',
		server: () => new FakeFreshdesk(),
		auth: () => basicAuthHeader('fd-key', 'X'),
		badAuth: basicAuthHeader('wrong-key', 'X'),
		source: (server, http, retry) =>
			new FreshdeskCaseSource(
				{ baseUrl: server.url },
				http,
				retry,
				() => new Date(server.store.now()),
			),
	},
];

const NOW = Date.parse('2026-11-23T12:00:00Z');
const settings: PollSettings = {
	...DEFAULT_POLL_SETTINGS,
	overlapSeconds: 120,
	firstPollLookbackSeconds: 7 * 86_400,
	maxCasesPerPoll: 10_000,
};

function keys(cases: Case[]): string[] {
	return cases.flatMap((supportCase) =>
		supportCase.newActivity.map((id) => `${supportCase.id} ${id}`),
	);
}

describe.each(HELPDESKS)('$name source against its local server', (helpdesk) => {
	let server: FakeHelpdeskServer;
	const waits: number[] = [];
	const retry: HelpdeskRetryPolicy = {
		retries: 3,
		baseDelayMs: 1000,
		maxDelayMs: 10_000,
		sleep: async (ms) => void waits.push(ms),
	};
	let source: CaseSource;
	let http: HttpRequest;

	beforeEach(async () => {
		server = helpdesk.server();
		server.store.fixedNow = NOW;
		await server.start();
		waits.length = 0;
		http = fetchHttpRequest(helpdesk.auth(server));
		source = helpdesk.source(server, http, retry);
	});
	afterEach(async () => await server.close());

	async function poll(state: PollState, pageSize = 25, now = server.store.now()) {
		const result = await pollCases(source, state, new Date(now), settings, pageSize);
		// Each poll's state goes through JSON, as n8n stores static data (and survives a restart).
		return { ...result, state: readPollState(JSON.parse(JSON.stringify(result.state))) };
	}

	it('maps records to cases: description apart, requester vs fulfiller, work notes and private notes internal', async () => {
		server.store.seed(8, 3_600_000);
		const { cases } = await poll(emptyPollState());
		const billing = cases.find(
			(supportCase) => supportCase.subject === 'Invoices charged twice this month',
		)!;
		expect(billing.description).toContain('We were billed twice');
		expect(billing.messages.map((message) => message.text)).not.toContain(billing.description);
		expect(billing.messages.map((message) => [message.authorRole, message.visibility])).toEqual([
			['fulfiller', 'public'],
			['fulfiller', 'internal'],
			['requester', 'public'],
			['fulfiller', 'public'],
			['requester', 'public'],
		]);
		expect(billing.requester?.name).toBe('Dana Whitfield');
		expect(billing.account?.name ?? billing.account?.id).toBeTruthy();
		expect(billing.source).toBe(helpdesk.name.toLowerCase());
		expect(billing.updatedAt).toBe(billing.messages[4].createdAt);
	});

	it('pages through 120 changed cases with requests proportional to them, each activity once', async () => {
		server.store.seed(120, 60_000);
		// The helpdesk's clock moves on between polls (Zendesk exports hold back the last minute).
		server.store.fixedNow = NOW + 60_000;
		const first = await poll(emptyPollState(), 25);
		expect(first.cases).toHaveLength(120);
		expect(new Set(keys(first.cases)).size).toBe(keys(first.cases).length);
		server.resetCounters();
		const target = server.store.tickets[30];
		server.store.fixedNow = NOW + 90_000;
		const added = server.store.addMessage(target.id, {
			role: 'requester',
			text: 'Any update on this?',
		});
		server.store.fixedNow = NOW + 180_000;
		const second = await poll(first.state, 25);
		expect(second.cases.map((supportCase) => supportCase.number ?? supportCase.id)).toHaveLength(1);
		expect(second.cases[0].newActivity).toHaveLength(1);
		expect(
			second.cases[0].messages.find((message) => message.id === second.cases[0].newActivity[0])
				?.text,
		).toBe('Any update on this?');
		expect(added.text).toBe('Any update on this?');
		// The list, the changed case's thread, and at most one thread per page of the first poll (the
		// case that was the newest listed when its thread was read is read again: it could have had
		// a reply in that same second); nothing in proportion to the 120 known cases.
		// Freshdesk, which has no revision that moves with every change, also reads again the
		// threads of cases updated inside the overlap before the first poll (late writes).
		const insideOverlap = server.store.tickets.filter(
			(ticket) =>
				ticket.id !== target.id &&
				ticket.updatedAt >= NOW + 60_000 - settings.overlapSeconds * 1000,
		).length;
		expect(server.requests).toBeGreaterThanOrEqual(2);
		expect(server.requests).toBeLessThanOrEqual(
			2 + 120 / 25 + (helpdesk.name === 'Freshdesk' ? insideOverlap : 0),
		);
	});

	it('reads a thread of 1,050 messages over its pages of comments, journal or conversations', async () => {
		const ticket = server.store.addTicket({
			subject: 'Long thread',
			description: 'Opening',
			at: NOW - 3_600_000,
		});
		for (let index = 0; index < 1050; index++)
			server.store.addMessage(ticket.id, {
				role: index % 2 === 0 ? 'requester' : 'agent',
				text: `Message ${index}`,
				at: NOW - 3_000_000 + index * 1000,
			});
		const { cases } = await poll(emptyPollState());
		expect(cases).toHaveLength(1);
		expect(cases[0].messages.map((message) => message.text)).toEqual(
			Array.from({ length: 1050 }, (_, index) => `Message ${index}`),
		);
		expect(cases[0].newActivity).toHaveLength(1051);
		expect(new Set(cases[0].newActivity).size).toBe(1051);
	});

	it('keeps equal timestamps across pages and the per-poll maximum: every case once', async () => {
		for (let index = 0; index < 30; index++)
			server.store.addTicket({
				subject: `Same second ${index}`,
				description: 'Printer on fire',
				at: NOW - 600_000,
			});
		let state = emptyPollState();
		const seen: string[] = [];
		for (let pollIndex = 0; pollIndex < 5; pollIndex++) {
			const result = await pollCases(
				source,
				state,
				new Date(NOW),
				{ ...settings, maxCasesPerPoll: 8 },
				7,
			);
			seen.push(...result.cases.map((supportCase) => supportCase.subject));
			state = readPollState(JSON.parse(JSON.stringify(result.state)));
		}
		expect(seen).toHaveLength(30);
		expect(new Set(seen).size).toBe(30);
	});

	it('catches activity written while a poll runs, once, on the next poll', async () => {
		server.store.seed(40, 60_000);
		const target = server.store.tickets[2];
		let writes = 0;
		const writingHttp: HttpRequest = async (request) => {
			const response = await http(request);
			if (writes === 0 && server.requests === 3) {
				writes += 1;
				server.store.addMessage(target.id, {
					role: 'requester',
					text: 'Written mid-poll',
					at: NOW - 1000,
				});
			}
			return response;
		};
		const writingSource = helpdesk.source(server, writingHttp, retry);
		const first = await pollCases(writingSource, emptyPollState(), new Date(NOW), settings, 10);
		server.store.fixedNow = NOW + 60_000;
		const second = await poll(first.state);
		server.store.fixedNow = NOW + 120_000;
		const third = await poll(second.state);
		const all = [...keys(first.cases), ...keys(second.cases), ...keys(third.cases)];
		const midPoll = server.store.ticket(target.id).messages.at(-1)!;
		expect(
			all.filter(
				(key) =>
					key.endsWith(` ${String(midPoll.id)}`) ||
					key.endsWith(midPoll.id.toString(16).padStart(32, '0')),
			),
		).toHaveLength(1);
		expect(new Set(all).size).toBe(all.length);
		expect(third.cases).toEqual([]);
	});

	it('catches a message written in the same second as the case was last read, once', async () => {
		server.store.seed(10, 60_000);
		const first = await poll(emptyPollState());
		// The newest case gets a reply stamped with its current update time: written right after
		// the poll read its thread, within the same second, so its update time does not move.
		const newest = server.store.byUpdate().at(-1)!;
		server.store.addMessage(newest.id, {
			role: 'requester',
			text: 'Same second',
			at: newest.updatedAt,
		});
		// The helpdesk's clock moves on too (Zendesk's exports hold back their last minute).
		server.store.fixedNow = NOW + 120_000;
		const second = await poll(first.state, 25);
		expect(second.cases).toHaveLength(1);
		const [emitted] = second.cases;
		expect(emitted.newActivity).toHaveLength(1);
		expect(emitted.messages.find((message) => message.id === emitted.newActivity[0])?.text).toBe(
			'Same second',
		);
		server.store.fixedNow = NOW + 180_000;
		const third = await poll(second.state, 25);
		expect(third.cases).toEqual([]);
	});

	it('fails a poll halfway without moving the cursor, and the next poll emits the same cases', async () => {
		server.store.seed(60, 60_000);
		// Polled a while after the last write: nothing is in an export's held-back last minute.
		server.store.fixedNow = NOW + 120_000;
		server.failures.push({ onRequest: 4, status: 500 });
		await expect(poll(emptyPollState(), 20)).rejects.toThrow(
			new RegExp(`${helpdesk.name} answered 500`),
		);
		const recovered = await poll(emptyPollState(), 20);
		expect(recovered.cases).toHaveLength(60);
		const again = await poll(recovered.state, 20);
		expect(again.cases).toEqual([]);
	});

	it('waits for Retry-After on 429 and then carries on', async () => {
		server.store.seed(5, 60_000);
		server.store.fixedNow = NOW + 120_000;
		server.failures.push({ onRequest: 1, status: 429, retryAfterSeconds: 2 });
		const { cases } = await poll(emptyPollState());
		expect(cases).toHaveLength(5);
		expect(waits).toEqual([2000]);
	});

	it('names the source and the credential to fix on bad credentials', async () => {
		server.store.seed(2, 60_000);
		const refused = helpdesk.source(server, fetchHttpRequest(helpdesk.badAuth), retry);
		await expect(
			pollCases(refused, emptyPollState(), new Date(NOW), settings),
		).rejects.toMatchObject({
			message: expect.stringContaining(`${helpdesk.name} refused the credentials (401)`),
			hint: expect.stringContaining(`Check the ${helpdesk.name} credential`),
		});
	});

	it('returns a recent sample for a manual run', async () => {
		server.store.seed(12, 60_000);
		const sample = await source.sample(3);
		expect(sample).toHaveLength(3);
		expect(sample[0].updatedAt! >= sample[2].updatedAt!).toBe(true);
	});
});

describe('Freshdesk past its limit of 300 pages', () => {
	it('restarts each page at the last ticket read, never reaching page 301, each ticket once', async () => {
		const unlimited = new FakeFreshdesk();
		unlimited.rateLimitPerMinute = null;
		await withSeededServer(unlimited, 305, 1000, async (server) => {
			const source = new FreshdeskCaseSource(
				{ baseUrl: server.url },
				fetchHttpRequest(basicAuthHeader('fd-key', 'X')),
			);
			// One ticket per page: 305 pages, past the 300 Freshdesk serves for one query (and past
			// the poll's default page budget, which this one poll must not stop at).
			const { cases } = await pollCases(
				source,
				emptyPollState(),
				new Date(NOW),
				{ ...settings, maxPagesPerPoll: 10_000 },
				1,
			);
			expect(cases.map((supportCase) => Number(supportCase.id)).sort()).toEqual(
				server.store.tickets.map((ticket) => ticket.id).sort(),
			);
			expect(server.paths.filter((path) => /[?&]page=(\d{3,})/.test(path))).toEqual([]);
		});
	});
});

describe('ServiceNow incidents', () => {
	it('take the caller as requester, the company as account, and work notes as internal', async () => {
		await withSeededServer(new FakeServiceNow(), 3, 3_600_000, async (server) => {
			const source = new ServiceNowCaseSource(
				{ baseUrl: server.url, table: 'incident' },
				fetchHttpRequest(basicAuthHeader('integration', 'sn-password')),
			);
			const { cases } = await pollCases(source, emptyPollState(), new Date(NOW), settings);
			const billing = cases.find(
				(supportCase) => supportCase.subject === 'Invoices charged twice this month',
			)!;
			expect(billing.number).toMatch(/^INC/);
			expect(billing.requester).toMatchObject({ name: 'Dana Whitfield' });
			expect(billing.account).toMatchObject({ name: 'Acme Logistics' });
			expect(billing.messages.filter((message) => message.visibility === 'internal')).toHaveLength(
				1,
			);
		});
	});
});

/** Runs `check` against a server seeded with `count` tickets at NOW, closing it afterwards. */
async function withSeededServer<Server extends FakeHelpdeskServer>(
	server: Server,
	count: number,
	spacingMs: number,
	check: (server: Server) => Promise<void>,
): Promise<void> {
	server.store.fixedNow = NOW;
	server.store.seed(count, spacingMs);
	await server.start();
	try {
		await check(server);
	} finally {
		await server.close();
	}
}
