import type { Case } from '../case/case';
import { normalizeCase } from '../case/normalize';
import {
	DEFAULT_RETRY_POLICY,
	requestHelpdesk,
	type HelpdeskRetryPolicy,
	serverTimeOf,
} from './http';
import type { CaseFilters, CasePage, CaseSource, FetchWindow, HttpRequest } from './source';

/**
 * ServiceNow through the Table API: CSM cases (`sn_customerservice_case`) or incidents, changed
 * since a time (`sys_updated_on>=yyyy-MM-dd HH:mm:ss^ORDERBYsys_updated_on^ORDERBYsys_id`,
 * paged by keyset: `sys_updated_on>T^NQsys_updated_on=T^sys_id>ID`). The times are the internal UTC values (`sysparm_display_value=all` gives
 * both the value and the display name of references). Customer comments and work notes of a
 * whole page of records come from `sys_journal_field` in one query; work notes are internal.
 */
export type ServiceNowTable = 'sn_customerservice_case' | 'incident';

export interface ServiceNowSettings {
	/** e.g. https://acme.service-now.com */
	baseUrl: string;
	table: ServiceNowTable;
	filters?: CaseFilters;
}

interface FieldValue {
	value: string;
	display_value: string;
}

type ServiceNowRecord = Record<string, FieldValue | undefined>;

/** Where the previous page ended, in the order the source reads: sys_updated_on, then sys_id. */
interface KeysetPosition {
	updatedOn: string;
	sysId: string;
}

interface JournalEntry {
	sys_id: string;
	element: 'comments' | 'work_notes';
	element_id: string;
	value: string;
	sys_created_on: string;
	sys_created_by: string;
}

const COMMON_FIELDS = [
	'sys_id',
	'number',
	'short_description',
	'description',
	'state',
	'active',
	'priority',
	'contact_type',
	'assignment_group',
	'assigned_to',
	'assigned_to.email',
	'sys_created_on',
	'sys_updated_on',
	'sys_mod_count',
];
const TABLE_FIELDS: Record<
	ServiceNowTable,
	{ requester: string; account: string; fields: string[] }
> = {
	sn_customerservice_case: {
		requester: 'contact',
		account: 'account',
		fields: ['contact', 'contact.user_name', 'contact.email', 'account'],
	},
	incident: {
		requester: 'caller_id',
		account: 'company',
		fields: ['caller_id', 'caller_id.user_name', 'caller_id.email', 'company'],
	},
};

export class ServiceNowCaseSource implements CaseSource {
	readonly name = 'ServiceNow';

	constructor(
		private readonly settings: ServiceNowSettings,
		private readonly http: HttpRequest,
		private readonly retry: HelpdeskRetryPolicy = DEFAULT_RETRY_POLICY,
	) {}

	async fetchChanged(window: FetchWindow, limit: number): Promise<CasePage> {
		const after = window.cursor ? (JSON.parse(window.cursor) as KeysetPosition) : null;
		const filters = this.filterQuery();
		// Keyset paging: the next page starts after the last record read, by (sys_updated_on,
		// sys_id), so a write while the poll pages moves a record later instead of shifting an
		// offset past one that was never listed.
		const query = after
			? [
					`sys_updated_on>${after.updatedOn}`,
					...filters,
					`NQsys_updated_on=${after.updatedOn}`,
					`sys_id>${after.sysId}`,
					...filters,
				]
			: [`sys_updated_on>=${serviceNowTime(window.since)}`, ...filters];
		const response = await this.get(`/api/now/table/${this.settings.table}`, {
			sysparm_query: [...query, 'ORDERBYsys_updated_on', 'ORDERBYsys_id'].join('^'),
			sysparm_fields: this.fields().join(','),
			sysparm_display_value: 'all',
			sysparm_exclude_reference_link: 'true',
			sysparm_limit: limit,
		});
		const records = (response.body as { result: ServiceNowRecord[] }).result;
		const revisions: Record<string, string | null> = {};
		const changed = records.filter((record) => {
			const sysId = value(record, 'sys_id');
			const revision = revisionOf(record);
			if (revision !== undefined) revisions[sysId] = revision;
			return !window.handled?.(
				sysId,
				revision ?? serviceNowIso(value(record, 'sys_updated_on')) ?? '',
			);
		});
		const cases = await this.toCases(changed);
		const last = records.at(-1);
		const complete = records.length < limit || last === undefined;
		return {
			cases,
			nextCursor: complete
				? null
				: JSON.stringify({
						updatedOn: value(last, 'sys_updated_on'),
						sysId: value(last, 'sys_id'),
					} satisfies KeysetPosition),
			complete,
			revisions,
			serverTime: serverTimeOf(response),
		};
	}

	async sample(count: number): Promise<Case[]> {
		const response = await this.get(`/api/now/table/${this.settings.table}`, {
			sysparm_query: [...this.filterQuery(), 'ORDERBYDESCsys_updated_on'].join('^'),
			sysparm_fields: this.fields().join(','),
			sysparm_display_value: 'all',
			sysparm_exclude_reference_link: 'true',
			sysparm_limit: count,
		});
		return await this.toCases((response.body as { result: ServiceNowRecord[] }).result);
	}

