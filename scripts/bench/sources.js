#!/usr/bin/env node
/**
 * Case sources at scale: each local helpdesk (ServiceNow, Zendesk, Freshdesk) holds 10,000
 * cases; the Case Source Trigger's code path (pollCases over the source createCaseSource builds,
 * default settings) polls it over HTTP, and each poll's requests, response bytes and time are
 * printed for:
 * - steady polling: a poll a minute, 20 cases with a new customer message in each minute;
 * - catch-up: one poll after 30 minutes down, 150 cases changed meanwhile;
 * - quiet polls after a bulk update: 120 cases answered in one second by a macro, then nothing,
 *   a poll a minute.
 * Goals (issue 9): quiet polls make at most 3 requests on every helpdesk; on Zendesk a poll with
 * 100 changed tickets makes at most 10 requests.
 * Then the size of the trigger's state when 10,000 cases all had activity in one overlap window.
 *
 * Runs the TypeScript sources directly (no build): `npm run bench:sources`.
 * BENCH_CASES, BENCH_STEADY (changed per minute), BENCH_CATCHUP override the sizes.
 */
require('../../test/servers/helpdesks/register-ts.js');

const { HELPDESKS_UNDER_TEST, triggerSource } = require('../../test/servers/helpdesks/harness.ts');
const { FakeServiceNow } = require('../../test/servers/helpdesks/servicenow.ts');
const { basicAuthHeader, fetchHttpRequest } = require('../../src/sources/http.ts');
const { createCaseSource } = require('../../src/sources/create.ts');
const { pollCases } = require('../../src/polling/poll.ts');
const { DEFAULT_POLL_SETTINGS, readPollState } = require('../../src/polling/state.ts');

const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const STEADY = Number(process.env.BENCH_STEADY ?? 20);
const CATCHUP = Number(process.env.BENCH_CATCHUP ?? 150);
const BULK = 120;
const MINUTE = 60_000;
const START = Date.parse('2026-11-23T12:00:00Z');
const QUIET_GOAL = 3;
const ZENDESK_CHANGED_GOAL = 10;

function picker(seed) {
	let x = seed;
	return (count, total) => {
		const chosen = new Set();
		while (chosen.size < count) {
			x = (x * 1103515245 + 12345) % 2147483648;
			chosen.add(x % total);
		}
		return [...chosen];
	};
}

async function benchHelpdesk(helpdesk) {
	const server = helpdesk.server();
	// The bench measures the trigger's requests, not an account's budget (see the unit tests).
	if ('rateLimitPerMinute' in server) server.rateLimitPerMinute = null;
	server.store.fixedNow = START;
	server.store.seed(CASES, 60_000);
	await server.start();
	const meter = { requests: 0, bytes: 0 };
	const source = triggerSource(helpdesk, server, fetchHttpRequest(helpdesk.auth, meter));
	const settings = DEFAULT_POLL_SETTINGS;
	const pick = picker(7);
	let now = START;
	// The trigger has polled before, up to an hour ago; one poll catches up to now.
	let state = readPollState({
		version: 1,
		cursor: new Date(START - 3_600_000).toISOString(),
		seen: {},
	});
	const poll = async () => {
		server.store.fixedNow = now;
		meter.requests = 0;
		meter.bytes = 0;
		const started = process.hrtime.bigint();
		const result = await pollCases(source, state, new Date(now), settings);
		state = readPollState(JSON.parse(JSON.stringify(result.state)));
		return {
			requests: meter.requests,
			bytes: meter.bytes,
			ms: Number(process.hrtime.bigint() - started) / 1e6,
			cases: result.cases.length,
			more: result.more,
		};
	};
	const reply = (indexes, from, span) =>
		indexes.forEach((index, position) =>
			server.store.addMessage(server.store.tickets[index].id, {
				role: 'requester',
				text: 'Any news on this? We are still blocked.',
				at: from + Math.floor(((position + 1) * span) / (indexes.length + 1)),
			}),
		);
	await poll();
	const steady = [];
	for (let minute = 1; minute <= 5; minute++) {
		reply(pick(STEADY, CASES), now, MINUTE);
		now += MINUTE;
		steady.push(await poll());
	}
	// Down for 30 minutes.
	reply(pick(CATCHUP, CASES), now, 30 * MINUTE);
	now += 30 * MINUTE;
	const catchUp = [await poll()];
	while (catchUp.at(-1).more) {
		now += MINUTE;
		catchUp.push(await poll());
	}
	// A macro answers BULK cases in one second; then nothing happens.
	now += MINUTE;
	const bulkAt = now - 30_000;
	for (const index of pick(BULK, CASES)) {
		server.store.addMessage(server.store.tickets[index].id, {
			role: 'agent',
			text: 'We are on it.',
			at: bulkAt,
		});
	}
	const quiet = [await poll()];
	for (let minute = 1; minute <= 8; minute++) {
		now += MINUTE;
		quiet.push(await poll());
	}
	await server.close();
	return { steady, catchUp, quiet };
}

