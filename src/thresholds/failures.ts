import { CaseValidationError } from '../case/case';
import { LlmEngineError } from '../sentiment/llm/engine';
import { isRetryable, statusOf } from '../http/retry';

/**
 * Whether a case's classification may succeed on a later poll. Permanent: the case itself is
 * the problem (it does not validate, it has no customer text, the provider refused it with a 4xx
 * such as a content filter or a context-length error, or the answer stayed invalid after the
 * repair attempt), so it is reported once and the poll goes on. Transient: the provider or the
 * network is (429, 5xx, a timeout, a dropped connection), so the poll ends and the case is read
 * again. What cannot be told apart counts as transient: a poll that ends is retried, while a
 * case reported as failed is never classified again until it changes.
 */
export type FailureKind = 'permanent' | 'transient';

export function classificationFailureKind(error: unknown): FailureKind {
	if (error instanceof CaseValidationError) return 'permanent';
	if (error instanceof LlmEngineError) {
		if (error.kind === 'output') return 'permanent';
		return error.status !== undefined && isPermanentStatus(error.status)
			? 'permanent'
			: 'transient';
	}
	if (isRetryable(error)) return 'transient';
	const status = statusOf(error);
	return status !== undefined && isPermanentStatus(status) ? 'permanent' : 'transient';
}

function isPermanentStatus(status: number): boolean {
	return status >= 400 && status < 500 && status !== 408 && status !== 429;
}
