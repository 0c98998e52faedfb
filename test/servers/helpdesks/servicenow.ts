import type { IncomingMessage } from 'node:http';

import {
	type ApiRequest,
	basicCredentials,
	jsonBody,
	type FakeMessage,
	type FakeResponse,
	type FakeTicket,
	FakeHelpdeskServer,
} from './helpdesk';

const STATE: Record<FakeTicket['status'], { value: string; display: string }> = {
	new: { value: '1', display: 'New' },
	open: { value: '10', display: 'Open' },
	pending: { value: '18', display: 'Awaiting Info' },
	solved: { value: '6', display: 'Resolved' },
	closed: { value: '3', display: 'Closed' },
};
const PRIORITY: Record<FakeTicket['priority'], { value: string; display: string }> = {
	urgent: { value: '1', display: '1 - Critical' },
	high: { value: '2', display: '2 - High' },
	medium: { value: '3', display: '3 - Moderate' },
	low: { value: '4', display: '4 - Low' },
};

/**
 * ServiceNow's Table API as documented: `/api/now/table/{table}` with `sysparm_query` (the
 * encoded-query subset the source uses: `field>=value`, `field=value`, `fieldINa,b`, `^OR`,
 * `ORDERBY`/`ORDERBYDESC`, `^NQ` for alternative queries), `sysparm_fields` with dot-walking, `sysparm_display_value=all`,
 * `sysparm_limit`/`sysparm_offset` with a `Link` header and `X-Total-Count`, times as
 * 'yyyy-MM-dd HH:mm:ss' UTC, the journal in `sys_journal_field`, basic auth or an OAuth bearer
 * token, and `{"error": {message, detail}, "status": "failure"}` bodies. The awkward parts too:
 * offsets count rows at request time (a write between pages shifts them), `opened_at` is when
 * the form was opened (before `sys_created_on` for a phone case), `sys_mod_count` counts every
 * write, and a comment can be stamped before the record's `sys_updated_on` and appear later.
 */
export class FakeServiceNow extends FakeHelpdeskServer {
	constructor(
		readonly user = 'integration',
		readonly password = 'sn-password',
		readonly oauthToken = 'sn-oauth',
	) {
		super();
	}

	protected authorized(headers: IncomingMessage['headers']): boolean {
		if (headers.authorization === `Bearer ${this.oauthToken}`) return true;
		const basic = basicCredentials(headers);
		return basic !== null && basic.user === this.user && basic.secret === this.password;
	}

	protected unauthorized(): FakeResponse {
		return {
			status: 401,
			body: {
				error: {
					message: 'User Not Authenticated',
					detail: 'Required to provide Auth information',
				},
				status: 'failure',
			},
		};
	}

	protected rateLimited(retryAfterSeconds: number): FakeResponse {
		return {
			status: 429,
			headers: { 'retry-after': String(retryAfterSeconds) },
			body: {
				error: { message: 'Rate limit exceeded', detail: 'Too many requests' },
				status: 'failure',
			},
		};
	}

	/**
	 * Custom columns of the case and incident tables (an admin adds them, prefixed u_). The Table
	 * API ignores a field the table does not have: a PATCH naming one answers 200 and stores nothing.
	 */
	readonly customColumns = new Set(['u_sentiment', 'u_sentiment_score']);

	protected handle(request: ApiRequest): FakeResponse {
		const { url } = request;
		const record = /^\/api\/now\/table\/(\w+)\/(\w+)$/.exec(url.pathname);
		if (record && (record[1] === 'sn_customerservice_case' || record[1] === 'incident'))
			return this.record(request, record[1], record[2]);
		if (request.method !== 'GET')
			return {
				status: 405,
				body: { error: { message: 'Method not Supported' }, status: 'failure' },
			};
		const table = /^\/api\/now\/table\/(\w+)$/.exec(url.pathname)?.[1];
		if (table === 'sn_customerservice_case' || table === 'incident') {
			return this.page(
				url,
				this.store.tickets.map((ticket) => caseRecord(ticket, table, this.customColumns)),
			);
		}
		if (table === 'sys_journal_field') {
			return this.page(
				url,
				this.store.tickets.flatMap((ticket) =>
					ticket.messages.map((message) => journalRecord(ticket, message)),
				),
			);
		}
		if (table === 'sys_user') return this.page(url, []);
		return {
			status: 400,
			body: {
				error: { message: 'Invalid table', detail: `Table ${table} does not exist` },
				status: 'failure',
			},
		};
	}

