import type { Case } from '../case/case';
import { normalizeCase } from '../case/normalize';
import { SECOND_MS } from '../case/time';
import {
	DEFAULT_RETRY_POLICY,
	requestHelpdesk,
	type HelpdeskRetryPolicy,
	serverTimeOf,
} from './http';
import type {
	CaseFilters,
	CasePage,
	CaseSource,
	Clock,
	FetchWindow,
	HttpRequest,
	HttpResponse,
} from './source';

/**
 * Freshdesk through `/api/v2/tickets?updated_since=...&order_by=updated_at&order_type=asc`.
 * Each page restarts the list at the updated_at of the last ticket read (the cursor carries it
 * and, for a second busier than a page, the page number), so concurrent writes cannot shift a
 * ticket past a page boundary and the 300-page limit of one list is never reached. Freshdesk
 * has no batch conversation endpoint: one request per changed ticket, within the account's
 * rate budget. The ticket's
 * description is the requester's opening; conversations are the messages (`incoming` is the
 * customer, `private` is an internal note).
 */
export interface FreshdeskSettings {
	/** e.g. https://acme.freshdesk.com */
	baseUrl: string;
	filters?: CaseFilters;
}

const MAX_PAGE = 300;
const STATUS: Record<number, string> = { 2: 'open', 3: 'pending', 4: 'resolved', 5: 'closed' };
const PRIORITY: Record<number, string> = { 1: 'low', 2: 'medium', 3: 'high', 4: 'urgent' };
const CHANNEL: Record<number, string> = {
	1: 'email',
	2: 'portal',
	3: 'phone',
	7: 'chat',
	9: 'feedback_widget',
	10: 'outbound_email',
};

interface FreshdeskTicket {
	id: number;
	subject: string;
	description_text?: string;
	status: number;
	priority: number;
	source: number;
	requester_id: number;
	requester?: { id: number; name: string; email: string | null };
	responder_id: number | null;
	group_id: number | null;
	company_id: number | null;
	created_at: string;
	updated_at: string;
	spam?: boolean;
	deleted?: boolean;
	tags?: string[];
}

interface FreshdeskConversation {
	id: number;
	body_text: string;
	incoming: boolean;
	private: boolean;
	user_id: number;
	from_email?: string | null;
	created_at: string;
	updated_at?: string;
}

interface FreshdeskCursor {
	since: string;
	page: number;
}

/**
 * The account's request budget as Freshdesk reports it on every response (`X-RateLimit-Total`,
 * `X-RateLimit-Remaining` per minute; `X-RateLimit-Used-CurrentRequest` is what one request
 * cost). A poll stops while a tenth of the budget is left, for the account's other users and
 * so that the next poll does not start on a 429.
 */
class RateBudget {
	private total: number | null = null;
	private remaining: number | null = null;
	private lastCost = 1;

	read(headers: Record<string, string>): void {
		const total = Number(headers['x-ratelimit-total']);
		const remaining = Number(headers['x-ratelimit-remaining']);
		const cost = Number(headers['x-ratelimit-used-currentrequest']);
		if (headers['x-ratelimit-total'] !== undefined && Number.isFinite(total)) this.total = total;
		if (headers['x-ratelimit-remaining'] !== undefined && Number.isFinite(remaining))
			this.remaining = remaining;
		if (headers['x-ratelimit-used-currentrequest'] !== undefined && Number.isFinite(cost))
			this.lastCost = Math.max(cost, 1);
	}

	/** Whether reading one more thread would eat into the reserve. */
	nearlySpent(): boolean {
		if (this.total === null || this.remaining === null) return false;
		const reserve = Math.max(Math.ceil(this.total / 10), 2 * this.lastCost);
		return this.remaining - this.lastCost < reserve;
	}
}

export class FreshdeskCaseSource implements CaseSource {
	readonly name = 'Freshdesk';
	private readonly budget = new RateBudget();

	constructor(
		private readonly settings: FreshdeskSettings,
		private readonly http: HttpRequest,
		private readonly retry: HelpdeskRetryPolicy = DEFAULT_RETRY_POLICY,
		private readonly clock: Clock = () => new Date(),
	) {}

