import { AsyncLocalStorage } from 'node:async_hooks';

import { AsyncLocalStorageProviderSingleton } from '@langchain/core/singletons';

/**
 * LangChain sends a call to LangSmith when LANGSMITH_TRACING (or LANGCHAIN_TRACING_V2) is "true"
 * in the environment, unless the run context it finds says `tracingEnabled: false`. That context
 * is what langsmith's own `traceable(fn, { tracingEnabled: false })` sets, and it lives in one
 * store shared by every copy of @langchain/core in the process (n8n's and ours), so a connected
 * chat model from n8n's copy obeys it too. The store exists only once LangChain's context module
 * has been loaded: it is created here if not.
 */
export async function withoutTracing<T>(call: () => Promise<T>): Promise<T> {
	AsyncLocalStorageProviderSingleton.initializeGlobalInstance(new AsyncLocalStorage());
	return await AsyncLocalStorageProviderSingleton.getInstance().run(
		{ tracingEnabled: false },
		call,
	);
}
