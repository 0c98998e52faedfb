import type { FakeHelpdeskServer } from '../../test/servers/helpdesks/helpdesk';
import {
	HELPDESKS_UNDER_TEST,
	helpdeskHttp,
	instantRetry,
	pollAsTrigger,
	sourceId,
} from '../../test/servers/helpdesks/harness';
import { DEFAULT_POLL_SETTINGS, emptyPollState } from '../polling/state';

/**
 * A backlog: 1,000 cases of 60 messages each inside the first poll's reach, written at their own
 * times. The trigger drains it over polls of at most 100 cases, with the default settings, and
 * emits every case once with all its activity. It runs only with HELPDESK_BACKLOG=1: on two
 * shared cores ServiceNow took 64-234 s, Zendesk 62-68 s and Freshdesk 24-75 s (the fakes build
 * every journal row or audit per request), too long for every `npm test`.
 */
const START = Date.parse('2026-11-23T09:00:00Z');
const MINUTE = 60_000;
const CASES = 1000;
const MESSAGES = 60;

const describeBacklog = process.env.HELPDESK_BACKLOG === '1' ? describe.each : describe.skip.each;

describeBacklog(HELPDESKS_UNDER_TEST)(
	'$name with a backlog of 1,000 cases x 60 messages',
	(helpdesk) => {
		let server: FakeHelpdeskServer;
		afterEach(async () => await server.close());

		it('drains it, each case emitted once with all its activity', async () => {
			server = helpdesk.server();
			server.store.fixedNow = START;
			for (let index = 0; index < CASES; index++) {
				const opened = START - 20 * 3_600_000 + index * 60_000;
				const ticket = server.store.addTicket({
					subject: `Backlog ${index}`,
					description: 'Nothing works since the upgrade.',
					at: opened,
				});
				for (let message = 0; message < MESSAGES; message++) {
					// Written as it happened: the helpdesk's clock at each write.
					server.store.fixedNow = opened + (message + 1) * 500;
					server.store.addMessage(ticket.id, {
						role: message % 2 === 0 ? 'agent' : 'requester',
						text: `Reply ${message}`,
						at: opened + (message + 1) * 500,
					});
				}
			}
			server.store.fixedNow = START;
			await server.start();
			const source = helpdesk.source(server, helpdeskHttp(helpdesk), instantRetry());
			let state = emptyPollState();
			const emissions = new Map<string, number>();
			const activity = new Map<string, number>();
			for (let poll = 1; poll <= 40; poll++) {
				server.store.fixedNow = START + poll * MINUTE;
				const result = await pollAsTrigger(source, server, state, DEFAULT_POLL_SETTINGS);
				state = result.state;
				for (const supportCase of result.cases) {
					emissions.set(supportCase.id, (emissions.get(supportCase.id) ?? 0) + 1);
					activity.set(
						supportCase.id,
						(activity.get(supportCase.id) ?? 0) + supportCase.newActivity.length,
					);
				}
				if (!result.more && emissions.size >= CASES) break;
			}
			const tickets = server.store.tickets.map((ticket) => sourceId(helpdesk, ticket.id));
			const notOnce = tickets.filter((id) => emissions.get(id) !== 1);
			const incomplete = tickets.filter((id) => activity.get(id) !== MESSAGES + 1);
			expect({ notOnce: notOnce.length, incomplete: incomplete.length }).toEqual({
				notOnce: 0,
				incomplete: 0,
			});
		}, 600_000);
	},
);
