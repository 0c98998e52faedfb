/**
 * Update Case in Helpdesk in real n8n 2.41.1 against the local ServiceNow, Zendesk and Freshdesk:
 * one workflow per helpdesk runs Case Source Trigger -> Case Sentiment (Classify) -> Case
 * Sentiment (Update Case in Helpdesk), and, in the same workflow, a Sentiment Threshold Trigger
 * on the same helpdesk. Counted over the polls:
 *   poll 1      every seeded case is classified and its level written, once per case;
 *   polls 2-4+  our field updates, tags and internal notes are not new activity: neither trigger
 *               starts an execution (internal notes count as activity in the Case Source Trigger
 *               here, the hardest setting), and nothing is written;
 *   a rerun     of the flow by hand ("Execute workflow": the trigger hands over the same cases)
 *               classifies them the same way and writes nothing;
 *   a reply     that changes one case's level is written once, and is the only thing emitted.
 * n8n polls once on activation and then every minute, so this file takes about six minutes.
 */
import type { IDataObject } from 'n8n-workflow';

import { FakeFreshdesk } from '../servers/helpdesks/freshdesk';
import type { FakeHelpdeskServer } from '../servers/helpdesks/helpdesk';
import { FakeServiceNow } from '../servers/helpdesks/servicenow';
import { FakeZendesk } from '../servers/helpdesks/zendesk';
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

const SOURCE = 'Case Source Trigger';
const THRESHOLD = 'Sentiment Threshold Trigger';
const CLASSIFY = 'Classify';
const UPDATE = 'Update Case';
const ALERTS = 'Alerts';
const MINUTE = 60_000;

type Kind = 'servicenow' | 'zendesk' | 'freshdesk';

interface Helpdesk {
	kind: Kind;
	server: FakeHelpdeskServer;
	credential: (url: string) => CredentialJson;
	/** The node parameters that pick this helpdesk and say where the sentiment goes. */
	source: IDataObject;
	update: IDataObject;
	/** The path of the request each poll of a trigger starts with (it lists changed cases). */
	listPath: string;
	/** Requests one write of a changed level takes. */
	requestsPerWrite: number;
	caseIdOf: (ticketId: number) => string;
}

const HELPDESKS: Helpdesk[] = [
	{
		kind: 'servicenow',
		server: new FakeServiceNow(),
		credential: (url) => ({
			id: 'wbServiceNowCred',
			name: 'ServiceNow local',
			type: 'serviceNowCaseSourceBasicApi',
			data: { subdomain: '', baseUrl: url, user: 'integration', password: 'sn-password' },
		}),
		source: {
			source: 'servicenow',
			serviceNowAuthentication: 'basic',
			serviceNowTable: 'sn_customerservice_case',
		},
		update: {
			serviceNowLevelField: 'u_sentiment',
			serviceNowScoreField: 'u_sentiment_score',
			serviceNowWorkNote: true,
		},
		listPath: '/api/now/table/sn_customerservice_case?',
		requestsPerWrite: 1,
		caseIdOf: (id) => id.toString(16).padStart(32, '0'),
	},
	{
		kind: 'zendesk',
		server: new FakeZendesk(),
		credential: (url) => ({
			id: 'wbZendeskCred001',
			name: 'Zendesk local',
			type: 'zendeskCaseSourceApi',
			data: { subdomain: '', baseUrl: url, email: 'agent@acme.example', apiToken: 'zd-token' },
		}),
		source: { source: 'zendesk', zendeskAuthentication: 'apiToken' },
		update: {
			zendeskLevelField: '360001',
			zendeskTagPrefix: 'sentiment_',
			zendeskPrivateComment: true,
		},
		listPath: '/api/v2/incremental/tickets/cursor.json?',
		requestsPerWrite: 1,
		caseIdOf: String,
	},
	{
		kind: 'freshdesk',
		server: new FakeFreshdesk(),
		credential: (url) => ({
			id: 'wbFreshdeskCred1',
			name: 'Freshdesk local',
			type: 'freshdeskCaseSourceApi',
			data: { subdomain: '', baseUrl: url, apiKey: 'fd-key' },
		}),
		source: { source: 'freshdesk' },
		update: {
			freshdeskLevelField: 'cf_sentiment',
			freshdeskScoreField: 'cf_sentiment_score',
			freshdeskTagPrefix: 'sentiment_',
			freshdeskPrivateNote: true,
		},
		listPath: '/api/v2/tickets?',
		// The ticket's field and tags, then the private note.
		requestsPerWrite: 2,
		caseIdOf: String,
	},
];

