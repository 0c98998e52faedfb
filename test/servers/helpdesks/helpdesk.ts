import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { DEMO_CASE_SCRIPTS } from '../../../src/sources/demo';

/**
 * The data and plumbing the fake ServiceNow, Zendesk and Freshdesk servers share: one store of
 * tickets, users and messages on a settable clock, request counting, failures on request, and a
 * control API (`/_control/...`) so that a test in another process (real n8n) can add activity
 * between polls. Each helpdesk module only speaks its own API over this store.
 */
export interface FakeUser {
	id: number;
	name: string;
	email: string;
	userName: string;
	role: 'end-user' | 'agent';
}

export interface FakeMessage {
	id: number;
	author: FakeUser;
	internal: boolean;
	text: string;
	/** The time the helpdesk stamped on it. */
	createdAt: number;
	/** When it became visible (a late write is stamped before this); Zendesk's audit time. */
	loggedAt: number;
}

export interface FakeTicket {
	id: number;
	subject: string;
	description: string;
	status: 'new' | 'open' | 'pending' | 'solved' | 'closed';
	priority: 'low' | 'medium' | 'high' | 'urgent';
	channel: string;
	group: { id: number; name: string };
	account: { id: number; name: string };
	requester: FakeUser;
	assignee: FakeUser | null;
	/** When the agent opened the form (ServiceNow's opened_at): before createdAt for a phone case. */
	openedAt: number;
	createdAt: number;
	updatedAt: number;
	/** Moves with every change, system-only ones and late writes included (Zendesk's generated_timestamp). */
	changedAt: number;
	/** Counts every change (ServiceNow's sys_mod_count). */
	modCount: number;
	/** Who opened it: the requester, or an agent on their behalf. */
	submitter: FakeUser;
	/** Whether the first comment (the description) is an internal note, as an agent may open one. */
	descriptionInternal: boolean;
	/** Times of changes that added no message (Zendesk lists them as audits without a comment). */
	systemUpdates: number[];
	messages: FakeMessage[];
	/** Custom fields by name or id (ServiceNow u_ columns, Zendesk custom field ids, Freshdesk cf_ names). */
	fields: Record<string, string | number | null>;
	tags: string[];
}

/** A write a helpdesk accepted through its API, as sent (for tests that count writes per case). */
export interface FakeWrite {
	ticketId: number;
	method: string;
	path: string;
	body: unknown;
}

export interface FakeResponse {
	status: number;
	headers?: Record<string, string>;
	body: unknown;
}

export interface Failure {
	/** Fails the request with this number (counted from 1 over the server's API requests). */
	onRequest: number;
	status: number;
	retryAfterSeconds?: number;
}

const GROUPS = [
	'Billing',
	'Product Support',
	'Data Platform',
	'Platform',
	'Account Management',
	'Mobile',
];

export class HelpdeskStore {
	tickets: FakeTicket[] = [];
	users: FakeUser[] = [];
	/** The helpdesk's clock; a fixed time when set, else the real one. */
	fixedNow: number | null = null;
	private nextId = 1000;

	now(): number {
		return this.fixedNow ?? Math.floor(Date.now() / 1000) * 1000;
	}

	id(): number {
		return this.nextId++;
	}

	user(name: string, email: string, role: FakeUser['role']): FakeUser {
		const existing = this.users.find((user) => user.email === email);
		if (existing) return existing;
		const user: FakeUser = { id: this.id(), name, email, userName: email.split('@')[0], role };
		this.users.push(user);
		return user;
	}

	agent(): FakeUser {
		return this.user('Sam Rivera', 'sam.rivera@support.example', 'agent');
	}