/** The trigger's state when every one of CASES cases had a new message inside one overlap window. */
async function stateSize() {
	const server = new FakeServiceNow();
	server.store.fixedNow = START;
	server.store.seed(CASES, Math.floor((DEFAULT_POLL_SETTINGS.overlapSeconds * 1000) / CASES / 2));
	const windowSeconds = DEFAULT_POLL_SETTINGS.overlapSeconds - 1;
	server.store.tickets.forEach((ticket, index) => {
		server.store.addMessage(ticket.id, {
			role: 'requester',
			text: 'Following up.',
			at: START - 1000 - (index % windowSeconds) * 1000,
		});
	});
	await server.start();
	const source = createCaseSource(
		{ kind: 'servicenow', baseUrl: server.url },
		fetchHttpRequest(basicAuthHeader('integration', 'sn-password')),
		() => new Date(START),
	);
	const result = await pollCases(source, readPollState(null), new Date(START), {
		...DEFAULT_POLL_SETTINGS,
		maxCasesPerPoll: CASES,
		firstPollLookbackSeconds: 3600,
	});
	await server.close();
	return {
		cases: result.cases.length,
		keys: Object.keys(result.state.seen).length,
		bytes: Buffer.byteLength(JSON.stringify(result.state)),
	};
}

const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
const row = (label, figures) =>
	`  ${label.padEnd(22)} ${String(figures.requests).padStart(5)} req ${kib(figures.bytes).padStart(9)} ${figures.ms.toFixed(0).padStart(6)} ms ${String(figures.cases).padStart(5)} cases${figures.more ? ' (more)' : ''}`;

async function main() {
	console.log(
		`${CASES} cases per helpdesk, default trigger settings (overlap ${DEFAULT_POLL_SETTINGS.overlapSeconds} s, ${DEFAULT_POLL_SETTINGS.maxCasesPerPoll} cases per poll)`,
	);
	const goals = [];
	for (const helpdesk of HELPDESKS_UNDER_TEST) {
		const { steady, catchUp, quiet } = await benchHelpdesk(helpdesk);
		console.log(`${helpdesk.name}`);
		steady.forEach((figures, index) =>
			console.log(row(`steady poll ${index + 1} (${STEADY} changed)`, figures)),
		);
		catchUp.forEach((figures, index) =>
			console.log(row(`catch-up ${index + 1} (${CATCHUP} changed)`, figures)),
		);
		quiet.forEach((figures, index) =>
			console.log(row(index === 0 ? `bulk ${BULK} in 1 s` : `quiet poll ${index}`, figures)),
		);
		const quietRequests = quiet.slice(1).map((figures) => figures.requests);
		// A poll that still emits cases of the bulk (left by the 100 cases per poll, or held back by
		// Zendesk's export for its last minute) has work to do; the goal is for the polls without.
		const idle = quiet.slice(1).filter((figures) => figures.cases === 0);
		const idleMet = idle.every((figures) => figures.requests <= QUIET_GOAL);
		goals.push(
			`${helpdesk.name}: quiet polls ${quietRequests.join(', ')} requests (cases emitted: ${quiet
				.slice(1)
				.map((figures) => figures.cases)
				.join(', ')}); polls with nothing to emit <= ${QUIET_GOAL}: ${idleMet ? 'met' : 'NOT met'}`,
		);
		if (helpdesk.name === 'Zendesk') {
			const first = catchUp[0];
			goals.push(
				`Zendesk: catch-up poll with ${first.cases} changed tickets made ${first.requests} requests; <= ${ZENDESK_CHANGED_GOAL} ${first.requests <= ZENDESK_CHANGED_GOAL ? 'met' : 'NOT met'}`,
			);
		}
	}
	console.log('Goals');
	for (const goal of goals) console.log(`  ${goal}`);
	const size = await stateSize();
	console.log(
		`state after ${size.cases} cases with activity inside one ${DEFAULT_POLL_SETTINGS.overlapSeconds}s overlap window: ${size.keys} keys, ${kib(size.bytes)} of JSON (cap ${DEFAULT_POLL_SETTINGS.maxSeen} keys)`,
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
