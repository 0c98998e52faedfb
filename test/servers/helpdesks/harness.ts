import type { Case } from '../../../src/case/case';
import { pollCases, type PollResult } from '../../../src/polling/poll';
import { type PollSettings, type PollState, readPollState } from '../../../src/polling/state';
import { createCaseSource } from '../../../src/sources/create';
import { FreshdeskCaseSource } from '../../../src/sources/freshdesk';
import {
	basicAuthHeader,
	fetchHttpRequest,
	type HelpdeskRetryPolicy,
} from '../../../src/sources/http';
import { ServiceNowCaseSource } from '../../../src/sources/servicenow';
import type { CaseSource, HttpRequest } from '../../../src/sources/source';
import { ZendeskCaseSource } from '../../../src/sources/zendesk';
import { FakeFreshdesk } from './freshdesk';
import type { FakeHelpdeskServer } from './helpdesk';
import { FakeServiceNow } from './servicenow';
import { FakeZendesk } from './zendesk';

/**
 * The three fake helpdesks with the credentials and the source that reads each, so that a test
 * drives a source over HTTP on 127.0.0.1 through `pollCases`, the function the triggers call.
 */
export interface HelpdeskUnderTest {
	name: 'ServiceNow' | 'Zendesk' | 'Freshdesk';
	kind: 'servicenow' | 'zendesk' | 'freshdesk';
	server: () => FakeHelpdeskServer;
	auth: Record<string, string>;
	/** The source on the helpdesk's own clock, as n8n's would be (close to it). */
	source: (server: FakeHelpdeskServer, http: HttpRequest, retry: HelpdeskRetryPolicy) => CaseSource;
}

const helpdeskClock = (server: FakeHelpdeskServer) => () => new Date(server.store.now());

export const HELPDESKS_UNDER_TEST: HelpdeskUnderTest[] = [
	{
		name: 'ServiceNow',
		kind: 'servicenow',
		server: () => new FakeServiceNow(),
		auth: basicAuthHeader('integration', 'sn-password'),
		source: (server, http, retry) =>
			new ServiceNowCaseSource(
				{ baseUrl: server.url, table: 'sn_customerservice_case' },
				http,
				retry,
			),
	},
	{
		name: 'Zendesk',
		kind: 'zendesk',
		server: () => new FakeZendesk(),
		auth: basicAuthHeader('agent@acme.example/token', 'zd-token'),
		source: (server, http, retry) =>
			new ZendeskCaseSource({ baseUrl: server.url }, http, helpdeskClock(server), retry),
	},
	{
		name: 'Freshdesk',
		kind: 'freshdesk',
		server: () => new FakeFreshdesk(),
		auth: basicAuthHeader('fd-key', 'X'),
		source: (server, http, retry) =>
			new FreshdeskCaseSource({ baseUrl: server.url }, http, retry, helpdeskClock(server)),
	},
];

/** The source as the trigger builds it (createCaseSource), for the benchmark. */
export function triggerSource(
	helpdesk: HelpdeskUnderTest,
	server: FakeHelpdeskServer,
	http: HttpRequest,
	retry?: HelpdeskRetryPolicy,
): CaseSource {
	return createCaseSource(
		{ kind: helpdesk.kind, baseUrl: server.url },
		http,
		helpdeskClock(server),
		retry,
	);
}

/** Retries that do not wait: the fake's clock only moves when the test moves it. */
export function instantRetry(waits: number[] = []): HelpdeskRetryPolicy {
	return {
		retries: 3,
		baseDelayMs: 1000,
		maxDelayMs: 120_000,
		sleep: async (ms) => void waits.push(ms),
	};
}

export function helpdeskHttp(helpdesk: HelpdeskUnderTest): HttpRequest {
	return fetchHttpRequest(helpdesk.auth);
}

/**
 * One poll as the trigger runs it at the helpdesk's current time, with the state stored as n8n
 * stores static data (JSON), so every poll is also a restart.
 */
export async function pollAsTrigger(
	source: CaseSource,
	server: FakeHelpdeskServer,
	state: PollState,
	settings: PollSettings,
	pageSize?: number,
): Promise<PollResult> {
	const result = await pollCases(source, state, new Date(server.store.now()), settings, pageSize);
	return { ...result, state: readPollState(JSON.parse(JSON.stringify(result.state))) };
}

/** The new activity a poll emitted, as `caseId messageId` keys. */
export function activityKeys(cases: Case[]): string[] {
	return cases.flatMap((supportCase) =>
		supportCase.newActivity.map((id) => `${supportCase.id} ${id}`),
	);
}

/** The id a source gives a fake's ticket or message: ServiceNow's sys_id is 32 hex digits. */
export function sourceId(helpdesk: HelpdeskUnderTest, id: number): string {
	return helpdesk.name === 'ServiceNow' ? id.toString(16).padStart(32, '0') : String(id);
}
