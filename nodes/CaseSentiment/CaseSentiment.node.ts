import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import * as classify from './actions/classify.operation';
import * as summarizeAccounts from './actions/summarizeAccounts.operation';
import * as updateCase from './actions/updateCase.operation';
import { router } from './actions/router';
import { engineCredentials, engineWithChatModelProperties } from '../shared/engineDescription';
import { INPUTS_EXPRESSION } from './inputs';
import { OUTPUTS_EXPRESSION } from './routing';

/** The engine's name as the Engine list shows it, not its value (e.g. not 'chatModel'). */
const ENGINE_NAMES = Object.fromEntries(
	(engineWithChatModelProperties[0].options as Array<{ name: string; value: string }>).map(
		(option) => [option.value, option.name],
	),
);
const SUBTITLE = `={{ $parameter["operation"] === "classify" ? "Classify: " + (${JSON.stringify(ENGINE_NAMES)}[$parameter["engine"]] || $parameter["engine"]) : $parameter["operation"] === "updateCase" ? "Update case in helpdesk" : "Summarize accounts" }}`;

export class CaseSentiment implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Case Sentiment',
		name: 'caseSentiment',
		icon: { light: 'file:caseSentiment.svg', dark: 'file:caseSentiment.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: SUBTITLE,
		description:
			"Classify a support case's sentiment with an explanation, signals and suggested actions, roll cases up into account health, and write the sentiment back to the case",
		defaults: { name: 'Case Sentiment' },
		usableAsTool: true,
		// A Model input appears for the engines that use a connected chat model (as n8n's own
		// Sentiment Analysis node takes its model); one output per label when routing is on.
		inputs: INPUTS_EXPRESSION,
		outputs: OUTPUTS_EXPRESSION,
		credentials: [
			...engineCredentials.map((credential) => ({
				...credential,
				displayOptions: {
					show: { ...credential.displayOptions?.show, operation: ['classify'] },
				},
			})),
			...updateCase.updateCaseCredentials,
		],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Classify',
						value: 'classify',
						description:
							"Classify each case's sentiment, with explanation, signals and suggested actions",
						action: 'Classify case sentiment',
					},
					{
						name: 'Summarize Accounts',
						value: 'summarizeAccounts',
						description:
							'Roll classified cases up into account health: net score, negative share, band, trend and drivers',
						action: 'Summarize account health',
					},
					{
						name: 'Update Case in Helpdesk',
						value: 'updateCase',
						description:
							"Write each case's sentiment to its ServiceNow, Zendesk or Freshdesk case (a field, tags, an internal note), only when it changed",
						action: 'Update case sentiment in the helpdesk',
					},
				],
				default: 'classify',
			},
			...classify.description,
			...summarizeAccounts.description,
			...updateCase.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
