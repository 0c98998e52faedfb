import type { Case } from '../case/case';
import { normalizeCase } from '../case/normalize';
import { parseTime } from '../case/time';
import { DEFAULT_RETRY_POLICY, requestHelpdesk, type RetryPolicy } from './http';
import type { CaseFilters, CasePage, CaseSource, Clock, FetchWindow, HttpRequest } from './source';

/**
 * Zendesk Support through the cursor-based incremental ticket export
 * (`/api/v2/incremental/tickets/cursor.json`): `start_time` (epoch seconds) opens the stream,
 * `after_cursor` continues it, `end_of_stream` ends it, users are side-loaded. Each changed
 * ticket's comments come from `/api/v2/tickets/{id}/comments.json`; the first comment is the
 * ticket's description, so it is not repeated as a message.
 */
export interface ZendeskSettings {
	/** e.g. https://acme.zendesk.com */
	baseUrl: string;
	filters?: CaseFilters;
}

interface ZendeskUser {
	id: number;
	name: string;
	email: string | null;
	role: 'end-user' | 'agent' | 'admin';
}

interface ZendeskTicket {
	id: number;
	url: string;
	subject: string | null;
	description: string | null;
	status: string;
	priority: string | null;
	requester_id: number;
	assignee_id: number | null;
	group_id: number | null;
	organization_id: number | null;
	created_at: string;
	updated_at: string;
	via?: { channel?: string };
	tags?: string[];
}

interface ZendeskComment {
	id: number;
	author_id: number;
	body: string;
	plain_body?: string;
	public: boolean;
	created_at: string;
}

interface IncrementalPage {
	tickets: ZendeskTicket[];
	users?: ZendeskUser[];
	organizations?: Array<{ id: number; name: string }>;
	after_cursor: string | null;
	end_of_stream: boolean;
}

export class ZendeskCaseSource implements CaseSource {
	readonly name = 'Zendesk';

	constructor(
		private readonly settings: ZendeskSettings,
		private readonly http: HttpRequest,
		private readonly clock: Clock,
		private readonly retry: RetryPolicy = DEFAULT_RETRY_POLICY,
	) {}

	async fetchChanged(window: FetchWindow, limit: number): Promise<CasePage> {
		// Zendesk rejects a start_time less than a minute old.
		const latestStart = Math.floor(this.clock().getTime() / 1000) - 60;
		const startTime = Math.min(Math.floor(parseTime(window.since)!.toSeconds()), latestStart);
		const qs: Record<string, string | number> = {
			per_page: Math.min(limit, 1000),
			include: 'users,organizations',
		};
		if (window.cursor) qs.cursor = window.cursor;
		else qs.start_time = startTime;
		const response = await this.get('/api/v2/incremental/tickets/cursor.json', qs);
		const page = response as IncrementalPage;
		const users = indexUsers(page.users ?? []);
		const organizations = new Map((page.organizations ?? []).map((org) => [org.id, org.name]));
		const tickets = page.tickets
			.filter(
				(ticket) =>
					ticket.status !== 'deleted' && Date.parse(ticket.updated_at) >= Date.parse(window.since),
			)
			.filter(
				(ticket) => this.matches(ticket) && !window.handled?.(String(ticket.id), ticket.updated_at),
			)
			.sort((a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at) || a.id - b.id);
		const cases: Case[] = [];
		for (const ticket of tickets) cases.push(await this.toCase(ticket, users, organizations));
		const complete = page.end_of_stream || !page.after_cursor;
		return { cases, nextCursor: complete ? null : page.after_cursor, complete };
	}

	async sample(count: number): Promise<Case[]> {
		const response = (await this.get('/api/v2/tickets.json', {
			sort_by: 'updated_at',
			sort_order: 'desc',
			per_page: count,
			include: 'users,organizations',
		})) as {
			tickets: ZendeskTicket[];
			users?: ZendeskUser[];
			organizations?: Array<{ id: number; name: string }>;
		};
		const users = indexUsers(response.users ?? []);
		const organizations = new Map((response.organizations ?? []).map((org) => [org.id, org.name]));
		const cases: Case[] = [];
		for (const ticket of response.tickets.slice(0, count))
			cases.push(await this.toCase(ticket, users, organizations));
		return cases;
	}

