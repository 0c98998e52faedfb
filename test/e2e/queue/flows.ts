import type { IDataObject } from 'n8n-workflow';

import { type ExampleWorkflow, localEndpoints, readExample } from '../../servers/flows/examples';
import type { ExecutionDetails, N8nServer, WorkflowRun } from '../harness/n8n';
import { outputOf } from '../harness/n8n';

/**
 * The two flows the queue-mode suite runs, and how it reads what they did.
 *
 * Case updates: Case Source Trigger (Zendesk, every minute) -> Case Sentiment (offline) ->
 * Look Up Account (a GET to a CRM stand-in, no side effect: where a worker is caught in the
 * middle of an execution) -> Record Sentiment (a POST per case with its new activity, what a
 * write-back to the helpdesk would send).
 *
 * Escalation: examples/case-sentiment-escalation.json as shipped (Sentiment Threshold Trigger on
 * Zendesk, Turns Negative -> Notify Slack and Raise Priority in Zendesk), pointed at local
 * stand-ins like test/e2e/examples.test.ts does.
 */
export const CASE_TRIGGER = 'Case Source Trigger';
/** Seconds between polls in the suite (see FAST_POLL_TIMES). */
export const POLL_EVERY_SECONDS = 15;
/**
 * Four polls a minute, at seconds 0, 15, 30 and 45. n8n 2.41.1 refuses one poll time under a
 * minute (n8n-workflow cron.js, isSubMinuteCron: a seconds field that is not a single number),
 * but takes several poll times, each a cron that fires once a minute: that is what a user can set
 * in the editor ("Add Poll Time", Custom), and what keeps each phase of the suite short.
 */
export const FAST_POLL_TIMES: IDataObject = {
	item: Array.from({ length: 60 / POLL_EVERY_SECONDS }, (_, index) => ({
		mode: 'custom',
		cronExpression: `${index * POLL_EVERY_SECONDS} * * * * *`,
	})),
};
export const THRESHOLD_TRIGGER = 'Sentiment Threshold Trigger';
const DESCRIPTION_MESSAGE_ID = 'description';

export interface Credential {
	id: string;
	name: string;
	type: string;
}

/** Creates a Zendesk (Case Source) credential through the REST API, as the editor does. */
export async function createZendeskCredential(
	server: N8nServer,
	name: string,
	zendeskUrl: string,
): Promise<Credential> {
	const type = 'zendeskCaseSourceApi';
	const created = await server.rest<{ id: string }>('POST', '/credentials', {
		name,
		type,
		data: {
			subdomain: 'acme',
			baseUrl: zendeskUrl,
			email: 'agent@acme.example',
			apiToken: 'zd-token',
		},
	});
	return { id: created.id, name, type };
}

function credentialRef(credential: Credential): IDataObject {
	return { [credential.type]: { id: credential.id, name: credential.name } };
}

/** The case-updates flow, reading `zendeskUrl` and writing to `outboxUrl`. */
export function caseUpdatesFlow(credential: Credential, outboxUrl: string): ExampleWorkflow {
	const sentiment = "$('Case Sentiment').item.json";
	return {
		id: 'unused',
		name: 'Queue mode: case updates to sentiment',
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				parameters: {
					pollTimes: FAST_POLL_TIMES,
					source: 'zendesk',
					zendeskAuthentication: 'apiToken',
				},
				id: 'a0000000-0000-4000-8000-000000000001',
				name: CASE_TRIGGER,
				type: 'n8n-nodes-case-sentiment.caseSourceTrigger',
				typeVersion: 1,
				position: [0, 0],
				credentials: credentialRef(credential),
			},
			{
				parameters: { operation: 'classify', inputMode: 'case' },
				id: 'a0000000-0000-4000-8000-000000000002',
				name: 'Case Sentiment',
				type: 'n8n-nodes-case-sentiment.caseSentiment',
				typeVersion: 1,
				position: [220, 0],
			},
			{
				parameters: {
					url: `={{ '${outboxUrl}/crm/accounts/' + ($json.account ? $json.account.id : 'none') }}`,
					options: {},
				},
				id: 'a0000000-0000-4000-8000-000000000003',
				name: 'Look Up Account',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [440, 0],
			},
			{
				parameters: {
					method: 'POST',
					url: `${outboxUrl}/results`,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: `={{ JSON.stringify({ caseId: ${sentiment}.id, newActivity: ${sentiment}.newActivity, label: ${sentiment}.sentiment.label, executionId: $execution.id }) }}`,
					options: {},
				},
				id: 'a0000000-0000-4000-8000-000000000004',
				name: 'Record Sentiment',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [660, 0],
			},
		],
		connections: {
			[CASE_TRIGGER]: { main: [[{ node: 'Case Sentiment', type: 'main', index: 0 }]] },
			'Case Sentiment': { main: [[{ node: 'Look Up Account', type: 'main', index: 0 }]] },
			'Look Up Account': { main: [[{ node: 'Record Sentiment', type: 'main', index: 0 }]] },
		},
	};
}

