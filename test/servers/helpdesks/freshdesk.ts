import type { IncomingMessage } from 'node:http';

import {
	type ApiRequest,
	basicCredentials,
	jsonBody,
	type FakeResponse,
	type FakeTicket,
	FakeHelpdeskServer,
	isoSeconds,
} from './helpdesk';

const STATUS: Record<FakeTicket['status'], number> = {
	new: 2,
	open: 2,
	pending: 3,
	solved: 4,
	closed: 5,
};
const PRIORITY: Record<FakeTicket['priority'], number> = { low: 1, medium: 2, high: 3, urgent: 4 };
const SOURCE: Record<string, number> = { email: 1, web: 2, portal: 2, phone: 3, chat: 7, api: 2 };

/**
 * Freshdesk as its API reference describes: `/api/v2/tickets` filtered by `updated_since` and
 * ordered by `updated_at`, `page`/`per_page` (30 by default, at most 100, at most 300 pages)
 * with a `link` header to the next page, `include=requester,description`, conversations with
 * `incoming` and `private`, basic auth with the API key as user and `X` as password, errors as
 * `{description, errors}` or `{code, message}`, the account's per-minute budget in
 * X-RateLimit-* headers on every response, and 429 with Retry-After past it. Lists and offsets
 * are computed at request time: a write between two pages shifts the later pages.
 *
 * A ticket's `updated_at` moves with every change to it, a conversation added late included:
 * Freshdesk documents no other revision, integrations find new replies and notes by
 * `updated_since` (Airbyte's conversations stream hangs off the tickets' `updated_at`; polling
 * triggers document "status changes, priority updates, or note additions" as ticket updates).
 * What can still come late is the conversations endpoint itself (`conversationLagMs`): a
 * replica that serves a conversation some seconds after the ticket list shows its update.
 */
export class FakeFreshdesk extends FakeHelpdeskServer {
	/** Calls per minute for the whole account (Enterprise plan: 700; Growth: 200); null: no limit. */
	rateLimitPerMinute: number | null = 700;
	/** Calls the account spent in the current minute of the helpdesk's clock. */
	private spent = { minute: -1, calls: 0 };
	/** Requests answered 429 by the rate limit. */
	rateLimitedRequests = 0;
	/** How long after it was recorded the conversations endpoint serves a conversation. */
	conversationLagMs = 0;

	constructor(readonly apiKey = 'fd-key') {
		super();
	}

	/** Spends calls from the account's budget for this minute, as other integrations do too. */
	spend(calls: number): void {
		const minute = Math.floor(this.store.now() / 60_000);
		if (this.spent.minute !== minute) this.spent = { minute, calls: 0 };
		this.spent.calls += calls;
	}

	protected authorized(headers: IncomingMessage['headers']): boolean {
		const basic = basicCredentials(headers);
		return basic !== null && basic.user === this.apiKey;
	}

	protected unauthorized(): FakeResponse {
		return {
			status: 401,
			body: {
				code: 'invalid_credentials',
				message: 'You have to be logged in to perform this action.',
			},
		};
	}

	protected rateLimited(retryAfterSeconds: number): FakeResponse {
		return {
			status: 429,
			headers: { 'retry-after': String(retryAfterSeconds) },
			body: {
				code: 'rate_limit_exceeded',
				message: 'You have exceeded the limit of requests per minute',
			},
		};
	}

	/**
	 * Every response carries the account's budget: X-RateLimit-Total, X-RateLimit-Remaining and
	 * X-RateLimit-Used-CurrentRequest ("Each include will consume an additional 2 credits",
	 * list tickets in the API reference).
	 * Past the budget: 429 with Retry-After until the next minute.
	 */
	/** The account's custom ticket fields (an admin adds them; the API names them cf_<name>). */
	readonly customFields = new Set(['cf_sentiment', 'cf_sentiment_score']);

	protected handle(request: ApiRequest): FakeResponse {
		if (this.rateLimitPerMinute === null) return this.route(request);
		const include = request.url.searchParams.get('include');
		const cost = 1 + (include ? 2 * include.split(',').length : 0);
		const minute = Math.floor(this.store.now() / 60_000);
		if (this.spent.minute !== minute) this.spent = { minute, calls: 0 };
		if (this.spent.calls + cost > this.rateLimitPerMinute) {
			this.rateLimitedRequests += 1;
			const limited = this.rateLimited(
				Math.ceil(((minute + 1) * 60_000 - this.store.now()) / 1000),
			);
			limited.headers = {
				...limited.headers,
				'x-ratelimit-total': String(this.rateLimitPerMinute),
				'x-ratelimit-remaining': '0',
				'x-ratelimit-used-currentrequest': '0',
			};
			return limited;
		}
		this.spent.calls += cost;
		const response = this.route(request);
		response.headers = {
			...response.headers,
			'x-ratelimit-total': String(this.rateLimitPerMinute),
			'x-ratelimit-remaining': String(this.rateLimitPerMinute - this.spent.calls),
			'x-ratelimit-used-currentrequest': String(cost),
		};
		return response;
	}

