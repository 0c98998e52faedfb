/**
 * The package on n8n's distributed setup: n8n 2.41.1 in queue mode (PostgreSQL, Redis, one main,
 * two workers; test/e2e/harness/queue.ts), with n8n's durable poll cursors off (the default)
 * and on. Two flows run side by side against their own local Zendesk (test/e2e/queue/flows.ts):
 * Case Source Trigger -> Case Sentiment -> a CRM lookup -> a write per case, and the shipped
 * escalation example (Sentiment Threshold Trigger -> Slack and a priority raise in Zendesk).
 *
 * The test adds activity to the helpdesks and keeps a ledger of it, then puts n8n through:
 *   1. a worker killed (SIGKILL) in the middle of an execution (held on a slow CRM lookup, and
 *      on a slow Zendesk update after Slack was notified), then the executions retried as an
 *      admin does from the executions list. n8n 2.41.1 ends them 'error' (stored again as the
 *      bare stall error over the items they held: the retry has nothing to run, what they held
 *      is lost, asserted and counted exactly) or 'crashed' (items kept: the retry must succeed
 *      and record that activity once);
 *   2. the main process restarted in the middle of a poll (held on Zendesk's export);
 *   3. both workflows edited and published again, with activity during and after.
 * At the end, against the ledger: every piece of activity emitted once and recorded once (lost
 * 0 apart from what 'error' executions held, duplicated 0), and every case that turned
 * negative escalated once (one event, one Slack post, one priority raise; a crossing held by an
 * 'error' execution: its Slack post, no raise), no other case escalated.
 *
 * Polls come every 15 s (FAST_POLL_TIMES); activity is read a minute after it was written (the
 * export's held-back minute): the file took 852 s for both settings on 2026-12-02.
 */
import type { IDataObject } from 'n8n-workflow';

import { Outbox } from '../../servers/flows/outbox';
import { FakeZendeskWithWrites } from '../../servers/flows/zendeskWithWrites';
import { FakeZendesk } from '../../servers/helpdesks/zendesk';
import { type ExecutionSummary, type N8nServer, waitFor } from '../harness/n8n';
import { N8nCluster } from '../harness/queue';
import {
	CASE_TRIGGER,
	caseUpdatesFlow,
	createWorkflow,
	createZendeskCredential,
	editAndPublish,
	type EmittedCase,
	emittedTexts,
	escalationFlow,
	repeated,
	THRESHOLD_TRIGGER,
	triggerItems,
} from './flows';
import { httpServerOf, RequestGate } from './requestGate';

const FINAL = new Set(['success', 'error', 'crashed', 'canceled']);
/**
 * How long a piece of activity may take to reach the flows' ends: Zendesk's event export leaves
 * out its last minute (so activity is read 60 s after it was written, at the next poll: polls
 * come every 15 s, see FAST_POLL_TIMES), then an execution runs on a worker. Allows for a loaded
 * machine; a passing run waits only as long as it takes.
 */
const POLL_WAIT_MS = 120_000;
/** Set to a folder to keep n8n's output (main, workers; debug level) after a run. */
const LOG_DIR = process.env.CASE_SENTIMENT_QUEUE_LOGS;

const NEGATIVE = [
	'This is unacceptable, I was charged twice and nobody answers. I am extremely frustrated.',
	'Still no refund after three weeks. This is ridiculous, I want to speak to a manager.',
	'Your update broke our exports again and we are losing money. Terrible service.',
];
const POSITIVE = 'Thank you so much, the new dashboard works great and your team was very helpful!';

interface Crossing {
	ticketId: number;
	subject: string;
}

const MODES = [
	{ cursors: 'durable poll cursors off (the default)', durableCursors: false },
	{ cursors: 'durable poll cursors on', durableCursors: true },
];

