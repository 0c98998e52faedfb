#!/usr/bin/env node
/**
 * Case sources at scale: each local helpdesk (ServiceNow, Zendesk, Freshdesk) holds 10,000
 * cases, and between polls 1 % of them get a new customer message (spread over the minutes
 * between the two polls). For each poll it prints the requests, response bytes and time of the
 * Case Source Trigger's code path (pollCases over the helpdesk's source), and, in the same run,
 * of listing every case each poll the way a Schedule Trigger plus the helpdesk's "Get Many" node
 * does (100 records per request, no threads).
 * With each poll, the size of the trigger's state (JSON, as n8n stores it) in that steady state;
 * then its size when 10,000 cases all had activity inside one overlap window, the worst case.
 *
 * Runs the TypeScript sources directly (no build): `npm run bench:sources`.
 * BENCH_CASES, BENCH_CHANGED (share), BENCH_POLLS override the sizes.
 */
require('../../test/servers/helpdesks/register-ts.js');

const { FakeServiceNow } = require('../../test/servers/helpdesks/servicenow.ts');
const { FakeZendesk } = require('../../test/servers/helpdesks/zendesk.ts');
const { FakeFreshdesk } = require('../../test/servers/helpdesks/freshdesk.ts');
const { basicAuthHeader, fetchHttpRequest } = require('../../src/sources/http.ts');
const { createCaseSource } = require('../../src/sources/create.ts');
const { pollCases } = require('../../src/polling/poll.ts');
const { DEFAULT_POLL_SETTINGS, readPollState } = require('../../src/polling/state.ts');

const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const CHANGED = Number(process.env.BENCH_CHANGED ?? 0.01);
const POLLS = Number(process.env.BENCH_POLLS ?? 3);
const POLL_MS = 5 * 60_000;
const START = Date.parse('2026-11-23T12:00:00Z');

const HELPDESKS = [
	{
		kind: 'servicenow',
		server: () => new FakeServiceNow(),
		auth: basicAuthHeader('integration', 'sn-password'),
		listAll: (url, page) =>
			`${url}/api/now/table/sn_customerservice_case?sysparm_limit=100&sysparm_offset=${(page - 1) * 100}`,
		more: (body) => body.result.length === 100,
	},
	{
		kind: 'zendesk',
		server: () => new FakeZendesk(),
		auth: basicAuthHeader('agent@acme.example/token', 'zd-token'),
		listAll: (url, page) => `${url}/api/v2/tickets.json?per_page=100&page=${page}`,
		more: (body) => body.next_page !== null,
	},
	{
		kind: 'freshdesk',
		server: () => new FakeFreshdesk(),
		auth: basicAuthHeader('fd-key', 'X'),
		listAll: (url, page) =>
			`${url}/api/v2/tickets?per_page=100&page=${page}&updated_since=2000-01-01T00:00:00Z`,
		more: (body) => body.length === 100,
	},
];

function pick(count, total, seed) {
	const chosen = new Set();
	let x = seed;
	while (chosen.size < count) {
		x = (x * 1103515245 + 12345) % 2147483648;
		chosen.add(x % total);
	}
	return [...chosen];
}