	async fetchChanged(window: FetchWindow, limit: number): Promise<CasePage> {
		const position: FreshdeskCursor = window.cursor
			? (JSON.parse(window.cursor) as FreshdeskCursor)
			: { since: window.since, page: 1 };
		const perPage = Math.min(Math.max(limit, 1), 100);
		const response = await this.get('/api/v2/tickets', {
			updated_since: isoSeconds(position.since),
			order_by: 'updated_at',
			order_type: 'asc',
			include: 'requester,description',
			page: position.page,
			per_page: perPage,
		});
		const tickets = response.body as FreshdeskTicket[];
		const serverTime = serverTimeOf(response);
		const helpdeskNow = Date.parse(serverTime ?? this.clock().toISOString());
		const settledBefore = helpdeskNow - (window.lateWriteSeconds ?? 0) * 1000;
		const cases: Case[] = [];
		const revisions: Record<string, string | null> = {};
		let index = 0;
		for (; index < tickets.length; index++) {
			const ticket = tickets[index];
			if (ticket.spam || ticket.deleted || !this.matches(ticket)) continue;
			const id = String(ticket.id);
			const settled = Date.parse(ticket.updated_at) < settledBefore;
			if (window.handled?.(id, ticket.updated_at)) continue;
			if (!settled && window.handled?.(id, readRevision(ticket.updated_at))) continue;
			// Stop while the account still has requests left for others (and for this ticket).
			if (this.budget.nearlySpent()) break;
			const { supportCase, latestWriteAt } = await this.read(ticket);
			cases.push(supportCase);
			revisions[id] = revisionAfterRead(ticket.updated_at, latestWriteAt, helpdeskNow, settled);
		}
		if (index < tickets.length) {
			// The rest of this page comes next poll, which starts over at the window start.
			return { cases, nextCursor: null, complete: false, revisions, serverTime, stopped: true };
		}
		const last = tickets.at(-1);
		if (tickets.length < perPage || last === undefined) {
			return { cases, nextCursor: null, complete: true, revisions, serverTime };
		}
		// The next page starts at the last updated_at read, so writes while the poll pages cannot
		// shift a ticket past the page boundary; the tickets of that second come again and are
		// skipped as handled. A whole page of one second goes on by page number (up to 300).
		const next: FreshdeskCursor =
			last.updated_at !== position.since && Date.parse(last.updated_at) > Date.parse(position.since)
				? { since: last.updated_at, page: 1 }
				: position.page < MAX_PAGE
					? { since: position.since, page: position.page + 1 }
					: { since: new Date(Date.parse(last.updated_at) + 1000).toISOString(), page: 1 };
		return { cases, nextCursor: JSON.stringify(next), complete: false, revisions, serverTime };
	}

	async sample(count: number): Promise<Case[]> {
		const tickets = (
			await this.get('/api/v2/tickets', {
				order_by: 'updated_at',
				order_type: 'desc',
				include: 'requester,description',
				per_page: Math.min(count, 100),
			})
		).body as FreshdeskTicket[];
		const cases: Case[] = [];
		for (const ticket of tickets.slice(0, count)) cases.push((await this.read(ticket)).supportCase);
		return cases;
	}

	private matches(ticket: FreshdeskTicket): boolean {
		const filters = this.settings.filters ?? {};
		if (
			filters.state &&
			STATUS[ticket.status] !== filters.state &&
			String(ticket.status) !== filters.state
		)
			return false;
		if (
			filters.priority &&
			PRIORITY[ticket.priority] !== filters.priority &&
			String(ticket.priority) !== filters.priority
		)
			return false;
		if (filters.group && String(ticket.group_id) !== filters.group) return false;
		if (filters.account && String(ticket.company_id) !== filters.account) return false;
		return true;
	}

