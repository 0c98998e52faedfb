import type { IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

/**
 * A fetch for clients that take one (the OpenAI SDK under LangChain), built on n8n's request
 * helper, so that a model call goes through n8n's own HTTP stack: its SSRF protection
 * (N8N_SSRF_PROTECTION_ENABLED and its allow and block lists), its proxy settings and its
 * redirect checks apply as they do to the HTTP Request node. Answers are read whole (no
 * streaming), and every status comes back as a Response, as fetch does: the client decides what
 * a 4xx means.
 */

export type HttpRequestHelper = (options: IHttpRequestOptions) => Promise<unknown>;

interface FullResponse {
	body: unknown;
	headers?: Record<string, unknown>;
	statusCode: number;
	statusMessage?: string;
}

/** Headers that describe the bytes on the wire, which n8n has already decoded. */
const WIRE_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding']);

function requestUrl(input: string | URL | Request): string {
	if (typeof input === 'string') return input;
	return input instanceof URL ? input.href : input.url;
}

function requestBody(body: RequestInit['body']): string | Buffer | undefined {
	if (body === undefined || body === null) return undefined;
	if (typeof body === 'string') return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	throw new TypeError('Only text and byte request bodies can be sent through n8n');
}

function responseHeaders(raw: Record<string, unknown> | undefined): Headers {
	const headers = new Headers();
	for (const [name, value] of Object.entries(raw ?? {})) {
		if (WIRE_HEADERS.has(name.toLowerCase())) continue;
		for (const one of Array.isArray(value) ? value : [value]) {
			if (typeof one === 'string' || typeof one === 'number') headers.append(name, String(one));
		}
	}
	return headers;
}

function responseBody(body: unknown): Buffer | string | null {
	if (body === undefined || body === null) return null;
	if (Buffer.isBuffer(body) || typeof body === 'string') return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	return JSON.stringify(body);
}

export function fetchThroughN8n(httpRequest: HttpRequestHelper): typeof fetch {
	return async (input, init = {}) => {
		const request = input instanceof Request ? input : undefined;
		const response = (await httpRequest({
			url: requestUrl(input),
			method: (init.method ?? request?.method ?? 'GET').toUpperCase() as IHttpRequestMethods,
			headers: Object.fromEntries(new Headers(init.headers ?? request?.headers).entries()),
			body: requestBody(init.body),
			encoding: 'arraybuffer',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			abortSignal: init.signal ?? request?.signal ?? undefined,
		})) as FullResponse;
		const status = response.statusCode;
		// A Response may not carry a body with these statuses.
		const noBody = status === 204 || status === 205 || status === 304;
		return new Response(noBody ? null : responseBody(response.body), {
			status,
			statusText: response.statusMessage ?? '',
			headers: responseHeaders(response.headers),
		});
	};
}