/** The shipped escalation example, on the local Zendesk and Slack stand-ins. */
export function escalationFlow(
	credential: Credential,
	zendeskUrl: string,
	outboxUrl: string,
): ExampleWorkflow {
	const workflow = readExample(
		'case-sentiment-escalation.json',
		localEndpoints(zendeskUrl, outboxUrl),
	);
	for (const node of workflow.nodes) {
		if (node.credentials) node.credentials = credentialRef(credential);
		if (node.name === THRESHOLD_TRIGGER) {
			(node.parameters as IDataObject).pollTimes = FAST_POLL_TIMES;
		}
	}
	return workflow;
}

/** Creates a workflow through the REST API (as the editor saves a new one); returns its id. */
export async function createWorkflow(
	server: N8nServer,
	workflow: ExampleWorkflow,
): Promise<string> {
	const { nodes, connections, settings, name } = workflow;
	const created = await server.rest<{ id: string }>('POST', '/workflows', {
		name,
		nodes,
		connections,
		settings,
	});
	return created.id;
}

/**
 * What the editor does when a user changes a workflow and publishes it again: save the new
 * version (PATCH, which never carries static data) and publish that version.
 */
export async function editAndPublish(
	server: N8nServer,
	workflowId: string,
	edit: (nodes: Array<IDataObject & { name: string; parameters: IDataObject }>) => void,
): Promise<string> {
	const current = await server.rest<{
		nodes: Array<IDataObject & { name: string; parameters: IDataObject }>;
		connections: IDataObject;
		settings: IDataObject;
		name: string;
		checksum?: string;
	}>('GET', `/workflows/${workflowId}`);
	edit(current.nodes);
	const saved = await server.rest<{ versionId: string }>('PATCH', `/workflows/${workflowId}`, {
		name: current.name,
		nodes: current.nodes,
		connections: current.connections,
		settings: current.settings,
	});
	await server.rest('POST', `/workflows/${workflowId}/activate`, { versionId: saved.versionId });
	return saved.versionId;
}

export interface EmittedCase {
	id: string;
	subject: string;
	description: string;
	newActivity: string[];
	messages: Array<{ id: string; text: string }>;
}

/** The text of each piece of activity a case was emitted for. */
export function emittedTexts(supportCase: EmittedCase): string[] {
	return supportCase.newActivity.map((activityId) => {
		if (activityId === DESCRIPTION_MESSAGE_ID) return supportCase.description;
		const message = supportCase.messages.find((candidate) => candidate.id === activityId);
		if (!message) throw new Error(`case ${supportCase.id} has no message ${activityId}`);
		return message.text;
	});
}

interface StackEntry {
	node: { name: string };
	data: { main: Array<Array<{ json: IDataObject }> | null> };
}

/**
 * The items a trigger handed to an execution: its output when the execution got to run it, else
 * the items still waiting in the execution's stack (an execution whose worker died first).
 */
export function triggerItems(execution: ExecutionDetails, trigger: string): IDataObject[] {
	const run = { data: execution.data } as WorkflowRun;
	if (run.data?.resultData?.runData?.[trigger]) return outputOf(run, trigger);
	const stack = (execution.data as { executionData?: { nodeExecutionStack?: StackEntry[] } })
		.executionData?.nodeExecutionStack;
	const entry = stack?.find((candidate) => candidate.node.name === trigger);
	return (entry?.data.main[0] ?? []).map((item) => item.json);
}

/** Counts of each value; the values that occur more than once. */
export function repeated<T>(values: T[]): T[] {
	const counts = new Map<T, number>();
	for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
	return [...counts].filter(([, count]) => count > 1).map(([value]) => value);
}
