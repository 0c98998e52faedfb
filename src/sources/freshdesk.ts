import type { Case } from '../case/case';
import { normalizeCase } from '../case/normalize';
import { DEFAULT_RETRY_POLICY, requestHelpdesk, type RetryPolicy } from './http';
import type { CaseFilters, CasePage, CaseSource, FetchWindow, HttpRequest } from './source';

/**
 * Freshdesk through `/api/v2/tickets?updated_since=...&order_by=updated_at&order_type=asc`.
 * Freshdesk serves at most 300 pages of a list, so after the last allowed page the window
 * restarts at the updated_at of the last ticket read (the cursor carries both). The ticket's
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
}

interface FreshdeskCursor {
	since: string;
	page: number;
}

export class FreshdeskCaseSource implements CaseSource {
	readonly name = 'Freshdesk';

	constructor(
		private readonly settings: FreshdeskSettings,
		private readonly http: HttpRequest,
		private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY,
	) {}

	async fetchChanged(window: FetchWindow, limit: number): Promise<CasePage> {
		const position: FreshdeskCursor = window.cursor
			? (JSON.parse(window.cursor) as FreshdeskCursor)
			: { since: window.since, page: 1 };
		const perPage = Math.min(Math.max(limit, 1), 100);
		const tickets = (await this.get('/api/v2/tickets', {
			updated_since: isoSeconds(position.since),
			order_by: 'updated_at',
			order_type: 'asc',
			include: 'requester,description',
			page: position.page,
			per_page: perPage,
		})) as FreshdeskTicket[];
		const cases: Case[] = [];
		for (const ticket of tickets) {
			if (ticket.spam || ticket.deleted || !this.matches(ticket)) continue;
			if (window.handled?.(String(ticket.id), ticket.updated_at)) continue;
			cases.push(await this.toCase(ticket));
		}
		if (tickets.length < perPage) return { cases, nextCursor: null, complete: true };
		const next: FreshdeskCursor =
			position.page < MAX_PAGE
				? { since: position.since, page: position.page + 1 }
				: { since: tickets[tickets.length - 1].updated_at, page: 1 };
		return { cases, nextCursor: JSON.stringify(next), complete: false };
	}

	async sample(count: number): Promise<Case[]> {
		const tickets = (await this.get('/api/v2/tickets', {
			order_by: 'updated_at',
			order_type: 'desc',
			include: 'requester,description',
			per_page: Math.min(count, 100),
		})) as FreshdeskTicket[];
		const cases: Case[] = [];
		for (const ticket of tickets.slice(0, count)) cases.push(await this.toCase(ticket));
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

	private async toCase(ticket: FreshdeskTicket): Promise<Case> {
		const conversations: FreshdeskConversation[] = [];
		for (let page = 1; ; page++) {
			const batch = (await this.get(`/api/v2/tickets/${ticket.id}/conversations`, {
				page,
				per_page: 100,
			})) as FreshdeskConversation[];
			conversations.push(...batch);
			if (batch.length < 100) break;
		}
		const status = STATUS[ticket.status] ?? String(ticket.status);
		return normalizeCase({
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
	}

	private baseUrl(): string {
		return this.settings.baseUrl.replace(/\/+$/, '');
	}

	private async get(path: string, qs: Record<string, string | number>): Promise<unknown> {
		const response = await requestHelpdesk(
			this.name,
			this.http,
			{ method: 'GET', url: `${this.baseUrl()}${path}`, qs },
			this.retry,
		);
		return response.body;
	}
}

/** Freshdesk documents updated_since as ISO 8601 in UTC, e.g. 2015-01-19T02:00:00Z. */
function isoSeconds(iso: string): string {
	return new Date(Date.parse(iso)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
