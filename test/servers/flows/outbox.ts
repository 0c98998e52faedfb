import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Stands in for the services the example workflows send to: a Slack incoming webhook, a survey
 * tool and the digest's destination. It records every request (method, path, headers, body) and
 * answers as a Slack webhook does (200 "ok"), so tests assert on what the workflow sent.
 */
export interface ReceivedRequest {
	method: string;
	path: string;
	headers: IncomingMessage['headers'];
	body: Buffer;
	/** The body parsed as JSON when it was sent as JSON, else null. */
	json: unknown;
}

export class Outbox {
	readonly received: ReceivedRequest[] = [];
	private server: Server | null = null;
	url = '';

	async start(): Promise<string> {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const body = Buffer.concat(chunks);
				const isJson = String(req.headers['content-type'] ?? '').includes('application/json');
				this.received.push({
					method: req.method ?? 'GET',
					path: req.url ?? '/',
					headers: req.headers,
					body,
					json: isJson ? JSON.parse(body.toString('utf8')) : null,
				});
				res.writeHead(200, { 'content-type': 'text/plain' });
				res.end('ok');
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this.url;
	}

	/** Requests received on paths starting with `prefix`. */
	on(prefix: string): ReceivedRequest[] {
		return this.received.filter((request) => request.path.startsWith(prefix));
	}

	async close(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = null;
	}
}
