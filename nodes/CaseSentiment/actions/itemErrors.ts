import {
	type INode,
	type INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { CaseValidationError } from '../../../src/case/case';
import { LlmEngineError } from '../../../src/sentiment/llm/engine';

/**
 * Errors of one item as n8n shows them, the same for every operation: the message says what
 * happened, the description how to fix it. Engine errors are already redacted (no API key).
 */

function modelCallHint(status: number | undefined): string {
	if (status === 401 || status === 403) {
		return 'Check the API key (and organization or extra headers) of the credential.';
	}
	if (status === 404) return "Check the credential's base URL and the model name.";
	if (status === 429) {
		return 'The server kept answering 429 after the retries: lower Concurrency in LLM Options or raise the rate limit.';
	}
	return 'The call was retried with backoff. Check that the server is reachable from n8n and try again.';
}

export function itemError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeOperationError | NodeApiError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	if (error instanceof CaseValidationError) {
		return new NodeOperationError(node, error.message, { itemIndex, description: error.hint });
	}
	if (error instanceof LlmEngineError && error.kind === 'call') {
		// What the model's server said: a plain object, so that n8n keeps no request details.
		return new NodeApiError(
			node,
			{ message: error.message },
			{
				itemIndex,
				message: error.message,
				description: modelCallHint(error.status),
				httpCode: error.status === undefined ? undefined : String(error.status),
			},
		);
	}
	if (error instanceof LlmEngineError) {
		return new NodeOperationError(node, error.message, {
			itemIndex,
			description:
				'The answer did not validate even after one repair request. Try a more capable model, or fewer Categories or Extra Output Fields.',
		});
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/** The input item with the error beside its fields; n8n's error output picks it up by `error`. */
export function failedItem(
	item: INodeExecutionData,
	error: Error,
	itemIndex: number,
): INodeExecutionData {
	return { json: { ...item.json, error: error.message }, pairedItem: { item: itemIndex } };
}
