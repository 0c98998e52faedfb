import { type IExecuteFunctions, type INodeExecutionData, NodeOperationError } from 'n8n-workflow';

import * as classify from './classify.operation';
import * as summarizeAccounts from './summarizeAccounts.operation';
import * as updateCase from './updateCase.operation';

/** One module per operation, each with its parameters and its execute (as n8n's Airtable v2). */
export const operations = {
	classify,
	summarizeAccounts,
	updateCase,
} as const;

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = this.getNodeParameter('operation', 0) as string;
	const module = operations[operation as keyof typeof operations];
	if (!module) {
		throw new NodeOperationError(this.getNode(), `The operation '${operation}' is not known`, {
			description: 'Choose one of the operations listed in the node.',
		});
	}
	return await module.execute.call(this, items);
}