	private matches(ticket: ZendeskTicket): boolean {
		const filters = this.settings.filters ?? {};
		if (filters.state && ticket.status !== filters.state) return false;
		if (filters.priority && ticket.priority !== filters.priority) return false;
		if (filters.group && String(ticket.group_id) !== filters.group) return false;
		if (filters.account && String(ticket.organization_id) !== filters.account) return false;
		return true;
	}

	private async toCase(
		ticket: ZendeskTicket,
		users: Map<number, ZendeskUser>,
		organizations: Map<number, string>,
	): Promise<Case> {
		const comments: ZendeskComment[] = [];
		let next: string | null = `${this.baseUrl()}/api/v2/tickets/${ticket.id}/comments.json`;
		while (next) {
			const page = (await this.getUrl(next, { include: 'users' })) as {
				comments: ZendeskComment[];
				users?: ZendeskUser[];
				next_page: string | null;
			};
			for (const user of page.users ?? []) users.set(user.id, user);
			comments.push(...page.comments);
			next = page.next_page;
		}
		const requester = users.get(ticket.requester_id);
		const assignee = ticket.assignee_id ? users.get(ticket.assignee_id) : undefined;
		return normalizeCase({
			id: String(ticket.id),
			number: String(ticket.id),
			source: 'zendesk',
			url: `${this.baseUrl()}/agent/tickets/${ticket.id}`,
			subject: ticket.subject ?? '',
			description: ticket.description ?? '',
			state: ticket.status,
			closed: ticket.status === 'solved' || ticket.status === 'closed',
			priority: ticket.priority ?? '',
			channel: ticket.via?.channel ?? '',
			group: ticket.group_id === null ? null : String(ticket.group_id),
			account:
				ticket.organization_id === null
					? null
					: {
							id: String(ticket.organization_id),
							name: organizations.get(ticket.organization_id) ?? null,
						},
			requester: personOf(ticket.requester_id, requester),
			assignee: ticket.assignee_id ? personOf(ticket.assignee_id, assignee) : null,
			createdAt: ticket.created_at,
			updatedAt: ticket.updated_at,
			// The first comment is the description.
			messages: comments.slice(1).map((comment) => {
				const author = users.get(comment.author_id);
				return {
					id: String(comment.id),
					author: author?.email ?? author?.name ?? String(comment.author_id),
					role: author ? (author.role === 'end-user' ? 'requester' : 'fulfiller') : undefined,
					visibility: comment.public ? 'public' : 'internal',
					text: comment.plain_body ?? comment.body,
					createdAt: comment.created_at,
				};
			}),
			customFields: ticket.tags?.length ? { tags: ticket.tags } : {},
		});
	}

	private baseUrl(): string {
		return this.settings.baseUrl.replace(/\/+$/, '');
	}

	private async get(path: string, qs: Record<string, string | number>): Promise<unknown> {
		return await this.getUrl(`${this.baseUrl()}${path}`, qs);
	}

	private async getUrl(url: string, qs: Record<string, string | number>): Promise<unknown> {
		// A next_page URL carries its own query; only add what it lacks.
		const existing = new URL(url).searchParams;
		const extra = Object.fromEntries(Object.entries(qs).filter(([key]) => !existing.has(key)));
		const response = await requestHelpdesk(
			this.name,
			this.http,
			{ method: 'GET', url, qs: extra },
			this.retry,
		);
		return response.body;
	}
}

function indexUsers(users: ZendeskUser[]): Map<number, ZendeskUser> {
	return new Map(users.map((user) => [user.id, user]));
}

function personOf(id: number, user: ZendeskUser | undefined) {
	return { id: String(id), name: user?.name ?? null, email: user?.email ?? null };
}
