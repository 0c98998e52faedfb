import type { RetryPolicy } from '../../http/retry';

/**
 * How model calls retry (through the one retry layer, `src/http/retry.ts`): three more attempts,
 * backoff from half a second, no single wait over 30 s (a longer Retry-After is cut to that, so
 * the item still gets its answer). *Retries* in LLM Options sets the attempts.
 */
export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 500, maxDelayMs: 30_000 };
