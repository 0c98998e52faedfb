import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import { accountCase, sentimentResult } from '../../../test/fixtures/sentiment';
import { PNG_SIGNATURE } from '../../../src/accounts/png';
import { fakeExecuteContext } from '../../../test/unit/fakeExecuteContext';
import { execute } from './summarizeAccounts.operation';

const NOW = '2026-11-23T12:00:00Z';

/** Items as the Classify operation outputs them: the case's fields plus the result under 'sentiment'. */
function classifiedItem(
	id: string,
	account: string,
	score: number,
	hoursAgo: number,
): INodeExecutionData {
	const updatedAt = new Date(Date.parse(NOW) - hoursAgo * 3_600_000).toISOString();
	const supportCase = accountCase(id, {
		account: { id: account, name: account.toUpperCase() },
		updatedAt,
	});
	return { json: { ...supportCase, sentiment: sentimentResult(score, id) } as never };
}

async function run(
	parameters: Record<string, unknown>,
	items: INodeExecutionData[],
	continueOnFail = false,
) {
	const context = fakeExecuteContext({
		items,
		parameters: {
			operation: 'summarizeAccounts',
			summaryOptions: { referenceTime: NOW },
			...parameters,
		},
		continueOnFail,
	});
	const prepared: Array<{ data: Buffer; fileName: string; mimeType: string }> = [];
	(context as unknown as { helpers: object }).helpers = {
		prepareBinaryData: async (data: Buffer, fileName: string, mimeType: string) => {
			prepared.push({ data, fileName, mimeType });
			return { data: data.toString('base64'), fileName, mimeType } as IBinaryData;
		},
	};
	return { outputs: await execute.call(context, items), prepared };
}

describe('Case Sentiment: summarize accounts', () => {
	const items = [
		classifiedItem('1', 'acme', -0.6, 2),
		classifiedItem('2', 'acme', 0.5, 5),
		classifiedItem('3', 'beta', 0.5, 3),
		classifiedItem('4', 'acme', -0.4, 10),
	];

	it('outputs one summary per account, worst first, paired with the items it rolls up', async () => {
		const { outputs } = await run({ windowHours: 24 }, items);
		expect(outputs).toHaveLength(1);
		const [acme, beta] = outputs[0];
		expect(acme.json).toMatchObject({
			accountId: 'acme',
			accountName: 'ACME',
			scored: 3,
			negative: 2,
			band: 'at_risk',
		});
		expect(acme.pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 3 }]);
		expect(beta.json).toMatchObject({ accountId: 'beta', scored: 1, band: 'strong' });
	});

	it('pairs each per-channel summary with the items of its own cases', async () => {
		const byChannel = items.map((item, index) => ({
			json: { ...item.json, channel: index % 2 === 0 ? 'phone' : 'email' },
		}));
		const { outputs } = await run({ windowHours: 24, groupBy: 'channel' }, byChannel);
		const acme = outputs[0].filter((item) => item.json.accountId === 'acme');
		expect(
			acme.map((item) => [(item.json.group as { value: string }).value, item.pairedItem]),
		).toEqual([
			['phone', [{ item: 0 }]],
			['email', [{ item: 1 }, { item: 3 }]],
		]);
	});

	it('adds a PNG chart per summary in the binary field when asked', async () => {
		const { outputs, prepared } = await run({ windowHours: 24, addChart: true }, items);
		expect(Object.keys(outputs[0][0].binary ?? {})).toEqual(['chart']);
		expect(prepared.map((entry) => [entry.fileName, entry.mimeType])).toEqual([
			['sentiment-acme.png', 'image/png'],
			['sentiment-beta.png', 'image/png'],
		]);
		expect(prepared[0].data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
	});

	it('outputs one dashboard page from rows whose case and result are JSON text, as a Data Table holds them', async () => {
		const rows: INodeExecutionData[] = items.map((item) => {
			const { sentiment, ...supportCase } = item.json as Record<string, unknown>;
			return {
				json: {
					caseId: supportCase.id as string,
					case: JSON.stringify(supportCase),
					sentiment: JSON.stringify({
						...(sentiment as object),
						analyzedAt: '2026-11-23T10:00:00Z',
					}),
				},
			};
		});
		const { outputs } = await run(
			{ summaryOutput: 'dashboard', summaryOptions: { referenceTime: NOW, caseField: 'case' } },
			rows,
		);
		expect(outputs[0]).toHaveLength(1);
		const [page] = outputs[0];
		expect(page.pairedItem).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		const dashboard = page.json.dashboard as {
			cases: number;
			accounts: Array<{ accountId: string }>;
		};
		expect(dashboard.cases).toBe(4);
		expect(dashboard.accounts.map((account) => account.accountId)).toEqual(['acme', 'beta']);
		expect(page.json.html).toMatch(/^<!doctype html>/);
		expect(page.json.html).toContain('ACME');
	});

	it('reads Case Field and Result Field as dotted paths, like Classify does', async () => {
		const nested = items.map((item) => {
			const { sentiment, ...supportCase } = item.json as Record<string, unknown>;
			return { json: { stored: { case: supportCase, result: sentiment } } as never };
		});
		const { outputs } = await run(
			{
				windowHours: 24,
				summaryOptions: {
					referenceTime: NOW,
					caseField: 'stored.case',
					resultField: 'stored.result',
				},
			},
			nested,
		);
		expect(outputs[0].map((summary) => summary.json.accountId)).toEqual(['acme', 'beta']);
	});

	it('shows an empty dashboard for the one empty item of a Data Table without rows', async () => {
		const { outputs } = await run({ summaryOutput: 'dashboard' }, [{ json: {} }]);
		expect(outputs[0]).toHaveLength(1);
		expect((outputs[0][0].json.dashboard as { cases: number }).cases).toBe(0);
		expect(outputs[0][0].json.html).toContain('No classified cases in the window.');
		await expect(run({}, [{ json: {} }])).rejects.toThrow(/no sentiment result/);
	});

	it('fails on an item without a sentiment result, naming the field to fix', async () => {
		const broken = [...items, { json: { id: 'x', subject: 'not classified' } }];
		await expect(run({ windowHours: 24 }, broken)).rejects.toThrow(
			"The item has no sentiment result in 'sentiment'",
		);
		const { outputs } = await run({ windowHours: 24 }, broken, true);
		expect(outputs[0].at(-1)).toMatchObject({ pairedItem: { item: 4 }, json: { id: 'x' } });
		expect(outputs[0].at(-1)?.json.error).toContain('no sentiment result');
	});
});
