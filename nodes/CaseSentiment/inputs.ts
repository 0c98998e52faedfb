import type { INodeParameters } from 'n8n-workflow';

/**
 * The node's inputs: a Model input appears when an engine uses a connected chat model, as n8n's
 * own Sentiment Analysis node takes its model. n8n stringifies this function into the `inputs`
 * expression, so it must be self-contained (no imports, no outside names).
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
