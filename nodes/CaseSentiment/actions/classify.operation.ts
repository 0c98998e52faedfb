import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	NodeOperationError,
	updateDisplayOptions,
} from 'n8n-workflow';

import { type Case, CaseValidationError } from '../../../src/case/case';
import { caseFromText, type MappedCase, normalizeCase } from '../../../src/case/normalize';
import { type PersonaRules } from '../../../src/case/personas';
import { requireCustomerText } from '../../../src/case/thread';
import type { SentimentEngine } from '../../../src/sentiment/engine';
import { type CaseOutcome, classifyCases, totalUsage } from '../../../src/sentiment/classifyCases';
import { createEngine, type EngineSpec, EngineSpecError } from '../../../src/sentiment/factory';
import { OutputSpecError } from '../../../src/sentiment/llm/schema';
import { engineWithChatModelProperties } from '../../shared/engineDescription';
import {
	type EngineParameters,
	executeEngineParameters,
	readEngineSpec,
} from '../../shared/engineParameters';
import type { SentimentScale } from '../../../src/sentiment/levels';
import { outputOfResult, routingLabels } from '../routing';
import { failedItem, itemError } from './itemErrors';

const showForClassify = { show: { operation: ['classify'] } };
const showForFields = { show: { operation: ['classify'], inputMode: ['fields'] } };

export const description: INodeProperties[] = [
	...updateDisplayOptions(showForClassify, engineWithChatModelProperties),
	{
		displayName: 'Input',
		name: 'inputMode',
		type: 'options',
		noDataExpression: true,
		displayOptions: showForClassify,
		options: [
			{
				name: 'Case From a Trigger',
				value: 'case',
				description: 'The item is a case as Case Source Trigger emits it (or holds one in a field)',
			},
			{
				name: 'Map Case Fields',
				value: 'fields',
				description: 'Map subject, description, messages and so on from any item',
			},
			{
				name: 'Plain Text',
				value: 'text',
				description: "Classify one text as the customer's message",
			},
		],
		default: 'case',
	},
	{
		displayName: 'Case Field',
		name: 'caseField',
		type: 'string',
		default: '',
		placeholder: 'e.g. case',
		description: 'Field of the item that holds the case; leave empty when the item is the case',
		displayOptions: { show: { operation: ['classify'], inputMode: ['case'] } },
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '={{ $json.text }}',
		description: "The customer's text to classify",
		displayOptions: { show: { operation: ['classify'], inputMode: ['text'] } },
	},
	{
		displayName: 'Case ID',
		name: 'caseId',
		type: 'string',
		default: '={{ $json.id }}',
		required: true,
		description: 'A unique ID of the case, e.g. the ticket number',
		displayOptions: showForFields,
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.subject }}',
		displayOptions: showForFields,
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'e.g. {{ $json.description }}',
		description: "The requester's opening text",
		displayOptions: showForFields,
	},
	{
		displayName: 'Messages',
		name: 'messages',
		type: 'json',
		default: '[]',
		description:
			'The thread, in any order: a list of objects with text (or body), author, role (requester/customer/end-user or fulfiller/agent), visibility (public or internal) and createdAt. Authors without a role are told apart by the persona settings below.',
		displayOptions: showForFields,
	},
	{
		displayName: 'Case Details',
		name: 'caseDetails',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showForFields,
		options: [
			{
				displayName: 'Account',
				name: 'account',
				type: 'string',
				default: '',
				placeholder: 'e.g. ACME-001',
			},
			{
				displayName: 'Channel',
				name: 'channel',
				type: 'string',
				default: '',
				placeholder: 'e.g. email',
			},
			{
				displayName: 'Closed',
				name: 'closed',
				type: 'boolean',
				default: false,
				description: 'Whether the case is closed or resolved',
			},
			{ displayName: 'Created At', name: 'createdAt', type: 'dateTime', default: '' },
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'string',
				default: '',
				placeholder: 'e.g. high',
			},
			{
				displayName: 'Requester',
				name: 'requester',
				type: 'string',
				default: '',
				placeholder: 'e.g. ana@example.com',
				description: "The customer's email or name; messages by this author are the requester's",
			},
			{
				displayName: 'State',
				name: 'state',
				type: 'string',
				default: '',
				placeholder: 'e.g. open',
			},
			{ displayName: 'Updated At', name: 'updatedAt', type: 'dateTime', default: '' },
		],
	},
	{
		displayName: 'Sentiment Scale',
		name: 'sentimentScale',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Three Labels',
				value: 'labels',
				description: 'Positive, neutral or negative (or your own categories)',
			},
			{
				name: 'Five Levels',
				value: 'levels',
				description:
					'Also very negative .. very positive in "level" and the score as 0-100 in "score100"; with One Output per Label, one output per level',
			},
		],
		default: 'labels',
		description:
			'A level is read from the label and the score (|score| >= 0.6 is "very"), the same way for every engine',
		displayOptions: showForClassify,
	},
	{
		displayName: 'One Output per Label',
		name: 'routeByLabel',
		type: 'boolean',
		default: false,
		noDataExpression: true,
		description:
			"Whether to send each item to the output of its label, so the flow branches on sentiment. With the offline engine, a case in a language it does not read goes to 'Not Analysed'.",
		displayOptions: showForClassify,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showForClassify,
		options: [
			{
				displayName: 'Fulfiller Authors',
				name: 'fulfillerAuthors',
				type: 'string',
				default: '',
				placeholder: 'e.g. *@support.example.com, Service Desk',
				description:
					"Comma-separated authors who are the support team (* matches anything); their messages are context, not the customer's sentiment",
			},
			{
				displayName: 'Requester Authors',
				name: 'requesterAuthors',
				type: 'string',
				default: '',
				placeholder: 'e.g. ana@example.com',
				description: 'Comma-separated authors who are the customer (* matches anything)',
			},
			{
				displayName: 'Reuse Earlier Results',
				name: 'reuseResults',
				type: 'boolean',
				default: true,
				description:
					'Whether to keep the result an item already carries when it was made by the same engine for the same case activity, instead of classifying it again (no model call, no cost). Turn off after changing the prompt settings.',
			},
			{
				displayName: 'Result Field',
				name: 'resultField',
				type: 'string',
				default: 'sentiment',
				description:
					'Field of the output item that receives the result; the item keeps its other fields',
			},
			{
				displayName: 'Unknown Authors Are',
				name: 'unknownAuthorRole',
				type: 'options',
				options: [
					{ name: 'Requester (Customer)', value: 'requester' },
					{ name: 'Fulfiller (Agent)', value: 'fulfiller' },
				],
				default: 'requester',
				description: 'Role of an author who has no role field and matches no author list',
			},
		],
	},
];

