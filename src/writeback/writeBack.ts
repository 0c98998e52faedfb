import { DEFAULT_RETRY_POLICY, type HelpdeskRetryPolicy, requestHelpdesk } from '../sources/http';
import { CaseSourceError, type HttpRequest, type HttpRequestOptions } from '../sources/source';
import type { CaseState, HelpdeskWriter } from './helpdesks';
import {
	type CaseMarks,
	planWrite,
	type SentimentToWrite,
	type WriteBackTargets,
	type WritePlan,
} from './plan';

/**
 * Writes one classification back to its case: read what the case holds, plan, and send only what
 * differs. A conditional update the helpdesk refuses as stale (409, or 412 for a precondition) is
 * read and planned again once, since someone else changed the case meanwhile; a second conflict is
 * reported. 429s wait for Retry-After in the shared HTTP layer (`requestHelpdesk`).
 */
export type WriteOutcome = 'written' | 'unchanged' | 'dryRun';

export interface WriteBackReport {
	helpdesk: string;
	caseId: string;
	outcome: WriteOutcome;
	levelBefore: string | null;
	level: string;
	/** What the case held when it was read (the last read, after a conflict). */
	before: CaseMarks;
	plan: WritePlan;
	/** The requests sent (or, for a dry run, that would be sent): method, URL and body. */
	requests: Array<Pick<HttpRequestOptions, 'method' | 'url' | 'body'>>;
	/** Conflicts met and resolved by reading the case again. */
	conflicts: number;
}

const CONFLICT_STATUSES = [409, 412] as const;

export async function writeBack(options: {
	writer: HelpdeskWriter;
	http: HttpRequest;
	caseId: string;
	sentiment: SentimentToWrite;
	targets: WriteBackTargets;
	dryRun: boolean;
	retry?: HelpdeskRetryPolicy;
}): Promise<WriteBackReport> {
	const { writer, http, caseId, sentiment, targets } = options;
	const retry = options.retry ?? DEFAULT_RETRY_POLICY;
	const read = async (): Promise<CaseState> =>
		writer.stateOf(
			await requestHelpdesk(writer.name, http, writer.readRequest(caseId), retry, {
				action: 'read',
			}),
		);
	let conflicts = 0;
	for (;;) {
		const state = await read();
		const plan = planWrite(sentiment, state.marks, targets);
		const requests = plan.changed ? writer.writeRequests(caseId, plan, state) : [];
		const report = (outcome: WriteOutcome): WriteBackReport => ({
			helpdesk: writer.name,
			caseId,
			outcome,
			levelBefore: plan.levelBefore,
			level: plan.level,
			before: state.marks,
			plan,
			requests: requests.map(({ method, url, body }) => ({ method, url, body })),
			conflicts,
		});
		if (!plan.changed) return report('unchanged');
		if (options.dryRun) return report('dryRun');
		let conflict: number | null = null;
		for (const request of requests) {
			const response = await requestHelpdesk(writer.name, http, request, retry, {
				action: 'write',
				passStatuses: CONFLICT_STATUSES,
			});
			if ((CONFLICT_STATUSES as readonly number[]).includes(response.status)) {
				conflict = response.status;
				break;
			}
			const unstored = writer.unstoredFields?.(response, plan) ?? [];
			if (unstored.length > 0) {
				throw new CaseSourceError(
					`${writer.name} did not store ${unstored.join(', ')}: the case has no such field`,
					writer.name,
					null,
					"Check the field names in the node against the table's columns (custom columns start with u_); the rest of the update was written.",
				);
			}
		}
		if (conflict === null) return report('written');
		conflicts += 1;
		if (conflicts > 1) {
			throw new CaseSourceError(
				`${writer.name} refused the update twice as conflicting (${conflict}): the case kept changing while it was written`,
				writer.name,
				conflict,
				'Run the item again later: the write-back reads the case first and writes only what is still missing.',
			);
		}
	}
}
