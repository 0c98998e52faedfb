/**
 * Sentiment Threshold Trigger in real n8n 2.41.1 (server mode), across polls of the fake
 * Zendesk: it fires once when a case turns negative, stays quiet while the case stays negative,
 * fires for another case that crosses later, reports a case that can never be classified once
 * (an agent's proactive ticket without a word from the customer) while the others go on, and
 * keeps that memory in the workflow's static data across a restart of n8n.
 *
 * n8n polls once right after activation (and after a restart), then once a minute at a random
 * second, so each later poll is waited for with a timeout of over a minute.
 */
import type { IDataObject } from 'n8n-workflow';

import { readThresholdTriggerState } from '../../src/thresholds/poll';
import { FakeZendeskWithWrites } from '../servers/flows/zendeskWithWrites';
import { zendeskCredential } from '../servers/flows/examples';
import {
	createN8n,
	type N8n,
	type N8nServer,
	outputOf,
	type WorkflowJson,
	type WorkflowRun,
} from './harness/n8n';

const NODE = 'Sentiment Threshold Trigger';

const workflow: WorkflowJson = {
	id: 'e2eThresholdTrg1',
	name: 'e2e: Sentiment Threshold Trigger over polls',
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			parameters: {
				pollTimes: { item: [{ mode: 'everyMinute' }] },
				source: 'zendesk',
				engine: 'offline',
				rules: ['turnsNegative'],
			},
			id: 'e2e0ad5e-0000-4000-8000-000000000001',
			name: NODE,
			type: 'n8n-nodes-case-sentiment.sentimentThresholdTrigger',
			typeVersion: 1,
			position: [0, 0],
			credentials: { zendeskCaseSourceApi: { id: 'csExampleZendesk', name: 'Zendesk' } },
		},
		{
			parameters: {},
			id: 'e2e0ad5e-0000-4000-8000-000000000002',
			name: 'Received',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [240, 0],
		},
	],
	connections: { [NODE]: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
};

interface EventJson extends IDataObject {
	rule: string;
	scope: string;
	error: string | null;
	caseId: string;
	from: string | null;
	to: string;
	message: string;
	result: IDataObject & { label: string; explanation: { summary: string } };
	case: IDataObject & { id: string; subject: string };
}

describe('Sentiment Threshold Trigger in real n8n', () => {
	const zendesk = new FakeZendeskWithWrites();
	let n8n: N8n;
	let server: N8nServer;

	beforeAll(async () => {
		await zendesk.start();
		n8n = await createN8n();
		await n8n.importCredentials(zendeskCredential(zendesk.url));
		await n8n.importWorkflow(workflow);
		server = await n8n.start();
	});

	afterAll(async () => {
		await n8n?.dispose();
		await zendesk.close();
	});

	const customerWrites = (ticketId: number, text: string) =>
		zendesk.store.addMessage(ticketId, { role: 'requester', text });

	async function eventsOf(executionId: string): Promise<EventJson[]> {
		const execution = await server.getExecution(executionId);
		expect(execution.status).toBe('success');
		return outputOf({ data: execution.data } as WorkflowRun, NODE) as EventJson[];
	}

	it('fires on the crossing only, once per case, and remembers it across a restart', async () => {
		const tenMinutesAgo = zendesk.store.now() - 10 * 60_000;
		const angry = zendesk.store.addTicket({
			subject: 'Invoices wrong again',
			description:
				'This is unacceptable. Our invoices are wrong for the third time, nobody answers and we are losing money.',
			at: tenMinutesAgo,
		});
		const happy = zendesk.store.addTicket({
			subject: 'New dashboard',
			description:
				'Thank you so much, the new dashboard works great and your team was very helpful!',
			at: tenMinutesAgo,
		});

		// Poll 1 (right after activation): the angry case is negative on first sight.
		await server.activateWorkflow(workflow.id!);
		const [first] = await server.waitForExecutions(workflow.id!, 1, 60_000);
		const firstEvents = await eventsOf(first.id);
		expect(firstEvents).toHaveLength(1);
		expect(firstEvents[0]).toMatchObject({
			rule: 'turnsNegative',
			scope: 'case',
			caseId: String(angry.id),
			from: null,
			to: 'negative',
			message: `Case ${angry.id} turned negative`,
			case: { id: String(angry.id), subject: 'Invoices wrong again' },
			result: { label: 'negative' },
		});
		expect(firstEvents[0].result.explanation.summary).not.toBe('');

		// Poll 2: the happy customer turns angry (a crossing); the angry one writes again and
		// stays negative (no crossing).
		customerWrites(
			happy.id,
			'Now the export fails again and nobody has answered for two days. This is a disaster.',
		);
		customerWrites(angry.id, 'Still no refund and nobody replies. This is ridiculous.');
		// A proactive ticket: only the agent has written, so there is nothing to classify, ever.
		const proactive = zendesk.store.addTicket({ subject: '', description: '' });
		zendesk.store.addMessage(proactive.id, {
			role: 'agent',
			text: 'Hello, we will upgrade your instance tonight between 2 and 4 am.',
		});
		const [, second] = await server.waitForExecutions(workflow.id!, 2, 150_000);
		const secondEvents = await eventsOf(second.id);
		expect(secondEvents.map((event) => [event.rule, event.caseId, event.from, event.to])).toEqual(
			expect.arrayContaining([
				['turnsNegative', String(happy.id), 'positive', 'negative'],
				['classificationFailed', String(proactive.id), null, null],
			]),
		);
		expect(secondEvents).toHaveLength(2);
		expect(secondEvents.find((event) => event.rule === 'classificationFailed')?.error).toContain(
			'no customer text',
		);

		// The memory is in the database: both cases fired and wait to recover before re-arming.
		const staticData = await server.staticDataOf(workflow.id!);
		const stored = (staticData[`node:${NODE}`] as { sentimentThresholds: unknown })
			.sentimentThresholds;
		const cases = readThresholdTriggerState(stored).thresholds.cases;
		for (const ticket of [angry, happy]) {
			expect(cases[String(ticket.id)].rules).toMatchObject({ turnsNegative: { armed: false } });
		}
		expect(stored).not.toHaveProperty('lease');

		// Restart n8n. Meanwhile both customers write again (still negative) and a third case
		// opens angry: the first poll after the restart fires for the new case only.
		await server.stop();
		customerWrites(angry.id, 'I am still waiting. Unacceptable.');
		customerWrites(happy.id, 'Still broken. Terrible service.');
		const third = zendesk.store.addTicket({
			subject: 'Outage',
			description:
				'Your API has been down for hours and nobody answers. We are losing orders, this is a disaster.',
		});
		server = await n8n.start();
		const executions = await server.waitForExecutions(workflow.id!, 3, 150_000);
		const thirdEvents = await eventsOf(executions[2].id);
		// The proactive ticket is not reported again: its content did not change.
		expect(thirdEvents.map((event) => [event.caseId, event.from, event.to])).toEqual([
			[String(third.id), null, 'negative'],
		]);
	});
});
