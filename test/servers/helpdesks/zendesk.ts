import type { IncomingMessage } from 'node:http';

import {
	type ApiRequest,
	basicCredentials,
	jsonBody,
	type FakeResponse,
	type FakeTicket,
	type FakeUser,
	FakeHelpdeskServer,
	isoSeconds,
} from './helpdesk';

/**
 * Zendesk Support as its API reference describes: the cursor-based incremental ticket export
 * with side-loaded users and organizations (in `generated_timestamp` order, which system updates
 * and late comments move too), the time-based incremental ticket event export with
 * `include=comment_events` (without the last minute), ticket comments (the first one is the
 * description, private when an agent opened the ticket with an internal note) paged with
 * `next_page`, basic auth as `{email}/token:{api_token}` or a bearer OAuth token,
 * `{"error": ...}` bodies, and 429 with Retry-After.
 */
/** A group this server knows by id besides the seeded ones (the assignment example moves cases there). */
export const SENIOR_GROUP = { id: 200, name: 'Senior Support' };

const TICKET_PATH = /^\/api\/v2\/tickets\/(\d+)(?:\.json)?$/;

export class FakeZendesk extends FakeHelpdeskServer {
	/** The audits as last built, keyed by how many tickets, messages and system updates there were. */
	private audits: { shape: string; all: Audit[] } | null = null;

	constructor(
		readonly email = 'agent@acme.example',
		readonly apiToken = 'zd-token',
		readonly oauthToken = 'zd-oauth',
	) {
		super();
	}

	protected authorized(headers: IncomingMessage['headers']): boolean {
		if (headers.authorization === `Bearer ${this.oauthToken}`) return true;
		const basic = basicCredentials(headers);
		return basic !== null && basic.user === `${this.email}/token` && basic.secret === this.apiToken;
	}

	protected unauthorized(): FakeResponse {
		return { status: 401, body: { error: "Couldn't authenticate you" } };
	}

	protected rateLimited(retryAfterSeconds: number): FakeResponse {
		return {
			status: 429,
			headers: { 'retry-after': String(retryAfterSeconds) },
			body: {
				error: 'APIRateLimitExceeded',
				description: 'Number of allowed API requests per minute exceeded',
			},
		};
	}

