import type { FakeHelpdeskServer, FakeTicket } from '../../test/servers/helpdesks/helpdesk';
import { descriptionCommentId } from '../../test/servers/helpdesks/zendesk';
import {
	HELPDESKS_UNDER_TEST,
	type HelpdeskUnderTest,
	helpdeskHttp,
	instantRetry,
	pollAsTrigger,
	sourceId,
} from '../../test/servers/helpdesks/harness';
import { type Case, DESCRIPTION_MESSAGE_ID } from '../case/case';
import { DEFAULT_POLL_SETTINGS, emptyPollState, type PollSettings } from '../polling/state';
import type { CaseSource, HttpRequest } from './source';

/**
 * The trigger's promise over many polls against each helpdesk's fake, with the trigger's
 * default settings: every new public activity emitted once (lost 0, duplicated 0) and no
 * internal note emitted, while customers and agents write during paging, in the same second,
 * late (stamped before the case's update time), while polls fail, get 429s and n8n restarts.
 */
const START = Date.parse('2026-11-23T09:00:00Z');
const MINUTE = 60_000;

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2147483648;
		return state / 2147483648;
	};
}

interface Tally {
	lost: string[];
	duplicated: string[];
	internalEmitted: string[];
}

/** What should have been emitted (public activity) against what was, counted per key. */
function tally(helpdesk: HelpdeskUnderTest, tickets: FakeTicket[], emitted: Case[]): Tally {
	const counts = new Map<string, number>();
	for (const supportCase of emitted) {
		for (const id of supportCase.newActivity) {
			const key = `${supportCase.id} ${id}`;
			counts.set(key, (counts.get(key) ?? 0) + 1);
		}
	}
	const expected = new Set<string>();
	const internal = new Set<string>();
	for (const ticket of tickets) {
		const caseId = sourceId(helpdesk, ticket.id);
		if (!ticket.descriptionInternal) expected.add(`${caseId} ${DESCRIPTION_MESSAGE_ID}`);
		for (const message of ticket.messages) {
			const key = `${caseId} ${sourceId(helpdesk, message.id)}`;
			(message.internal ? internal : expected).add(key);
		}
		// A private first comment is an internal note too (Zendesk keeps it as a message).
		if (ticket.descriptionInternal)
			internal.add(`${caseId} ${sourceId(helpdesk, descriptionCommentId(ticket.id))}`);
	}
	return {
		lost: [...expected].filter((key) => !counts.has(key)),
		duplicated: [...counts].filter(([, count]) => count > 1).map(([key]) => key),
		internalEmitted: [...counts.keys()].filter(
			(key) =>
				internal.has(key) || (key.endsWith(` ${DESCRIPTION_MESSAGE_ID}`) && !expected.has(key)),
		),
	};
}

describe.each(HELPDESKS_UNDER_TEST)('$name over 30 polls', (helpdesk) => {
	let server: FakeHelpdeskServer;
	afterEach(async () => await server.close());

	it('loses nothing, repeats nothing and emits no internal note', async () => {
		const settings: PollSettings = { ...DEFAULT_POLL_SETTINGS };
		const next = random(7);
		server = helpdesk.server();
		server.store.fixedNow = START;
		server.store.seed(250, 20_000);
		await server.start();
		const pick = () => server.store.tickets[Math.floor(next() * server.store.tickets.length)];
		const write = (ticket: FakeTicket, at?: number) => {
			const roll = next();
			server.store.addMessage(ticket.id, {
				role: roll < 0.5 ? 'requester' : 'agent',
				internal: roll >= 0.8,
				text: `Message ${Math.floor(next() * 1e6)}`,
				at,
			});
		};
		// Writes while the poll pages: after some requests, a customer replies somewhere.
		let writesDuringPaging = 0;
		let writing = true;
		const base = helpdeskHttp(helpdesk);
		const http: HttpRequest = async (request) => {
			const response = await base(request);
			if (writing && next() < 0.15) {
				write(pick());
				writesDuringPaging += 1;
			}
			return response;
		};
		let source: CaseSource = helpdesk.source(server, http, instantRetry());
		let state = emptyPollState();
		const emitted: Case[] = [];
		let failed = 0;
		for (let poll = 1; poll <= 30; poll++) {
			const now = START + poll * MINUTE;
			// Activity since the last poll, spread over the minute, some of it in one second.
			server.store.fixedNow = now - MINUTE / 2;
			for (let count = Math.floor(next() * 8); count > 0; count--) {
				write(pick(), now - MINUTE + Math.floor(next() * MINUTE));
			}
			const busySecond = now - 10_000;
			for (let count = 0; count < 5; count++) write(pick(), busySecond);
			if (poll % 4 === 0) {
				server.store.addTicket({
					subject: `New case ${poll}`,
					description: `Opened at poll ${poll}`,
					at: now - 20_000,
					openedSecondsBefore: 300,
					descriptionInternal: helpdesk.name === 'Zendesk' && poll % 8 === 0,
				});
			}
			// A late write: a comment stamped at a case's update time that appears only now.
			const recent = server.store.byUpdate().at(-3)!;
			server.store.fixedNow = now - 5_000;
			server.store.addLateMessage(recent.id, { role: 'requester', text: `Late ${poll}` });
			server.store.systemUpdate(pick().id, { keepUpdatedAt: helpdesk.name === 'Zendesk' });
			server.store.fixedNow = now;
			if (poll % 7 === 3) server.failures.push({ onRequest: server.requests + 2, status: 500 });
			if (poll % 5 === 2)
				server.failures.push({ onRequest: server.requests + 1, status: 429, retryAfterSeconds: 1 });
			if (poll % 6 === 0) source = helpdesk.source(server, http, instantRetry()); // a restart
			try {
				const result = await pollAsTrigger(source, server, state, settings);
				state = result.state;
				emitted.push(...result.cases);
			} catch (error) {
				expect((error as Error).message).toContain(`${helpdesk.name} answered 500`);
				failed += 1;
			}
		}
		// Then quiet polls until the overlap has passed, so everything written has been read.
		writing = false;
		for (let poll = 31; poll <= 40; poll++) {
			server.store.fixedNow = START + poll * MINUTE;
			const result = await pollAsTrigger(source, server, state, settings);
			state = result.state;
			emitted.push(...result.cases);
		}
		const result = tally(helpdesk, server.store.tickets, emitted);
		expect({ failed: failed > 0, writesDuringPaging: writesDuringPaging > 0 }).toEqual({
			failed: true,
			writesDuringPaging: true,
		});
		// The keys themselves, so that a failure names what went wrong.
		expect(result).toEqual({ lost: [], duplicated: [], internalEmitted: [] });
	});
});
