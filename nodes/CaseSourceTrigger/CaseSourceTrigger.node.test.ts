import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, IHttpRequestOptions, IPollFunctions } from 'n8n-workflow';

import { FakeFreshdesk } from '../../test/servers/helpdesks/freshdesk';
import { FakeZendesk } from '../../test/servers/helpdesks/zendesk';
import type { Case } from '../../src/case/case';
import { basicAuthHeader, fetchHttpRequest } from '../../src/sources/http';
import { fakePollContext } from '../../test/unit/fakePollContext';
import { CaseSourceTrigger } from './CaseSourceTrigger.node';

/** The trigger's poll context; the request helper applies basic auth as n8n does. */
function pollContext(options: {
	mode: 'manual' | 'trigger';
	parameters: Record<string, unknown>;
	staticData: IDataObject;
	credentials?: IDataObject;
}): IPollFunctions {
	const credentials = options.credentials ?? {};
	return fakePollContext({
		...options,
		node: { name: 'Case Source Trigger', type: 'n8n-nodes-case-sentiment.caseSourceTrigger' },
		httpRequestWithAuthentication: async (_type: string, request: IHttpRequestOptions) => {
			const http = fetchHttpRequest(
				credentials.apiKey
					? basicAuthHeader(String(credentials.apiKey), 'X')
					: basicAuthHeader(`${String(credentials.email)}/token`, String(credentials.apiToken)),
			);
			const response = await http({
				method: request.method as 'GET',
				url: request.url,
				qs: request.qs as Record<string, string>,
			});
			return { statusCode: response.status, headers: response.headers, body: response.body };
		},
	});
}

function casesOf(output: Awaited<ReturnType<CaseSourceTrigger['poll']>>): Case[] {
	return (output?.[0] ?? []).map((item) => item.json as unknown as Case);
}