	private route(request: ApiRequest): FakeResponse {
		const { url } = request;
		const ticket = /^\/api\/v2\/tickets\/(\d+)$/.exec(url.pathname);
		if (ticket) return this.ticket(request, Number(ticket[1]));
		const notes = /^\/api\/v2\/tickets\/(\d+)\/notes$/.exec(url.pathname);
		if (notes && request.method === 'POST') return this.note(request, Number(notes[1]));
		if (request.method !== 'GET')
			return { status: 405, body: { code: 'method_not_allowed', message: 'Method not allowed' } };
		if (url.pathname === '/api/v2/tickets') return this.tickets(url);
		const conversations = /^\/api\/v2\/tickets\/(\d+)\/conversations$/.exec(url.pathname);
		if (conversations) return this.conversations(Number(conversations[1]), url);
		if (url.pathname === '/api/v2/agents/me')
			return { status: 200, body: { id: 1, contact: { email: 'agent@acme.example' } } };
		return {
			status: 404,
			body: { code: 'not_found', message: 'The requested resource was not found' },
		};
	}

	/**
	 * View a Ticket and Update a Ticket (developers.freshdesk.com, API v2; the support article
	 * "Create and update tickets with custom fields using API"): GET/PUT /api/v2/tickets/{id}. An
	 * update sets `custom_fields: {cf_name: value}` (a name the account does not have is refused
	 * with 400 invalid_field) and `tags` (replacing the ticket's tags); it moves updated_at.
	 */
	private ticket(request: ApiRequest, ticketId: number): FakeResponse {
		const ticket = this.store.tickets.find((candidate) => candidate.id === ticketId);
		if (!ticket) return NOT_FOUND;
		if (request.method === 'PUT') {
			const update = jsonBody(request);
			if (!update)
				return {
					status: 400,
					body: { code: 'invalid_json', message: 'Request body has invalid json format' },
				};
			const fields = (update.custom_fields ?? {}) as Record<string, unknown>;
			const unknown = Object.keys(fields).filter((name) => !this.customFields.has(name));
			if (unknown.length > 0 || (update.tags !== undefined && !Array.isArray(update.tags))) {
				return {
					status: 400,
					body: {
						description: 'Validation failed',
						errors: [
							...unknown.map((field) => ({
								field,
								message: 'Unexpected/invalid field in request',
								code: 'invalid_field',
							})),
							...(update.tags !== undefined && !Array.isArray(update.tags)
								? [{ field: 'tags', message: 'It should be an Array', code: 'datatype_mismatch' }]
								: []),
						],
					},
				};
			}
			for (const [name, value] of Object.entries(fields))
				ticket.fields[name] = value === null ? null : (value as string | number);
			if (Array.isArray(update.tags))
				ticket.tags = [...new Set((update.tags as unknown[]).map(String))];
			this.store.systemUpdate(ticket.id);
			this.recordWrite(ticket.id, request);
		} else if (request.method !== 'GET') {
			return { status: 405, body: { code: 'method_not_allowed', message: 'Method not allowed' } };
		}
		return { status: 200, body: this.ticketJson(ticket, ['description']) };
	}

	/**
	 * Create a Note (developers.freshdesk.com, API v2): POST /api/v2/tickets/{id}/notes with an HTML
	 * `body`; `private` is true unless set false. The note is a conversation (incoming false) and
	 * moves the ticket's updated_at. Answers 201 with the note.
	 */
	private note(request: ApiRequest, ticketId: number): FakeResponse {
		const ticket = this.store.tickets.find((candidate) => candidate.id === ticketId);
		if (!ticket) return NOT_FOUND;
		const note = jsonBody(request);
		if (!note || typeof note.body !== 'string' || note.body === '') {
			return {
				status: 400,
				body: {
					description: 'Validation failed',
					errors: [
						{
							field: 'body',
							message: 'It should not be blank as this is a mandatory field',
							code: 'missing_field',
						},
					],
				},
			};
		}
		const added = this.store.addMessage(ticket.id, {
			role: 'agent',
			internal: note.private !== false,
			text: textOfHtml(note.body),
		});
		this.recordWrite(ticket.id, request);
		return {
			status: 201,
			body: {
				id: added.id,
				body: note.body,
				body_text: added.text,
				incoming: false,
				private: added.internal,
				user_id: added.author.id,
				ticket_id: ticket.id,
				created_at: isoSeconds(added.createdAt),
				updated_at: isoSeconds(added.createdAt),
			},
		};
	}