	/**
	 * Seeds `count` tickets from the demo scripts, opened `spacingMs` apart up to now, each with
	 * the part of its thread that its age allows.
	 */
	seed(count: number, spacingMs = 60_000): void {
		const now = this.now();
		const accounts = new Map<string, number>();
		for (let index = 0; index < count; index++) {
			const script = DEMO_CASE_SCRIPTS[index % DEMO_CASE_SCRIPTS.length];
			const createdAt = now - (count - index) * spacingMs;
			const requester = this.user(
				script.requester.name,
				script.requester.email.replace('@', `+${index % 50}@`),
				'end-user',
			);
			if (!accounts.has(script.account.id)) accounts.set(script.account.id, this.id());
			const ticket: FakeTicket = {
				id: this.id(),
				subject: script.subject,
				description: script.description,
				status: 'open',
				priority: script.priority as FakeTicket['priority'],
				channel: script.channel,
				group: { id: 100 + GROUPS.indexOf(script.group), name: script.group },
				account: { id: accounts.get(script.account.id)!, name: script.account.name },
				requester,
				assignee: this.agent(),
				openedAt: createdAt,
				createdAt,
				updatedAt: createdAt,
				changedAt: createdAt,
				modCount: 0,
				submitter: requester,
				descriptionInternal: false,
				systemUpdates: [],
				messages: [],
				fields: {},
				tags: [],
			};
			for (const message of script.messages) {
				const at = createdAt + message.at * 60_000;
				if (at > now) break;
				ticket.messages.push({
					id: this.id(),
					author: message.role === 'requester' ? requester : this.agent(),
					internal: message.internal === true,
					text: message.text,
					createdAt: at,
					loggedAt: at,
				});
				ticket.updatedAt = at;
				ticket.changedAt = at;
				ticket.modCount += 1;
			}
			this.tickets.push(ticket);
		}
	}

	ticket(id: number): FakeTicket {
		const ticket = this.tickets.find((candidate) => candidate.id === id);
		if (!ticket) throw new Error(`No ticket ${id}`);
		return ticket;
	}

	/**
	 * Adds a message now (or at `at`), as a helpdesk does when someone replies. Stamped before the
	 * helpdesk's clock, it is still written now: what moves with every change moves to now.
	 */
	addMessage(
		ticketId: number,
		message: { role: 'requester' | 'agent'; internal?: boolean; text: string; at?: number },
	): FakeMessage {
		const ticket = this.ticket(ticketId);
		const createdAt = message.at ?? this.now();
		const added: FakeMessage = {
			id: this.id(),
			author: message.role === 'requester' ? ticket.requester : this.agent(),
			internal: message.internal === true,
			text: message.text,
			createdAt,
			loggedAt: createdAt,
		};
		ticket.messages.push(added);
		ticket.updatedAt = Math.max(ticket.updatedAt, added.createdAt);
		ticket.changedAt = Math.max(ticket.changedAt, added.createdAt, this.now());
		ticket.modCount += 1;
		return added;
	}

	/**
	 * A late write: a message stamped at or before the case's current update time that becomes
	 * visible only now (ServiceNow stamps a comment before slow business rules run; replicas lag).
	 * The update time stays; what moves with every change (sys_mod_count, generated_timestamp)
	 * moves.
	 */
	addLateMessage(
		ticketId: number,
		message: { role: 'requester' | 'agent'; internal?: boolean; text: string; at?: number },
	): FakeMessage {
		const ticket = this.ticket(ticketId);
		const added: FakeMessage = {
			id: this.id(),
			author: message.role === 'requester' ? ticket.requester : this.agent(),
			internal: message.internal === true,
			text: message.text,
			createdAt: Math.min(message.at ?? ticket.updatedAt, ticket.updatedAt),
			loggedAt: this.now(),
		};
		ticket.messages.push(added);
		ticket.changedAt = Math.max(ticket.changedAt, this.now());
		ticket.modCount += 1;
		return added;
	}