	/**
	 * One record, as ServiceNow's docs describe "Table - GET /now/table/{tableName}/{sys_id}" and
	 * "Table - PATCH (or PUT) /now/table/{tableName}/{sys_id}": the answer is `{"result": record}`
	 * with `sysparm_fields`; a PATCH sets only the fields sent, `work_notes` adds a work note and
	 * `comments` an additional comment to the journal, and every update moves sys_mod_count and
	 * sys_updated_on. A sys_id that is not there: 404 "No Record found".
	 */
	private record(request: ApiRequest, table: string, id: string): FakeResponse {
		const ticket = this.store.tickets.find((candidate) => sysId(candidate.id) === id);
		if (!ticket) {
			return {
				status: 404,
				body: {
					error: {
						message: 'No Record found',
						detail: "Record doesn't exist or ACL restricts the record retrieval",
					},
					status: 'failure',
				},
			};
		}
		if (request.method === 'PATCH' || request.method === 'PUT') {
			const update = jsonBody(request);
			if (!update) {
				return {
					status: 400,
					body: {
						error: {
							message: 'Exception while reading request',
							detail: 'The payload is not valid JSON.',
						},
						status: 'failure',
					},
				};
			}
			for (const [field, value] of Object.entries(update)) {
				if (this.customColumns.has(field))
					ticket.fields[field] = value === null ? null : (value as string | number);
			}
			const note = (field: 'work_notes' | 'comments') =>
				typeof update[field] === 'string' && update[field] !== '' ? String(update[field]) : null;
			const workNote = note('work_notes');
			const comment = note('comments');
			if (workNote)
				this.store.addMessage(ticket.id, { role: 'agent', internal: true, text: workNote });
			if (comment) this.store.addMessage(ticket.id, { role: 'agent', text: comment });
			if (!workNote && !comment) this.store.systemUpdate(ticket.id);
			this.recordWrite(ticket.id, request);
		} else if (request.method !== 'GET') {
			return {
				status: 405,
				body: { error: { message: 'Method not Supported' }, status: 'failure' },
			};
		}
		return {
			status: 200,
			body: { result: selectFields(caseRecord(ticket, table, this.customColumns), request.url) },
		};
	}

	private page(url: URL, all: Row[]): FakeResponse {
		const { queries, order } = parseQuery(url.searchParams.get('sysparm_query') ?? '');
		// Offsets count rows as they are at request time: a write between two pages shifts them.
		let rows = all.filter((row) =>
			queries.some((filters) =>
				filters.every((alternatives) => alternatives.some((condition) => condition(row))),
			),
		);
		for (const { field, descending } of [...order].reverse()) {
			// Values compare as the stored strings (times are 'yyyy-MM-dd HH:mm:ss', ids hex).
			rows = [...rows].sort((a, b) => {
				const [left, right] = [a[field] ?? '', b[field] ?? ''];
				return (left < right ? -1 : left > right ? 1 : 0) * (descending ? -1 : 1);
			});
		}
		const limit = Number(url.searchParams.get('sysparm_limit') ?? 10_000);
		const offset = Number(url.searchParams.get('sysparm_offset') ?? 0);
		const slice = rows.slice(offset, offset + limit);
		const headers: Record<string, string> = { 'x-total-count': String(rows.length) };
		if (offset + limit < rows.length) {
			const next = new URL(url.toString());
			next.searchParams.set('sysparm_offset', String(offset + limit));
			headers.link = `<${next.toString()}>;rel="next"`;
		}
		return {
			status: 200,
			headers,
			body: { result: slice.map((row) => selectFields(row, url)) },
		};
	}
}

/** A row as the Table API answers it: the fields of `sysparm_fields`, values or value and display. */
function selectFields(row: Row, url: URL): Record<string, unknown> {
	const fields = url.searchParams.get('sysparm_fields')?.split(',');
	const displayAll = url.searchParams.get('sysparm_display_value') === 'all';
	const out: Record<string, unknown> = {};
	for (const field of fields ?? Object.keys(row).filter((key) => !key.endsWith('$display'))) {
		const value = row[field] ?? '';
		out[field] = displayAll ? { value, display_value: row[`${field}$display`] ?? value } : value;
	}
	return out;
}

/** A record as flat strings: `field` is the value, `field$display` the display value. */
type Row = Record<string, string>;

