import { DateTime } from 'luxon';
import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';

import { sentimentChartPng } from '../../../src/accounts/chart';
import { accountDashboard } from '../../../src/accounts/dashboard';
import { dashboardHtml } from '../../../src/accounts/dashboardHtml';
import {
	type ClassifiedCase,
	type SummaryGrouping,
	type TimeBasis,
	summarizeAccounts,
} from '../../../src/accounts/summary';
import { CaseValidationError } from '../../../src/case/case';
import { valueAt } from '../../../src/case/path';
import { type MappedCase, normalizeCase } from '../../../src/case/normalize';
import { type SentimentResult, sentimentResultSchema } from '../../../src/sentiment/result';
import { failedItem, itemError } from './itemErrors';

const showForSummary = { show: { operation: ['summarizeAccounts'] } };
const showForAccountItems = {
	show: { operation: ['summarizeAccounts'], summaryOutput: ['accounts'] },
};

export const description: INodeProperties[] = [
	{
		displayName:
			'Connect the output of a Case Sentiment node (operation Classify): each item is a case with its sentiment result. Scores from a language model are estimates.',
		name: 'summaryNotice',
		type: 'notice',
		default: '',
		displayOptions: showForSummary,
	},
	{
		displayName: 'Output',
		name: 'summaryOutput',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'One Item per Account',
				value: 'accounts',
				description: 'Health figures, trend, drivers and chart data of each account',
			},
			{
				name: 'Dashboard Page (HTML)',
				value: 'dashboard',
				description:
					'One item whose html field is a self-contained page: accounts over 7, 30 and 90 days, breakdowns by agent, channel and priority, agent recovery. Answer a Webhook with it (Respond to Webhook, Respond With: Text).',
			},
		],
		default: 'accounts',
		displayOptions: showForSummary,
	},
	{
		displayName:
			'Feed the dashboard every stored classification, not only the latest: agent recovery compares the results of a case before and after an agent replied. Items read back from a Data Table may hold the case and the result as JSON text.',
		name: 'dashboardNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { operation: ['summarizeAccounts'], summaryOutput: ['dashboard'] } },
	},
	{
		displayName: 'Window (Hours)',
		name: 'windowHours',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 168,
		description:
			'Length of the window that ends at the reference time; the trend compares it with the window of the same length before it',
		displayOptions: showForAccountItems,
	},
	{
		displayName: 'Group By',
		name: 'groupBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Account', value: 'account', description: 'One summary per account' },
			{
				name: 'Account and Assignee',
				value: 'assignee',
				description: 'One summary per account and agent',
			},
			{
				name: 'Account and Channel',
				value: 'channel',
				description: 'One summary per account and channel',
			},
			{
				name: 'Account and Priority',
				value: 'priority',
				description: 'One summary per account and priority',
			},
		],
		default: 'account',
		displayOptions: showForAccountItems,
	},
	{
		displayName: 'Add Chart',
		name: 'addChart',
		type: 'boolean',
		default: false,
		description:
			"Whether to add a PNG chart of sentiment over time to each summary's binary data (bars: share of negative cases, line: net score)",
		displayOptions: showForAccountItems,
	},
	{
		displayName: 'Options',
		name: 'summaryOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showForSummary,
		options: [
			{
				displayName: 'Chart Time Zone',
				name: 'chartTimeZone',
				type: 'string',
				default: '',
				placeholder: 'e.g. Europe/Berlin',
				description:
					"IANA time zone whose calendar days the chart shows, one point per day; empty means the workflow's time zone (Workflow Settings)",
			},
			{
				displayName: 'Chart Field',
				name: 'chartField',
				type: 'string',
				default: 'chart',
				description: 'Name of the binary field that receives the chart',
			},
			{
				displayName: 'Case Field',
				name: 'caseField',
				type: 'string',
				default: '',
				placeholder: 'e.g. case',
				description: 'Field of the item that holds the case; leave empty when the item is the case',
			},
			{
				displayName: 'Reference Time',
				name: 'referenceTime',
				type: 'dateTime',
				default: '',
				description: 'End of the window; leave empty for now',
			},
			{
				displayName: 'Result Field',
				name: 'resultField',
				type: 'string',
				default: 'sentiment',
				description:
					'Field of the item that holds the sentiment result, as set in the Classify operation',
			},
			{
				displayName: 'Time of a Case',
				name: 'timeBasis',
				type: 'options',
				options: [
					{
						name: 'Last Activity',
						value: 'activity',
						description: "The case's updated time, else its created time",
					},
					{
						name: 'Classified At',
						value: 'classified',
						description: 'When the sentiment was analyzed',
					},
				],
				default: 'activity',
				description: 'Which time places a case in the window',
			},
			{
				displayName: 'Top Drivers',
				name: 'topDrivers',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 3,
				description: 'How many signals of the negative cases to list as drivers',
			},
		],
	},
];

interface SummaryOptionValues {
	chartTimeZone?: string;
	chartField?: string;
	caseField?: string;
	referenceTime?: string;
	resultField?: string;
	timeBasis?: TimeBasis;
	topDrivers?: number;
}

