import type {
	IDataObject,
	INodeCredentialDescription,
	INodeParameters,
	INodeProperties,
} from 'n8n-workflow';

import type { SentimentEngine } from '../../src/sentiment/engine';
import { HybridEngine } from '../../src/sentiment/hybrid';
import {
	type ChatModelLike,
	LlmEngine,
	type LlmEngineOptions,
} from '../../src/sentiment/llm/engine';
import {
	DEFAULT_OPENAI_BASE_URL,
	createOpenAiEngine,
	parseExtraHeaders,
} from '../../src/sentiment/llm/openai';
import {
	DEFAULT_PROMPT_OPTIONS,
	PROMPT_FIELDS,
	type PromptField,
} from '../../src/sentiment/llm/prompt';
import type { CustomOutputField } from '../../src/sentiment/llm/schema';
import type { EngineSettings } from './engines';

/**
 * Parameters and construction of the LLM engines (OpenAI-compatible API, connected chat model,
 * hybrid). The node stays thin: these read parameters and hand them to src/sentiment/llm.
 */

export const OPENAI_CREDENTIAL = 'caseSentimentOpenAiApi';

/** Engines that call the API of the credential. */
export const API_ENGINES = ['openai', 'hybrid'];
/** Engines that use the chat model connected to the node's Model input. */
export const CHAT_MODEL_ENGINES = ['chatModel', 'hybridChatModel'];
const LLM_ENGINES = [...API_ENGINES, ...CHAT_MODEL_ENGINES];

export const apiEngineOptions = [
	{
		name: 'OpenAI-Compatible API',
		value: 'openai',
		description: 'OpenAI, Azure OpenAI, Ollama, vLLM, LM Studio, OpenRouter… through a credential',
	},
	{
		name: 'Hybrid (Offline, Then API)',
		value: 'hybrid',
		description:
			'Offline first; the OpenAI-compatible API only for cases the offline engine is not confident about',
	},
];

export const chatModelEngineOptions = [
	{
		name: 'Connected Chat Model',
		value: 'chatModel',
		description: 'Any n8n Chat Model sub-node connected to the Model input',
	},
	{
		name: 'Hybrid (Offline, Then Connected Chat Model)',
		value: 'hybridChatModel',
		description:
			'Offline first; the connected chat model only for cases the offline engine is not confident about',
	},
];

/**
 * The node's inputs: a Model input appears when an engine uses a connected chat model.
 * n8n stringifies it into the `inputs` expression, so it must be self-contained.
 */
export const configuredInputs = (parameters: INodeParameters) => {
	const engine = String(parameters.engine ?? 'offline');
	const needsModel = engine === 'chatModel' || engine === 'hybridChatModel';
	const inputs: Array<{
		type: string;
		displayName?: string;
		required?: boolean;
		maxConnections?: number;
	}> = [{ type: 'main' }];
	if (needsModel && (parameters.operation ?? 'classify') === 'classify') {
		inputs.push({
			type: 'ai_languageModel',
			displayName: 'Model',
			required: true,
			maxConnections: 1,
		});
	}
	return inputs;
};

export const INPUTS_EXPRESSION: `={{${string}}}` = `={{(${configuredInputs})($parameter)}}`;

export const llmCredentials: INodeCredentialDescription[] = [
	{ name: OPENAI_CREDENTIAL, required: true, displayOptions: { show: { engine: API_ENGINES } } },
];

export const llmEngineProperties: INodeProperties[] = [
	{
		displayName:
			'LLM scores are estimates: the same case can get a slightly different score on another run or model. Each result names its model and token use.',
		name: 'llmNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { engine: LLM_ENGINES } },
	},
	{
		displayName: 'Model',
		name: 'model',
		type: 'string',
		default: 'gpt-4o-mini',
		placeholder: 'e.g. gpt-4o-mini or llama3.1',
		description: 'Model name as the server knows it',
		displayOptions: { show: { engine: API_ENGINES } },
	},
	{
		displayName: 'Use Responses API',
		name: 'useResponsesApi',
		type: 'boolean',
		default: false,
		description: "Whether to call /responses instead of /chat/completions (OpenAI's newer API)",
		displayOptions: { show: { engine: API_ENGINES } },
	},
	{
		displayName: 'Categories',
		name: 'categories',
		type: 'string',
		// The categories decide the node's outputs, which the editor draws before any item exists.
		noDataExpression: true,
		default: '',
		placeholder: 'e.g. delighted, calm, frustrated, furious',
		description:
			'Comma-separated labels to use instead of positive, neutral and negative; a score from -1 to 1 is still given. With One Output per Label, each category gets an output. With Hybrid, every case then goes to the model.',
		displayOptions: { show: { engine: LLM_ENGINES } },
	},
	{
		displayName: 'Extra Output Fields',
		name: 'outputFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Output Field',
		default: {},
		description:
			'Fields of your own that the model must fill; they appear under customFields of the result',
		displayOptions: { show: { engine: LLM_ENGINES } },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. topic',
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [
							{ name: 'Boolean', value: 'boolean' },
							{ name: 'Number', value: 'number' },
							{ name: 'One of Allowed Values', value: 'enum' },
							{ name: 'String', value: 'string' },
						],
						default: 'string',
					},
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						description: 'Tells the model what to put in the field',
					},
					{
						displayName: 'Allowed Values',
						name: 'allowedValues',
						type: 'string',
						default: '',
						placeholder: 'e.g. billing, delivery, product',
						description: 'Comma-separated values the field may take',
						displayOptions: { show: { type: ['enum'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'LLM Options',
		name: 'llmOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { engine: LLM_ENGINES } },
		options: [
			{
				displayName: 'Case Fields in the Prompt',
				name: 'promptFields',
				type: 'multiOptions',
				options: PROMPT_FIELDS.map((field) => ({
					name:
						field === 'customFields' ? 'Custom Fields' : field[0].toUpperCase() + field.slice(1),
					value: field,
				})),
				default: DEFAULT_PROMPT_OPTIONS.fields,
				description:
					'Case fields sent as context besides the thread; fewer fields cost fewer tokens',
			},
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 50 },
				default: 5,
				description: 'Most model calls in flight at once',
			},
			{
				displayName: 'Include Internal Notes',
				name: 'includeInternalNotes',
				type: 'boolean',
				default: false,
				description: "Whether to send the team's internal notes to the model as context",
			},
			{
				displayName: 'System Prompt',
				name: 'systemPrompt',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				description:
					'Replaces the task description of the prompt; the rule that the case is data, and the answer format, stay',
			},
			{
				displayName: 'Temperature',
				name: 'temperature',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 1 },
				default: 0,
				displayOptions: { show: { '/engine': API_ENGINES } },
			},
		],
	},
];

