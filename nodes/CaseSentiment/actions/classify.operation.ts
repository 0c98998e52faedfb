import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	NodeOperationError,
	updateDisplayOptions,
} from 'n8n-workflow';

import { type Case, CaseValidationError } from '../../../src/case/case';
import { caseFromText, type MappedCase, normalizeCase } from '../../../src/case/normalize';
import { valueAt } from '../../../src/case/path';
import { type PersonaRules } from '../../../src/case/personas';
import { requireCustomerText } from '../../../src/case/thread';
import type { SentimentEngine } from '../../../src/sentiment/engine';
import type { SentimentResult } from '../../../src/sentiment/result';
import { type CaseOutcome, classifyCases, totalUsage } from '../../../src/sentiment/classifyCases';
import {
	createEngine,
	type EngineSpec,
	EngineSpecError,
	LLM_ENGINE_KINDS,
} from '../../../src/sentiment/factory';
import { OutputSpecError } from '../../../src/sentiment/llm/schema';
import { engineWithChatModelProperties } from '../../shared/engineDescription';
import {
	type EngineParameters,
	executeEngineParameters,
	readEngineSpec,
} from '../../shared/engineParameters';
import type { SentimentScale } from '../../../src/sentiment/levels';
import { categoriesProblem, outputOfResult, routingLabels } from '../routing';
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
			'The thread, in any order: a list of objects with text (or body), author, role (requester/customer/end-user or fulfiller/agent), visibility (public or internal) and createdAt. Authors without a role are told apart by Requester Authors, Fulfiller Authors and Unknown Authors Are under Options.',
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
				displayName: 'Output Format',
				name: 'outputFormat',
				type: 'options',
				options: [
					{
						name: 'Full Result',
						value: 'full',
						description:
							'The whole result under Result Field: explanation, evidence, signals, actions, trend, engine and cost',
					},
					{
						name: 'Compact Fields',
						value: 'compact',
						description:
							'Label, score, confidence, summary and top action as flat fields (e.g. sentimentLabel), one column each in Table view; earlier results are not reused',
					},
				],
				default: 'full',
				description: 'How the result is added to the item; either way it comes first',
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
	outputFormat?: 'full' | 'compact';
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
	const value = caseField === '' ? item.json : valueAt(item.json, caseField);
	const where = caseField === '' ? 'The item' : `Field '${caseField}'`;
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new CaseValidationError(
			`${where} is not a case`,
			caseField || '(item)',
			`${NOT_A_CASE_HINT} Or point 'Case Field' at the case object.`,
		);
	}
	const fields = value as IDataObject;
	// Plain items (say { text }) are the usual first try; tell the user which Input fits them
	// instead of which case field zod found missing first.
	if (!['subject', 'description', 'messages'].some((name) => fields[name] !== undefined)) {
		throw new CaseValidationError(
			`${where === 'The item' ? 'The item is not a case' : `${where} does not hold a case`}: it has no subject, description or messages`,
			caseField || '(item)',
			NOT_A_CASE_HINT,
		);
	}
	return normalizeCase(
		{ ...(value as MappedCase), source: fields.source as string | undefined },
		personas,
	);
}

/** What to do when the default input, a case from a trigger, meets items of another shape. */
const NOT_A_CASE_HINT =
	"Input is 'Case From a Trigger', which reads cases as Case Source Trigger emits them: for items that carry a text, switch Input to Plain Text or Map Case Fields.";

/** The domain's hint speaks of personas; the node's options that decide who the customer is. */
const NO_CUSTOMER_TEXT_HINT =
	"Map the customer's text: a subject or description, or messages whose role is requester. If every author was taken for an agent, set Requester Authors, Fulfiller Authors or Unknown Authors Are under Options.";

/**
 * The domain's hints speak of the case model; the node's words for the same fix. A missing id
 * of a case from a trigger is no 'Case ID' to map (a field of Map Case Fields only), and who
 * counts as the customer is set by options, not by 'persona settings'.
 */
