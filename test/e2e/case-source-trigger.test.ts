/**
 * Case Source Trigger in real n8n 2.41.1, followed by Case Sentiment, against the local
 * ServiceNow, Zendesk and Freshdesk servers (each a process of its own, driven through its
 * `/_control/...` API) and the built-in demo helpdesk.
 *
 * One n8n server runs the four workflows side by side, so their polls share the minutes:
 *   poll 1  activation: every seeded case, all of its activity new;
 *   poll 2  after a new customer message on one case: that message only, sentiment refreshed;
 *   poll 3  after messages on two more cases, the helpdesk fails a request halfway: a failed
 *           execution naming the helpdesk, nothing emitted;
 *   poll 4  the same two messages, once;
 *   restart of n8n, a message on a fourth case; poll 5 (at startup) emits that message only.
 * n8n polls once on activation and then on the minute ('everyMinute' at a random second), so
 * this file takes about four to five minutes. Paging over many pages, equal timestamps and
 * activity during a poll are covered against the same servers in src/sources/helpdesks.test.ts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';

import type { IDataObject } from 'n8n-workflow';

import { DemoCaseSource } from '../../src/sources/demo';
import {
	createN8n,
	type CredentialJson,
	type ExecutionDetails,
	type N8n,
	type N8nServer,
	outputOf,
	waitFor,
	type WorkflowJson,
	type WorkflowRun,
} from './harness/n8n';

const TRIGGER = 'Case Source Trigger';
const SENTIMENT = 'Case Sentiment';
const SEEDED_TICKETS = 6;
const FINAL_STATUSES = new Set(['success', 'error', 'crashed', 'canceled']);
const repoRoot = path.resolve(__dirname, '../..');

type HelpdeskKind = 'servicenow' | 'zendesk' | 'freshdesk';

interface EmittedCase {
	id: string;
	source: string;
	updatedAt: string;
	newActivity: string[];
	messages: Array<{ id: string; text: string; visibility: string }>;
}

interface Sentiment {
	label: string;
	score: number;
	activityKey: string;
	explanation: { evidence: Array<{ messageId: string }> };
}

/** A fake helpdesk in a child process (test/servers/helpdesks/main.ts). */
class HelpdeskProcess {
	private constructor(
		readonly kind: HelpdeskKind,
		readonly url: string,
		private readonly child: ChildProcess,
	) {}