describe('Case Source Trigger', () => {
	const trigger = new CaseSourceTrigger();

	it('returns a recent demo sample in a manual run, each with its latest activity marked, and stores nothing', async () => {
		const staticData: IDataObject = {};
		const output = await trigger.poll.call(
			pollContext({ mode: 'manual', parameters: { source: 'demo' }, staticData }),
		);
		const cases = casesOf(output);
		expect(cases.length).toBeGreaterThan(0);
		for (const supportCase of cases) {
			expect(supportCase.newActivity).toHaveLength(1);
			expect(supportCase.source).toBe('demo');
		}
		expect(staticData).toEqual({});
	});

	it('starts from now in its first poll without state, and emits the backfill when one is set', async () => {
		const fresh: IDataObject = {};
		const first = await trigger.poll.call(
			pollContext({ mode: 'trigger', parameters: { source: 'demo' }, staticData: fresh }),
		);
		expect(first).toBeNull();
		expect(fresh.caseSource).toMatchObject({ cursor: expect.any(String) });
		const backfilled = casesOf(
			await trigger.poll.call(
				pollContext({
					mode: 'trigger',
					parameters: { source: 'demo', backfillHours: 1 },
					staticData: {},
				}),
			),
		);
		expect(backfilled.length).toBeGreaterThan(0);
	});

	describe('against a local Zendesk', () => {
		let server: FakeZendesk;
		beforeEach(async () => {
			server = new FakeZendesk();
			await server.start();
			server.store.seed(6, 15 * 60_000);
		});
		afterEach(async () => await server.close());

		const credentials = () => ({
			subdomain: '',
			baseUrl: server.url,
			email: 'agent@acme.example',
			apiToken: 'zd-token',
		});
		const parameters = {
			source: 'zendesk',
			zendeskAuthentication: 'apiToken',
			backfillHours: 24,
			options: { includeInternal: true },
		};

		it('emits each new activity once across polls and a restart, and null when nothing is new', async () => {
			let staticData: IDataObject = {};
			const first = casesOf(
				await trigger.poll.call(
					pollContext({ mode: 'trigger', parameters, staticData, credentials: credentials() }),
				),
			);
			expect(first).toHaveLength(6);
			expect(
				await trigger.poll.call(
					pollContext({ mode: 'trigger', parameters, staticData, credentials: credentials() }),
				),
			).toBeNull();
			// A restart of n8n: static data comes back from the database as JSON.
			staticData = JSON.parse(JSON.stringify(staticData)) as IDataObject;
			const ticket = server.store.tickets[1];
			// Written 90 s ago: Zendesk's event export holds back the last minute.
			server.store.addMessage(ticket.id, {
				role: 'requester',
				text: 'Still waiting for an answer.',
				at: Date.now() - 90_000,
			});
			const third = casesOf(
				await trigger.poll.call(
					pollContext({ mode: 'trigger', parameters, staticData, credentials: credentials() }),
				),
			);
			expect(third.map((supportCase) => supportCase.id)).toEqual([String(ticket.id)]);
			expect(third[0].newActivity).toEqual([String(ticket.messages.at(-1)!.id)]);
		});

		it('runs one poll at a time: a second poll while the first waits on a slow helpdesk stands down, and each activity is emitted once', async () => {
			// n8n starts the next poll without waiting for the one before; its durable scheduler runs
			// the poll times of one node as separate jobs, side by side, each on its own copy of the
			// stored state (seen in n8n 2.41.1 queue mode: five executions of the same activity).
			const stored: IDataObject = {};
			let release = () => {};
			const gate = new Promise<void>((resolve) => (release = resolve));
			const slow = pollContext({
				mode: 'trigger',
				parameters,
				staticData: stored,
				credentials: credentials(),
			});
			const request = slow.helpers.httpRequestWithAuthentication.bind(slow);
			slow.helpers.httpRequestWithAuthentication = (async (...args: Parameters<typeof request>) => {
				await gate;
				return await request(...args);
			}) as typeof slow.helpers.httpRequestWithAuthentication;
			const first = trigger.poll.call(slow);
			await new Promise((resolve) => setTimeout(resolve, 50));
			const copy = JSON.parse(JSON.stringify(stored)) as IDataObject;
			const second = await trigger.poll.call(
				pollContext({ mode: 'trigger', parameters, staticData: copy, credentials: credentials() }),
			);
			release();
			expect(second).toBeNull();
			expect(casesOf(await first)).toHaveLength(6);
			// Once the first is over, polls run again.
			expect(
				await trigger.poll.call(
					pollContext({
						mode: 'trigger',
						parameters,
						staticData: stored,
						credentials: credentials(),
					}),
				),
			).toBeNull();
			expect(server.requests).toBeGreaterThan(2);
		});

		it('keeps its state when a poll fails and reports the helpdesk error with how to fix it', async () => {
			const staticData: IDataObject = {};
			// The second request of the poll: the ticket event export, after the ticket export.
			server.failures.push({ onRequest: 2, status: 500 });
			await expect(
				trigger.poll.call(
					pollContext({ mode: 'trigger', parameters, staticData, credentials: credentials() }),
				),
			).rejects.toThrow('Zendesk answered 500');
			expect(staticData).toEqual({});
			const retried = casesOf(
				await trigger.poll.call(
					pollContext({ mode: 'trigger', parameters, staticData, credentials: credentials() }),
				),
			);
			expect(retried).toHaveLength(6);
		});

		it('never shows the credential when the helpdesk echoes it in an error body', async () => {
			const secret = 'zd-secret-token-93c1';
			const echo = http.createServer((request, response) => {
				response.writeHead(500, { 'content-type': 'application/json' });
				response.end(
					JSON.stringify({
						error: `backend failed for token ${secret}, auth ${String(request.headers.authorization)}`,
					}),
				);
			});
			await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
			const url = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
			try {
				const failure = trigger.poll.call(
					pollContext({
						mode: 'trigger',
						parameters,
						staticData: {},
						credentials: { ...credentials(), baseUrl: url, apiToken: secret },
					}),
				);
				const error = (await failure.catch((caught: unknown) => caught)) as Error & {
					description?: string;
				};
				expect(error.message).toMatch(/Zendesk answered 500/);
				const shown = `${error.message} ${error.description ?? ''}`;
				expect(shown).not.toContain(secret);
				const basic = Buffer.from(`agent@acme.example/token:${secret}`).toString('base64');
				expect(shown).not.toContain(basic);
			} finally {
				await new Promise((resolve) => echo.close(resolve));
			}
		});

		it('names Zendesk and the credential on bad credentials', async () => {
			const context = pollContext({
				mode: 'trigger',
				parameters,
				staticData: {},
				credentials: { ...credentials(), apiToken: 'wrong' },
			});
			await expect(trigger.poll.call(context)).rejects.toMatchObject({
				message: 'Zendesk refused the credentials (401): {"error":"Couldn\'t authenticate you"}',
				description: expect.stringContaining('Check the Zendesk credential'),
				httpCode: '401',
			});
		});

		it('names Zendesk when it cannot be reached, and keeps its state', async () => {
			const staticData: IDataObject = {};
			const closed = new FakeZendesk();
			const url = await closed.start();
			await closed.close();
			const context = pollContext({
				mode: 'trigger',
				parameters,
				staticData,
				credentials: { ...credentials(), baseUrl: url },
			});
			await expect(trigger.poll.call(context)).rejects.toMatchObject({
				message: expect.stringMatching(/^Zendesk could not be read: /),
				description: expect.stringContaining('the next poll reads the same window again'),
			});
			expect(staticData).toEqual({});
		});
	});

	describe('against a local Freshdesk', () => {
		let server: FakeFreshdesk;
		beforeEach(async () => {
			server = new FakeFreshdesk();
			await server.start();
			server.store.seed(6, 15 * 60_000);
		});
		afterEach(async () => await server.close());

		it('emits each reply once across a failed poll and a restart, as the e2e run does', async () => {
			const credentials = { subdomain: '', baseUrl: server.url, apiKey: 'fd-key' };
			const parameters = { source: 'freshdesk', backfillHours: 24 };
			let staticData: IDataObject = {};
			const poll = async () =>
				casesOf(
					await trigger.poll.call(
						pollContext({ mode: 'trigger', parameters, staticData, credentials }),
					),
				);
			expect(await poll()).toHaveLength(6);
			const [a, b, c, d] = server.store.tickets;
			server.store.addMessage(a.id, { role: 'requester', text: 'Reply on A.' });
			expect((await poll()).map((supportCase) => supportCase.id)).toEqual([String(a.id)]);
			server.store.addMessage(b.id, { role: 'requester', text: 'Reply on B.' });
			server.store.addMessage(c.id, { role: 'requester', text: 'Reply on C.' });
			server.failures.push({ onRequest: server.requests + 3, status: 500 });
			await expect(poll()).rejects.toThrow('Freshdesk answered 500');
			expect((await poll()).map((supportCase) => supportCase.id).sort()).toEqual(
				[String(b.id), String(c.id)].sort(),
			);
			staticData = JSON.parse(JSON.stringify(staticData)) as IDataObject;
			server.store.addMessage(d.id, { role: 'requester', text: 'Reply on D, while n8n was down.' });
			expect((await poll()).map((supportCase) => supportCase.id)).toEqual([String(d.id)]);
		});
	});
});
