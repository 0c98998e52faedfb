import { DemoCaseSource } from './demo';
import { FreshdeskCaseSource } from './freshdesk';
import { DEFAULT_RETRY_POLICY, type HelpdeskRetryPolicy } from './http';
import { JsonApiCaseSource, type JsonApiSettings } from './jsonApi';
import { ServiceNowCaseSource, type ServiceNowTable } from './servicenow';
import type { CaseFilters, CaseSource, Clock, HttpRequest } from './source';
import { ZendeskCaseSource } from './zendesk';

export const SOURCE_KINDS = ['demo', 'servicenow', 'zendesk', 'freshdesk', 'http'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export interface SourceSettings {
	kind: SourceKind;
	/** The helpdesk's address; for the hosted helpdesks see `helpdeskBaseUrl`. */
	baseUrl?: string;
	table?: ServiceNowTable;
	filters?: CaseFilters;
	/** For the HTTP source. */
	http?: JsonApiSettings;
}

export type HostedKind = Exclude<SourceKind, 'demo' | 'http'>;

const HOSTS: Record<HostedKind, string> = {
	servicenow: 'service-now.com',
	zendesk: 'zendesk.com',
	freshdesk: 'freshdesk.com',
};

/** The override when a credential sets one, else the helpdesk's hosted address. */
export function helpdeskBaseUrl(kind: HostedKind, subdomain: string, override: string): string {
	if (override.trim() !== '') return override.trim().replace(/\/+$/, '');
	return `https://${subdomain.trim()}.${HOSTS[kind]}`;
}

/** The one place a source is built from settings: the trigger node, the CLI and the bench use it. */
export function createCaseSource(
	settings: SourceSettings,
	http: HttpRequest,
	clock: Clock,
	retry: HelpdeskRetryPolicy = DEFAULT_RETRY_POLICY,
): CaseSource {
	const baseUrl = settings.baseUrl ?? '';
	switch (settings.kind) {
		case 'demo':
			return new DemoCaseSource(clock);
		case 'servicenow':
			return new ServiceNowCaseSource(
				{ baseUrl, table: settings.table ?? 'sn_customerservice_case', filters: settings.filters },
				http,
				retry,
			);
		case 'zendesk':
			return new ZendeskCaseSource({ baseUrl, filters: settings.filters }, http, clock, retry);
		case 'freshdesk':
			return new FreshdeskCaseSource({ baseUrl, filters: settings.filters }, http, retry);
		case 'http':
			if (!settings.http) throw new Error('The HTTP source needs its endpoint settings');
			return new JsonApiCaseSource(settings.http, http, retry);
	}
}
