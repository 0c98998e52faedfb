import type { Case } from '../case/case';
import { normalizeCase } from '../case/normalize';
import { parseTime } from '../case/time';
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
 * Zendesk Support through two incremental exports, so that a poll's requests grow with pages,
 * not with changed tickets:
 * - the cursor-based ticket export (`/api/v2/incremental/tickets/cursor.json`): `start_time`
 *   (epoch seconds) opens the stream, `after_cursor` continues it, `end_of_stream` ends it,
 *   users and organizations are side-loaded;
 * - the ticket event export (`/api/v2/incremental/ticket_events.json?include=comment_events`)
 *   from the same start: every comment written in the window, with its author and `public` flag.
 *   It leaves out the last minute before the request, so a ticket changed in that minute is read
 *   again next poll.
 * A case therefore carries the comments of the poll's window (all of them for a ticket opened in
 * it), not the ticket's older history. The first comment is the description; when it is private
 * (an agent opened the ticket with an internal note) it is an internal message, never the
 * requester's description.
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
	submitter_id?: number;
	assignee_id: number | null;
	group_id: number | null;
	organization_id: number | null;
	created_at: string;
	updated_at: string;
	generated_timestamp?: number;
	is_public?: boolean;
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

/** A comment as the window's event stream (or the comments endpoint) gives it. */
interface WindowComment {
	id: number;
	author_id: number;
	body: string;
	public: boolean;
	created_at: string;
	/** Whether it is the ticket's first comment (written with the ticket: its description). */
	opening: boolean;
}

interface WindowComments {
	since: string;
	byTicket: Map<number, WindowComment[]>;
	/** Epoch seconds: the event export holds every update up to this second. */
	completeBefore: number;
}

interface TicketEventPage {
	ticket_events: Array<{
		id: number;
		ticket_id: number;
		timestamp: number;
		created_at: string;
		updater_id: number;
		event_type: string;
		child_events?: Array<{
			id: number;
			event_type: string;
			author_id?: number;
			body?: string;
			plain_body?: string;
			public?: boolean;
			created_at?: string;
		}>;
	}>;
	end_time?: number;
	end_of_stream: boolean;
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
	/** The comments of the current poll's window, read once per poll (keyed by its start). */
	private windowComments: WindowComments | null = null;

	constructor(
		private readonly settings: ZendeskSettings,
		private readonly http: HttpRequest,
		private readonly clock: Clock,
		private readonly retry: HelpdeskRetryPolicy = DEFAULT_RETRY_POLICY,
	) {}

	async fetchChanged(window: FetchWindow, limit: number): Promise<CasePage> {
		const startTime = this.startTime(window.since);
		const qs: Record<string, string | number> = {
			per_page: Math.min(limit, 1000),
			include: 'users,organizations',
		};
		if (window.cursor) qs.cursor = window.cursor;
		else qs.start_time = startTime;
		const page = (await this.get('/api/v2/incremental/tickets/cursor.json', qs))
			.body as IncrementalPage;
		// Comments are read from where activity counts, which a resumed poll keeps earlier than
		// where it lists tickets from.
		const activitySince = window.activitySince ?? window.since;
		if (!window.cursor || this.windowComments?.since !== activitySince) {
			this.windowComments = await this.commentsSince(activitySince, this.startTime(activitySince));
		}
		const comments = this.windowComments;
		const users = indexUsers(page.users ?? []);
		const organizations = new Map((page.organizations ?? []).map((org) => [org.id, org.name]));
		const revisions: Record<string, string | null> = {};
		const tickets = page.tickets
			.filter(
				(ticket) =>
					ticket.status !== 'deleted' &&
					Date.parse(ticket.updated_at) >= Date.parse(window.since) &&
					this.matches(ticket),
			)
			.filter((ticket) => {
				const revision = revisionOf(ticket, comments.completeBefore);
				if (revision !== undefined) revisions[String(ticket.id)] = revision;
				return !window.handled?.(String(ticket.id), revision ?? ticket.updated_at);
			})
			.sort((a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at) || a.id - b.id);
		const cases: Case[] = [];
		for (const ticket of tickets) {
			// Opened in the export's last minute: its first comment (public or not) is not in the
			// event stream yet, so the ticket waits for the next poll (it is not handled).
			if (Date.parse(ticket.created_at) / 1000 > comments.completeBefore) continue;
			const thread = comments.byTicket.get(ticket.id) ?? [];
			const opening = thread.find((comment) => comment.opening);
			const descriptionPublic = opening
				? opening.public
				: await this.descriptionIsPublic(ticket, comments.since);
			cases.push(
				this.toCase(
					ticket,
					users,
					organizations,
					thread.filter((comment) => !comment.opening || !comment.public),
					descriptionPublic,
				),
			);
		}
		const complete = page.end_of_stream || !page.after_cursor;
		return { cases, nextCursor: complete ? null : page.after_cursor, complete, revisions };
	}

