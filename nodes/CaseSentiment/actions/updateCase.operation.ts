import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type JsonObject,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { redact } from '../../../src/http/redact';
import type { HostedKind } from '../../../src/sources/create';
import { CaseSourceError } from '../../../src/sources/source';
import { helpdeskWriter } from '../../../src/writeback/helpdesks';
import {
	type ScoreFormat,
	sentimentToWrite,
	WriteBackConfigError,
	type WriteBackScale,
	type WriteBackTargets,
} from '../../../src/writeback/plan';
import { writeBack } from '../../../src/writeback/writeBack';
import {
	credentialSecrets,
	helpdeskCredentialType,
	helpdeskHttp,
	helpdeskLocation,
	itemParameters,
	type ParameterReader,
	sourceCredentials,
	sourceProperties,
} from '../../shared/sourceParameters';
import { failedItem, itemError } from './itemErrors';
import { resultAt } from './summarizeAccounts.operation';

/**
 * Update Case in Helpdesk: writes each item's sentiment back to its case in ServiceNow, Zendesk
 * or Freshdesk with the credentials of the sources. The domain (src/writeback) reads what the
 * case holds and writes only what changed; this operation reads parameters and shapes items.
 */
const OPERATION = 'updateCase';
const HELPDESKS = ['servicenow', 'zendesk', 'freshdesk'];
const show = (extra: Record<string, string[]> = {}) => ({
	show: { operation: [OPERATION], ...extra },
});

/** The source's own authentication and table parameters, shown for this operation too. */
const helpdeskProperties: INodeProperties[] = sourceProperties
	.filter((property) =>
		['serviceNowAuthentication', 'zendeskAuthentication', 'serviceNowTable'].includes(
			property.name,
		),
	)
	.map((property) => ({
		...property,
		displayOptions: { show: { ...property.displayOptions?.show, operation: [OPERATION] } },
	}));

/**
 * The sources' credentials, for the three helpdesks, shown for this operation. Each is shown by
 * hiding it for the other helpdesks rather than by naming its own: when credentials' `show` names
 * every option of the Helpdesk parameter, n8n's editor takes it for the main authentication field
 * and hides it and Operation from the panel (see sourceCredentials, and editorAuthField.test.ts).
 */
export const updateCaseCredentials = sourceCredentials
	.filter((credential) =>
		(credential.displayOptions.show.source as string[]).some((kind) => HELPDESKS.includes(kind)),
	)
	.map((credential) => {
		const { source, ...shown } = credential.displayOptions.show;
		const hidden = 'hide' in credential.displayOptions ? credential.displayOptions.hide : {};
		return {
			...credential,
			displayOptions: {
				show: { ...shown, operation: [OPERATION] },
				hide: { ...hidden, source: HELPDESKS.filter((kind) => !source.includes(kind)) },
			},
		};
	});

