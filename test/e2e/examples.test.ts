/**
 * The example workflows of examples/ run in real n8n 2.41.1 with their real triggers (server
 * mode), against the fake Zendesk (with its ticket update endpoint), the built-in demo helpdesk,
 * and a local outbox standing in for Slack, the survey tool and the digest's destination. Each
 * test asserts on what arrived: the notification, the ticket changed in the helpdesk, the survey,
 * the digest with its chart.
 *
 * The only changes to a workflow besides its endpoint URLs: the digest's Schedule Trigger runs
 * every 15 seconds instead of daily at 8:00, so that its first run comes during the test, and
 * the threshold triggers backfill a day on their first poll, since the tickets are written first.
 */
import type { IDataObject } from 'n8n-workflow';

import { Outbox } from '../servers/flows/outbox';
import {
	type ExampleWorkflow,
	exampleFiles,
	localEndpoints,
	readExample,
	zendeskCredential,
} from '../servers/flows/examples';
import { FakeZendeskWithWrites, SENIOR_GROUP } from '../servers/flows/zendeskWithWrites';
import {
	createN8n,
	itemsOf,
	type N8n,
	type N8nServer,
	outputOf,
	type WorkflowRun,
} from './harness/n8n';

const NEGATIVE_HIGH =
	'This is unacceptable. Our invoices are wrong for the third time, nobody answers and we are losing money. I am extremely frustrated.';
const NEGATIVE_LOW =
	'Still no refund and nobody replies. This is ridiculous, I want to speak to a manager.';
const POSITIVE = 'Thank you so much, the new dashboard works great and your team was very helpful!';

/** The escalation example's priority step, as its sticky note describes it. */
const RAISED: Record<string, string> = { low: 'normal', medium: 'high', high: 'urgent' };

interface ThresholdEventJson extends IDataObject {
	rule: string;
	caseId: string;
	message: string;
	case: IDataObject & { priority: string; subject: string };
	result: IDataObject & { label: string; explanation: { summary: string } };
}

