import type { IncomingMessage } from 'node:http';

import {
	basicCredentials,
	type FakeResponse,
	type FakeTicket,
	type FakeUser,
	FakeHelpdeskServer,
	isoSeconds,
} from './helpdesk';

/**
 * Zendesk Support as its API reference describes: the cursor-based incremental ticket export
 * with side-loaded users and organizations, ticket comments (the first one is the description)
 * paged with `next_page`, basic auth as `{email}/token:{api_token}` or a bearer OAuth token,
 * `{"error": ...}` bodies, and 429 with Retry-After.
 */
export class FakeZendesk extends FakeHelpdeskServer {
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

	protected handle({ url }: { method: string; url: URL }): FakeResponse {
		const incremental = url.pathname === '/api/v2/incremental/tickets/cursor.json';
		if (incremental) return this.incremental(url);
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
		const remaining = this.store
			.byUpdate()
			.filter(
				(ticket) =>
					ticket.updatedAt > after.t || (ticket.updatedAt === after.t && ticket.id > after.id),
			);
		const tickets = remaining.slice(0, perPage);
		const last = tickets[tickets.length - 1];
		const position = last ? { t: last.updatedAt, id: last.id } : after;
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

	private comments(ticketId: number, url: URL): FakeResponse {
		const ticket = this.store.tickets.find((candidate) => candidate.id === ticketId);
		if (!ticket)
			return { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };
		const all = [
			{
				id: ticket.id * 10,
				author: ticket.requester,
				internal: false,
				text: ticket.description,
				createdAt: ticket.createdAt,
			},
			...ticket.messages,
		];
		const page = Number(url.searchParams.get('page') ?? 1);
		const perPage = 100;
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
						? `${this.url}/api/v2/tickets/${ticketId}/comments.json?page=${page + 1}`
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

function ticketJson(ticket: FakeTicket) {
	return {
		id: ticket.id,
		url: `https://acme.zendesk.com/api/v2/tickets/${ticket.id}.json`,
		subject: ticket.subject,
		description: ticket.description,
		status: ticket.status,
		priority: ticket.priority,
		requester_id: ticket.requester.id,
		assignee_id: ticket.assignee?.id ?? null,
		group_id: ticket.group.id,
		organization_id: ticket.account.id,
		created_at: isoSeconds(ticket.createdAt),
		updated_at: isoSeconds(ticket.updatedAt),
		generated_timestamp: Math.floor(ticket.updatedAt / 1000),
		via: { channel: ticket.channel },
		tags: [],
	};
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