async function benchHelpdesk(helpdesk) {
	const server = helpdesk.server();
	server.store.fixedNow = START;
	server.store.seed(CASES, 60_000);
	await server.start();
	const meter = { requests: 0, bytes: 0 };
	const http = fetchHttpRequest(helpdesk.auth, meter);
	const clock = () => new Date(server.store.now());
	const source = createCaseSource({ kind: helpdesk.kind, baseUrl: server.url }, http, clock);
	const settings = { ...DEFAULT_POLL_SETTINGS, maxCasesPerPoll: 10_000 };
	// Steady state: the trigger has polled before, up to START; one warm-up poll fills its memory.
	let state = readPollState({
		version: 1,
		cursor: new Date(START - 3_600_000).toISOString(),
		seen: {},
	});
	state = (await pollCases(source, state, new Date(START), settings)).state;
	const rows = [];
	for (let poll = 1; poll <= POLLS; poll++) {
		server.store.fixedNow = START + poll * POLL_MS;
		const changed = pick(Math.round(CASES * CHANGED), CASES, poll);
		// The replies come in spread over the minutes between two polls, as they do in a helpdesk.
		changed.forEach((index, position) => {
			server.store.addMessage(server.store.tickets[index].id, {
				role: 'requester',
				text: 'Any news on this? We are still blocked.',
				at:
					START +
					(poll - 1) * POLL_MS +
					Math.floor(((position + 1) * POLL_MS) / (changed.length + 1)),
			});
		});
		meter.requests = 0;
		meter.bytes = 0;
		let started = process.hrtime.bigint();
		const result = await pollCases(source, state, new Date(server.store.now()), settings);
		const triggerMs = Number(process.hrtime.bigint() - started) / 1e6;
		state = readPollState(JSON.parse(JSON.stringify(result.state)));
		const trigger = {
			requests: meter.requests,
			bytes: meter.bytes,
			ms: triggerMs,
			cases: result.cases.length,
		};
		const stored = JSON.stringify(result.state);

		meter.requests = 0;
		meter.bytes = 0;
		started = process.hrtime.bigint();
		let listed = 0;
		for (let page = 1; ; page++) {
			const response = await http({ method: 'GET', url: helpdesk.listAll(server.url, page) });
			const body = response.body;
			listed += Array.isArray(body) ? body.length : (body.result ?? body.tickets).length;
			if (!helpdesk.more(body)) break;
		}
		const listAll = {
			requests: meter.requests,
			bytes: meter.bytes,
			ms: Number(process.hrtime.bigint() - started) / 1e6,
			cases: listed,
		};
		rows.push({
			poll,
			changed: changed.length,
			trigger,
			listAll,
			state: { keys: Object.keys(result.state.seen).length, bytes: Buffer.byteLength(stored) },
		});
	}
	await server.close();
	return rows;
}

/** The trigger's state when every one of CASES cases had a new message inside one overlap window. */
async function stateSize() {
	const server = new FakeServiceNow();
	server.store.fixedNow = START;
	server.store.seed(CASES, Math.floor((DEFAULT_POLL_SETTINGS.overlapSeconds * 1000) / CASES / 2));
	// Spread over the window's seconds: a case updated before the newest second is also
	// remembered as handled, which is the larger state.
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

function format(figures) {
	return `${String(figures.requests).padStart(5)} req ${(figures.bytes / 1024).toFixed(0).padStart(7)} KiB ${figures.ms.toFixed(0).padStart(6)} ms ${String(figures.cases).padStart(6)} cases`;
}

async function main() {
	console.log(
		`${CASES} cases per helpdesk, ${(CHANGED * 100).toFixed(1)} % changed between polls, ${POLLS} polls`,
	);
	console.log(
		'helpdesk    poll changed | Case Source Trigger (changed cases with threads)  | list all each poll ("Get Many", 100/request, no threads) | trigger state',
	);
	for (const helpdesk of HELPDESKS) {
		for (const row of await benchHelpdesk(helpdesk)) {
			console.log(
				`${helpdesk.kind.padEnd(11)} ${String(row.poll).padStart(4)} ${String(row.changed).padStart(7)} | ${format(row.trigger)} | ${format(row.listAll)} | ${row.state.keys} keys ${(row.state.bytes / 1024).toFixed(1)} KiB`,
			);
		}
	}
	const size = await stateSize();
	console.log(
		`state after ${size.cases} cases with activity inside one ${DEFAULT_POLL_SETTINGS.overlapSeconds}s overlap window: ${size.keys} keys, ${(size.bytes / 1024).toFixed(0)} KiB of JSON (cap ${DEFAULT_POLL_SETTINGS.maxSeen} keys)`,
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