	private tickets(url: URL): FakeResponse {
		const page = Number(url.searchParams.get('page') ?? 1);
		const perPage = Number(url.searchParams.get('per_page') ?? 30);
		const invalid = (field: string, message: string): FakeResponse => ({
			status: 400,
			body: {
				description: 'Validation failed',
				errors: [{ field, message, code: 'invalid_value' }],
			},
		});
		if (!(perPage >= 1 && perPage <= 100))
			return invalid('per_page', 'It should be a Positive Number less than or equal to 100');
		if (!(page >= 1 && page <= 300))
			return invalid('page', 'It should be a Positive Number less than or equal to 300');
		const updatedSince = url.searchParams.get('updated_since');
		const since = updatedSince ? Date.parse(updatedSince) : this.store.now() - 30 * 86_400_000;
		if (!Number.isFinite(since))
			return invalid('updated_since', 'It should be in the ISO 8601 format');
		let tickets = this.store.byChange().filter((ticket) => ticket.changedAt >= since);
		if (url.searchParams.get('order_type') !== 'asc') tickets = tickets.reverse();
		const slice = tickets.slice((page - 1) * perPage, page * perPage);
		const include = (url.searchParams.get('include') ?? '').split(',');
		const headers: Record<string, string> = {};
		if (page * perPage < tickets.length && page < 300) {
			const next = new URL(url.toString());
			next.searchParams.set('page', String(page + 1));
			headers.link = `<${next.toString()}>; rel="next"`;
		}
		return { status: 200, headers, body: slice.map((ticket) => this.ticketJson(ticket, include)) };
	}

	private ticketJson(ticket: FakeTicket, include: string[]) {
		return {
			id: ticket.id,
			subject: ticket.subject,
			...(include.includes('description')
				? {
						description: `<div>${ticket.description}</div>`,
						description_text: ticket.description,
					}
				: {}),
			status: STATUS[ticket.status],
			priority: PRIORITY[ticket.priority],
			source: SOURCE[ticket.channel] ?? 2,
			requester_id: ticket.requester.id,
			...(include.includes('requester')
				? {
						requester: {
							id: ticket.requester.id,
							name: ticket.requester.name,
							email: ticket.requester.email,
							mobile: null,
							phone: null,
						},
					}
				: {}),
			responder_id: ticket.assignee?.id ?? null,
			group_id: ticket.group.id,
			company_id: ticket.account.id,
			type: 'Question',
			spam: false,
			tags: ticket.tags,
			custom_fields: Object.fromEntries(
				[...this.customFields].map((name) => [name, ticket.fields[name] ?? null]),
			),
			created_at: isoSeconds(ticket.createdAt),
			updated_at: isoSeconds(ticket.changedAt),
			due_by: isoSeconds(ticket.createdAt + 86_400_000),
		};
	}

	private conversations(ticketId: number, url: URL): FakeResponse {
		const ticket = this.store.tickets.find((candidate) => candidate.id === ticketId);
		if (!ticket)
			return {
				status: 404,
				body: { code: 'not_found', message: 'The requested resource was not found' },
			};
		const page = Number(url.searchParams.get('page') ?? 1);
		const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100);
		const served = ticket.messages.filter(
			(message) => message.loggedAt <= this.store.now() - this.conversationLagMs,
		);
		return {
			status: 200,
			body: served.slice((page - 1) * perPage, page * perPage).map((message) => ({
				id: message.id,
				body: `<div>${message.text}</div>`,
				body_text: message.text,
				incoming: message.author.role === 'end-user',
				private: message.internal,
				user_id: message.author.id,
				from_email: message.author.email,
				source: message.internal ? 2 : 0,
				ticket_id: ticket.id,
				created_at: isoSeconds(message.createdAt),
				updated_at: isoSeconds(message.createdAt),
			})),
		};
	}
}

const NOT_FOUND: FakeResponse = {
	status: 404,
	body: { code: 'not_found', message: 'The requested resource was not found' },
};

/** The text of a note's HTML body, as Freshdesk gives it in body_text. */
function textOfHtml(html: string): string {
	return html
		.replace(/<[^>]*>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&amp;/g, '&');
}
