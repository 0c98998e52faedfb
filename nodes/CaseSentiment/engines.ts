import {
	type ICredentialDataDecryptedObject,
	type IExecuteFunctions,
	type INodeCredentialDescription,
	type INodeProperties,
	NodeConnectionTypes,
} from 'n8n-workflow';

import type { SentimentEngine } from '../../src/sentiment/engine';
import { OFFLINE_CONFIDENCE_FOR_HYBRID, OfflineEngine } from '../../src/sentiment/offline/engine';
import {
	CHAT_MODEL_ENGINES,
	apiEngineOptions,
	chatModelEngineOptions,
	createLlmEngine,
	llmCredentials,
	llmEngineProperties,
} from './llmEngines';

/**
 * The engine choice and its settings, shared by Case Sentiment and Sentiment Threshold Trigger
 * so that both classify the same way. A trigger has no inputs, so the engines that need a
 * connected chat model are offered only by nodes that can grow a Model input.
 */

/** What an engine is built from: the node's settings, read the same way by any kind of node. */
export interface EngineSettings {
	parameter(name: string, fallback: unknown): unknown;
	credentials(type: string): Promise<ICredentialDataDecryptedObject>;
	/** Only nodes with an `ai_languageModel` input have one. */
	connectedChatModel?: () => Promise<unknown>;
}

/** Settings of an action node: engine settings are read once, from the first item. */
export function executeEngineSettings(context: IExecuteFunctions): EngineSettings {
	return {
		parameter: (name, fallback) => context.getNodeParameter(name, 0, fallback),
		credentials: async (type) => await context.getCredentials(type),
		connectedChatModel: async () =>
			await context.getInputConnectionData(NodeConnectionTypes.AiLanguageModel, 0),
	};
}

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
		default: 'offline',
		description: 'What classifies the sentiment',
	};
}

/** Engines every node can run: offline, the OpenAI-compatible API, and hybrid with that API. */
export const engineProperties: INodeProperties[] = [engineChoice(false), ...llmEngineProperties];

/** All engines, for a node whose `inputs` grow a Model input (see configuredInputs). */
export const engineWithChatModelProperties: INodeProperties[] = [
	engineChoice(true),
	...llmEngineProperties,
];

/** The API credential, shown when an engine that calls the API is chosen. */
export const engineCredentials: INodeCredentialDescription[] = llmCredentials;

/** Creates the engine once per execution: the engine choice itself cannot vary per item. */
export async function createEngine(settings: EngineSettings): Promise<SentimentEngine> {
	const engine = String(settings.parameter('engine', 'offline'));
	if (engine === 'offline') return new OfflineEngine();
	if (CHAT_MODEL_ENGINES.includes(engine) && !settings.connectedChatModel) {
		throw new Error(
			`The engine '${engine}' needs a connected chat model, which this node cannot take: choose Offline, OpenAI-Compatible API or Hybrid (Offline, Then API)`,
		);
	}
	return await createLlmEngine(
		settings,
		engine,
		() => new OfflineEngine(),
		OFFLINE_CONFIDENCE_FOR_HYBRID,
	);
}