interface ClassifyOptions {
	fulfillerAuthors?: string;
	requesterAuthors?: string;
	resultField?: string;
	reuseResults?: boolean;
	unknownAuthorRole?: 'requester' | 'fulfiller';
}

function splitList(value: string | undefined): string[] {
	return (value ?? '')
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}

function readCase(
	context: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
	personas: PersonaRules,
): Case {
	const inputMode = context.getNodeParameter('inputMode', itemIndex, 'case') as string;
	if (inputMode === 'text') {
		const text = context.getNodeParameter('text', itemIndex, '') as unknown;
		if (typeof text !== 'string' || text.trim() === '') {
			throw new CaseValidationError(
				'The text to classify is empty',
				'text',
				"Set 'Text' to the customer's message, e.g. {{ $json.text }}, and check that the field exists in the input item.",
			);
		}
		const id = item.json.id;
		return caseFromText(
			text,
			typeof id === 'string' || typeof id === 'number' ? String(id) : `item-${itemIndex}`,
		);
	}
	if (inputMode === 'fields') {
		const details = context.getNodeParameter('caseDetails', itemIndex, {}) as IDataObject;
		const mapped: MappedCase = {
			id: context.getNodeParameter('caseId', itemIndex, '') as unknown,
			subject: context.getNodeParameter('subject', itemIndex, '') as unknown,
			description: context.getNodeParameter('description', itemIndex, '') as unknown,
			messages: context.getNodeParameter('messages', itemIndex, []) as unknown,
			...details,
		};
		return normalizeCase(mapped, personas);
	}
	const caseField = (context.getNodeParameter('caseField', itemIndex, '') as string).trim();
	const value = caseField === '' ? item.json : readPath(item.json, caseField);
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new CaseValidationError(
			caseField === '' ? 'The item is not a case' : `Field '${caseField}' does not hold a case`,
			caseField || '(item)',
			"Connect Case Source Trigger, point 'Case Field' at the case object, or choose 'Map Case Fields' as the input.",
		);
	}
	return normalizeCase(
		{ ...(value as MappedCase), source: (value as IDataObject).source as string | undefined },
		personas,
	);
}

function readPath(data: IDataObject, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => {
		if (value === null || typeof value !== 'object') return undefined;
		return (value as IDataObject)[key];
	}, data);
}

/** One input item, read: its case, or why it could not be read. */
type ReadItem =
	| { itemIndex: number; resultField: string; supportCase: Case; previous: unknown }
	| { itemIndex: number; error: unknown };