function workflowId(kind: Kind): string {
	return `wb${kind}`.padEnd(16, '0').slice(0, 16);
}

function workflowOf(helpdesk: Helpdesk): WorkflowJson {
	const credential = helpdesk.credential(helpdesk.server.url);
	const credentials = { [credential.type]: { id: credential.id, name: credential.name } };
	const id = workflowId(helpdesk.kind);
	const node = (name: string, type: string, parameters: IDataObject, x: number, y = 0) => ({
		parameters,
		id: `${id}-${name.replace(/\W/g, '')}`,
		name,
		type,
		typeVersion: 1,
		position: [x, y] as [number, number],
	});
	return {
		id,
		name: `e2e: ${helpdesk.kind} sentiment written back`,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				...node(
					SOURCE,
					'n8n-nodes-case-sentiment.caseSourceTrigger',
					{
						pollTimes: { item: [{ mode: 'everyMinute' }] },
						...helpdesk.source,
						backfillHours: 24,
						options: { includeInternal: true },
					},
					0,
				),
				credentials,
			},
			node(
				CLASSIFY,
				'n8n-nodes-case-sentiment.caseSentiment',
				{ operation: 'classify', inputMode: 'case' },
				220,
			),
			{
				...node(
					UPDATE,
					'n8n-nodes-case-sentiment.caseSentiment',
					{
						operation: 'updateCase',
						...helpdesk.source,
						updateCaseId: '={{ $json.id }}',
						updateResultField: 'sentiment',
						updateScale: 'levels',
						...helpdesk.update,
					},
					440,
				),
				credentials,
			},
			{
				...node(
					THRESHOLD,
					'n8n-nodes-case-sentiment.sentimentThresholdTrigger',
					{
						pollTimes: { item: [{ mode: 'everyMinute' }] },
						...helpdesk.source,
						backfillHours: 24,
						engine: 'offline',
						rules: ['turnsNegative'],
					},
					0,
					300,
				),
				credentials,
			},
			node(ALERTS, 'n8n-nodes-base.noOp', {}, 220, 300),
		],
		connections: {
			[SOURCE]: { main: [[{ node: CLASSIFY, type: 'main', index: 0 }]] },
			[CLASSIFY]: { main: [[{ node: UPDATE, type: 'main', index: 0 }]] },
			[THRESHOLD]: { main: [[{ node: ALERTS, type: 'main', index: 0 }]] },
		},
	};
}

interface CaseUpdate {
	caseId: string;
	outcome: string;
	levelBefore: string | null;
	level: string;
}

/** Which trigger started an execution, and what each node put out. */
function started(execution: ExecutionDetails): 'source' | 'threshold' {
	return execution.data.resultData.runData[SOURCE] ? 'source' : 'threshold';
}

function outputs(execution: ExecutionDetails, name: string): IDataObject[] {
	return outputOf({ data: execution.data } as WorkflowRun, name);
}