	/**
	 * A change with no message (a status set by a business rule, an SLA recalculation, a bulk
	 * edit): the update time moves unless `keepUpdatedAt` (Zendesk's system updates move only
	 * generated_timestamp).
	 */
	systemUpdate(ticketId: number, options: { at?: number; keepUpdatedAt?: boolean } = {}): void {
		const ticket = this.ticket(ticketId);
		const at = options.at ?? this.now();
		if (!options.keepUpdatedAt) ticket.updatedAt = Math.max(ticket.updatedAt, at);
		ticket.changedAt = Math.max(ticket.changedAt, at);
		ticket.modCount += 1;
		ticket.systemUpdates.push(at);
	}

	addTicket(input: {
		subject: string;
		description: string;
		at?: number;
		priority?: FakeTicket['priority'];
		/** Seconds the form was open before it was saved (a phone case). */
		openedSecondsBefore?: number;
		/** Opened by an agent with an internal note as the first comment. */
		descriptionInternal?: boolean;
	}): FakeTicket {
		const at = input.at ?? this.now();
		const requester = this.user(
			'Erin Walsh',
			`erin.walsh+${this.nextId}@hooli.example`,
			'end-user',
		);
		const ticket: FakeTicket = {
			id: this.id(),
			subject: input.subject,
			description: input.description,
			status: 'new',
			priority: input.priority ?? 'medium',
			channel: 'email',
			group: { id: 101, name: 'Product Support' },
			account: { id: 900, name: 'Hooli' },
			requester,
			assignee: null,
			openedAt: at - (input.openedSecondsBefore ?? 0) * 1000,
			createdAt: at,
			updatedAt: at,
			changedAt: at,
			modCount: 0,
			submitter: input.descriptionInternal ? this.agent() : requester,
			descriptionInternal: input.descriptionInternal === true,
			systemUpdates: [],
			messages: [],
			fields: {},
			tags: [],
		};
		this.tickets.push(ticket);
		return ticket;
	}

	/** Tickets in the order incremental APIs return them: updated time, then id. */
	byUpdate(): FakeTicket[] {
		return [...this.tickets].sort((a, b) => a.updatedAt - b.updatedAt || a.id - b.id);
	}

	/** Tickets in the order of their last change of any kind (Zendesk's generated_timestamp). */
	byChange(): FakeTicket[] {
		return [...this.tickets].sort((a, b) => a.changedAt - b.changedAt || a.id - b.id);
	}
}

export interface ApiRequest {
	method: string;
	url: URL;
	headers: IncomingMessage['headers'];
	/** The request body as sent (empty for a GET). */
	body: string;
}

/** A JSON request body, or null when it is not JSON (the helpdesks answer 400 then). */
export function jsonBody(request: ApiRequest): Record<string, unknown> | null {
	try {
		const parsed = JSON.parse(request.body) as unknown;
		return parsed !== null && typeof parsed === 'object'
			? (parsed as Record<string, unknown>)
			: null;
	} catch {
		return null;
	}
}

export abstract class FakeHelpdeskServer {
	readonly store = new HelpdeskStore();
	/** API requests served (control requests not counted), and bytes of their bodies. */
	requests = 0;
	bytes = 0;
	readonly paths: string[] = [];
	failures: Failure[] = [];
	/** Every write the API accepted, in order. */
	readonly writes: FakeWrite[] = [];
	private server: Server | null = null;
	url = '';

	protected abstract handle(request: ApiRequest): FakeResponse;
	/** Whether the request carries the credentials the server was set up with. */
	protected abstract authorized(headers: IncomingMessage['headers']): boolean;
	protected abstract unauthorized(): FakeResponse;
	protected abstract rateLimited(retryAfterSeconds: number): FakeResponse;

	async start(port = 0): Promise<string> {
		this.server = createServer((req, res) => this.serve(req, res));
		// Longer than a slow poll spends between two requests: a client reusing a connection the
		// server has just closed as idle gets ECONNRESET, which is not what these tests are about.
		this.server.keepAliveTimeout = 120_000;
		await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this.url;
	}

	async close(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = null;
	}

	/** Records an accepted write (see `writes`). */
	protected recordWrite(ticketId: number, request: ApiRequest): void {
		this.writes.push({
			ticketId,
			method: request.method,
			path: request.url.pathname,
			body: jsonBody(request),
		});
	}

