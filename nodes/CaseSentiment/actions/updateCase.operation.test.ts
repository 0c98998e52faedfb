import type { IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';

import { FakeFreshdesk } from '../../../test/servers/helpdesks/freshdesk';
import { sentimentResult } from '../../../test/fixtures/sentiment';
import { fakeExecuteContext } from '../../../test/unit/fakeExecuteContext';
import { basicAuthHeader, fetchHttpRequest } from '../../../src/sources/http';
import { CaseSentiment } from '../CaseSentiment.node';

/**
 * The Update Case in Helpdesk operation as n8n runs it, against the fake Freshdesk over HTTP:
 * parameters to targets, one output item per input item with pairedItem, per-item errors.
 */
const node = new CaseSentiment();
const freshdesk = new FakeFreshdesk();

beforeAll(async () => {
	freshdesk.store.seed(2);
	await freshdesk.start();
});
afterAll(async () => await freshdesk.close());

function classified(id: number, score: number): INodeExecutionData {
	return { json: { id: String(id), sentiment: sentimentResult(score, `k${id}`) as never } };
}

async function run(items: INodeExecutionData[], options: Record<string, unknown> = {}) {
	const context = fakeExecuteContext({
		items,
		continueOnFail: true,
		parameters: {
			operation: 'updateCase',
			source: 'freshdesk',
			updateCaseId: undefined,
			updateResultField: 'sentiment',
			updateScale: 'levels',
			freshdeskLevelField: 'cf_sentiment',
			freshdeskScoreField: 'cf_sentiment_score',
			freshdeskTagPrefix: 'sentiment_',
			freshdeskPrivateNote: true,
			updateOptions: options,
		},
		// n8n resolves {{ $json.id }} per item before the node reads it.
		perItem: (name, itemIndex) =>
			name === 'updateCaseId' ? String(items[itemIndex].json.id) : undefined,
		credentials: {
			freshdeskCaseSourceApi: { subdomain: 'acme', baseUrl: freshdesk.url, apiKey: 'fd-key' },
		},
		httpRequestWithAuthentication: async (_type: string, request: IHttpRequestOptions) => {
			const response = await fetchHttpRequest(basicAuthHeader('fd-key', 'X'))({
				method: request.method as 'GET',
				url: request.url,
				body: request.body,
			});
			return { statusCode: response.status, headers: response.headers, body: response.body };
		},
	});
	return (await node.execute.call(context))[0];
}

describe('Case Sentiment: Update Case in Helpdesk', () => {
	it('writes each case once, keeps pairedItem, and reports an item without a result in its place', async () => {
		const [first, second] = freshdesk.store.tickets;
		const items = [classified(first.id, -0.7), { json: { id: String(second.id) } }];
		const out = await run(items);
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[0].json.caseUpdate).toMatchObject({
			helpdesk: 'Freshdesk',
			outcome: 'written',
			level: 'very_negative',
		});
		expect(out[1].json.error).toBe("The item has no sentiment result in 'sentiment'");
		expect(first.fields).toMatchObject({ cf_sentiment: 'very_negative', cf_sentiment_score: 15 });
		expect(first.tags).toEqual(['sentiment_very_negative']);
		const writes = freshdesk.writes.length;
		expect(writes).toBe(2);

		const again = await run([items[0]]);
		expect(again[0].json.caseUpdate).toMatchObject({ outcome: 'unchanged' });
		expect(freshdesk.writes.length).toBe(writes);
	});

	it('with Dry Run returns the requests it would send and writes nothing', async () => {
		const [, second] = freshdesk.store.tickets;
		const before = freshdesk.writes.length;
		const out = await run([classified(second.id, 0.4)], { dryRun: true });
		const report = out[0].json.caseUpdate as {
			outcome: string;
			requests: Array<{ method: string }>;
		};
		expect(report.outcome).toBe('dryRun');
		expect(report.requests.map((request) => request.method)).toEqual(['PUT', 'POST']);
		expect(freshdesk.writes.length).toBe(before);
	});

	it('names the helpdesk and the field when the helpdesk refuses the write', async () => {
		const [first] = freshdesk.store.tickets;
		// The account has no score field (an admin removed it): Freshdesk answers 400 invalid_field.
		freshdesk.customFields.delete('cf_sentiment_score');
		try {
			const out = await run([classified(first.id, 0.3)]);
			expect(out[0].json.error).toMatch(/^Freshdesk answered 400 to PUT .*cf_sentiment_score/);
			expect(out[0].pairedItem).toEqual({ item: 0 });
		} finally {
			freshdesk.customFields.add('cf_sentiment_score');
		}
	});
});