describe('Update Case in Helpdesk in real n8n', () => {
	let n8n: N8n;
	let server: N8nServer;

	beforeAll(async () => {
		for (const helpdesk of HELPDESKS) {
			helpdesk.server.store.seed(3, 10 * MINUTE);
			await helpdesk.server.start();
		}
		n8n = await createN8n();
		await n8n.importCredentials(
			HELPDESKS.map((helpdesk) => helpdesk.credential(helpdesk.server.url)),
		);
		for (const helpdesk of HELPDESKS) await n8n.importWorkflow(workflowOf(helpdesk));
		server = await n8n.start();
	});

	afterAll(async () => {
		await n8n?.dispose();
		for (const helpdesk of HELPDESKS) await helpdesk.server.close();
	});

	const executionsOf = async (helpdesk: Helpdesk): Promise<ExecutionDetails[]> => {
		const summaries = await server.listExecutions(workflowId(helpdesk.kind));
		const details = await Promise.all(
			summaries.map(async (summary) => await server.getExecution(summary.id)),
		);
		return details.sort((a, b) => Number(a.id) - Number(b.id));
	};
	const listRequests = (helpdesk: Helpdesk) =>
		helpdesk.server.paths.filter((path) => path.startsWith(helpdesk.listPath)).length;
	const writesPerCase = (helpdesk: Helpdesk) => {
		const counts: Record<string, number> = {};
		for (const write of helpdesk.server.writes) {
			const id = helpdesk.caseIdOf(write.ticketId);
			counts[id] = (counts[id] ?? 0) + 1;
		}
		return counts;
	};

	it('writes once per change of level, nothing on a rerun, and our writes start no execution over three polls', async () => {
		// Zendesk's event export leaves out its last minute (src/sources/zendesk.ts), so a message
		// seeded in that minute would come one poll later as new activity. Poll 1 is to see every
		// seeded message: publish once the newest is more than a minute old.
		const newest = Math.max(
			...HELPDESKS.flatMap((helpdesk) =>
				helpdesk.server.store.tickets.map((ticket) => ticket.changedAt),
			),
		);
		const settleMs = newest + MINUTE + 5_000 - Date.now();
		if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
		for (const helpdesk of HELPDESKS) await server.activateWorkflow(workflowId(helpdesk.kind));

		// Poll 1: each seeded case classified and its level written once.
		for (const helpdesk of HELPDESKS) {
			await waitFor(
				async () =>
					(await executionsOf(helpdesk)).some(
						(execution) => started(execution) === 'source' && execution.status === 'success',
					),
				120_000,
				`${helpdesk.kind}: the first poll's execution`,
			);
			const first = (await executionsOf(helpdesk)).find(
				(execution) => started(execution) === 'source',
			)!;
			const updates = outputs(first, UPDATE).map(
				(item) => item.caseUpdate as unknown as CaseUpdate,
			);
			expect(updates.map((update) => update.outcome)).toEqual(['written', 'written', 'written']);
			const ids = helpdesk.server.store.tickets
				.map((ticket) => helpdesk.caseIdOf(ticket.id))
				.sort();
			expect(Object.keys(writesPerCase(helpdesk)).sort()).toEqual(ids);
			expect(Object.values(writesPerCase(helpdesk))).toEqual(
				ids.map(() => helpdesk.requestsPerWrite),
			);
			console.log(
				`[update-case] ${helpdesk.kind} poll 1: ${JSON.stringify(updates.map((update) => update.level))}, writes ${helpdesk.server.writes.length}`,
			);
		}

		// At least three more polls of both triggers: nothing emitted, nothing written.
		const settled = Object.fromEntries(
			await Promise.all(
				HELPDESKS.map(async (helpdesk) => [
					helpdesk.kind,
					{
						lists: listRequests(helpdesk),
						writes: helpdesk.server.writes.length,
						executions: (await executionsOf(helpdesk)).length,
					},
				]),
			),
		) as Record<Kind, { lists: number; writes: number; executions: number }>;
		await waitFor(
			async () =>
				HELPDESKS.every((helpdesk) => listRequests(helpdesk) - settled[helpdesk.kind].lists >= 6),
			5 * MINUTE,
			'three more polls of both triggers on every helpdesk',
		);
		for (const helpdesk of HELPDESKS) {
			const after = await executionsOf(helpdesk);
			console.log(
				`[update-case] ${helpdesk.kind}: ${listRequests(helpdesk) - settled[helpdesk.kind].lists} list requests (two triggers) after the writes, executions ${settled[helpdesk.kind].executions} -> ${after.length}, writes ${settled[helpdesk.kind].writes} -> ${helpdesk.server.writes.length}`,
			);
			expect(after.length).toBe(settled[helpdesk.kind].executions);
			expect(helpdesk.server.writes.length).toBe(settled[helpdesk.kind].writes);
		}

		// The flow run again (by hand, as the editor's "Execute workflow" does: the trigger hands
		// over the helpdesk's recent cases, the same three) classifies them the same way and
		// writes nothing.
		for (const helpdesk of HELPDESKS) {
			const before = helpdesk.server.writes.length;
			const started = await server.rest<{ executionId?: string }>(
				'POST',
				`/workflows/${workflowId(helpdesk.kind)}/run`,
				{ triggerToStartFrom: { name: SOURCE } },
			);
			let rerun: ExecutionDetails | undefined;
			await waitFor(
				async () => {
					rerun = await server.getExecution(String(started.executionId));
					return ['success', 'error', 'crashed', 'canceled'].includes(rerun.status);
				},
				60_000,
				`${helpdesk.kind}: the rerun`,
			);
			rerun = rerun!;
			expect(rerun.status).toBe('success');
			const updates = outputs(rerun, UPDATE).map(
				(item) => item.caseUpdate as unknown as CaseUpdate,
			);
			expect(updates.map((update) => update.outcome)).toEqual([
				'unchanged',
				'unchanged',
				'unchanged',
			]);
			expect(helpdesk.server.writes.length).toBe(before);
			console.log(
				`[update-case] ${helpdesk.kind} rerun by hand: ${JSON.stringify(updates.map((update) => update.outcome))}, writes ${before} -> ${helpdesk.server.writes.length}`,
			);
		}

		// A customer reply that changes a case's level: emitted once, written once, nothing after.
		const replied: Record<Kind, string> = {} as never;
		for (const helpdesk of HELPDESKS) {
			const ticket = helpdesk.server.store.tickets.find(
				(candidate) =>
					!String(
						candidate.fields['360001'] ??
							candidate.fields.u_sentiment ??
							candidate.fields.cf_sentiment,
					).includes('very_negative'),
			)!;
			replied[helpdesk.kind] = helpdesk.caseIdOf(ticket.id);
			helpdesk.server.store.addMessage(ticket.id, {
				role: 'requester',
				text: 'This is the third time I write. Still broken, nobody answers, we are cancelling our contract. Unacceptable.',
			});
		}
		for (const helpdesk of HELPDESKS) {
			const count = settled[helpdesk.kind].executions;
			await waitFor(
				async () =>
					(await executionsOf(helpdesk)).filter(
						(execution) => started(execution) === 'source' && execution.mode === 'trigger',
					).length >= 2,
				4 * MINUTE,
				`${helpdesk.kind}: the reply's execution`,
			);
			const sourceRuns = (await executionsOf(helpdesk)).filter(
				(execution) => started(execution) === 'source' && execution.mode === 'trigger',
			);
			const reply = sourceRuns[1];
			const updates = outputs(reply, UPDATE).map(
				(item) => item.caseUpdate as unknown as CaseUpdate,
			);
			expect(updates).toEqual([
				expect.objectContaining({ caseId: replied[helpdesk.kind], outcome: 'written' }),
			]);
			expect(updates[0].level).not.toBe(updates[0].levelBefore);
			expect(writesPerCase(helpdesk)[replied[helpdesk.kind]]).toBe(2 * helpdesk.requestsPerWrite);
			console.log(
				`[update-case] ${helpdesk.kind} reply: ${updates[0].levelBefore} -> ${updates[0].level}; executions since the writes ${(await executionsOf(helpdesk)).length - count}`,
			);
		}
		// Two more polls after the reply's write: no execution from either trigger but the threshold
		// trigger's one alert for the crossing, no further write.
		const afterReply = Object.fromEntries(
			await Promise.all(
				HELPDESKS.map(async (helpdesk) => [
					helpdesk.kind,
					{ lists: listRequests(helpdesk), writes: helpdesk.server.writes.length },
				]),
			),
		) as Record<Kind, { lists: number; writes: number }>;
		await waitFor(
			async () =>
				HELPDESKS.every(
					(helpdesk) => listRequests(helpdesk) - afterReply[helpdesk.kind].lists >= 4,
				),
			4 * MINUTE,
			'two more polls after the reply',
		);
		for (const helpdesk of HELPDESKS) {
			const all = await executionsOf(helpdesk);
			const sourceRuns = all.filter(
				(execution) => started(execution) === 'source' && execution.mode === 'trigger',
			);
			expect(sourceRuns).toHaveLength(2);
			expect(helpdesk.server.writes.length).toBe(afterReply[helpdesk.kind].writes);
			const alerts = all
				.filter((execution) => started(execution) === 'threshold')
				.flatMap((execution) => outputs(execution, THRESHOLD))
				.map((event) => `${String(event.rule)} ${String(event.caseId)}`);
			// One alert per case that turned negative, never twice for the same case.
			expect(new Set(alerts).size).toBe(alerts.length);
			console.log(
				`[update-case] ${helpdesk.kind}: alerts ${JSON.stringify(alerts)}; writes per case ${JSON.stringify(writesPerCase(helpdesk))}`,
			);
		}
	});
});
