import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import {
	API_ENGINE_KINDS,
	CHAT_MODEL_ENGINE_KINDS,
	ENGINE_DEFAULTS,
	LLM_ENGINE_KINDS,
} from '../../src/sentiment/factory';
import { SECOND_MS } from '../../src/case/time';
import {
	DEFAULT_PROMPT_OPTIONS,
	DEFAULT_SYSTEM_PROMPT,
	PROMPT_FIELDS,
} from '../../src/sentiment/llm/prompt';

/**
 * The engine choice and its settings, shared by Case Sentiment and Sentiment Threshold Trigger
 * so that both classify the same way. A trigger has no inputs, so the engines that need a
 * connected chat model are offered only by a node that can grow a Model input.
 */

export const OPENAI_CREDENTIAL = 'caseSentimentOpenAiApi';

const apiEngines = [...API_ENGINE_KINDS];
const llmEngines = [...LLM_ENGINE_KINDS];

const apiEngineOptions = [
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

const chatModelEngineOptions = [
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

function engineChoice(withChatModel: boolean): INodeProperties {
	return {
		displayName: 'Engine',
		name: 'engine',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Offline',
				value: 'offline',
				description:
					'Runs inside n8n with no credential, no network and no cost; written for support conversations',
			},
			...apiEngineOptions,
			...(withChatModel ? chatModelEngineOptions : []),
		],
		default: ENGINE_DEFAULTS.kind,
		description: 'What classifies the sentiment',
	};
}

/** The API credential, shown when an engine that calls the API is chosen. */
export const engineCredentials: INodeCredentialDescription[] = [
	{ name: OPENAI_CREDENTIAL, required: true, displayOptions: { show: { engine: apiEngines } } },
];

const llmProperties: INodeProperties[] = [
	{
		displayName:
			'LLM scores are estimates: the same case can get a slightly different score on another run or model. Each result names its model and token use.',
		name: 'llmNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { engine: llmEngines } },
	},
	{
		displayName: 'Model',
		name: 'model',
		type: 'string',
		default: ENGINE_DEFAULTS.model,
		placeholder: 'e.g. gpt-4o-mini or llama3.1',
		description: 'Model name as the server knows it',
		displayOptions: { show: { engine: apiEngines } },
	},
	{
		displayName: 'Use Responses API',
		name: 'useResponsesApi',
		type: 'boolean',
		default: ENGINE_DEFAULTS.useResponsesApi,
		description: "Whether to call /responses instead of /chat/completions (OpenAI's newer API)",
		displayOptions: { show: { engine: apiEngines } },
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
			'Two or more comma-separated labels to use instead of positive, neutral and negative (leave empty for those); a score from -1 to 1 is still given. With One Output per Label, each category gets an output. With Hybrid, every case then goes to the model.',
		displayOptions: { show: { engine: llmEngines } },
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
		displayOptions: { show: { engine: llmEngines } },
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
		displayOptions: { show: { engine: llmEngines } },
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
				default: ENGINE_DEFAULTS.concurrency,
				description: 'Most model calls in flight at once',
			},
			{
				displayName: 'Explanation Language',
				name: 'explanationLanguage',
				type: 'options',
				options: [
					{ name: 'English', value: 'english' },
					{
						name: "Customer's Language",
						value: 'customer',
						description: 'Each case explained in the language its customer wrote in',
					},
					{ name: 'Other Language', value: 'named' },
				],
				default: 'english',
				description:
					'Language of the summary and the suggested actions; evidence always quotes the customer verbatim. Another language than English adds a little to each answer.',
			},
			{
				displayName: 'Explanation Language Name',
				name: 'explanationLanguageName',
				type: 'string',
				default: '',
				placeholder: 'e.g. German',
				displayOptions: { show: { explanationLanguage: ['named'] } },
			},
			{
				displayName: 'Include Internal Notes',
				name: 'includeInternalNotes',
				type: 'boolean',
				default: false,
				description: "Whether to send the team's internal notes to the model as context",
			},
			{
				displayName: 'LangSmith Tracing',
				name: 'langSmithTracing',
				type: 'boolean',
				default: false,
				description:
					"Whether LangChain may send these model calls, customers' texts included, to LangSmith when tracing is turned on in n8n's environment (LANGSMITH_TRACING)",
			},
			{
				displayName: 'Retries',
				name: 'retries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: ENGINE_DEFAULTS.retries,
				description:
					'Further attempts after a model call fails with a rate limit (429), a server error or a timeout',
			},
			{
				displayName: 'System Prompt',
				name: 'systemPrompt',
				type: 'string',
				typeOptions: { rows: 4 },
				default: DEFAULT_SYSTEM_PROMPT,
				description:
					'Replaces the task description of the prompt; the rule that the case is data, and the answer format, stay',
			},
			{
				displayName: 'Temperature',
				name: 'temperature',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 1 },
				default: ENGINE_DEFAULTS.temperature,
				displayOptions: { show: { '/engine': apiEngines } },
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeoutSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: ENGINE_DEFAULTS.timeoutMs / SECOND_MS,
				description: 'Longest wait for one model call before it counts as failed and is retried',
			},
		],
	},
];

/** Engines every node can run: offline, the OpenAI-compatible API, and hybrid with that API. */
export const engineProperties: INodeProperties[] = [engineChoice(false), ...llmProperties];

/**
 * What n8n 2.41's editor does when the first chat model is added (read from its code): it finds
 * no AI root node, because it recognises one by 'langchain' in the node type's name, and plants
 * a chat trigger and a Basic LLM Chain. No setting of a community node changes that.
 */
const chatModelNotice: INodeProperties = {
	displayName:
		"When you add the first chat model from the Model input, n8n also adds 'When chat message received' and 'Basic LLM Chain' (it takes only its own AI nodes for AI nodes): delete those two, the model stays connected here. With a Model input n8n draws this node as a wide box; move its neighbours if they overlap.",
	name: 'chatModelNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { engine: [...CHAT_MODEL_ENGINE_KINDS] } },
};

/** All engines, for a node whose inputs grow a Model input when a chat-model engine is chosen. */
export const engineWithChatModelProperties: INodeProperties[] = [
	engineChoice(true),
	chatModelNotice,
	...llmProperties,
];
