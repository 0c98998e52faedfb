import type { HostedKind } from '../sources/create';
import type { ServiceNowTable } from '../sources/servicenow';
import type { HttpRequestOptions, HttpResponse } from '../sources/source';
import type { CaseMarks, WriteBackTargets, WritePlan } from './plan';

/**
 * Each helpdesk's side of the write-back: how to read what a case holds (its sentiment field,
 * score field and tags, and the version a conditional update names) and the documented requests
 * that write a plan. Pure: writeBack.ts sends the requests through the sources' HTTP layer.
 */
export interface CaseState {
	marks: CaseMarks;
	/** What a conditional update names (Zendesk's updated_at), null where there is none. */
	version: string | null;
}

export interface HelpdeskWriter {
	readonly name: string;
	readRequest(caseId: string): HttpRequestOptions;
	/** What the case holds, from the answer to `readRequest`. */
	stateOf(response: HttpResponse): CaseState;
	/** The requests that write the plan, in order. */
	writeRequests(caseId: string, plan: WritePlan, state: CaseState): HttpRequestOptions[];
	/**
	 * The fields a helpdesk answered a write with but did not store, where it says so in its
	 * answer (ServiceNow ignores a field the table does not have and answers 200).
	 */
	unstoredFields?(response: HttpResponse, plan: WritePlan): string[];
}

export interface WriterSettings {
	kind: HostedKind;
	baseUrl: string;
	/** ServiceNow only: the table the case is in. */
	table?: ServiceNowTable;
	targets: WriteBackTargets;
}

export function helpdeskWriter(settings: WriterSettings): HelpdeskWriter {
	const baseUrl = settings.baseUrl.replace(/\/+$/, '');
	switch (settings.kind) {
		case 'servicenow':
			return serviceNowWriter(
				baseUrl,
				settings.table ?? 'sn_customerservice_case',
				settings.targets,
			);
		case 'zendesk':
			return zendeskWriter(baseUrl, settings.targets);
		case 'freshdesk':
			return freshdeskWriter(baseUrl, settings.targets);
	}
}

function numberOrNull(value: unknown): number | null {
	if (value === null || value === undefined || value === '') return null;
	const number = Number(value);
	return Number.isFinite(number) ? number : null;
}

function textOrNull(value: unknown): string | null {
	return value === null || value === undefined || value === '' ? null : String(value);
}

/** A case id as a path segment: the helpdesks' ids are digits (Zendesk, Freshdesk) or hex (ServiceNow). */
function pathId(caseId: string): string {
	return encodeURIComponent(caseId.trim());
}

/**
 * ServiceNow's Table API (read from ServiceNow's docs, "Table - GET /now/table/{tableName}/{sys_id}"
 * and "Table - PATCH /now/table/{tableName}/{sys_id}"): PATCH sets only the fields sent, a
 * `work_notes` value becomes a work note (internal, in sys_journal_field), and the answer is the
 * record (`{"result": {...}}`). The Table API has no conditional update, so there is no version.
 */
function serviceNowWriter(
	baseUrl: string,
	table: ServiceNowTable,
	targets: WriteBackTargets,
): HelpdeskWriter {
	const fields = [targets.levelField, targets.scoreField].filter(
		(field): field is string => field !== null,
	);
	const url = (caseId: string) => `${baseUrl}/api/now/table/${table}/${pathId(caseId)}`;
	return {
		name: 'ServiceNow',
		readRequest: (caseId) => ({
			method: 'GET',
			url: url(caseId),
			qs: {
				sysparm_fields: ['sys_id', ...fields].join(','),
				sysparm_exclude_reference_link: 'true',
			},
		}),
		stateOf: (response) => {
			const record = ((response.body as { result?: Record<string, unknown> })?.result ??
				{}) as Record<string, unknown>;
			return {
				marks: {
					level: targets.levelField ? textOrNull(record[targets.levelField]) : null,
					score: targets.scoreField ? numberOrNull(record[targets.scoreField]) : null,
					tags: [],
				},
				version: null,
			};
		},
		writeRequests: (caseId, plan) => [
			{
				method: 'PATCH',
				url: url(caseId),
				qs: {
					sysparm_fields: ['sys_id', ...fields].join(','),
					sysparm_exclude_reference_link: 'true',
				},
				body: { ...plan.fields, ...(plan.note ? { work_notes: plan.note } : {}) },
			},
		],
		unstoredFields: (response, plan) => {
			const record = ((response.body as { result?: Record<string, unknown> })?.result ??
				{}) as Record<string, unknown>;
			return Object.entries(plan.fields)
				.filter(([field, value]) => String(record[field] ?? '') !== String(value))
				.map(([field]) => field);
		},
	};
}