describe('the example workflows in real n8n', () => {
	const outbox = new Outbox();
	const zendesk = new FakeZendeskWithWrites();
	let n8n: N8n;
	let server: N8nServer;
	const workflows = new Map<string, ExampleWorkflow>();
	const tickets = { negativeHigh: 0, negativeLow: 0, positive: 0 };

	beforeAll(async () => {
		await outbox.start();
		await zendesk.start();
		// Two weeks of tickets from the demo scripts for the digest, then three fresh tickets whose
		// sentiment is plain, for the escalation and assignment flows.
		zendesk.store.seed(16, 20 * 3_600_000);
		const tenMinutesAgo = zendesk.store.now() - 10 * 60_000;
		tickets.negativeHigh = zendesk.store.addTicket({
			subject: 'Invoices wrong again',
			description: NEGATIVE_HIGH,
			priority: 'high',
			at: tenMinutesAgo,
		}).id;
		tickets.negativeLow = zendesk.store.addTicket({
			subject: 'Refund still missing',
			description: NEGATIVE_LOW,
			priority: 'low',
			at: tenMinutesAgo,
		}).id;
		tickets.positive = zendesk.store.addTicket({
			subject: 'New dashboard',
			description: POSITIVE,
			priority: 'medium',
			at: tenMinutesAgo,
		}).id;

		n8n = await createN8n();
		await n8n.importCredentials(zendeskCredential(zendesk.url));
		const endpoints = localEndpoints(zendesk.url, outbox.url);
		for (const file of exampleFiles()) {
			const workflow = readExample(file, endpoints);
			const schedule = workflow.nodes.find(
				(node) => node.type === 'n8n-nodes-base.scheduleTrigger',
			);
			if (schedule)
				schedule.parameters = { rule: { interval: [{ field: 'seconds', secondsInterval: 15 }] } };
			// The tickets are written before the flows are published, and a trigger's first poll
			// starts from now unless a backfill is set (as a user would to catch up once).
			for (const node of workflow.nodes) {
				if (node.type === 'n8n-nodes-case-sentiment.sentimentThresholdTrigger') {
					node.parameters = { ...(node.parameters as object), backfillHours: 24 };
				}
			}
			await n8n.importWorkflow(workflow);
			workflows.set(file, workflow);
		}
		server = await n8n.start();
	});

	afterAll(async () => {
		await n8n?.dispose();
		await zendesk.close();
		await outbox.close();
	});

	/** Activates an example, waits for its first execution, deactivates it, returns the run. */
	async function firstRunOf(file: string): Promise<WorkflowRun> {
		const workflow = workflows.get(file);
		if (!workflow) throw new Error(`examples/${file} is missing`);
		await server.activateWorkflow(workflow.id);
		const [first] = await server.waitForExecutions(workflow.id, 1, 120_000);
		await server.deactivateWorkflow(workflow.id);
		const execution = await server.getExecution(first.id);
		expect(execution.status).toBe('success');
		return { data: execution.data } as WorkflowRun;
	}

	it('escalation: each case that turns negative is posted to Slack and its priority raised', async () => {
		const run = await firstRunOf('case-sentiment-escalation.json');

		const events = outputOf(run, 'Sentiment Threshold Trigger') as ThresholdEventJson[];
		const caseIds = events.map((event) => event.caseId);
		expect(caseIds).toEqual(
			expect.arrayContaining([String(tickets.negativeHigh), String(tickets.negativeLow)]),
		);
		expect(caseIds).not.toContain(String(tickets.positive));
		expect(events.every((event) => event.rule === 'turnsNegative')).toBe(true);

		const posts = outbox.on('/slack/');
		expect(posts).toHaveLength(events.length);
		for (const event of events) {
			const post = posts.find((candidate) =>
				String((candidate.json as { text: string }).text).includes(event.message),
			);
			expect(post).toBeDefined();
			const text = (post!.json as { text: string }).text;
			expect(text).toContain(event.case.subject);
			expect(text).toContain(event.result.explanation.summary);

			const updates = zendesk.updates.filter((entry) => entry.ticketId === Number(event.caseId));
			const raise = updates.filter((entry) => entry.ticket.priority !== undefined);
			expect(raise.map((entry) => entry.ticket.priority)).toEqual([
				RAISED[event.case.priority] ?? 'urgent',
			]);
			// Write Sentiment to Zendesk: the level tag and a private comment, in one safe update.
			const written = updates.filter((entry) => entry.ticket.tags !== undefined);
			expect(written).toHaveLength(1);
			expect(written[0].ticket).toMatchObject({ comment: { public: false }, safe_update: true });
			expect(zendesk.store.ticket(Number(event.caseId)).tags).toEqual([
				expect.stringMatching(/^sentiment_(very_)?negative$/),
			]);
		}
		expect(zendesk.store.ticket(tickets.negativeHigh).priority).toBe('urgent');
		expect(zendesk.store.ticket(tickets.negativeLow).priority).toBe('normal');
		expect(zendesk.store.ticket(tickets.positive).priority).toBe('medium');
		// The private comment carries the reason into the helpdesk.
		const angryEvent = events.find((event) => event.caseId === String(tickets.negativeHigh))!;
		const note = zendesk.store.ticket(tickets.negativeHigh).messages.at(-1)!;
		expect(note.internal).toBe(true);
		expect(note.text).toMatch(/^Case Sentiment: (Very )?Negative \(score \d+\/100\)\. /);
		expect(note.text).toContain(angryEvent.result.explanation.summary);
	});

	it('assignment: only negative high or urgent cases move to the senior group', async () => {
		const run = await firstRunOf('case-sentiment-assignment.json');

		const events = outputOf(run, 'Sentiment Threshold Trigger') as ThresholdEventJson[];
		const passed = outputOf(run, 'High or Urgent?') as ThresholdEventJson[];
		expect(events.map((event) => event.caseId)).toEqual(
			expect.arrayContaining([String(tickets.negativeHigh), String(tickets.negativeLow)]),
		);
		expect(passed.map((event) => event.caseId)).toContain(String(tickets.negativeHigh));
		expect(passed.map((event) => event.caseId)).not.toContain(String(tickets.negativeLow));
		for (const event of passed) expect(['high', 'urgent']).toContain(event.case.priority);

		const assigned = zendesk.updates.filter((entry) => entry.ticket.group_id !== undefined);
		expect(assigned.map((entry) => String(entry.ticketId)).sort()).toEqual(
			passed.map((event) => event.caseId).sort(),
		);
		expect(zendesk.store.ticket(tickets.negativeHigh).group).toEqual(SENIOR_GROUP);
		expect(zendesk.store.ticket(tickets.negativeLow).group.name).toBe('Product Support');
	});

	it('survey: every closed case with a positive customer gets one survey, no other case does', async () => {
		const run = await firstRunOf('case-sentiment-survey.json');

		const positive = outputOf(run, 'Case Sentiment', 0);
		const closedPositive = positive.filter((item) => item.closed === true);
		expect(closedPositive.length).toBeGreaterThan(0);
		for (const item of positive) expect((item.sentiment as IDataObject).label).toBe('positive');

		const surveys = outbox.on('/survey').map((request) => request.json as IDataObject);
		expect(surveys.map((survey) => survey.caseId).sort()).toEqual(
			closedPositive.map((item) => item.id).sort(),
		);
		for (const survey of surveys) {
			const supportCase = closedPositive.find((item) => item.id === survey.caseId)!;
			expect(survey).toMatchObject({
				template: 'csat',
				recipient: { email: (supportCase.requester as IDataObject).email },
			});
		}
		// Neutral and negative cases went to their own outputs, not to the survey.
		const others = [...outputOf(run, 'Case Sentiment', 1), ...outputOf(run, 'Case Sentiment', 2)];
		for (const item of others)
			expect(surveys.map((survey) => survey.caseId)).not.toContain(item.id);
	});

	it('digest: one post per account with its health figures and the chart as a PNG', async () => {
		const run = await firstRunOf('case-sentiment-account-digest.json');

		const summaries = itemsOf(run, 'Summarize Accounts');
		const accountNames = summaries.map((item) => item.json.accountName);
		expect(accountNames).toEqual(
			expect.arrayContaining(['Acme Logistics', 'Globex Retail', 'Initech', 'Hooli']),
		);
		const posts = outbox.on('/digest');
		expect(posts).toHaveLength(summaries.length);
		for (const summary of summaries) {
			expect(summary.binary?.chart?.mimeType).toBe('image/png');
			const figures = summary.json as IDataObject & {
				accountName: string;
				band: string | null;
				negativeShare: number | null;
				scored: number;
				notAnalysed: number;
				drivers: Array<{ signal: string; cases: number }>;
			};
			// An account whose cases the engine could not read has no band: the example says so.
			const heading =
				figures.scored === 0
					? `${figures.accountName}: not analysed (${figures.notAnalysed} cases`
					: `${figures.accountName}: ${figures.band!.replaceAll('_', ' ')} (${Math.round(figures.negativeShare! * 100)} % negative of ${figures.scored} cases`;
			const post = posts.find((candidate) => candidate.body.includes(heading));
			expect(post).toBeDefined();
			expect(String(post!.headers['content-type'])).toMatch(/^multipart\/form-data/);
			for (const driver of figures.drivers) {
				expect(post!.body.toString()).toContain(
					`${driver.signal.replaceAll('_', ' ')} (${driver.cases})`,
				);
			}
			// The chart travels as a file part: a PNG starts with these eight bytes.
			expect(
				post!.body.includes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
			).toBe(true);
		}
		// At least one account has negative cases, so the drivers line is exercised.
		expect(summaries.some((item) => (item.json.drivers as unknown[]).length > 0)).toBe(true);
	});
});