	resetCounters(): void {
		this.requests = 0;
		this.bytes = 0;
		this.paths.length = 0;
	}

	private serve(req: IncomingMessage, res: ServerResponse): void {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', this.url);
			let response: FakeResponse;
			const body = Buffer.concat(chunks).toString();
			try {
				response = url.pathname.startsWith('/_control/')
					? this.control(req.method ?? 'GET', url, body)
					: this.api(req, url, body);
			} catch (error) {
				response = { status: 500, body: { error: (error as Error).message } };
			}
			const text = JSON.stringify(response.body);
			if (!url.pathname.startsWith('/_control/')) this.bytes += Buffer.byteLength(text);
			res.writeHead(response.status, {
				'content-type': 'application/json; charset=utf-8',
				// The helpdesk's clock, as every HTTP server sends it.
				date: new Date(this.store.now()).toUTCString(),
				...response.headers,
			});
			res.end(text);
		});
	}

	private api(req: IncomingMessage, url: URL, body: string): FakeResponse {
		this.requests += 1;
		this.paths.push(`${url.pathname}${url.search}`);
		const failure = this.failures.find((candidate) => candidate.onRequest === this.requests);
		if (failure) {
			if (failure.status === 429) return this.rateLimited(failure.retryAfterSeconds ?? 1);
			return { status: failure.status, body: { error: 'Injected failure' } };
		}
		if (!this.authorized(req.headers)) return this.unauthorized();
		return this.handle({ method: req.method ?? 'GET', url, headers: req.headers, body });
	}

	/** The control API for tests in another process. */
	private control(method: string, url: URL, text: string): FakeResponse {
		const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
		const action = url.pathname.slice('/_control/'.length);
		if (action === 'stats') {
			return {
				status: 200,
				body: {
					requests: this.requests,
					bytes: this.bytes,
					tickets: this.store.tickets.map((ticket) => ticket.id),
					writes: this.writes,
				},
			};
		}
		if (method !== 'POST') return { status: 405, body: { error: 'POST only' } };
		if (action === 'seed') {
			this.store.seed(Number(body.count ?? 20), Number(body.spacingMs ?? 60_000));
			return { status: 200, body: { tickets: this.store.tickets.map((ticket) => ticket.id) } };
		}
		if (action === 'message') {
			const message = this.store.addMessage(Number(body.ticketId), body as never);
			return { status: 200, body: { id: message.id } };
		}
		if (action === 'late-message') {
			const message = this.store.addLateMessage(Number(body.ticketId), body as never);
			return { status: 200, body: { id: message.id } };
		}
		if (action === 'system-update') {
			this.store.systemUpdate(Number(body.ticketId), body as never);
			return { status: 200, body: {} };
		}
		if (action === 'ticket')
			return { status: 200, body: { id: this.store.addTicket(body as never).id } };
		if (action === 'fail') {
			this.failures.push({
				onRequest: this.requests + Number(body.afterRequests ?? 1),
				status: Number(body.status ?? 500),
				retryAfterSeconds: Number(body.retryAfterSeconds ?? 1),
			});
			return { status: 200, body: {} };
		}
		if (action === 'clock') {
			this.store.fixedNow = body.now === null ? null : Date.parse(String(body.now));
			return { status: 200, body: {} };
		}
		return { status: 404, body: { error: `Unknown control action ${action}` } };
	}
}

export function basicCredentials(
	headers: IncomingMessage['headers'],
): { user: string; secret: string } | null {
	const header = headers.authorization ?? '';
	if (!header.startsWith('Basic ')) return null;
	const decoded = Buffer.from(header.slice(6), 'base64').toString();
	const split = decoded.indexOf(':');
	return split < 0 ? null : { user: decoded.slice(0, split), secret: decoded.slice(split + 1) };
}

/** Times with second precision, as the three helpdesks write them. */
export function isoSeconds(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