	async sample(count: number): Promise<Case[]> {
		const response = (
			await this.get('/api/v2/tickets.json', {
				sort_by: 'updated_at',
				sort_order: 'desc',
				per_page: count,
				include: 'users,organizations',
			})
		).body as {
			tickets: ZendeskTicket[];
			users?: ZendeskUser[];
			organizations?: Array<{ id: number; name: string }>;
		};
		const users = indexUsers(response.users ?? []);
		const organizations = new Map((response.organizations ?? []).map((org) => [org.id, org.name]));
		const cases: Case[] = [];
		for (const ticket of response.tickets.slice(0, count)) {
			// A manual run reads whole threads, a request per ticket: it shows a handful.
			const thread = await this.threadOf(ticket.id, users);
			const [opening, ...rest] = thread;
			const descriptionPublic = opening?.public ?? true;
			cases.push(
				this.toCase(
					ticket,
					users,
					organizations,
					descriptionPublic ? rest : thread,
					descriptionPublic,
				),
			);
		}
		return cases;
	}

	/** Zendesk rejects a start_time less than a minute old (on its clock; ours may differ a little). */
	private startTime(since: string): number {
		const latestStart = Math.floor(this.clock().getTime() / 1000) - 60;
		return Math.min(Math.floor(parseTime(since)!.toSeconds()), latestStart);
	}

	/**
	 * Every comment written since the window start, from the ticket event export with its comment
	 * events side-loaded: pages of up to 1,000 updates of any tickets. Each page starts at the
	 * previous one's `end_time` (the export repeats that second; comments are kept once by id).
	 */
	private async commentsSince(since: string, startTime: number): Promise<WindowComments> {
		const byTicket = new Map<number, WindowComment[]>();
		const known = new Set<number>();
		let start = startTime;
		let listedAt: string | null = null;
		for (;;) {
			const response = await this.get('/api/v2/incremental/ticket_events.json', {
				start_time: start,
				include: 'comment_events',
			});
			listedAt = serverTimeOf(response) ?? listedAt;
			const page = response.body as TicketEventPage;
			for (const event of page.ticket_events) {
				const children = event.child_events ?? [];
				const opening = children.some((child) => child.event_type === 'Create');
				for (const child of children) {
					if (child.event_type !== 'Comment' || child.body === undefined) continue;
					if (known.has(child.id)) continue;
					known.add(child.id);
					const thread = byTicket.get(event.ticket_id) ?? [];
					thread.push({
						id: child.id,
						author_id: child.author_id ?? event.updater_id,
						body: child.plain_body ?? child.body,
						public: child.public !== false,
						created_at: child.created_at ?? event.created_at,
						opening,
					});
					byTicket.set(event.ticket_id, thread);
				}
			}
			const next = page.end_time ?? start;
			if (page.end_of_stream || page.ticket_events.length === 0 || next < start) break;
			start = next;
		}
		// The export holds every update older than a minute before the request (on Zendesk's clock).
		const requestedAt = parseTime(listedAt ?? this.clock().toISOString())!.toSeconds();
		return { since, byTicket, completeBefore: Math.floor(requestedAt) - 60 };
	}

	/**
	 * For a ticket opened before the window: whether its first comment, the description, is
	 * public. No public comment at all (`is_public` false) settles it; a ticket opened by someone
	 * other than its requester (an agent, who may have written an internal note) costs one request
	 * for its first comment; a ticket the requester opened has a public description.
	 */
	private async descriptionIsPublic(ticket: ZendeskTicket, since: string): Promise<boolean> {
		if (ticket.is_public === false) return false;
		if (Date.parse(ticket.created_at) >= Date.parse(since)) return true;
		if (ticket.submitter_id === undefined || ticket.submitter_id === ticket.requester_id)
			return true;
		const response = await this.get(`/api/v2/tickets/${ticket.id}/comments.json`, {
			per_page: 1,
		});
		const [first] = (response.body as { comments: ZendeskComment[] }).comments;
		return first?.public !== false;
	}