/** The sentiment result an item holds at Result Field (as JSON text too), or a per-item error. */
export function resultAt(item: INodeExecutionData, resultField: string): SentimentResult {
	const parsed = sentimentResultSchema.safeParse(jsonTextRead(valueAt(item.json, resultField)));
	if (!parsed.success) {
		throw new CaseValidationError(
			`The item has no sentiment result in '${resultField}'`,
			resultField,
			"Run Case Sentiment (operation Classify, Output Format: Full Result) before this node, and set 'Result Field' to its result field.",
		);
	}
	return parsed.data;
}

function classifiedCaseOf(item: INodeExecutionData, options: SummaryOptionValues): ClassifiedCase {
	const resultField = options.resultField?.trim() || 'sentiment';
	const caseField = options.caseField?.trim() ?? '';
	const result = resultAt(item, resultField);
	const source =
		caseField === ''
			? item.json
			: (jsonTextRead(valueAt(item.json, caseField)) as IDataObject | undefined);
	if (!source || typeof source !== 'object') {
		throw new CaseValidationError(
			`Field '${caseField}' does not hold a case`,
			caseField,
			"Point 'Case Field' at the case object, or leave it empty when the item is the case.",
		);
	}
	return { case: normalizeCase(source as MappedCase), result };
}

/**
 * A Data Table cell holds text, numbers or dates, so a flow that stores classifications keeps the
 * case and the result as JSON text: read such text as the object it holds.
 */
export function jsonTextRead(value: unknown): unknown {
	if (typeof value !== 'string' || !/^\s*\{/.test(value)) return value;
	try {
		return JSON.parse(value) as unknown;
	} catch {
		return value;
	}
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const options = this.getNodeParameter('summaryOptions', 0, {}) as SummaryOptionValues;
	const classified: ClassifiedCase[] = [];
	const itemsOfCase = new Map<string, number[]>();
	const failed: INodeExecutionData[] = [];
	const dashboardPage = this.getNodeParameter('summaryOutput', 0, 'accounts') === 'dashboard';
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		// The one empty item a Data Table node sends on for a table without rows (Always Output
		// Data) is not a case: the page then says there is nothing to show yet.
		if (dashboardPage && Object.keys(items[itemIndex].json).length === 0) continue;
		try {
			const entry = classifiedCaseOf(items[itemIndex], options);
			classified.push(entry);
			itemsOfCase.set(entry.case.id, [...(itemsOfCase.get(entry.case.id) ?? []), itemIndex]);
		} catch (error) {
			const nodeError = itemError(this.getNode(), error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			failed.push(failedItem(items[itemIndex], nodeError, itemIndex));
		}
	}

	const now = options.referenceTime ? options.referenceTime : new Date();
	if (dashboardPage) {
		const dashboard = accountDashboard(classified, { now });
		const page: INodeExecutionData = {
			json: { html: dashboardHtml(dashboard), dashboard: dashboard as unknown as IDataObject },
			pairedItem: [...itemsOfCase.values()]
				.flat()
				.sort((a, b) => a - b)
				.map((item) => ({ item })),
		};
		return [[page, ...failed]];
	}
	const timeZone = options.chartTimeZone?.trim() || this.getTimezone();
	if (!DateTime.utc().setZone(timeZone).isValid) {
		throw new NodeOperationError(this.getNode(), `The time zone '${timeZone}' is not known`, {
			description:
				"Set 'Chart Time Zone' under Options to an IANA name such as Europe/Berlin or UTC.",
		});
	}
	const summaries = summarizeAccounts(classified, {
		now,
		windowHours: this.getNodeParameter('windowHours', 0, 168) as number,
		groupBy: this.getNodeParameter('groupBy', 0, 'account') as SummaryGrouping,
		timeBasis: options.timeBasis ?? 'activity',
		topDrivers: options.topDrivers ?? 3,
		timeZone,
	});
	const addChart = this.getNodeParameter('addChart', 0, false) as boolean;
	const chartField = options.chartField?.trim() || 'chart';
	const output: INodeExecutionData[] = [];
	for (const summary of summaries) {
		const item: INodeExecutionData = {
			json: summary as unknown as IDataObject,
			pairedItem: summary.caseIds
				.flatMap((caseId) => itemsOfCase.get(caseId) ?? [])
				.sort((a, b) => a - b)
				.map((item) => ({ item })),
		};
		if (addChart) {
			const name = [summary.accountId ?? 'no-account', summary.group?.value]
				.filter(Boolean)
				.join('-');
			const fileName = `sentiment-${name.replace(/[^\w.-]+/g, '_')}.png`;
			item.binary = {
				[chartField]: await this.helpers.prepareBinaryData(
					sentimentChartPng(summary.series, {
						account: [
							summary.accountName ?? summary.accountId ?? 'cases without an account',
							summary.group ? `${summary.group.by} ${summary.group.value}` : '',
						]
							.filter(Boolean)
							.join(', '),
						timeZone,
					}),
					fileName,
					'image/png',
				),
			};
		}
		output.push(item);
	}
	return [[...output, ...failed]];
}