function withNodeHint(error: unknown, inputMode: string, readingCustomerText: boolean): unknown {
	if (!(error instanceof CaseValidationError)) return error;
	if (readingCustomerText) {
		return new CaseValidationError(error.message, error.field, NO_CUSTOMER_TEXT_HINT);
	}
	if (inputMode === 'case' && error.field === 'id') {
		return new CaseValidationError(
			error.message,
			error.field,
			`A case from Case Source Trigger carries its id. ${NOT_A_CASE_HINT}`,
		);
	}
	return error;
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
	let readingCustomerText = false;
	try {
		const options = context.getNodeParameter('options', itemIndex, {}) as ClassifyOptions;
		const personas: PersonaRules = {
			requesterAuthors: splitList(options.requesterAuthors),
			fulfillerAuthors: splitList(options.fulfillerAuthors),
			unknownAuthorRole: options.unknownAuthorRole ?? 'requester',
		};
		const supportCase = readCase(context, item, itemIndex, personas);
		readingCustomerText = true;
		requireCustomerText(supportCase);
		readingCustomerText = false;
		const resultField = options.resultField?.trim() || 'sentiment';
		const reuse = options.reuseResults ?? true;
		return {
			itemIndex,
			resultField,
			supportCase,
			previous: reuse ? item.json[resultField] : undefined,
		};
	} catch (error) {
		const inputMode = String(context.getNodeParameter('inputMode', itemIndex, 'case'));
		return { itemIndex, error: withNodeHint(error, inputMode, readingCustomerText) };
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

/**
 * The result's fields ahead of the item's own, so that the label is the first thing the output
 * pane shows; a field the item already had (an earlier result) is replaced in first place.
 */
function resultFirst(result: IDataObject, itemFields: IDataObject): IDataObject {
	const placeholders = Object.fromEntries(Object.keys(result).map((key) => [key, null]));
	return { ...placeholders, ...itemFields, ...result };
}

/** The compact output: what a reader compares across items, flat, named after Result Field. */
function compactFields(prefix: string, result: SentimentResult): IDataObject {
	const topAction = result.suggestedActions[0];
	return {
		[`${prefix}Label`]: result.label,
		// On the five-level scale only (Sentiment Scale), where the level is what teams read.
		...(result.level
			? { [`${prefix}Level`]: result.level, [`${prefix}Score100`]: result.score100 }
			: {}),
		[`${prefix}Score`]: result.score,
		[`${prefix}Confidence`]: result.confidence,
		[`${prefix}Summary`]: result.explanation.summary,
		[`${prefix}TopAction`]: topAction?.text ?? null,
		[`${prefix}TopActionCode`]: topAction?.code ?? null,
	};
}

/** The text fields of the node where a person types or maps a customer's words. */
const TEXT_PARAMETERS: Record<string, string> = {
	text: 'Text',
	caseField: 'Case Field',
	caseId: 'Case ID',
	subject: 'Subject',
	description: 'Description',
	messages: 'Messages',
};

/**
 * Fields that hold `{{ ... }}` as fixed text: n8n evaluates `{{ }}` only in Expression mode, so
 * the braces would be classified as the customer's words. Read from the saved parameters, where
 * an expression starts with '=', so that a customer who writes braces raises no warning.
 */
export function fixedTextExpressions(parameters: INodeParameters): string[] {
	return Object.entries(TEXT_PARAMETERS).flatMap(([name, displayName]) => {
		const value = parameters[name];
		if (typeof value !== 'string' || value.startsWith('=')) return [];
		const expression = /\{\{[\s\S]*?\}\}/.exec(value)?.[0];
		return expression ? [`'${displayName}' holds ${expression} as fixed text`] : [];
	});
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
	const engineKind = String(engineParameters.parameter('engine', 'offline'));
	const categoriesText = String(engineParameters.parameter('categories', ''));
	const problem = (LLM_ENGINE_KINDS as readonly string[]).includes(engineKind)
		? categoriesProblem(categoriesText)
		: null;
	if (problem) throw new NodeOperationError(this.getNode(), problem.message, problem);

	const read = items.map((item, itemIndex) => readItem(this, item, itemIndex));
	const readable = read.filter(
		(entry): entry is Extract<ReadItem, { supportCase: Case }> => 'supportCase' in entry,
	);
	const chosen = readable.length > 0 ? await engineFor(this, engineParameters) : undefined;
	const engine = chosen?.engine;
	for (const problem of fixedTextExpressions(this.getNode().parameters)) {
		this.addExecutionHints({
			message: `${problem}, which n8n does not evaluate: it was classified as the customer's words. Switch the field from Fixed to Expression.`,
			type: 'warning',
			location: 'outputPane',
		});
	}
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
			const outputFormat = (
				this.getNodeParameter('options', entry.itemIndex, {}) as ClassifyOptions
			).outputFormat;
			const fields =
				outputFormat === 'compact'
					? compactFields(entry.resultField, result)
					: {
							[entry.resultField]: {
								...result,
								reused: outcome.status === 'unchanged',
							} as unknown as IDataObject,
						};
			outputs[output].push({
				json: resultFirst(fields, item.json),
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