	private fields(): string[] {
		return [...COMMON_FIELDS, ...TABLE_FIELDS[this.settings.table].fields];
	}

	private filterQuery(): string[] {
		const filters = this.settings.filters ?? {};
		const query: string[] = [];
		if (filters.state) query.push(`state=${filters.state}`);
		if (filters.priority) query.push(`priority=${filters.priority}`);
		if (filters.group)
			query.push(`assignment_group=${filters.group}^ORassignment_group.name=${filters.group}`);
		if (filters.account)
			query.push(`${TABLE_FIELDS[this.settings.table].account}=${filters.account}`);
		return query;
	}

	private async toCases(records: ServiceNowRecord[]): Promise<Case[]> {
		if (records.length === 0) return [];
		const journal = await this.journalOf(records.map((record) => value(record, 'sys_id')));
		return records.map((record) => this.toCase(record, journal.get(value(record, 'sys_id')) ?? []));
	}

	/** The journal of many records in one paged query, rather than one request per record. */
	private async journalOf(ids: string[]): Promise<Map<string, JournalEntry[]>> {
		const entries: JournalEntry[] = [];
		const pageSize = 1000;
		for (let offset = 0; ; offset += pageSize) {
			const response = await this.get('/api/now/table/sys_journal_field', {
				sysparm_query: `element_idIN${ids.join(',')}^elementINcomments,work_notes^ORDERBYsys_created_on`,
				sysparm_fields: 'sys_id,element,element_id,value,sys_created_on,sys_created_by',
				sysparm_limit: pageSize,
				sysparm_offset: offset,
			});
			const page = (response.body as { result: JournalEntry[] }).result;
			entries.push(...page);
			if (page.length < pageSize) break;
		}
		const byRecord = new Map<string, JournalEntry[]>();
		for (const entry of entries) {
			byRecord.set(entry.element_id, [...(byRecord.get(entry.element_id) ?? []), entry]);
		}
		return byRecord;
	}

	private toCase(record: ServiceNowRecord, journal: JournalEntry[]): Case {
		const table = TABLE_FIELDS[this.settings.table];
		const requesterUser = value(record, `${table.requester}.user_name`);
		const sysId = value(record, 'sys_id');
		return normalizeCase({
			id: sysId,
			number: value(record, 'number'),
			source: 'servicenow',
			url: `${this.baseUrl()}/nav_to.do?uri=${this.settings.table}.do?sys_id=${sysId}`,
			subject: value(record, 'short_description'),
			description: value(record, 'description'),
			state: display(record, 'state'),
			closed: value(record, 'active') === 'false',
			priority: display(record, 'priority'),
			channel: display(record, 'contact_type'),
			group: display(record, 'assignment_group') || null,
			account: value(record, table.account)
				? { id: value(record, table.account), name: display(record, table.account) || null }
				: null,
			requester: value(record, table.requester)
				? {
						id: value(record, table.requester),
						name: display(record, table.requester) || null,
						email: value(record, `${table.requester}.email`) || null,
					}
				: null,
			assignee: value(record, 'assigned_to')
				? {
						id: value(record, 'assigned_to'),
						name: display(record, 'assigned_to') || null,
						email: value(record, 'assigned_to.email') || null,
					}
				: null,
			// When the record was saved: opened_at is when the form was opened, minutes earlier for a
			// phone case, which could fall before the window of the poll that first sees the case.
			createdAt: serviceNowIso(value(record, 'sys_created_on')),
			updatedAt: serviceNowIso(value(record, 'sys_updated_on')),
			messages: journal.map((entry) => ({
				id: entry.sys_id,
				author: entry.sys_created_by,
				// Work notes are the team's; a comment is the requester's when they wrote it.
				role:
					entry.element === 'work_notes' || entry.sys_created_by !== requesterUser
						? 'fulfiller'
						: 'requester',
				visibility: entry.element === 'work_notes' ? 'internal' : 'public',
				text: entry.value,
				createdAt: serviceNowIso(entry.sys_created_on),
			})),
		});
	}

	private baseUrl(): string {
		return this.settings.baseUrl.replace(/\/+$/, '');
	}

	private async get(path: string, qs: Record<string, string | number>) {
		return await requestHelpdesk(
			this.name,
			this.http,
			{ method: 'GET', url: `${this.baseUrl()}${path}`, qs },
			this.retry,
		);
	}
}

/**
 * sys_mod_count moves with every write to the record, a comment stamped before its
 * sys_updated_on included, so a record handled at one count has nothing new until it moves.
 */
function revisionOf(record: ServiceNowRecord): string | undefined {
	const count = value(record, 'sys_mod_count');
	return count === '' ? undefined : `mod ${count}`;
}

function value(record: ServiceNowRecord, field: string): string {
	return record[field]?.value ?? '';
}

function display(record: ServiceNowRecord, field: string): string {
	return record[field]?.display_value ?? record[field]?.value ?? '';
}

/** ServiceNow's internal times: 'yyyy-MM-dd HH:mm:ss' in UTC. */
export function serviceNowTime(iso: string): string {
	return new Date(Date.parse(iso)).toISOString().slice(0, 19).replace('T', ' ');
}

function serviceNowIso(time: string): string | null {
	return time ? `${time.replace(' ', 'T')}Z` : null;
}
