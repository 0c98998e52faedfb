import type { IDataObject, IHttpRequestOptions, INode, IPollFunctions } from 'n8n-workflow';

/**
 * The slice of n8n's IPollFunctions our two triggers use, backed by plain values: one fake for
 * both, beside fakeExecuteContext for the action node.
 */
export interface FakePollOptions {
	/** The node as the trigger sees it (name and type). */
	node: Pick<INode, 'name' | 'type'>;
	mode: 'manual' | 'trigger';
	parameters?: Record<string, unknown>;
	staticData: IDataObject;
	credentials?: IDataObject;
	/** n8n's request helper with the credential applied; absent when the source needs none. */
	httpRequestWithAuthentication?: (type: string, request: IHttpRequestOptions) => Promise<unknown>;
	logger?: { warn: (message: string) => void };
}

export function fakePollContext(options: FakePollOptions): IPollFunctions {
	const node: INode = {
		id: 'n1',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		...options.node,
	};
	const parameters = options.parameters ?? {};
	return {
		getNode: () => node,
		getMode: () => options.mode,
		getWorkflow: () => ({ id: 'w1', name: 'Test workflow', active: true }),
		logger: options.logger ?? { warn: () => undefined },
		getNodeParameter: (name: string, fallback?: unknown) =>
			name in parameters ? parameters[name] : fallback,
		getWorkflowStaticData: () => options.staticData,
		getCredentials: async () => options.credentials ?? {},
		helpers: {
			returnJsonArray: (items: IDataObject[]) => items.map((json) => ({ json })),
			httpRequestWithAuthentication: options.httpRequestWithAuthentication,
		},
	} as unknown as IPollFunctions;
}