	private async threadOf(
		ticketId: number,
		users: Map<number, ZendeskUser>,
	): Promise<WindowComment[]> {
		const comments: WindowComment[] = [];
		let next: string | null = `${this.baseUrl()}/api/v2/tickets/${ticketId}/comments.json`;
		while (next) {
			const page = (await this.getUrl(next, { include: 'users' })).body as {
				comments: ZendeskComment[];
				users?: ZendeskUser[];
				next_page: string | null;
			};
			for (const user of page.users ?? []) users.set(user.id, user);
			for (const comment of page.comments) {
				comments.push({
					id: comment.id,
					author_id: comment.author_id,
					body: comment.plain_body ?? comment.body,
					public: comment.public,
					created_at: comment.created_at,
					opening: comments.length === 0,
				});
			}
			next = page.next_page;
		}
		return comments;
	}

	private matches(ticket: ZendeskTicket): boolean {
		const filters = this.settings.filters ?? {};
		if (filters.state && ticket.status !== filters.state) return false;
		if (filters.priority && ticket.priority !== filters.priority) return false;
		if (filters.group && String(ticket.group_id) !== filters.group) return false;
		if (filters.account && String(ticket.organization_id) !== filters.account) return false;
		return true;
	}

	private toCase(
		ticket: ZendeskTicket,
		users: Map<number, ZendeskUser>,
		organizations: Map<number, string>,
		comments: WindowComment[],
		descriptionPublic: boolean,
	): Case {
		const requester = users.get(ticket.requester_id);
		const assignee = ticket.assignee_id ? users.get(ticket.assignee_id) : undefined;
		return normalizeCase({
			id: String(ticket.id),
			number: String(ticket.id),
			source: 'zendesk',
			url: `${this.baseUrl()}/agent/tickets/${ticket.id}`,
			subject: ticket.subject ?? '',
			// A private first comment is the team's note, not the requester's opening words.
			description: descriptionPublic ? (ticket.description ?? '') : '',
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
			messages: [...comments]
				.sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id)
				.map((comment) => {
					const author = users.get(comment.author_id);
					const byRequester = author
						? author.role === 'end-user'
						: comment.author_id === ticket.requester_id;
					return {
						id: String(comment.id),
						author: author?.email ?? author?.name ?? String(comment.author_id),
						role: byRequester ? 'requester' : 'fulfiller',
						visibility: comment.public ? 'public' : 'internal',
						text: comment.body,
						createdAt: comment.created_at,
					};
				}),
			customFields: ticket.tags?.length ? { tags: ticket.tags } : {},
		});
	}

	private baseUrl(): string {
		return this.settings.baseUrl.replace(/\/+$/, '');
	}

	private async get(path: string, qs: Record<string, string | number>): Promise<HttpResponse> {
		return await this.getUrl(`${this.baseUrl()}${path}`, qs);
	}

	private async getUrl(url: string, qs: Record<string, string | number>): Promise<HttpResponse> {
		// A next_page URL carries its own query; only add what it lacks.
		const existing = new URL(url).searchParams;
		const extra = Object.fromEntries(Object.entries(qs).filter(([key]) => !existing.has(key)));
		return await requestHelpdesk(
			this.name,
			this.http,
			{ method: 'GET', url, qs: extra },
			this.retry,
		);
	}
}

/**
 * generated_timestamp moves with every change to a ticket, a late comment or a system update
 * included. Once its second is older than what the event export holds, every comment up to it
 * has been read: the ticket is handled at that revision. Newer, it is read again next poll.
 */
function revisionOf(ticket: ZendeskTicket, completeBefore: number): string | null | undefined {
	if (typeof ticket.generated_timestamp !== 'number') return undefined;
	return ticket.generated_timestamp < completeBefore
		? `generated ${ticket.generated_timestamp}`
		: null;
}

function indexUsers(users: ZendeskUser[]): Map<number, ZendeskUser> {
	return new Map(users.map((user) => [user.id, user]));
}

function personOf(id: number, user: ZendeskUser | undefined) {
	return { id: String(id), name: user?.name ?? null, email: user?.email ?? null };
}