	protected handle(request: ApiRequest): FakeResponse {
		const { url } = request;
		const ticketPath = TICKET_PATH.exec(url.pathname);
		if (ticketPath) return this.ticket(request, Number(ticketPath[1]));
		const incremental = url.pathname === '/api/v2/incremental/tickets/cursor.json';
		if (incremental) return this.incremental(url);
		if (url.pathname === '/api/v2/incremental/ticket_events.json') return this.ticketEvents(url);
		const comments = /^\/api\/v2\/tickets\/(\d+)\/comments\.json$/.exec(url.pathname);
		if (comments) return this.comments(Number(comments[1]), url);
		if (url.pathname === '/api/v2/tickets.json') {
			const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 100), 100);
			const page = Number(url.searchParams.get('page') ?? 1);
			const sorted = this.store.byUpdate();
			if (url.searchParams.get('sort_order') !== 'asc') sorted.reverse();
			const tickets = sorted.slice((page - 1) * perPage, page * perPage);
			const next = new URL(url.toString());
			next.searchParams.set('page', String(page + 1));
			return {
				status: 200,
				body: {
					tickets: tickets.map(ticketJson),
					...this.sideLoads(tickets),
					next_page: page * perPage < sorted.length ? next.toString() : null,
					count: sorted.length,
				},
			};
		}
		if (url.pathname === '/api/v2/users/me.json')
			return { status: 200, body: { user: { id: 1, email: this.email, role: 'admin' } } };
		return { status: 404, body: { error: 'InvalidEndpoint', description: 'Not found' } };
	}

	/**
	 * Show Ticket and Update Ticket (developer.zendesk.com, Tickets API; "Creating and updating
	 * tickets"; "Adding tags to tickets without overwriting existing tags"):
	 * GET/PUT /api/v2/tickets/{id}.json with `{"ticket": {...}}`. An update may set priority, status,
	 * group_id, `custom_fields: [{id, value}]`, `tags` (replacing the ticket's tags) and add a
	 * `comment: {body, public}` (public false: a private comment, an internal note). With
	 * `safe_update: true`, an `updated_stamp` other than the ticket's updated_at is refused with
	 * 409 UpdateConflict. Every update moves updated_at and generated_timestamp; an update without
	 * a comment is an audit without a comment event.
	 */
	private ticket(request: ApiRequest, ticketId: number): FakeResponse {
		const ticket = this.store.tickets.find((candidate) => candidate.id === ticketId);
		if (!ticket)
			return { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };
		if (request.method === 'PUT') {
			const update = (jsonBody(request)?.ticket ?? null) as Record<string, unknown> | null;
			if (!update)
				return { status: 400, body: { error: 'InvalidJSON', description: 'Body is not a ticket' } };
			if (update.safe_update === true && update.updated_stamp !== isoSeconds(ticket.updatedAt)) {
				return {
					status: 409,
					body: {
						error: 'UpdateConflict',
						description:
							'Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again.',
					},
				};
			}
			const invalid = this.apply(ticket, update);
			if (invalid) return { status: 422, body: { error: 'RecordInvalid', description: invalid } };
			this.recordWrite(ticket.id, request);
		} else if (request.method !== 'GET') {
			return { status: 405, body: { error: 'InvalidEndpoint', description: 'Method not allowed' } };
		}
		return { status: 200, body: { ticket: ticketJson(ticket) } };
	}

	/** Applies an update as Zendesk does; returns what is invalid, if anything. */
	private apply(ticket: FakeTicket, update: Record<string, unknown>): string | null {
		const priorities = ['low', 'normal', 'medium', 'high', 'urgent'];
		if (update.priority !== undefined && !priorities.includes(String(update.priority)))
			return `Priority: ${String(update.priority)} is not valid`;
		const statuses = ['new', 'open', 'pending', 'solved', 'closed'];
		if (update.status !== undefined && !statuses.includes(String(update.status)))
			return `Status: ${String(update.status)} is not valid`;
		if (update.custom_fields !== undefined && !Array.isArray(update.custom_fields))
			return 'Custom fields: must be a list of {id, value}';
		if (update.tags !== undefined && !Array.isArray(update.tags)) return 'Tags: must be a list';
		if (update.priority !== undefined)
			ticket.priority = String(update.priority) as FakeTicket['priority'];
		if (update.status !== undefined) ticket.status = String(update.status) as FakeTicket['status'];
		if (update.group_id !== undefined) {
			const id = Number(update.group_id);
			ticket.group = id === SENIOR_GROUP.id ? { ...SENIOR_GROUP } : { id, name: `Group ${id}` };
		}
		for (const field of (update.custom_fields ?? []) as Array<{ id: unknown; value: unknown }>)
			ticket.fields[String(field.id)] =
				field.value === null ? null : (field.value as string | number);
		// Zendesk keeps tags lower case, spaces split a tag in two.
		if (update.tags !== undefined)
			ticket.tags = [
				...new Set(
					(update.tags as unknown[]).flatMap((tag) => String(tag).toLowerCase().split(/\s+/)),
				),
			].filter((tag) => tag !== '');
		const comment = update.comment as { body?: unknown; public?: unknown } | undefined;
		if (comment?.body !== undefined) {
			this.store.addMessage(ticket.id, {
				role: 'agent',
				internal: comment.public === false,
				text: String(comment.body),
			});
		} else {
			this.store.systemUpdate(ticket.id);
		}
		return null;
	}

	private incremental(url: URL): FakeResponse {
		const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 1000), 1000);
		const cursor = url.searchParams.get('cursor');
		let after: { t: number; id: number };
		if (cursor)
			after = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { t: number; id: number };
		else {
			const startTime = Number(url.searchParams.get('start_time'));
			if (!Number.isFinite(startTime) || url.searchParams.get('start_time') === null) {
				return {
					status: 400,
					body: { error: 'InvalidValue', description: 'start_time or cursor is required' },
				};
			}
			if (startTime * 1000 > this.store.now() - 60_000) {
				return {
					status: 400,
					body: {
						error: 'InvalidValue',
						description: 'Too recent start_time. Use a start_time older than 1 minute',
					},
				};
			}
			after = { t: startTime * 1000 - 1, id: Number.MAX_SAFE_INTEGER };
		}
		// The export follows generated_timestamp, which every change moves (system updates too).
		const remaining = this.store
			.byChange()
			.filter(
				(ticket) =>
					ticket.changedAt > after.t || (ticket.changedAt === after.t && ticket.id > after.id),
			);
		const tickets = remaining.slice(0, perPage);
		const last = tickets[tickets.length - 1];
		const position = last ? { t: last.changedAt, id: last.id } : after;
		const afterCursor = Buffer.from(JSON.stringify(position)).toString('base64url');
		return {
			status: 200,
			body: {
				tickets: tickets.map(ticketJson),
				...this.sideLoads(tickets),
				after_cursor: afterCursor,
				before_cursor: null,
				after_url: `${this.url}/api/v2/incremental/tickets/cursor.json?cursor=${afterCursor}`,
				end_of_stream: remaining.length <= perPage,
			},
		};
	}

	/**
	 * The time-based incremental ticket event export: one event per ticket update (an audit) from
	 * `start_time` on, without the last minute before the request; with `include=comment_events`
	 * each comment in the update is a child event carrying its body, author and `public` flag.
	 * `end_time` is the time of the page's last event and `next_page` starts there, so events of
	 * that second come again on the next page, as the documentation warns.
	 */
	private ticketEvents(url: URL): FakeResponse {
		const startTime = Number(url.searchParams.get('start_time'));
		if (url.searchParams.get('start_time') === null || !Number.isFinite(startTime)) {
			return {
				status: 400,
				body: { error: 'InvalidValue', description: 'start_time is required' },
			};
		}
		const horizon = Math.floor((this.store.now() - 60_000) / 1000);
		if (startTime > horizon) {
			return {
				status: 400,
				body: {
					error: 'InvalidValue',
					description: 'Too recent start_time. Use a start_time older than 1 minute',
				},
			};
		}
		const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 1000), 1000);
		const withComments = (url.searchParams.get('include') ?? '')
			.split(',')
			.includes('comment_events');
		const all = this.auditsInOrder().filter(
			(audit) => audit.timestamp >= startTime && audit.timestamp <= horizon,
		);
		const page = all.slice(0, perPage);
		const endTime = page.length > 0 ? page[page.length - 1].timestamp : startTime;
		return {
			status: 200,
			body: {
				ticket_events: page.map((audit) => ({
					id: audit.id,
					ticket_id: audit.ticketId,
					timestamp: audit.timestamp,
					created_at: isoSeconds(audit.timestamp * 1000),
					updater_id: audit.updaterId,
					via: { channel: 'web' },
					event_type: 'Audit',
					child_events: audit.children.map((child) =>
						child.event_type === 'Comment' && !withComments
							? {
									id: child.id,
									event_type: 'Comment',
									comment_present: true,
									comment_public: child.public,
								}
							: child,
					),
				})),
				next_page: `${this.url}/api/v2/incremental/ticket_events.json?start_time=${endTime}`,
				count: page.length,
				end_of_stream: all.length <= perPage,
				end_time: endTime,
			},
		};
	}

	/** Every ticket's audits in export order, built again only when the store changed. */
	private auditsInOrder(): Audit[] {
		const shape = `${this.store.tickets.length} ${this.store.tickets.reduce(
			(count, ticket) => count + ticket.messages.length + ticket.systemUpdates.length,
			0,
		)}`;
		if (this.audits?.shape !== shape) {
			const all = this.store.tickets
				.flatMap((ticket) => ticketAudits(ticket))
				.sort((a, b) => a.timestamp - b.timestamp || a.id - b.id);
			this.audits = { shape, all };
		}
		return this.audits.all;
	}

	private comments(ticketId: number, url: URL): FakeResponse {
		const ticket = this.store.tickets.find((candidate) => candidate.id === ticketId);
		if (!ticket)
			return { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };
		const all = [
			{
				id: descriptionCommentId(ticket.id),
				author: ticket.submitter,
				internal: ticket.descriptionInternal,
				text: ticket.description,
				createdAt: ticket.createdAt,
			},
			...ticket.messages,
		];
		const page = Number(url.searchParams.get('page') ?? 1);
		const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 100), 100);
		const slice = all.slice((page - 1) * perPage, page * perPage);
		const users = uniqueUsers(slice.map((comment) => comment.author));
		return {
			status: 200,
			body: {
				comments: slice.map((comment) => ({
					id: comment.id,
					type: 'Comment',
					author_id: comment.author.id,
					body: comment.text,
					plain_body: comment.text,
					public: !comment.internal,
					created_at: isoSeconds(comment.createdAt),
				})),
				users: url.searchParams.get('include') === 'users' ? users.map(userJson) : undefined,
				next_page:
					page * perPage < all.length
						? `${this.url}/api/v2/tickets/${ticketId}/comments.json?page=${page + 1}&per_page=${perPage}`
						: null,
				previous_page: null,
				count: all.length,
			},
		};
	}

	private sideLoads(tickets: FakeTicket[]) {
		const users = uniqueUsers(
			tickets.flatMap((ticket) => [
				ticket.requester,
				ticket.submitter,
				...(ticket.assignee ? [ticket.assignee] : []),
			]),
		);
		const organizations = [
			...new Map(tickets.map((ticket) => [ticket.account.id, ticket.account])).values(),
		];
		return {
			users: users.map(userJson),
			organizations: organizations.map((org) => ({ id: org.id, name: org.name })),
		};
	}
}