function readItem(
	context: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
): ReadItem {
	try {
		const options = context.getNodeParameter('options', itemIndex, {}) as ClassifyOptions;
		const personas: PersonaRules = {
			requesterAuthors: splitList(options.requesterAuthors),
			fulfillerAuthors: splitList(options.fulfillerAuthors),
			unknownAuthorRole: options.unknownAuthorRole ?? 'requester',
		};
		const supportCase = readCase(context, item, itemIndex, personas);
		requireCustomerText(supportCase);
		const resultField = options.resultField?.trim() || 'sentiment';
		const reuse = options.reuseResults ?? true;
		return {
			itemIndex,
			resultField,
			supportCase,
			previous: reuse ? item.json[resultField] : undefined,
		};
	} catch (error) {
		return { itemIndex, error };
	}
}

async function engineFor(
	context: IExecuteFunctions,
	parameters: EngineParameters,
): Promise<{ engine: SentimentEngine; spec: EngineSpec }> {
	try {
		const spec = await readEngineSpec(parameters);
		return { engine: await createEngine(spec), spec };
	} catch (error) {
		// n8n's own errors (e.g. a credential that is not set) come back as they are.
		const reason = error instanceof NodeOperationError ? error : (error as Error).message;
		throw new NodeOperationError(context.getNode(), reason, {
			description:
				error instanceof OutputSpecError
					? "Fix the field in 'Extra Output Fields'."
					: error instanceof EngineSpecError
						? error.hint
						: 'Check the engine settings of the node; nothing was classified.',
		});
	}
}

function usageHint(outcomes: CaseOutcome[], failedToRead: number): string {
	const count = (status: CaseOutcome['status']) =>
		outcomes.filter((outcome) => outcome.status === status).length;
	const usage = totalUsage(outcomes);
	const failed = count('failed') + failedToRead;
	return (
		`Classified ${count('classified')} case(s), reused ${count('unchanged')} earlier result(s) of the same case activity` +
		`${failed > 0 ? `, ${failed} failed` : ''}. Tokens this run: ${usage.inputTokens} in, ${usage.outputTokens} out.`
	);
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const engineParameters = executeEngineParameters(this);
	const scale = engineParameters.parameter('sentimentScale', 'labels') as SentimentScale;
	const routeLabels = routingLabels({
		operation: 'classify',
		sentimentScale: scale,
		engine: engineParameters.parameter('engine', 'offline') as string,
		categories: engineParameters.parameter('categories', '') as string,
		routeByLabel: engineParameters.parameter('routeByLabel', false) === true,
	});
	const outputs: INodeExecutionData[][] = routeLabels ? routeLabels.map(() => []) : [[]];

	const read = items.map((item, itemIndex) => readItem(this, item, itemIndex));
	const readable = read.filter(
		(entry): entry is Extract<ReadItem, { supportCase: Case }> => 'supportCase' in entry,
	);
	const chosen = readable.length > 0 ? await engineFor(this, engineParameters) : undefined;
	const engine = chosen?.engine;
	const outcomes = chosen
		? await classifyCases(
				chosen.engine,
				readable.map(({ supportCase, previous }) => ({ supportCase, previous })),
				chosen.spec.concurrency,
				scale,
			)
		: [];

	let next = 0;
	for (const entry of read) {
		const item = items[entry.itemIndex];
		try {
			if ('error' in entry) throw entry.error;
			const outcome = outcomes[next++];
			if (outcome.status === 'failed') throw outcome.error;
			const result = outcome.result;
			const routedBy = scale === 'levels' ? (result.level ?? result.label) : result.label;
			const output = routeLabels ? outputOfResult(routeLabels, result, routedBy) : 0;
			if (output === -1) {
				throw new NodeOperationError(
					this.getNode(),
					`The engine returned the label '${result.label}', which has no output`,
					{
						itemIndex: entry.itemIndex,
						description: `Outputs are: ${(routeLabels ?? []).join(', ')}. Make the categories and the outputs the same list.`,
					},
				);
			}
			outputs[output].push({
				json: {
					...item.json,
					[entry.resultField]: {
						...result,
						reused: outcome.status === 'unchanged',
					} as unknown as IDataObject,
				},
				binary: item.binary,
				pairedItem: { item: entry.itemIndex },
			});
		} catch (error) {
			const nodeError = itemError(this.getNode(), error, entry.itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			outputs[0].push(failedItem(item, nodeError, entry.itemIndex));
		}
	}
	if (engine && engine.name !== 'offline') {
		this.addExecutionHints({
			message: usageHint(outcomes, read.length - readable.length),
			location: 'outputPane',
		});
	}
	return outputs;
}
