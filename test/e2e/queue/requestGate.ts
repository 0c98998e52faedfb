import type { IncomingMessage, Server, ServerResponse } from 'node:http';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface HeldRequest {
	req: IncomingMessage;
	res: ServerResponse;
	/** Whether the client had gone (its connection closed) before the request was released. */
	abandoned: boolean;
}

/**
 * Makes a local server slow on purpose: requests that match are parked, unanswered and not yet
 * handled, until `release()`, the way a busy helpdesk or webhook leaves requests waiting. That
 * is how the queue-mode tests catch n8n in the middle of a poll or of an execution.
 *
 * A parked request whose client disappears (its n8n process was killed) is dropped on release,
 * never handled: the server had not read it yet, and the connection it came on is gone.
 */
export class RequestGate {
	private readonly handlers: Handler[];
	private matcher: ((req: IncomingMessage) => boolean) | null = null;
	private readonly held: HeldRequest[] = [];
	/** Requests parked so far, abandoned ones included, as `METHOD path`. */
	readonly parked: string[] = [];
	/** Parked requests dropped because their client had gone. */
	readonly dropped: string[] = [];

	constructor(private readonly server: Server) {
		this.handlers = server.listeners('request') as Handler[];
		server.removeAllListeners('request');
		server.on('request', (req: IncomingMessage, res: ServerResponse) => {
			if (this.matcher?.(req)) {
				const held: HeldRequest = { req, res, abandoned: false };
				req.socket.once('close', () => (held.abandoned = true));
				this.held.push(held);
				this.parked.push(`${req.method} ${req.url}`);
				return;
			}
			this.handle(req, res);
		});
	}

	/** Parks every request for which `match` is true from now on, until `release()`. */
	hold(match: (req: IncomingMessage) => boolean): void {
		this.matcher = match;
	}

	/** How many requests are parked right now. */
	get waiting(): number {
		return this.held.length;
	}

	/** Resolves once at least `count` requests are parked. */
	async waitForHeld(count = 1, timeoutMs = 150_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (this.held.length < count) {
			if (Date.now() > deadline) {
				throw new Error(`no request was held within ${timeoutMs} ms (${this.held.length} held)`);
			}
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	/** Stops holding; handles what was parked, except requests whose client has gone. */
	release(): void {
		this.matcher = null;
		for (const { req, res, abandoned } of this.held.splice(0)) {
			if (abandoned || req.socket.destroyed) {
				this.dropped.push(`${req.method} ${req.url}`);
				res.destroy();
			} else {
				this.handle(req, res);
			}
		}
	}

	private handle(req: IncomingMessage, res: ServerResponse): void {
		for (const handler of this.handlers) handler.call(this.server, req, res);
	}
}

/** The Node http.Server behind one of the test servers (they keep it in a private field). */
export function httpServerOf(testServer: object): Server {
	const server = (testServer as { server?: Server | null }).server;
	if (!server) throw new Error('the server is not started');
	return server;
}