/**
 * The id of a ticket's first comment (its description). Zendesk's comment ids are unique across
 * the account; the store's ids stay far below this range, so no message shares it.
 */
export function descriptionCommentId(ticketId: number): number {
	return 9_000_000_000 + ticketId;
}

function ticketJson(ticket: FakeTicket) {
	return {
		id: ticket.id,
		url: `https://acme.zendesk.com/api/v2/tickets/${ticket.id}.json`,
		subject: ticket.subject,
		description: ticket.description,
		status: ticket.status,
		priority: ticket.priority,
		requester_id: ticket.requester.id,
		submitter_id: ticket.submitter.id,
		assignee_id: ticket.assignee?.id ?? null,
		group_id: ticket.group.id,
		organization_id: ticket.account.id,
		created_at: isoSeconds(ticket.createdAt),
		updated_at: isoSeconds(ticket.updatedAt),
		generated_timestamp: Math.floor(ticket.changedAt / 1000),
		// True when any comment is public.
		is_public: !ticket.descriptionInternal || ticket.messages.some((message) => !message.internal),
		via: { channel: ticket.channel },
		tags: ticket.tags,
		custom_fields: Object.entries(ticket.fields).map(([id, value]) => ({
			id: /^\d+$/.test(id) ? Number(id) : id,
			value,
		})),
	};
}