	static async start(kind: HelpdeskKind): Promise<HelpdeskProcess> {
		const child = spawn(
			process.execPath,
			[
				'-r',
				path.join(repoRoot, 'test/servers/helpdesks/register-ts.js'),
				path.join(repoRoot, 'test/servers/helpdesks/main.ts'),
				kind,
				String(SEEDED_TICKETS),
			],
			{ cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		let stderr = '';
		child.stderr!.on('data', (chunk) => (stderr += chunk));
		const firstLine = await new Promise<string>((resolve, reject) => {
			readline.createInterface({ input: child.stdout! }).once('line', resolve);
			child.once('exit', (code) => reject(new Error(`${kind} server exited (${code}): ${stderr}`)));
		});
		return new HelpdeskProcess(kind, (JSON.parse(firstLine) as { url: string }).url, child);
	}

	async control<T = Record<string, unknown>>(action: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.url}/_control/${action}`, {
			method: body === undefined ? 'GET' : 'POST',
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok) throw new Error(`${this.kind} control ${action}: ${await response.text()}`);
		return (await response.json()) as T;
	}

	/** A customer's reply on a ticket, written now. */
	async reply(ticketId: number, text: string): Promise<void> {
		await this.control('message', { ticketId, role: 'requester', text });
	}

	async stop(): Promise<void> {
		if (this.child.exitCode !== null) return;
		const exited = new Promise((resolve) => this.child.once('exit', resolve));
		this.child.kill('SIGTERM');
		await exited;
	}
}

/** How each helpdesk is configured: its credential (good and bad) and its ticket numbering. */
const HELPDESKS: Record<
	HelpdeskKind,
	{
		name: string;
		credentialType: string;
		parameters: Record<string, unknown>;
		credentialData(url: string, valid: boolean): Record<string, unknown>;
		/** Which request of a poll with two changed cases fails, so that the poll stops halfway. */
		failOnRequest: number;
		ticketIdOf(caseId: string): number;
	}
> = {
	servicenow: {
		name: 'ServiceNow',
		credentialType: 'serviceNowCaseSourceBasicApi',
		parameters: { serviceNowAuthentication: 'basic', serviceNowTable: 'sn_customerservice_case' },
		credentialData: (url, valid) => ({
			subdomain: '',
			baseUrl: url,
			user: 'integration',
			password: valid ? 'sn-password' : 'wrong-password',
		}),
		// The case list, then the journal of the listed cases in one request: fail the journal.
		failOnRequest: 2,
		ticketIdOf: (caseId) => parseInt(caseId, 16),
	},
	zendesk: {
		name: 'Zendesk',
		credentialType: 'zendeskCaseSourceApi',
		parameters: { zendeskAuthentication: 'apiToken' },
		credentialData: (url, valid) => ({
			subdomain: '',
			baseUrl: url,
			email: 'agent@acme.example',
			apiToken: valid ? 'zd-token' : 'wrong-token',
		}),
		// The ticket export succeeds; the ticket event export (the comments of all cases) fails.
		failOnRequest: 2,
		ticketIdOf: Number,
	},
	freshdesk: {
		name: 'Freshdesk',
		credentialType: 'freshdeskCaseSourceApi',
		parameters: {},
		credentialData: (url, valid) => ({
			subdomain: '',
			baseUrl: url,
			apiKey: valid ? 'fd-key' : 'wrong-key',
		}),
		// The ticket list and one ticket's conversations succeed; the next ticket's fail.
		failOnRequest: 3,
		ticketIdOf: Number,
	},
};

function credentialOf(kind: HelpdeskKind, valid: boolean, url: string): CredentialJson {
	const helpdesk = HELPDESKS[kind];
	return {
		id: `${kind}${valid ? 'Good' : 'Bad'}Cred01`,
		name: `${helpdesk.name} local (${valid ? 'valid' : 'wrong'})`,
		type: helpdesk.credentialType,
		data: helpdesk.credentialData(url, valid),
	};
}

/** Case Source Trigger (every minute) -> Case Sentiment (offline, the case as input). */
function triggerWorkflow(
	id: string,
	source: HelpdeskKind | 'demo',
	credential: CredentialJson | null,
	options: IDataObject = {},
	backfillHours = 24,
): WorkflowJson {
	const parameters: Record<string, unknown> = {
		pollTimes: { item: [{ mode: 'everyMinute' }] },
		source,
		// The first poll starts from now unless a backfill is set: these suites read the seeded cases.
		backfillHours,
		...(source === 'demo' ? {} : HELPDESKS[source].parameters),
		options: { includeInternal: true, ...options },
	};
	return {
		id,
		name: `e2e: ${source} cases to sentiment (${id})`,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				parameters,
				id: `${id}-trigger`,
				name: TRIGGER,
				type: 'n8n-nodes-case-sentiment.caseSourceTrigger',
				typeVersion: 1,
				position: [0, 0],
				...(credential
					? { credentials: { [credential.type]: { id: credential.id, name: credential.name } } }
					: {}),
			},
			{
				parameters: { operation: 'classify', inputMode: 'case' },
				id: `${id}-sentiment`,
				name: SENTIMENT,
				type: 'n8n-nodes-case-sentiment.caseSentiment',
				typeVersion: 1,
				position: [220, 0],
			},
		],
		connections: { [TRIGGER]: { main: [[{ node: SENTIMENT, type: 'main', index: 0 }]] } },
	};
}

/** What the trigger emitted in an execution, and what Case Sentiment made of it, by case id. */
function readExecution(execution: ExecutionDetails): {
	cases: EmittedCase[];
	sentiments: Map<string, Sentiment>;
} {
	const run = execution as unknown as WorkflowRun;
	const cases = outputOf(run, TRIGGER) as unknown as EmittedCase[];
	const classified = outputOf(run, SENTIMENT);
	expect(classified.map((item) => item.id)).toEqual(cases.map((supportCase) => supportCase.id));
	const sentiments = new Map(
		classified.map((item) => [String(item.id), item.sentiment as unknown as Sentiment]),
	);
	return { cases, sentiments };
}

/** The message of a case that carries `text` (texts added by the tests are unique). */
function messageWithText(supportCase: EmittedCase, text: string): { id: string } {
	const message = supportCase.messages.find((candidate) => candidate.text === text);
	if (!message) throw new Error(`case ${supportCase.id} has no message "${text}"`);
	return message;
}

function activityKeys(cases: EmittedCase[]): string[] {
	return cases.flatMap((supportCase) =>
		supportCase.newActivity.map((id) => `${supportCase.id} ${id}`),
	);
}

/** Starts a manual run of the workflow from its trigger, as the editor's "Test" does. */
async function runManually(server: N8nServer, workflowId: string): Promise<ExecutionDetails> {
	const started = await server.rest<{ executionId?: string }>(
		'POST',
		`/workflows/${workflowId}/run`,
		{ triggerToStartFrom: { name: TRIGGER } },
	);
	if (!started.executionId) throw new Error(`no manual execution: ${JSON.stringify(started)}`);
	let execution: ExecutionDetails | undefined;
	await waitFor(
		async () => {
			execution = await server.getExecution(started.executionId!);
			return FINAL_STATUSES.has(execution.status);
		},
		60_000,
		`manual execution ${started.executionId}`,
	);
	return execution!;
}

/** The error an execution ended with, wherever n8n put it. */
function errorOf(execution: ExecutionDetails): { message: string; description?: string | null } {
	const resultData = execution.data.resultData;
	const error = resultData.error ?? resultData.runData[TRIGGER]?.[0]?.error;
	if (!error) throw new Error(`execution ${execution.id} has no error`);
	return error;
}

describe('Case Source Trigger in real n8n, followed by Case Sentiment', () => {
	const kinds: HelpdeskKind[] = ['servicenow', 'zendesk', 'freshdesk'];
	const helpdesks = {} as Record<HelpdeskKind, HelpdeskProcess>;
	let n8n: N8n;
	let server: N8nServer;

	beforeAll(async () => {
		for (const kind of kinds) helpdesks[kind] = await HelpdeskProcess.start(kind);
		n8n = await createN8n();
		await n8n.importCredentials(
			kinds.flatMap((kind) => [
				credentialOf(kind, true, helpdesks[kind].url),
				credentialOf(kind, false, helpdesks[kind].url),
			]),
		);
		for (const kind of kinds) {
			await n8n.importWorkflow(
				triggerWorkflow(`${kind}Polled0001`, kind, credentialOf(kind, true, helpdesks[kind].url)),
			);
			await n8n.importWorkflow(
				triggerWorkflow(`${kind}BadCreds01`, kind, credentialOf(kind, false, helpdesks[kind].url)),
			);
		}
		await n8n.importWorkflow(
			triggerWorkflow(
				'zendeskSample001',
				'zendesk',
				credentialOf('zendesk', true, helpdesks.zendesk.url),
			),
		);
		// An hour back keeps the demo's first poll to a dozen cases.
		await n8n.importWorkflow(triggerWorkflow('demoPolled000001', 'demo', null, {}, 1));
		await n8n.importWorkflow(triggerWorkflow('demoSample000001', 'demo', null));
		server = await n8n.start();
	});

	afterAll(async () => {
		await n8n?.dispose();
		for (const helpdesk of Object.values(helpdesks)) await helpdesk.stop();
	});

	it('returns a recent sample in a manual test run, classified by Case Sentiment, and keeps no state', async () => {
		const zendesk = await runManually(server, 'zendeskSample001');
		expect(zendesk.status).toBe('success');
		const { cases, sentiments } = readExecution(zendesk);
		expect(cases).toHaveLength(5);
		const updated = cases.map((supportCase) => Date.parse(supportCase.updatedAt));
		expect(updated).toEqual([...updated].sort((a, b) => b - a));
		for (const supportCase of cases) {
			expect(supportCase.source).toBe('zendesk');
			// The latest activity is marked, as a real poll would mark new activity.
			expect(supportCase.newActivity).toHaveLength(1);
			expect(['positive', 'neutral', 'negative']).toContain(sentiments.get(supportCase.id)?.label);
		}
		expect(await server.staticDataOf('zendeskSample001')).toEqual({});

		const demo = await runManually(server, 'demoSample000001');
		expect(demo.status).toBe('success');
		const sample = readExecution(demo);
		expect(sample.cases.length).toBeGreaterThan(0);
		expect(sample.cases.length).toBeLessThanOrEqual(5);
		for (const supportCase of sample.cases) expect(supportCase.source).toBe('demo');
	});

	it.each(kinds)(
		'stops a test run with bad %s credentials on an error that names the helpdesk and the fix',
		async (kind) => {
			const execution = await runManually(server, `${kind}BadCreds01`);
			expect(execution.status).toBe('error');
			const error = errorOf(execution);
			expect(error.message).toMatch(
				new RegExp(`^${HELPDESKS[kind].name} refused the credentials \\(401\\)`),
			);
			expect(error.description).toContain(`Check the ${HELPDESKS[kind].name} credential`);
		},
	);

	it.each(kinds)(
		"tells good from bad %s credentials with the credential's own test",
		async (kind) => {
			const test = async (valid: boolean) =>
				await server.rest<{ status: string; message: string }>('POST', '/credentials/test', {
					credentials: credentialOf(kind, valid, helpdesks[kind].url),
				});
			expect(await test(true)).toMatchObject({ status: 'OK' });
			expect(await test(false)).toMatchObject({ status: 'Error' });
		},
	);

	it('emits each new activity exactly once across polls, a failed poll and a restart, and refreshes its sentiment', async () => {
		const workflowOf = (kind: HelpdeskKind) => `${kind}Polled0001`;
		/** Finished executions of a workflow, oldest first, once there are `count`. */
		const executions = async (id: string, count: number) =>
			await Promise.all(
				(await server.waitForExecutions(id, count, 150_000)).map(
					async (summary) => await server.getExecution(summary.id),
				),
			);
		const emitted: Record<string, string[]> = {};
		/** The newest update time each helpdesk's poll 4 handed over, epoch ms. */
		const handedOverUntil: Record<string, number> = {};

		/** Polls 1 to 4 of one helpdesk, each step as soon as the poll before it has run. */
		async function untilRestart(kind: HelpdeskKind): Promise<number[]> {
			const helpdesk = helpdesks[kind];
			const id = workflowOf(kind);
			const ticketIdOf = HELPDESKS[kind].ticketIdOf;

			// Poll 1: every seeded case, with its description and all its messages new.
			const [first] = await executions(id, 1);
			expect(first.mode).toBe('trigger');
			const poll1 = readExecution(first);
			expect(poll1.cases.map((supportCase) => ticketIdOf(supportCase.id)).sort()).toEqual(
				(await helpdesk.control<{ tickets: number[] }>('stats')).tickets.sort(),
			);
			for (const supportCase of poll1.cases) {
				expect(supportCase.newActivity).toEqual([
					'description',
					...supportCase.messages.map((message) => message.id),
				]);
			}
			emitted[kind] = activityKeys(poll1.cases);

			// Poll 2: an angry reply on the happiest case; only that reply is new.
			const happiest = [...poll1.cases].sort(
				(a, b) => poll1.sentiments.get(b.id)!.score - poll1.sentiments.get(a.id)!.score,
			)[0];
			const angry = `${kind}: still nothing works, this is unacceptable and I want to cancel.`;
			await helpdesk.reply(ticketIdOf(happiest.id), angry);
			const second = (await executions(id, 2))[1];
			const poll2 = readExecution(second);
			expect(poll2.cases.map((supportCase) => supportCase.id)).toEqual([happiest.id]);
			const reply = messageWithText(poll2.cases[0], angry);
			expect(poll2.cases[0].newActivity).toEqual([reply.id]);
			const before = poll1.sentiments.get(happiest.id)!;
			const after = poll2.sentiments.get(happiest.id)!;
			expect(after.activityKey).not.toBe(before.activityKey);
			expect(after.score).toBeLessThan(before.score);
			expect(after.explanation.evidence.map((evidence) => evidence.messageId)).toContain(reply.id);
			emitted[kind].push(...activityKeys(poll2.cases));

			// Poll 3: two more replies, and the helpdesk fails a request halfway through the poll.
			const others = poll1.cases.filter((supportCase) => supportCase.id !== happiest.id);
			const replies = others.slice(0, 2).map((supportCase, index) => ({
				caseId: supportCase.id,
				text: `${kind}: follow-up ${index + 1}, any news on this?`,
			}));
			for (const added of replies) await helpdesk.reply(ticketIdOf(added.caseId), added.text);
			await helpdesk.control('fail', {
				afterRequests: HELPDESKS[kind].failOnRequest,
				status: 500,
			});
			const third = (await executions(id, 3))[2];
			expect(third.status).toBe('error');
			const error = errorOf(third);
			expect(error.message).toMatch(new RegExp(`^${HELPDESKS[kind].name} answered 500 to GET `));
			expect(error.description).toContain('the next poll retries the same window');

			// Poll 4: the same two replies, each once.
			const fourth = (await executions(id, 4))[3];
			expect(fourth.status).toBe('success');
			const poll4 = readExecution(fourth);
			expect(poll4.cases.map((supportCase) => supportCase.id).sort()).toEqual(
				replies.map((added) => added.caseId).sort(),
			);
			for (const added of replies) {
				const supportCase = poll4.cases.find((candidate) => candidate.id === added.caseId)!;
				expect(supportCase.newActivity).toEqual([messageWithText(supportCase, added.text).id]);
				expect(poll4.sentiments.get(added.caseId)).toBeDefined();
			}
			emitted[kind].push(...activityKeys(poll4.cases));
			handedOverUntil[kind] = Math.max(
				...poll4.cases.map((supportCase) => Date.parse(supportCase.updatedAt!)),
			);
			return others.slice(2).map((supportCase) => ticketIdOf(supportCase.id));
		}

		for (const kind of kinds) await server.activateWorkflow(workflowOf(kind));
		await server.activateWorkflow('demoPolled000001');
		const untouched = await Promise.all(kinds.map(untilRestart));

		// A restart between polls: the state comes back from the database. n8n writes a poller's
		// static data apart from the execution it starts (see the harness), so an execution can be
		// finished before the state that goes with it is in the database: wait until each
		// trigger's stored cursor has reached what its poll 4 handed over, as n8n would have it
		// at a restart a moment later, then stop.
		await waitFor(
			async () => {
				for (const kind of kinds) {
					const stored = (await server.staticDataOf(workflowOf(kind)))[`node:${TRIGGER}`] as
						IDataObject | undefined;
					const cursor = (stored?.caseSource as IDataObject | undefined)?.cursor;
					if (typeof cursor !== 'string' || Date.parse(cursor) < handedOverUntil[kind]) {
						return false;
					}
				}
				// The demo helpdesk keeps polling: its latest hand-off must be stored as well.
				const [latestDemo] = await server.listExecutions('demoPolled000001');
				if (!latestDemo) return true;
				if (latestDemo.status !== 'success') return false;
				const demoCases = readExecution(await server.getExecution(latestDemo.id)).cases;
				const demoStored = (await server.staticDataOf('demoPolled000001'))[`node:${TRIGGER}`] as
					IDataObject | undefined;
				const demoCursor = (demoStored?.caseSource as IDataObject | undefined)?.cursor;
				return (
					typeof demoCursor === 'string' &&
					demoCases.every(
						(supportCase) => Date.parse(demoCursor) >= Date.parse(supportCase.updatedAt!),
					)
				);
			},
			60_000,
			"each trigger's state after poll 4 in the database",
		);
		await server.stop();
		const restartedAt = Date.now();
		const lastReplies = await Promise.all(
			kinds.map(async (kind, index) => {
				const text = `${kind}: written while n8n was down, please call me back.`;
				await helpdesks[kind].reply(untouched[index][0], text);
				return text;
			}),
		);
		server = await n8n.start();

		// Poll 5, at startup: only the reply written while n8n was down.
		await Promise.all(
			kinds.map(async (kind, index) => {
				const all = await executions(workflowOf(kind), 5);
				const poll5 = readExecution(all[4]);
				expect(
					poll5.cases.map((supportCase) => HELPDESKS[kind].ticketIdOf(supportCase.id)),
				).toEqual([untouched[index][0]]);
				expect(poll5.cases[0].newActivity).toEqual([
					messageWithText(poll5.cases[0], lastReplies[index]).id,
				]);
				emitted[kind].push(...activityKeys(poll5.cases));
				expect(new Set(emitted[kind]).size).toBe(emitted[kind].length);
			}),
		);

		// The demo helpdesk, polled alongside. Its activity follows the clock (now and then with
		// minutes of quiet), so what it must have emitted is computed from the same clock: all
		// activity from its first poll's reach up to the restart, by the poll at startup at the latest.
		const margin = 5_000;
		const demoKeys = async () => {
			const runs = await Promise.all(
				(await server.listExecutions('demoPolled000001'))
					.reverse()
					.map(async (summary) => await server.getExecution(summary.id)),
			);
			expect(runs.map((run) => run.status)).toEqual(runs.map(() => 'success'));
			return {
				firstPoll: Date.parse(String(runs[0].startedAt)),
				keys: runs.flatMap((run) => activityKeys(readExecution(run).cases)),
			};
		};
		const { firstPoll } = await demoKeys();
		const reach = firstPoll - 3600_000;
		const certain = (await demoActivity(reach + margin, restartedAt - margin)).map(
			({ key }) => key,
		);
		let keys: string[] = [];
		await waitFor(
			async () => {
				keys = (await demoKeys()).keys;
				return certain.every((key) => keys.includes(key));
			},
			30_000,
			'the demo activity up to the restart',
		);
		expect(new Set(keys).size).toBe(keys.length);
		const possible = new Set(
			(await demoActivity(reach - margin, Date.now())).map(({ key }) => key),
		);
		expect(keys.filter((key) => !possible.has(key))).toEqual([]);
	});
});

/** Every demo activity (case opening and message) timed in [from, to], as of `to`. */
async function demoActivity(from: number, to: number): Promise<Array<{ key: string; at: number }>> {
	const source = new DemoCaseSource(() => new Date(to));
	const { cases } = await source.fetchChanged(
		{ since: new Date(from - 3600_000).toISOString() },
		100_000,
	);
	return cases
		.flatMap((supportCase) => [
			{ key: `${supportCase.id} description`, at: Date.parse(supportCase.createdAt!) },
			...supportCase.messages.map((message) => ({
				key: `${supportCase.id} ${message.id}`,
				at: Date.parse(message.createdAt!),
			})),
		])
		.filter(({ at }) => at >= from && at <= to);
}