	/** The ticket as a case, with the time of the latest write read: its creation or a conversation. */
	private async read(
		ticket: FreshdeskTicket,
	): Promise<{ supportCase: Case; latestWriteAt: number }> {
		const conversations: FreshdeskConversation[] = [];
		for (let page = 1; ; page++) {
			const batch = (
				await this.get(`/api/v2/tickets/${ticket.id}/conversations`, {
					page,
					per_page: 100,
				})
			).body as FreshdeskConversation[];
			conversations.push(...batch);
			if (batch.length < 100) break;
		}
		const status = STATUS[ticket.status] ?? String(ticket.status);
		const latestWriteAt = Math.max(
			Date.parse(ticket.created_at),
			...conversations.map((conversation) =>
				Math.max(
					Date.parse(conversation.created_at),
					Date.parse(conversation.updated_at ?? conversation.created_at),
				),
			),
		);
		const supportCase = normalizeCase({
			id: String(ticket.id),
			number: String(ticket.id),
			source: 'freshdesk',
			url: `${this.baseUrl()}/a/tickets/${ticket.id}`,
			subject: ticket.subject,
			description: ticket.description_text ?? '',
			state: status,
			closed: status === 'resolved' || status === 'closed',
			priority: PRIORITY[ticket.priority] ?? String(ticket.priority),
			channel: CHANNEL[ticket.source] ?? String(ticket.source),
			group: ticket.group_id === null ? null : String(ticket.group_id),
			account: ticket.company_id === null ? null : { id: String(ticket.company_id), name: null },
			requester: {
				id: String(ticket.requester_id),
				name: ticket.requester?.name ?? null,
				email: ticket.requester?.email ?? null,
			},
			assignee:
				ticket.responder_id === null
					? null
					: { id: String(ticket.responder_id), name: null, email: null },
			createdAt: ticket.created_at,
			updatedAt: ticket.updated_at,
			messages: conversations.map((conversation) => ({
				id: String(conversation.id),
				author: conversation.from_email ?? String(conversation.user_id),
				role: conversation.incoming ? 'requester' : 'fulfiller',
				visibility: conversation.private ? 'internal' : 'public',
				text: conversation.body_text,
				createdAt: conversation.created_at,
			})),
			customFields: ticket.tags?.length ? { tags: ticket.tags } : {},
		});
		return { supportCase, latestWriteAt };
	}

	private baseUrl(): string {
		return this.settings.baseUrl.replace(/\/+$/, '');
	}

	private async get(path: string, qs: Record<string, string | number>): Promise<HttpResponse> {
		const response = await requestHelpdesk(
			this.name,
			this.http,
			{ method: 'GET', url: `${this.baseUrl()}${path}`, qs },
			this.retry,
		);
		this.budget.read(response.headers);
		return response;
	}
}

/** The revision of a ticket read at an updated_at that late writes could still reach. */
function readRevision(updatedAt: string): string {
	return `read ${updatedAt}`;
}

/**
 * What the poll remembers a ticket as handled at, after reading its thread (see
 * `CasePage.revisions`). Freshdesk moves `updated_at` with every change to a ticket, a
 * conversation added included, and has no other revision. What can lag is the conversations
 * endpoint (a replica): the ticket list may show an update whose conversation it does not serve
 * yet. So:
 * - the update is a write the poll read (a conversation, or the ticket's creation, at or after
 *   `updated_at`) and that second is over on the helpdesk's clock: the thread is complete as of
 *   the update, handled at `updated_at` (a conversation recorded later moves `updated_at`, so the
 *   ticket is listed again);
 * - the same, within the update's second: read again next poll (another write may share it);
 * - no write read explains the update (a status change, or a conversation not served yet): read
 *   once more when the helpdesk's clock is past it by the overlap, not on every poll in
 *   between; past that it is handled.
 * After a bulk reply the threads are read once, and the polls after it only list.
 */
function revisionAfterRead(
	updatedAt: string,
	latestWriteAt: number,
	helpdeskNow: number,
	settled: boolean,
): string | null {
	if (settled) return updatedAt;
	const updated = Date.parse(updatedAt);
	if (latestWriteAt >= updated) return updated + SECOND_MS <= helpdeskNow ? updatedAt : null;
	return readRevision(updatedAt);
}

/** Freshdesk documents updated_since as ISO 8601 in UTC, e.g. 2015-01-19T02:00:00Z. */
function isoSeconds(iso: string): string {
	return new Date(Date.parse(iso)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