interface LlmOptions {
	promptFields?: PromptField[];
	concurrency?: number;
	includeInternalNotes?: boolean;
	systemPrompt?: string;
	temperature?: number;
}

function splitList(value: unknown): string[] {
	return String(value ?? '')
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}

function llmOptions(settings: EngineSettings): LlmOptions {
	return settings.parameter('llmOptions', {}) as LlmOptions;
}

/** Most model calls in flight at once; the offline engine needs no more than one. */
export function llmConcurrency(settings: EngineSettings): number {
	if (!LLM_ENGINES.includes(String(settings.parameter('engine', 'offline')))) return 1;
	return Math.max(1, Math.floor(llmOptions(settings).concurrency ?? 5));
}

function sharedOptions(
	settings: EngineSettings,
): Omit<LlmEngineOptions, 'name' | 'model' | 'modelName'> {
	const options = llmOptions(settings);
	const fields = (settings.parameter('outputFields', {}) as { field?: IDataObject[] }).field ?? [];
	const customFields: CustomOutputField[] = fields.map((field) => ({
		name: String(field.name ?? '').trim(),
		type: (field.type as CustomOutputField['type']) ?? 'string',
		description: String(field.description ?? '') || undefined,
		allowedValues: splitList(field.allowedValues),
	}));
	return {
		output: { categories: splitList(settings.parameter('categories', '')), customFields },
		prompt: {
			fields: options.promptFields ?? DEFAULT_PROMPT_OPTIONS.fields,
			includeInternalNotes: options.includeInternalNotes ?? false,
			systemPrompt: options.systemPrompt || undefined,
		},
	};
}

async function apiEngine(settings: EngineSettings): Promise<LlmEngine> {
	const credentials = await settings.credentials(OPENAI_CREDENTIAL);
	const headers = credentials.headers;
	return createOpenAiEngine(
		{
			apiKey: String(credentials.apiKey ?? ''),
			baseUrl: String(credentials.baseUrl || DEFAULT_OPENAI_BASE_URL),
			organization: String(credentials.organization ?? '') || undefined,
			headers:
				typeof headers === 'object' && headers !== null
					? Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)]))
					: parseExtraHeaders(headers as string | undefined),
		},
		{
			model: String(settings.parameter('model', 'gpt-4o-mini')),
			temperature: llmOptions(settings).temperature ?? 0,
			useResponsesApi: settings.parameter('useResponsesApi', false) === true,
		},
		sharedOptions(settings),
	);
}

async function connectedModelEngine(settings: EngineSettings): Promise<LlmEngine> {
	// The model comes from n8n's own @langchain/core: used through `invoke` only, never instanceof.
	const model = (await settings.connectedChatModel?.()) as ChatModelLike | undefined;
	if (!model || typeof model.invoke !== 'function') {
		throw new Error('Connect a Chat Model sub-node to the Model input');
	}
	const named = model as { model?: string; modelName?: string };
	return new LlmEngine({
		...sharedOptions(settings),
		name: 'chatModel',
		model,
		modelName: named.model ?? named.modelName ?? null,
	});
}

/**
 * The engine for an LLM engine choice. `offline` builds the offline engine for hybrid and
 * `threshold` is the offline confidence it keeps.
 */
export async function createLlmEngine(
	settings: EngineSettings,
	engine: string,
	offline: () => SentimentEngine,
	threshold: number,
): Promise<SentimentEngine> {
	switch (engine) {
		case 'openai':
			return await apiEngine(settings);
		case 'chatModel':
			return await connectedModelEngine(settings);
		case 'hybrid':
		case 'hybridChatModel': {
			const llm =
				engine === 'hybrid' ? await apiEngine(settings) : await connectedModelEngine(settings);
			const output = sharedOptions(settings).output;
			return new HybridEngine({
				offline: offline(),
				llm,
				threshold,
				offlineMayDecide:
					(output?.categories?.length ?? 0) === 0 && (output?.customFields?.length ?? 0) === 0,
			});
		}
		default:
			throw new Error(`Unknown engine '${engine}'`);
	}
}