interface Audit {
	id: number;
	ticketId: number;
	timestamp: number;
	updaterId: number;
	children: Array<Record<string, unknown> & { event_type: string; public?: boolean }>;
}

/** The updates of a ticket as Zendesk's audits: its creation, each comment, each system update. */
function ticketAudits(ticket: FakeTicket): Audit[] {
	const comment = (
		id: number,
		author: FakeUser,
		text: string,
		internal: boolean,
		createdAt: number,
		auditId: number,
	) => ({
		id,
		type: 'Comment',
		event_type: 'Comment',
		author_id: author.id,
		body: text,
		html_body: `<div class="zd-comment"><p dir="auto">${text}</p></div>`,
		plain_body: text,
		public: !internal,
		attachments: [],
		audit_id: auditId,
		created_at: isoSeconds(createdAt),
	});
	const created: Audit = {
		id: ticket.id * 10 + 1,
		ticketId: ticket.id,
		timestamp: Math.floor(ticket.createdAt / 1000),
		updaterId: ticket.submitter.id,
		children: [
			{
				id: ticket.id * 10 + 2,
				event_type: 'Create',
				field_name: 'subject',
				value: ticket.subject,
			},
			{ id: ticket.id * 10 + 3, event_type: 'Create', field_name: 'status', value: 'new' },
			comment(
				descriptionCommentId(ticket.id),
				ticket.submitter,
				ticket.description,
				ticket.descriptionInternal,
				ticket.createdAt,
				ticket.id * 10 + 1,
			),
		],
	};
	const comments: Audit[] = ticket.messages.map((message) => ({
		id: message.id * 10 + 1,
		ticketId: ticket.id,
		timestamp: Math.floor(message.loggedAt / 1000),
		updaterId: message.author.id,
		children: [
			comment(
				message.id,
				message.author,
				message.text,
				message.internal,
				message.createdAt,
				message.id * 10 + 1,
			),
		],
	}));
	const system: Audit[] = ticket.systemUpdates.map((at, index) => ({
		id: ticket.id * 100_000 + index * 10 + 7,
		ticketId: ticket.id,
		timestamp: Math.floor(at / 1000),
		updaterId: -1,
		children: [
			{
				id: ticket.id * 100_000 + index * 10 + 8,
				event_type: 'Change',
				field_name: 'status',
				value: 'open',
			},
		],
	}));
	return [created, ...comments, ...system];
}

function userJson(user: FakeUser) {
	return {
		id: user.id,
		name: user.name,
		email: user.email,
		role: user.role === 'agent' ? 'agent' : 'end-user',
	};
}

function uniqueUsers(users: FakeUser[]): FakeUser[] {
	return [...new Map(users.map((user) => [user.id, user])).values()];
}