export const description: INodeProperties[] = [
	{
		displayName: 'Helpdesk',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Freshdesk', value: 'freshdesk' },
			{ name: 'ServiceNow', value: 'servicenow' },
			{ name: 'Zendesk', value: 'zendesk' },
		],
		default: 'zendesk',
		description: 'The helpdesk the cases are in; the same credentials as Case Source Trigger',
		displayOptions: show(),
	},
	...helpdeskProperties,
	{
		displayName: 'Case ID',
		name: 'updateCaseId',
		type: 'string',
		default: '={{ $json.id }}',
		required: true,
		description:
			"The case's ID in the helpdesk (the sys_id for ServiceNow); from the Sentiment Threshold Trigger use {{ $json.caseId }}",
		displayOptions: show(),
	},
	{
		displayName: 'Result Field',
		name: 'updateResultField',
		type: 'string',
		default: 'sentiment',
		description:
			"Field of the item that holds the sentiment result (Case Sentiment's Result Field; 'result' after the Sentiment Threshold Trigger)",
		displayOptions: show(),
	},
	{
		displayName: 'Sentiment Scale',
		name: 'updateScale',
		type: 'options',
		options: [
			{
				name: 'Five Levels',
				value: 'levels',
				description: 'very_negative, negative, neutral, positive, very_positive',
			},
			{ name: 'Three Labels', value: 'labels', description: 'negative, neutral, positive' },
		],
		default: 'levels',
		description: 'What is written as the level, in the field and in the tag',
		displayOptions: show(),
	},
	{
		displayName: 'Level Field',
		name: 'serviceNowLevelField',
		type: 'string',
		default: 'u_sentiment',
		placeholder: 'e.g. u_sentiment',
		description: 'Column of the case or incident table that holds the level',
		displayOptions: show({ source: ['servicenow'] }),
	},
	{
		displayName: 'Score Field',
		name: 'serviceNowScoreField',
		type: 'string',
		default: '',
		placeholder: 'e.g. u_sentiment_score',
		description: 'Column that holds the score; empty to write no score',
		displayOptions: show({ source: ['servicenow'] }),
	},
	{
		displayName: 'Add Work Note',
		name: 'serviceNowWorkNote',
		type: 'boolean',
		default: true,
		description: 'Whether a change of level also adds a work note with the explanation',
		displayOptions: show({ source: ['servicenow'] }),
	},
	{
		displayName: 'Level Custom Field ID',
		name: 'zendeskLevelField',
		type: 'string',
		default: '',
		placeholder: 'e.g. 360012345678',
		description:
			'ID of the ticket field that holds the level (a text field, or a drop-down whose option tags are the level names); empty to use tags only',
		displayOptions: show({ source: ['zendesk'] }),
	},
	{
		displayName: 'Score Custom Field ID',
		name: 'zendeskScoreField',
		type: 'string',
		default: '',
		description: 'ID of a numeric ticket field that holds the score; empty to write no score',
		displayOptions: show({ source: ['zendesk'] }),
	},
	{
		displayName: 'Tag Prefix',
		name: 'zendeskTagPrefix',
		type: 'string',
		default: 'sentiment_',
		description:
			'Tags <prefix><level>, e.g. sentiment_negative; the old level tag is removed, other tags are kept. Empty for no tags.',
		displayOptions: show({ source: ['zendesk'] }),
	},
	{
		displayName: 'Add Private Comment',
		name: 'zendeskPrivateComment',
		type: 'boolean',
		default: true,
		description: 'Whether a change of level also adds a private comment with the explanation',
		displayOptions: show({ source: ['zendesk'] }),
	},
	{
		displayName: 'Level Custom Field',
		name: 'freshdeskLevelField',
		type: 'string',
		default: 'cf_sentiment',
		placeholder: 'e.g. cf_sentiment',
		description:
			"API name of the ticket field that holds the level (cf_ and the field's name); empty to use tags only",
		displayOptions: show({ source: ['freshdesk'] }),
	},
	{
		displayName: 'Score Custom Field',
		name: 'freshdeskScoreField',
		type: 'string',
		default: '',
		placeholder: 'e.g. cf_sentiment_score',
		description: 'API name of a number field that holds the score; empty to write no score',
		displayOptions: show({ source: ['freshdesk'] }),
	},
	{
		displayName: 'Tag Prefix',
		name: 'freshdeskTagPrefix',
		type: 'string',
		default: 'sentiment_',
		description:
			'Tags <prefix><level>, e.g. sentiment_negative; the old level tag is removed, other tags are kept. Empty for no tags.',
		displayOptions: show({ source: ['freshdesk'] }),
	},
	{
		displayName: 'Add Private Note',
		name: 'freshdeskPrivateNote',
		type: 'boolean',
		default: true,
		description: 'Whether a change of level also adds a private note with the explanation',
		displayOptions: show({ source: ['freshdesk'] }),
	},
	{
		displayName: 'Options',
		name: 'updateOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(),
		options: [
			{
				displayName: 'Dry Run',
				name: 'dryRun',
				type: 'boolean',
				default: false,
				description:
					'Whether to read each case and return what would be written, without writing anything',
			},
			{
				displayName: 'Score Band',
				name: 'scoreBand',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100 },
				default: 10,
				description:
					'Width of a band on the 0-100 score: at the same level, the score field is rewritten only when the score leaves its band',
			},
			{
				displayName: 'Score Format',
				name: 'scoreFormat',
				type: 'options',
				options: [
					{ name: '0 to 100', value: 'score100', description: '50 is neutral' },
					{ name: '-1 to 1', value: 'score', description: 'The engine score, 0 is neutral' },
				],
				default: 'score100',
			},
		],
	},
];

