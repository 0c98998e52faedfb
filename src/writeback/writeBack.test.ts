import type { FakeHelpdeskServer } from '../../test/servers/helpdesks/helpdesk';
import {
	HELPDESKS_UNDER_TEST,
	type HelpdeskUnderTest,
	helpdeskHttp,
	instantRetry,
	pollAsTrigger,
	sourceId,
} from '../../test/servers/helpdesks/harness';
import type { Case } from '../case/case';
import {
	DEFAULT_POLL_SETTINGS,
	emptyPollState,
	type PollSettings,
	type PollState,
} from '../polling/state';
import { CaseSourceError } from '../sources/source';
import { helpdeskWriter } from './helpdesks';
import { isWriteBackNote } from './note';
import { sentimentToWrite, type WriteBackTargets } from './plan';
import { writeBack } from './writeBack';

/**
 * Update Case in Helpdesk against each helpdesk's fake over HTTP: one write per change of level,
 * none on a rerun, none emitted as new activity by the triggers' poll, conflicts and 429s.
 */
const NOW = Date.parse('2026-11-23T12:00:00Z');
const MINUTE = 60_000;

const TARGETS: Record<HelpdeskUnderTest['kind'], WriteBackTargets> = {
	servicenow: {
		scale: 'levels',
		levelField: 'u_sentiment',
		scoreField: 'u_sentiment_score',
		scoreFormat: 'score100',
		tagPrefix: null,
		note: true,
		scoreBand: 10,
	},
	zendesk: {
		scale: 'levels',
		levelField: '360001',
		scoreField: null,
		scoreFormat: 'score100',
		tagPrefix: 'sentiment_',
		note: true,
		scoreBand: 10,
	},
	freshdesk: {
		scale: 'levels',
		levelField: 'cf_sentiment',
		scoreField: 'cf_sentiment_score',
		scoreFormat: 'score100',
		tagPrefix: 'sentiment_',
		note: true,
		scoreBand: 10,
	},
};

const result = (label: string, score: number) => ({
	label,
	score,
	explanation: { summary: `Read as ${label}.` },
});

const servers: FakeHelpdeskServer[] = [];
afterEach(async () => {
	for (const server of servers.splice(0)) await server.close();
});

async function started(helpdesk: HelpdeskUnderTest) {
	const server = helpdesk.server();
	server.store.fixedNow = NOW;
	server.store.seed(3, 10 * MINUTE);
	await server.start();
	servers.push(server);
	const http = helpdeskHttp(helpdesk);
	const waits: number[] = [];
	const write = (caseId: string, label: string, score: number, dryRun = false) =>
		writeBack({
			writer: helpdeskWriter({
				kind: helpdesk.kind,
				baseUrl: server.url,
				targets: TARGETS[helpdesk.kind],
			}),
			http,
			caseId,
			sentiment: sentimentToWrite(result(label, score), 'levels'),
			targets: TARGETS[helpdesk.kind],
			dryRun,
			retry: instantRetry(waits),
		});
	return { server, write, waits, caseId: sourceId(helpdesk, server.store.tickets[0].id) };
}

