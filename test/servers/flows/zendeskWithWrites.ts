import type { IncomingMessage, Server, ServerResponse } from 'node:http';

import type { FakeTicket } from '../helpdesks/helpdesk';
import { FakeZendesk } from '../helpdesks/zendesk';

/** The group the assignment example moves cases to; known to this server by id. */
export const SENIOR_GROUP = { id: 200, name: 'Senior Support' };

const TICKET_PATH = /^\/api\/v2\/tickets\/(\d+)\.json$/;

/**
 * The fake Zendesk plus the two ticket endpoints the example workflows call, as Zendesk's Tickets
 * API documents them: `GET /api/v2/tickets/{id}.json` and `PUT /api/v2/tickets/{id}.json` with
 * `{"ticket": {priority, status, group_id, comment: {body, public}}}`. The shared fake serves
 * reads only and does not hand request bodies to its helpdesks, so this server takes the
 * ticket requests before they reach it.
 */
export class FakeZendeskWithWrites extends FakeZendesk {
	/** Every accepted update, in order, as sent. */
	readonly updates: Array<{ ticketId: number; ticket: Record<string, unknown> }> = [];

	async start(port = 0): Promise<string> {
		const url = await super.start(port);
		// Element access reaches the base's private server and handler (see the class comment).
		const server = this['server'] as Server;
		const serveReads = this['serve'].bind(this) as (
			req: IncomingMessage,
			res: ServerResponse,
		) => void;
		server.removeAllListeners('request');
		server.on('request', (req: IncomingMessage, res: ServerResponse) => {
			const match = TICKET_PATH.exec(new URL(req.url ?? '/', url).pathname);
			if (!match || (req.method !== 'GET' && req.method !== 'PUT')) return serveReads(req, res);
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const answer = this.ticketRequest(req, Number(match[1]), Buffer.concat(chunks).toString());
				res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
				res.end(JSON.stringify(answer.body));
			});
		});
		return url;
	}

	private ticketRequest(
		req: IncomingMessage,
		ticketId: number,
		text: string,
	): { status: number; body: unknown } {
		if (!this.authorized(req.headers)) return this.unauthorized();
		const ticket = this.store.tickets.find((candidate) => candidate.id === ticketId);
		if (!ticket)
			return { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };
		if (req.method === 'PUT') {
			let update: Record<string, unknown>;
			try {
				update = (JSON.parse(text) as { ticket?: Record<string, unknown> }).ticket ?? {};
			} catch {
				return { status: 400, body: { error: 'InvalidJSON', description: 'Body is not JSON' } };
			}
			const invalid = this.apply(ticket, update);
			if (invalid) return { status: 422, body: { error: 'RecordInvalid', description: invalid } };
			this.updates.push({ ticketId, ticket: update });
		}
		return {
			status: 200,
			body: {
				ticket: {
					id: ticket.id,
					subject: ticket.subject,
					status: ticket.status,
					priority: ticket.priority,
					group_id: ticket.group.id,
				},
			},
		};
	}

	/** Applies an update as Zendesk does; returns what is invalid, if anything. */
	private apply(ticket: FakeTicket, update: Record<string, unknown>): string | null {
		const priorities = ['low', 'normal', 'medium', 'high', 'urgent'];
		if (update.priority !== undefined && !priorities.includes(String(update.priority)))
			return `Priority: ${String(update.priority)} is not valid`;
		const statuses = ['new', 'open', 'pending', 'solved', 'closed'];
		if (update.status !== undefined && !statuses.includes(String(update.status)))
			return `Status: ${String(update.status)} is not valid`;
		const comment = update.comment as { body?: unknown; public?: unknown } | undefined;
		if (update.priority !== undefined)
			ticket.priority = String(update.priority) as FakeTicket['priority'];
		if (update.status !== undefined) ticket.status = String(update.status) as FakeTicket['status'];
		if (update.group_id !== undefined) {
			const id = Number(update.group_id);
			ticket.group = id === SENIOR_GROUP.id ? { ...SENIOR_GROUP } : { id, name: `Group ${id}` };
		}
		if (comment?.body !== undefined) {
			this.store.addMessage(ticket.id, {
				role: 'agent',
				internal: comment.public === false,
				text: String(comment.body),
			});
		}
		ticket.updatedAt = Math.max(ticket.updatedAt, this.store.now());
		return null;
	}
}
