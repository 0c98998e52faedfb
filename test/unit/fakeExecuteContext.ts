import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	NodeExecutionHint,
} from 'n8n-workflow';

/**
 * n8n's `helpers.httpRequest` as its contract says, for the options our nodes use: the full
 * response when asked, status errors left to the caller when asked, bytes as a Buffer.
 */
export async function httpRequestOverFetch(options: IHttpRequestOptions): Promise<unknown> {
	const response = await fetch(options.url, {
		method: options.method ?? 'GET',
		headers: options.headers as Record<string, string>,
		body: options.body as string | undefined,
		signal: options.abortSignal as AbortSignal | undefined,
	});
	if (!response.ok && !options.ignoreHttpStatusErrors) {
		throw Object.assign(new Error(`Request failed with status code ${response.status}`), {
			httpCode: String(response.status),
		});
	}
	const body = Buffer.from(await response.arrayBuffer());
	if (!options.returnFullResponse) return body;
	return {
		body,
		headers: Object.fromEntries(response.headers.entries()),
		statusCode: response.status,
		statusMessage: response.statusText,
	};
}

const workflowStaticData: Record<string, IDataObject> = {};

/**
 * The slice of n8n's IExecuteFunctions our nodes use, backed by plain values. Expressions are
 * not evaluated here: parameters are given already resolved, as n8n hands them to a node.
 * The real-n8n tests in test/e2e cover expression resolution and the rest of the runtime.
 */
export function fakeExecuteContext(options: {
	items: INodeExecutionData[];
	parameters: Record<string, unknown>;
	perItem?: (name: string, itemIndex: number) => unknown;
	continueOnFail?: boolean;
	/** Credentials by type, as getCredentials returns them. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** What a sub-node connected to the Model input hands over. */
	chatModel?: unknown;
	/** Receives what the node reports with addExecutionHints. */
	hints?: NodeExecutionHint[];
	/** n8n's request helper with the credential applied, for operations that call a helpdesk. */
	httpRequestWithAuthentication?: (type: string, request: IHttpRequestOptions) => Promise<unknown>;
}): IExecuteFunctions {
	const node: INode = {
		id: 'node-1',
		name: 'Case Sentiment',
		type: 'n8n-nodes-case-sentiment.caseSentiment',
		typeVersion: 1,
		position: [0, 0],
		// The parameters as saved in the workflow, which is what getNode() shows a node.
		parameters: options.parameters as INode['parameters'],
	};
	const read = (name: string, itemIndex: number, fallback: unknown) => {
		const perItem = options.perItem?.(name, itemIndex);
		if (perItem !== undefined) return perItem;
		const value = name
			.split('.')
			.reduce<unknown>(
				(current, key) =>
					current !== null && typeof current === 'object'
						? (current as Record<string, unknown>)[key]
						: undefined,
				options.parameters,
			);
		return value === undefined ? fallback : value;
	};
	const context = {
		getInputData: () => options.items,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) =>
			read(name, itemIndex, fallback),
		getNode: () => node,
		getWorkflow: () => ({ id: 'workflow-1', name: 'Test workflow', active: true }),
		// The workflow's time zone as n8n gives it when Workflow Settings name none.
		getTimezone: () => 'UTC',
		continueOnFail: () => options.continueOnFail ?? false,
		// One workflow's static data, kept across runs as n8n keeps it for production executions.
		getWorkflowStaticData: (type: string) => (workflowStaticData[type] ??= {}),
		getCredentials: async (type: string) => {
			const credentials = options.credentials?.[type];
			// n8n's own wording when a node has no credential of the type set.
			if (!credentials) throw new Error(`Node "${node.name}" does not have any credentials set`);
			return credentials;
		},
		getInputConnectionData: async () => options.chatModel,
		addExecutionHints: (...hints: NodeExecutionHint[]) => options.hints?.push(...hints),
		helpers: {
			httpRequest: httpRequestOverFetch,
			httpRequestWithAuthentication: options.httpRequestWithAuthentication,
		},
	};
	return context as unknown as IExecuteFunctions;
}
