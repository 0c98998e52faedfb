/**
 * Small builders for the workflows of the Case Sentiment end-to-end tests: nodes with stable ids,
 * a Code node that emits fixed items, and connections (main or sub-node) by node name.
 */
import type { IDataObject } from 'n8n-workflow';

import type { WorkflowJson } from './harness/n8n';

export const CASE_SENTIMENT = 'n8n-nodes-case-sentiment.caseSentiment';

export interface WorkflowNode extends IDataObject {
	name: string;
}

export interface Link {
	from: string;
	to: string;
	output: number;
	type: string;
}

let nodeCount = 0;

export function node(
	name: string,
	type: string,
	parameters: IDataObject,
	extra: IDataObject = {},
): WorkflowNode {
	nodeCount += 1;
	return {
		parameters,
		id: `c0a1c2d3-0000-4000-8000-${String(nodeCount).padStart(12, '0')}`,
		name,
		type,
		typeVersion: 1,
		// Top to bottom in creation order: n8n's v1 order runs branches by position.
		position: [200, nodeCount * 200],
		...extra,
	};
}

/** A Code node that emits `items` (plain JSON) as its output. */
export function itemsNode(name: string, items: IDataObject[]): WorkflowNode {
	return node(
		name,
		'n8n-nodes-base.code',
		{ jsCode: `return ${JSON.stringify(items)}.map((json) => ({ json }));` },
		{ typeVersion: 2 },
	);
}

export function connect(from: string, to: string, output = 0, type = 'main'): Link {
	return { from, to, output, type };
}

/** A workflow that starts with a Manual Trigger named 'Start'. */
export function workflow(id: string, nodes: WorkflowNode[], links: Link[]): WorkflowJson {
	const connections: Record<
		string,
		Record<string, Array<Array<{ node: string; type: string; index: number }>>>
	> = {};
	for (const { from, to, output, type } of links) {
		const outputs = ((connections[from] ??= {})[type] ??= []);
		while (outputs.length <= output) outputs.push([]);
		outputs[output].push({ node: to, type, index: 0 });
	}
	return {
		id,
		name: `e2e: ${id}`,
		settings: { executionOrder: 'v1' },
		nodes: [node('Start', 'n8n-nodes-base.manualTrigger', {}), ...nodes],
		connections,
	};
}