describe.each(HELPDESKS_UNDER_TEST)('Update Case in Helpdesk on $name', (helpdesk) => {
	it('writes once per change of level and nothing on a rerun with the same results', async () => {
		const { server, write, caseId } = await started(helpdesk);
		const first = await write(caseId, 'negative', -0.3);
		expect(first.outcome).toBe('written');
		expect(await write(caseId, 'negative', -0.3)).toMatchObject({
			outcome: 'unchanged',
			requests: [],
		});
		expect(await write(caseId, 'negative', -0.35)).toMatchObject({ outcome: 'unchanged' });
		const second = await write(caseId, 'negative', -0.8);
		expect(second).toMatchObject({
			outcome: 'written',
			levelBefore: 'negative',
			level: 'very_negative',
		});
		expect(await write(caseId, 'negative', -0.8)).toMatchObject({ outcome: 'unchanged' });
		const ticketId = server.store.tickets[0].id;
		const notes = server.store
			.ticket(ticketId)
			.messages.filter((message) => message.internal && isWriteBackNote(message.text));
		expect(notes.map((note) => note.text)).toEqual([
			'Case Sentiment: Negative (score 35/100). Read as negative.',
			'Case Sentiment: Negative -> Very Negative (score 10/100). Read as negative.',
		]);
		// Two changes of level: ServiceNow and Zendesk write each in one request, Freshdesk in two
		// (the ticket's fields and tags, then the private note).
		expect(server.writes.length).toBe(helpdesk.kind === 'freshdesk' ? 4 : 2);
		if (helpdesk.kind !== 'servicenow')
			expect(server.store.ticket(ticketId).tags).toEqual(['sentiment_very_negative']);
	});

	it('a dry run reads the case and returns the requests without sending them', async () => {
		const { server, write, caseId } = await started(helpdesk);
		const report = await write(caseId, 'positive', 0.4, true);
		expect(report.outcome).toBe('dryRun');
		expect(report.requests.length).toBeGreaterThan(0);
		expect(report.requests[0].url).toContain(server.url);
		expect(server.writes).toEqual([]);
	});

	it('waits for Retry-After when the write is rate-limited', async () => {
		const { server, write, caseId, waits } = await started(helpdesk);
		// The read is the next request, the write the one after it.
		server.failures.push({ onRequest: server.requests + 2, status: 429, retryAfterSeconds: 7 });
		expect((await write(caseId, 'negative', -0.3)).outcome).toBe('written');
		expect(waits).toEqual([7000]);
		expect(server.writes.length).toBeGreaterThan(0);
	});

	it.each([false, true])(
		'our writes are not new activity for the triggers over three polls (internal notes count: %s)',
		async (includeInternal) => {
			const { server, write, caseId } = await started(helpdesk);
			const settings: PollSettings = {
				...DEFAULT_POLL_SETTINGS,
				overlapSeconds: 120,
				firstPollLookbackSeconds: 7 * 86_400,
				includeInternal,
			};
			const source = helpdesk.source(server, helpdeskHttp(helpdesk), instantRetry());
			let state: PollState = emptyPollState();
			let at = NOW + MINUTE;
			const poll = async (): Promise<Case[]> => {
				at += 2 * MINUTE;
				server.store.fixedNow = at;
				const polled = await pollAsTrigger(source, server, state, settings);
				state = polled.state;
				return polled.cases;
			};
			expect((await poll()).length).toBe(3);
			await poll();
			server.store.fixedNow = at + 10_000;
			expect((await write(caseId, 'negative', -0.3)).outcome).toBe('written');
			expect(
				(await write(sourceId(helpdesk, server.store.tickets[1].id), 'positive', 0.5)).outcome,
			).toBe('written');
			const afterWrites = [await poll(), await poll(), await poll()];
			expect(afterWrites.map((cases) => cases.length)).toEqual([0, 0, 0]);
			// A customer message after it is still new activity.
			server.store.fixedNow = at + 10_000;
			server.store.addMessage(server.store.tickets[0].id, { role: 'requester', text: 'Any news?' });
			const next = [...(await poll()), ...(await poll())];
			expect(next.map((supportCase) => supportCase.id)).toEqual([caseId]);
			expect(next[0].newActivity.length).toBe(1);
		},
	);
});

describe('Update Case in Helpdesk on conflicts (Zendesk safe_update)', () => {
	const zendesk = HELPDESKS_UNDER_TEST.find((helpdesk) => helpdesk.kind === 'zendesk')!;

	it('reads the ticket again after a 409 and writes what is still missing', async () => {
		const { server, write, caseId } = await started(zendesk);
		const ticket = server.store.tickets[0];
		// Someone tags the ticket between our read and our write: Zendesk refuses the stale update.
		const original = server['handle'].bind(server) as (request: unknown) => unknown;
		let reads = 0;
		server['handle'] = ((request: { method: string }) => {
			if (request.method === 'GET' && ++reads === 1) {
				const answer = original(request);
				ticket.tags = ['vip'];
				server.store.fixedNow = NOW + 1000;
				server.store.systemUpdate(ticket.id);
				return answer;
			}
			return original(request);
		}) as never;
		const report = await write(caseId, 'negative', -0.3);
		expect(report).toMatchObject({ outcome: 'written', conflicts: 1 });
		expect(ticket.tags).toEqual(['vip', 'sentiment_negative']);
		expect(server.writes.length).toBe(1);
	});

	it('reports a second conflict instead of writing over it', async () => {
		const { server, write, caseId } = await started(zendesk);
		server.failures.push({ onRequest: server.requests + 2, status: 409 });
		server.failures.push({ onRequest: server.requests + 4, status: 409 });
		await expect(write(caseId, 'negative', -0.3)).rejects.toThrow(CaseSourceError);
		await expect(write(caseId, 'negative', -0.3)).resolves.toMatchObject({ outcome: 'written' });
	});
});

describe('Update Case in Helpdesk on ServiceNow with a column the table does not have', () => {
	const servicenow = HELPDESKS_UNDER_TEST.find((helpdesk) => helpdesk.kind === 'servicenow')!;

	it('says which field ServiceNow ignored instead of writing it again on every run', async () => {
		const { server, caseId } = await started(servicenow);
		const targets = { ...TARGETS.servicenow, levelField: 'u_mood' };
		const write = () =>
			writeBack({
				writer: helpdeskWriter({ kind: 'servicenow', baseUrl: server.url, targets }),
				http: helpdeskHttp(servicenow),
				caseId,
				sentiment: sentimentToWrite(result('negative', -0.3), 'levels'),
				targets,
				dryRun: false,
				retry: instantRetry(),
			});
		await expect(write()).rejects.toThrow(
			'ServiceNow did not store u_mood: the case has no such field',
		);
	});
});