interface ZendeskTicket {
	updated_at?: string;
	tags?: string[];
	custom_fields?: Array<{ id: number | string; value: unknown }>;
}

/**
 * Zendesk's Tickets API (developer.zendesk.com, "Update Ticket", "Adding tags to tickets without
 * overwriting existing tags", "Creating and updating tickets"): PUT /api/v2/tickets/{id}.json with
 * `custom_fields: [{id, value}]`, `tags` (which replaces the ticket's tags, so the plan sends the
 * whole list), and `comment: {body, public: false}` for a private comment, all in one update.
 * `safe_update: true` with `updated_stamp` set to the updated_at read makes Zendesk answer 409
 * (UpdateConflict) when the ticket changed since: the write is then planned again.
 */
function zendeskWriter(baseUrl: string, targets: WriteBackTargets): HelpdeskWriter {
	const url = (caseId: string) => `${baseUrl}/api/v2/tickets/${pathId(caseId)}.json`;
	const field = (ticket: ZendeskTicket, id: string | null) =>
		id === null
			? undefined
			: ticket.custom_fields?.find((candidate) => String(candidate.id) === id)?.value;
	return {
		name: 'Zendesk',
		readRequest: (caseId) => ({ method: 'GET', url: url(caseId) }),
		stateOf: (response) => {
			const ticket = (response.body as { ticket?: ZendeskTicket })?.ticket ?? {};
			return {
				marks: {
					level: textOrNull(field(ticket, targets.levelField)),
					score: numberOrNull(field(ticket, targets.scoreField)),
					tags: ticket.tags ?? [],
				},
				version: ticket.updated_at ?? null,
			};
		},
		writeRequests: (caseId, plan, state) => {
			const customFields = Object.entries(plan.fields).map(([id, value]) => ({
				id: /^\d+$/.test(id) ? Number(id) : id,
				value,
			}));
			return [
				{
					method: 'PUT',
					url: url(caseId),
					body: {
						ticket: {
							...(customFields.length > 0 ? { custom_fields: customFields } : {}),
							...(plan.tags ? { tags: plan.tags } : {}),
							...(plan.note ? { comment: { body: plan.note, public: false } } : {}),
							...(state.version ? { safe_update: true, updated_stamp: state.version } : {}),
						},
					},
				},
			];
		},
	};
}

interface FreshdeskTicket {
	tags?: string[];
	custom_fields?: Record<string, unknown>;
}

/**
 * Freshdesk's API v2 (developers.freshdesk.com, "Update a Ticket", "Create a Note"; the support
 * article "Create and update tickets with custom fields using API"): PUT /api/v2/tickets/{id}
 * with `custom_fields: {cf_name: value}` and `tags` (the whole list: it replaces the ticket's),
 * then POST /api/v2/tickets/{id}/notes with `{body, private: true}` (an HTML body). Freshdesk has
 * no conditional update.
 */
function freshdeskWriter(baseUrl: string, targets: WriteBackTargets): HelpdeskWriter {
	const url = (caseId: string) => `${baseUrl}/api/v2/tickets/${pathId(caseId)}`;
	return {
		name: 'Freshdesk',
		readRequest: (caseId) => ({ method: 'GET', url: url(caseId) }),
		stateOf: (response) => {
			const ticket = (response.body as FreshdeskTicket | null) ?? {};
			const fields = ticket.custom_fields ?? {};
			return {
				marks: {
					level: targets.levelField ? textOrNull(fields[targets.levelField]) : null,
					score: targets.scoreField ? numberOrNull(fields[targets.scoreField]) : null,
					tags: ticket.tags ?? [],
				},
				version: null,
			};
		},
		writeRequests: (caseId, plan) => {
			const requests: HttpRequestOptions[] = [];
			if (Object.keys(plan.fields).length > 0 || plan.tags) {
				requests.push({
					method: 'PUT',
					url: url(caseId),
					body: {
						...(Object.keys(plan.fields).length > 0 ? { custom_fields: plan.fields } : {}),
						...(plan.tags ? { tags: plan.tags } : {}),
					},
				});
			}
			if (plan.note) {
				requests.push({
					method: 'POST',
					url: `${url(caseId)}/notes`,
					body: { body: `<div>${escapeHtml(plan.note)}</div>`, private: true },
				});
			}
			return requests;
		},
	};
}

function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}