interface UpdateOptionValues {
	dryRun?: boolean;
	scoreBand?: number;
	scoreFormat?: ScoreFormat;
}

/** Where this helpdesk keeps the sentiment, from the parameters. */
function targetsOf(
	kind: HostedKind,
	read: ParameterReader,
	options: UpdateOptionValues,
): WriteBackTargets {
	const text = (name: string) => String(read(name, '') ?? '').trim();
	const orNull = (value: string) => (value === '' ? null : value);
	const common = {
		scale: read('updateScale', 'levels') as WriteBackScale,
		scoreFormat: options.scoreFormat ?? 'score100',
		scoreBand: Number(options.scoreBand ?? 10),
	};
	if (kind === 'servicenow') {
		return {
			...common,
			levelField: orNull(text('serviceNowLevelField')),
			scoreField: orNull(text('serviceNowScoreField')),
			tagPrefix: null,
			note: read('serviceNowWorkNote', true) === true,
		};
	}
	const prefix = kind === 'zendesk' ? 'zendesk' : 'freshdesk';
	return {
		...common,
		levelField: orNull(text(`${prefix}LevelField`)),
		scoreField: orNull(text(`${prefix}ScoreField`)),
		tagPrefix: orNull(text(`${prefix}TagPrefix`)),
		note:
			read(kind === 'zendesk' ? 'zendeskPrivateComment' : 'freshdeskPrivateNote', true) === true,
	};
}

/** A write the helpdesk refused, as n8n shows it: its status and what to fix, without secrets. */
function writeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	secrets: readonly string[],
): Error {
	const clean = (text: string) => redact(text, secrets);
	if (error instanceof CaseSourceError) {
		const message = clean(error.message);
		if (error.status !== null) {
			return new NodeApiError(context.getNode(), { message } as JsonObject, {
				itemIndex,
				message,
				description: clean(error.hint),
				httpCode: String(error.status),
			});
		}
		return new NodeOperationError(context.getNode(), message, {
			itemIndex,
			description: clean(error.hint),
		});
	}
	if (error instanceof WriteBackConfigError) {
		return new NodeOperationError(context.getNode(), error.message, {
			itemIndex,
			description: error.hint,
		});
	}
	return itemError(context.getNode(), error, itemIndex);
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const out: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const item = items[itemIndex];
		let secrets: string[] = [];
		try {
			const read = itemParameters(this, itemIndex);
			const kind = read('source', 'zendesk') as HostedKind;
			if (!HELPDESKS.includes(kind)) {
				throw new NodeOperationError(this.getNode(), `Helpdesk '${kind}' cannot be updated`, {
					itemIndex,
					description: 'Choose ServiceNow, Zendesk or Freshdesk.',
				});
			}
			const options = read('updateOptions', {}) as UpdateOptionValues;
			const targets = targetsOf(kind, read, options);
			const caseId = String(read('updateCaseId', '') ?? '').trim();
			if (caseId === '') {
				throw new NodeOperationError(this.getNode(), 'Case ID is empty', {
					itemIndex,
					description:
						"Map Case ID to the case's ID in the helpdesk, e.g. {{ $json.id }} after Case Sentiment or {{ $json.caseId }} after the Sentiment Threshold Trigger.",
				});
			}
			const resultField =
				String(read('updateResultField', 'sentiment') ?? '').trim() || 'sentiment';
			const result = resultAt(item, resultField);
			const credentialType = helpdeskCredentialType(kind, read);
			const credentials = (await this.getCredentials(credentialType, itemIndex)) as IDataObject;
			secrets = credentialSecrets(credentials);
			const report = await writeBack({
				writer: helpdeskWriter({ kind, ...helpdeskLocation(kind, credentials, read), targets }),
				http: helpdeskHttp(this, credentialType),
				caseId,
				sentiment: sentimentToWrite(result, targets.scale),
				targets,
				dryRun: options.dryRun === true,
			});
			out.push({
				json: { ...item.json, caseUpdate: report as unknown as IDataObject },
				pairedItem: { item: itemIndex },
			});
		} catch (error) {
			const failure = writeError(this, error, itemIndex, secrets);
			if (this.continueOnFail()) {
				out.push(failedItem(item, failure, itemIndex));
				continue;
			}
			throw failure;
		}
	}
	return [out];
}