function caseRecord(ticket: FakeTicket, table: string, customColumns: Set<string>): Row {
	const requester = table === 'incident' ? 'caller_id' : 'contact';
	const account = table === 'incident' ? 'company' : 'account';
	const custom = Object.fromEntries(
		[...customColumns].map((column) => [column, String(ticket.fields[column] ?? '')]),
	);
	return {
		...custom,
		sys_id: sysId(ticket.id),
		number: `${table === 'incident' ? 'INC' : 'CS'}${String(ticket.id).padStart(7, '0')}`,
		short_description: ticket.subject,
		description: ticket.description,
		state: STATE[ticket.status].value,
		state$display: STATE[ticket.status].display,
		active: String(ticket.status !== 'closed'),
		priority: PRIORITY[ticket.priority].value,
		priority$display: PRIORITY[ticket.priority].display,
		contact_type: ticket.channel,
		contact_type$display: ticket.channel[0].toUpperCase() + ticket.channel.slice(1),
		assignment_group: sysId(ticket.group.id),
		assignment_group$display: ticket.group.name,
		'assignment_group.name': ticket.group.name,
		assigned_to: ticket.assignee ? sysId(ticket.assignee.id) : '',
		assigned_to$display: ticket.assignee?.name ?? '',
		'assigned_to.email': ticket.assignee?.email ?? '',
		[requester]: sysId(ticket.requester.id),
		[`${requester}$display`]: ticket.requester.name,
		[`${requester}.user_name`]: ticket.requester.userName,
		[`${requester}.email`]: ticket.requester.email,
		[account]: sysId(ticket.account.id),
		[`${account}$display`]: ticket.account.name,
		// Stamped when the agent opened the form; the record exists from sys_created_on.
		opened_at: serviceNowTime(ticket.openedAt),
		sys_created_on: serviceNowTime(ticket.createdAt),
		sys_updated_on: serviceNowTime(ticket.updatedAt),
		sys_mod_count: String(ticket.modCount),
	};
}

function journalRecord(ticket: FakeTicket, message: FakeMessage): Row {
	return {
		sys_id: sysId(message.id),
		element: message.internal ? 'work_notes' : 'comments',
		element_id: sysId(ticket.id),
		name: 'sn_customerservice_case',
		value: message.text,
		sys_created_on: serviceNowTime(message.createdAt),
		sys_created_by: message.author.userName,
	};
}

function sysId(id: number): string {
	return id.toString(16).padStart(32, '0');
}

function serviceNowTime(ms: number): string {
	return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

type Condition = (row: Row) => boolean;

/**
 * An encoded query: `^NQ` separates alternative queries (a row matches any of them), `^` ANDs
 * terms, `^OR` ORs a term with the one before, and ORDERBY terms anywhere order the whole result.
 */
function parseQuery(query: string): {
	queries: Condition[][][];
	order: Array<{ field: string; descending: boolean }>;
} {
	const queries: Condition[][][] = [];
	const order: Array<{ field: string; descending: boolean }> = [];
	for (const part of query.split('^NQ')) {
		const filters: Condition[][] = [];
		for (const term of part.split('^').filter((piece) => piece !== '')) {
			if (term.startsWith('ORDERBYDESC')) order.push({ field: term.slice(11), descending: true });
			else if (term.startsWith('ORDERBY')) order.push({ field: term.slice(7), descending: false });
			else if (term.startsWith('OR') && filters.length > 0)
				filters[filters.length - 1].push(condition(term.slice(2)));
			else filters.push([condition(term)]);
		}
		queries.push(filters);
	}
	return { queries, order };
}

function condition(term: string): Condition {
	const match = /^([\w.]+?)(>=|<=|!=|IN|=|>|<)(.*)$/.exec(term);
	if (!match) throw new Error(`Unsupported query term ${term}`);
	const [, field, operator, value] = match;
	switch (operator) {
		case '>=':
			return (row) => (row[field] ?? '') >= value;
		case '<=':
			return (row) => (row[field] ?? '') <= value;
		case '>':
			return (row) => (row[field] ?? '') > value;
		case '<':
			return (row) => (row[field] ?? '') < value;
		case '!=':
			return (row) => (row[field] ?? '') !== value;
		case 'IN': {
			const values = new Set(value.split(','));
			return (row) => values.has(row[field] ?? '');
		}
		default:
			return (row) => (row[field] ?? '') === value;
	}
}