describe.each(MODES)('n8n queue mode, one main and two workers, $cursors', ({ durableCursors }) => {
	const outbox = new Outbox();
	const caseDesk = new FakeZendesk();
	const escalationDesk = new FakeZendeskWithWrites();
	let outboxGate: RequestGate;
	let caseGate: RequestGate;
	let escalationGate: RequestGate;
	let cluster: N8nCluster | undefined;
	const flows = { cases: '', escalation: '' };
	/** What the test wrote to the helpdesks: every text that must be emitted once, and crossings. */
	const ledger = { caseTexts: [] as string[], crossings: [] as Crossing[], calm: [] as number[] };
	/**
	 * What was in the executions of the killed worker: n8n 2.41.1 loses it (see the first test),
	 * so it is expected lost, and only it. Each crossing's Slack post went out before the kill.
	 */
	const lostToWorkerCrash = { caseTexts: [] as string[], crossings: [] as Crossing[] };
	/** The killed worker's executions ('error' or 'crashed') and the failed retries of 'error' ones. */
	const crashFailures: string[] = [];
	let step = 0;

	const server = (): N8nServer => cluster!.server;

	/** A new case and a customer reply on an existing one, on the case-updates helpdesk. */
	function addCaseActivity(label: string): void {
		step += 1;
		const ticket = caseDesk.store.addTicket({
			subject: `${label} ${step}`,
			description: `Case ${step} (${label}): our invoices do not match the contract, please check.`,
		});
		ledger.caseTexts.push(ticket.description);
		const earlier = caseDesk.store.tickets.find((candidate) => candidate.id !== ticket.id);
		if (earlier) {
			const text = `Reply ${step} (${label}): any news on this? We are still waiting.`;
			caseDesk.store.addMessage(earlier.id, { role: 'requester', text });
			ledger.caseTexts.push(text);
		}
	}

	/** A new case that is negative from its first message (a crossing), and a calm one. */
	function addCrossing(label: string): void {
		step += 1;
		const subject = `${label} ${step}: escalate me`;
		const ticket = escalationDesk.store.addTicket({
			subject,
			description: NEGATIVE[step % NEGATIVE.length],
			priority: 'medium',
		});
		ledger.crossings.push({ ticketId: ticket.id, subject });
		const calm = escalationDesk.store.addTicket({
			subject: `${label} ${step}: all good`,
			description: POSITIVE,
		});
		ledger.calm.push(calm.id);
	}

	/** The text of a recorded piece of activity, from the helpdesk's own store. */
	function recordedText(caseId: string, activityId: string): string {
		const ticket = caseDesk.store.ticket(Number(caseId));
		if (activityId === 'description') return ticket.description;
		const message = ticket.messages.find((candidate) => String(candidate.id) === activityId);
		return message?.text ?? `unknown activity ${caseId} ${activityId}`;
	}

	function recordedTexts(): string[] {
		return outbox.on('/results').flatMap((request) => {
			const record = request.json as { caseId: string; newActivity: string[] };
			return record.newActivity.map((activityId) => recordedText(record.caseId, activityId));
		});
	}

	function slackPostsFor(subject: string): number {
		return outbox
			.on('/slack/')
			.filter((request) => String((request.json as { text: string }).text).includes(subject))
			.length;
	}

	/** The ledger without what the killed worker's executions held (n8n loses it, see above). */
	function expectedToArrive(): { caseTexts: string[]; crossings: Crossing[] } {
		return {
			caseTexts: ledger.caseTexts.filter((text) => !lostToWorkerCrash.caseTexts.includes(text)),
			crossings: ledger.crossings.filter(
				(crossing) => !lostToWorkerCrash.crossings.includes(crossing),
			),
		};
	}

	/** What has not arrived yet: case texts not recorded, crossings without a post or a raise. */
	function missing(): string[] {
		const recorded = new Set(recordedTexts());
		const expected = expectedToArrive();
		return [
			...expected.caseTexts.filter((text) => !recorded.has(text)),
			...expected.crossings
				.filter(
					({ ticketId, subject }) =>
						slackPostsFor(subject) === 0 ||
						!escalationDesk.updates.some(
							(update) => update.ticketId === ticketId && update.ticket.priority !== undefined,
						),
				)
				.map(({ subject }) => `escalation of "${subject}"`),
		];
	}

	async function waitForLedger(what: string): Promise<void> {
		try {
			await waitFor(
				() => missing().length === 0,
				POLL_WAIT_MS * 1.5,
				`${what}: every case update recorded and every crossing escalated`,
			);
		} catch (error) {
			throw new Error(`${(error as Error).message}; missing: ${JSON.stringify(missing())}`);
		}
	}

	/** The executions of a workflow, oldest first. */
	async function executionsOf(workflowId: string): Promise<ExecutionSummary[]> {
		return (await server().listExecutions(workflowId)).reverse();
	}

	/** Waits until no execution of either flow is queued or running. */
	async function waitForIdle(): Promise<void> {
		await waitFor(
			async () => {
				for (const workflowId of [flows.cases, flows.escalation]) {
					const executions = await executionsOf(workflowId);
					if (executions.some((execution) => !FINAL.has(execution.status))) return false;
				}
				return true;
			},
			POLL_WAIT_MS,
			'every execution to finish',
		);
	}

	beforeAll(async () => {
		await outbox.start();
		await caseDesk.start();
		await escalationDesk.start();
		outboxGate = new RequestGate(httpServerOf(outbox));
		caseGate = new RequestGate(httpServerOf(caseDesk));
		escalationGate = new RequestGate(httpServerOf(escalationDesk));
		// History from before the flows start, which they must not act on as new activity.
		caseDesk.store.seed(4, 3 * 3_600_000);
		escalationDesk.store.seed(6, 2 * 3_600_000);
		cluster = await N8nCluster.start({
			mode: 'queue',
			workers: 2,
			durableCursors,
			// What a crashed execution is retried from: with progress saved, the node that was
			// running when the worker died, not the first node again (see the README).
			env: {
				EXECUTIONS_DATA_SAVE_ON_PROGRESS: 'true',
				...(LOG_DIR ? { N8N_LOG_LEVEL: 'debug' } : {}),
			},
		});
		const caseCredential = await createZendeskCredential(server(), 'Zendesk (cases)', caseDesk.url);
		const escalationCredential = await createZendeskCredential(
			server(),
			'Zendesk (escalation)',
			escalationDesk.url,
		);
		flows.cases = await createWorkflow(server(), caseUpdatesFlow(caseCredential, outbox.url));
		flows.escalation = await createWorkflow(
			server(),
			escalationFlow(escalationCredential, escalationDesk.url, outbox.url),
		);
		const requestsBefore = { cases: caseDesk.requests, escalation: escalationDesk.requests };
		await server().activateWorkflow(flows.cases);
		await server().activateWorkflow(flows.escalation);
		// The first poll runs on activation; activity from here on is new.
		await waitFor(
			() =>
				caseDesk.requests > requestsBefore.cases &&
				escalationDesk.requests > requestsBefore.escalation,
			POLL_WAIT_MS,
			'the first polls',
		);
		await new Promise((resolve) => setTimeout(resolve, 5000));
		for (const workflowId of [flows.cases, flows.escalation]) {
			const executions = await executionsOf(workflowId);
			console.log(
				`[queue] after activation, ${workflowId}: ${executions.map((execution) => `${execution.id} ${execution.status}`).join(', ') || 'no execution'}`,
			);
		}
	});

	afterAll(async () => {
		for (const gate of [outboxGate, caseGate, escalationGate]) gate?.release();
		if (LOG_DIR) cluster?.writeLogs(LOG_DIR, durableCursors ? 'durable' : 'default');
		await cluster?.stop();
		await outbox.close();
		await caseDesk.close();
		await escalationDesk.close();
	});

	it('a worker killed (SIGKILL) in the middle of an execution: n8n fails the execution and drops what it held; nothing runs twice', async () => {
		await waitForIdle();
		outboxGate.hold((req) => req.url!.startsWith('/crm/'));
		escalationGate.hold((req) => req.method === 'PUT');
		const before = { caseTexts: ledger.caseTexts.length, crossings: ledger.crossings.length };
		addCaseActivity('worker kill');
		addCrossing('worker kill');
		await outboxGate.waitForHeld(1, POLL_WAIT_MS);
		await escalationGate.waitForHeld(1, POLL_WAIT_MS);

		const caught: ExecutionSummary[] = [];
		for (const workflowId of [flows.cases, flows.escalation]) {
			const running = (await executionsOf(workflowId)).filter(
				(execution) => !FINAL.has(execution.status),
			);
			expect(running).toHaveLength(1);
			caught.push(running[0]);
		}
		const victims = cluster!.workers.filter((worker) =>
			caught.some((execution) =>
				worker.output().includes(`Worker started execution ${execution.id} `),
			),
		);
		expect(victims.length).toBeGreaterThan(0);
		for (const worker of victims) await worker.kill('SIGKILL');
		outboxGate.release();
		escalationGate.release();
		// The requests the dead worker was waiting on were never answered nor handled.
		expect(outboxGate.dropped.length + escalationGate.dropped.length).toBeGreaterThanOrEqual(2);
		for (const worker of victims) await worker.start();

		const ended: ExecutionSummary[] = [];
		await waitFor(
			async () => {
				ended.length = 0;
				for (const execution of caught) {
					const now = (await executionsOf(execution.workflowId)).find(
						(candidate) => candidate.id === execution.id,
					)!;
					if (FINAL.has(now.status)) ended.push(now);
				}
				return ended.length === caught.length;
			},
			POLL_WAIT_MS,
			'n8n to give up on the executions of the killed worker',
		);
		console.log(
			`[queue] killed worker(s) ${victims.map((worker) => worker.index).join(', ')}; executions ended as ${ended.map((execution) => `${execution.id}: ${execution.status}`).join(', ')}`,
		);
		// n8n 2.41.1 ends a killed worker's execution in one of two ways, whichever comes first:
		// - 'error': Bull fails the stalled job (n8n sets maxStalledCount to 0) and the main
		//   (workflow-runner.js, processError) stores the execution again as that error alone, an
		//   empty run with an empty node stack, over what the worker had saved: the trigger's items
		//   are gone, and Retry has nothing to run (it fails the same way at once);
		// - 'crashed': the restarted worker reads its own event log (message-event-bus.js,
		//   execution-recovery.service.js, amend) and marks the execution crashed, keeping its
		//   stored data: Retry runs it again from the node that was running.
		const crashedIds: string[] = [];
		for (const execution of ended) {
			expect(['error', 'crashed']).toContain(execution.status);
			const details = await server().getExecution(execution.id);
			const trigger = execution.workflowId === flows.cases ? CASE_TRIGGER : THRESHOLD_TRIGGER;
			if (execution.status === 'crashed') {
				expect(triggerItems(details, trigger).length).toBeGreaterThan(0);
				crashedIds.push(execution.id);
				crashFailures.push(execution.id);
				continue;
			}
			expect(details.data.resultData.error?.message).toMatch(
				/failed to be processed too many times/,
			);
			expect(triggerItems(details, trigger)).toEqual([]);
			crashFailures.push(execution.id);
		}

		// An admin's "Retry" in the executions list (with the original workflow), for each.
		const retries: Array<{ of: ExecutionSummary; id: string }> = [];
		for (const execution of ended) {
			const retry = await server().rest<{ id: string; status: string }>(
				'POST',
				`/executions/${execution.id}/retry`,
				{ loadWorkflow: false },
			);
			retries.push({ of: execution, id: retry.id });
		}
		const retryStatus = new Map<string, string>();
		await waitFor(
			async () => {
				for (const { id } of retries) {
					retryStatus.set(id, (await server().getExecution(id)).status);
				}
				return [...retryStatus.values()].every((status) => FINAL.has(status));
			},
			POLL_WAIT_MS,
			'the retries to finish',
		);
		for (const { of, id } of retries) {
			const details = await server().getExecution(id);
			console.log(
				`[queue] retry of ${of.id} (${of.status}): ${id} ${details.status}${details.data.resultData.error ? `: ${details.data.resultData.error.message}` : ''}`,
			);
			if (crashedIds.includes(of.id)) {
				// Run again from the node that was running: what the execution held is handled.
				expect(details.status).toBe('success');
			} else {
				// Nothing left to run: it fails at once and writes nothing.
				expect(details.status).toBe('error');
				crashFailures.push(id);
			}
		}
		// What the 'error' executions held is lost to the flow (counted exactly: the activity of
		// this phase, which only the killed executions were handed); a crashed one's is not.
		const lostFlows = ended
			.filter((execution) => execution.status === 'error')
			.map((execution) => execution.workflowId);
		if (lostFlows.includes(flows.cases)) {
			lostToWorkerCrash.caseTexts.push(...ledger.caseTexts.slice(before.caseTexts));
		}
		if (lostFlows.includes(flows.escalation)) {
			lostToWorkerCrash.crossings.push(...ledger.crossings.slice(before.crossings));
		}
		console.log(
			`[queue] lost to the killed worker: ${lostToWorkerCrash.caseTexts.length} case updates, ${lostToWorkerCrash.crossings.length} escalations`,
		);
		// Polls go on past the lost activity: later activity arrives, the lost one never does.
		addCaseActivity('after worker kill');
		addCrossing('after worker kill');
		await waitForLedger('after the worker was killed');
		if (!durableCursors) {
			// The trigger's memory is still in the workflow's row after executions ran on the
			// workers (Case Sentiment once wrote its result key there, and n8n saved the worker's
			// empty copy over it, wiping the cursor: a restarted main then skipped activity).
			const staticData = await server().staticDataOf(flows.cases);
			expect(Object.keys(staticData)).toContain(`node:${CASE_TRIGGER}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 10_000));
		const recorded = recordedTexts();
		expect(lostToWorkerCrash.caseTexts.filter((text) => recorded.includes(text))).toEqual([]);
		expect(
			lostToWorkerCrash.crossings.filter(({ ticketId }) =>
				escalationDesk.updates.some((update) => update.ticketId === ticketId),
			),
		).toEqual([]);
	});

	it('the main process restarted in the middle of a poll: the next poll reads the same activity, once', async () => {
		await waitForIdle();
		addCaseActivity('main restart');
		addCrossing('main restart');
		const isExport = (req: { url?: string }) => req.url!.startsWith('/api/v2/incremental/');
		caseGate.hold(isExport);
		escalationGate.hold(isExport);
		await caseGate.waitForHeld(1, POLL_WAIT_MS);
		await escalationGate.waitForHeld(1, POLL_WAIT_MS);
		const restarted = Date.now();
		await cluster!.restartMain('SIGTERM');
		caseGate.release();
		escalationGate.release();
		console.log(`[queue] main restarted in ${Date.now() - restarted} ms`);
		await waitForLedger('after the main restarted');
	});

	it('the workflows edited and published again: activity during and after is handled once', async () => {
		// The phase before ended with every piece of activity recorded (the ledger settled).
		addCaseActivity('during edit');
		addCrossing('during edit');
		await editAndPublish(server(), flows.cases, (nodes) => {
			const record = nodes.find((node) => node.name === 'Record Sentiment')!;
			record.parameters.jsonBody = String(record.parameters.jsonBody).replace(
				'executionId: $execution.id',
				'executionId: $execution.id, edited: true',
			);
		});
		await editAndPublish(server(), flows.escalation, (nodes) => {
			const slack = nodes.find((node) => node.name === 'Notify Slack')!;
			slack.parameters.jsonBody = String(slack.parameters.jsonBody).replace(
				':rotating_light:',
				':warning:',
			);
		});
		addCaseActivity('after edit');
		addCrossing('after edit');
		await waitForLedger('after the edit');
		const edited = outbox
			.on('/results')
			.filter((request) => (request.json as IDataObject).edited === true);
		expect(edited.length).toBeGreaterThan(0);
	});

	it('in all: nothing lost, nothing emitted twice, no escalation repeated', async () => {
		// Two more polls with nothing new, for anything that would come late or twice.
		const before = { cases: caseDesk.requests, escalation: escalationDesk.requests };
		await waitFor(
			() =>
				caseDesk.requests >= before.cases + 4 && escalationDesk.requests >= before.escalation + 4,
			POLL_WAIT_MS,
			'two quiet polls',
		);
		await new Promise((resolve) => setTimeout(resolve, 10_000));

		// What the triggers handed to executions (a retry re-runs an execution, it emits nothing).
		const emittedCaseTexts: string[] = [];
		const escalatedCases: string[] = [];
		const failed: string[] = [];
		const history: string[] = [];
		const pollErrors: string[] = [];
		const chains = new Map<string, { workflowId: string; items: Set<string> }>();
		for (const workflowId of [flows.cases, flows.escalation]) {
			for (const summary of await executionsOf(workflowId)) {
				history.push(
					`${workflowId === flows.cases ? 'cases' : 'escalation'} ${summary.id} ${summary.mode} ${summary.status}${summary.retryOf ? ` retryOf ${String(summary.retryOf)}` : ''}`,
				);
				if (summary.status !== 'success' && !crashFailures.includes(summary.id)) {
					failed.push(`${summary.id} ${summary.mode} ${summary.status}`);
				}
				// A retry runs the same hand-off again: one emission per original and its retries.
				const chain = String(summary.retryOf ?? summary.id);
				const execution = await server().getExecution(summary.id);
				const trigger = workflowId === flows.cases ? CASE_TRIGGER : THRESHOLD_TRIGGER;
				// A poll that failed (n8n records its error as an execution of the trigger alone)
				// emitted nothing; it is still counted among the failed executions.
				const runError = execution.data.resultData.runData?.[trigger]?.[0]?.error;
				if (runError) pollErrors.push(`${summary.id}: ${runError.message}`);
				const emitted = runError ? [] : triggerItems(execution, trigger);
				const items =
					workflowId === flows.cases
						? emitted.flatMap((item) => emittedTexts(item as unknown as EmittedCase))
						: emitted
								.filter((item) => item.rule === 'turnsNegative')
								.map((item) => String(item.caseId));
				const key = `${workflowId} ${chain}`;
				chains.set(key, {
					workflowId,
					items: new Set([...(chains.get(key)?.items ?? []), ...items]),
				});
			}
		}
		for (const { workflowId, items } of chains.values()) {
			(workflowId === flows.cases ? emittedCaseTexts : escalatedCases).push(...items);
		}
		const crossings = ledger.crossings.map(({ ticketId }) => String(ticketId));
		const lostCrossings = lostToWorkerCrash.crossings.map(({ ticketId }) => ticketId);
		const figures = {
			lostToWorkerCrash: {
				caseUpdates: lostToWorkerCrash.caseTexts.length,
				escalations: lostCrossings.length,
			},
			caseUpdates: {
				written: ledger.caseTexts.length,
				lost: ledger.caseTexts.filter(
					(text) => !emittedCaseTexts.includes(text) && !lostToWorkerCrash.caseTexts.includes(text),
				),
				duplicated: repeated(emittedCaseTexts),
				// Activity from before the flows started, emitted as if new (history replayed).
				historyReplayed: emittedCaseTexts.filter((text) => !ledger.caseTexts.includes(text)),
				recordedTwice: repeated(recordedTexts()),
			},
			escalations: {
				crossings: crossings.length,
				lost: crossings.filter(
					(id) => !escalatedCases.includes(id) && !lostCrossings.includes(Number(id)),
				),
				repeated: repeated(escalatedCases),
				calmCasesEscalated: escalatedCases.filter((id) => ledger.calm.includes(Number(id))),
				historyEscalated: escalatedCases.filter(
					(id) => !crossings.includes(id) && !ledger.calm.includes(Number(id)),
				),
				slackPostsNotOne: ledger.crossings
					.filter(({ subject }) => slackPostsFor(subject) !== 1)
					.map(({ subject }) => `${subject}: ${slackPostsFor(subject)}`),
				// One raise per crossing; none for those the killed worker was raising.
				priorityRaisesNotExpected: ledger.crossings
					.map(({ ticketId }) => ({
						ticketId,
						raises: escalationDesk.updates.filter(
							(update) => update.ticketId === ticketId && update.ticket.priority !== undefined,
						).length,
						expected: lostCrossings.includes(ticketId) ? 0 : 1,
					}))
					.filter(({ raises, expected }) => raises !== expected),
				calmCasesTouched: ledger.calm.filter((id) =>
					escalationDesk.updates.some((update) => update.ticketId === id),
				),
			},
			pollErrors,
			otherFailedExecutions: failed,
		};
		console.log(
			`[queue] ${durableCursors ? 'durable' : 'default'} cursors: ${JSON.stringify(figures, null, 1)}\nexecutions:\n${history.join('\n')}`,
		);
		expect(figures.caseUpdates.lost).toEqual([]);
		expect(figures.caseUpdates.duplicated).toEqual([]);
		expect(figures.caseUpdates.historyReplayed).toEqual([]);
		expect(figures.caseUpdates.recordedTwice).toEqual([]);
		expect(figures.escalations.lost).toEqual([]);
		expect(figures.escalations.repeated).toEqual([]);
		expect(figures.escalations.calmCasesEscalated).toEqual([]);
		expect(figures.escalations.historyEscalated).toEqual([]);
		expect(figures.escalations.slackPostsNotOne).toEqual([]);
		expect(figures.escalations.priorityRaisesNotExpected).toEqual([]);
		expect(figures.escalations.calmCasesTouched).toEqual([]);
		expect(figures.otherFailedExecutions).toEqual([]);
	});
});
