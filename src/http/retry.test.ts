import { isRetryable, retryAfterMs, withRetry } from './retry';

describe('retries', () => {
	it('reads Retry-After in seconds, as a date, and retry-after-ms', () => {
		const now = Date.parse('2026-11-23T10:00:00Z');
		expect(retryAfterMs({ headers: { 'retry-after': '2' } })).toBe(2000);
		expect(
			retryAfterMs(
				{ headers: new Headers({ 'retry-after': 'Mon, 23 Nov 2026 10:00:05 GMT' }) },
				now,
			),
		).toBe(5000);
		expect(retryAfterMs({ headers: { 'retry-after-ms': '150' } })).toBe(150);
	});

	it('retries 429, 5xx and timeouts, not 400 or 401', () => {
		expect([429, 500, 503, 408].map((status) => isRetryable({ status }))).toEqual([
			true,
			true,
			true,
			true,
		]);
		expect([400, 401, 404].map((status) => isRetryable({ status }))).toEqual([false, false, false]);
		expect(isRetryable(new Error('Request timed out.'))).toBe(true);
	});

	it('reads the network failures of the one table the helpdesk sources and model calls share', () => {
		// ECONNABORTED and EADDRNOTAVAIL were in the helpdesk sources' own table only.
		for (const code of ['ECONNABORTED', 'EADDRNOTAVAIL', 'ECONNRESET', 'ENOTFOUND']) {
			const error = new TypeError('fetch failed', {
				cause: Object.assign(new Error(`connect ${code}`), { code }),
			});
			expect([code, isRetryable(error)]).toEqual([code, true]);
		}
		expect(
			isRetryable(
				Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }),
			),
		).toBe(false);
	});

	it('caps the wait and the number of attempts', async () => {
		const waits: number[] = [];
		let calls = 0;
		const failing = withRetry(
			async () => {
				calls++;
				throw Object.assign(new Error('busy'), { status: 429, headers: { 'retry-after': '3600' } });
			},
			{ retries: 2, baseDelayMs: 1, maxDelayMs: 50, sleep: async (ms) => void waits.push(ms) },
		);
		await expect(failing).rejects.toThrow('busy');
		expect(calls).toBe(3);
		expect(waits).toEqual([50, 50]);
	});
});

describe('one retry layer for polls and model calls', () => {
	const rateLimited = (retryAfter: string) =>
		Object.assign(new Error('busy'), { status: 429, headers: { 'retry-after': retryAfter } });

	it('gives up at once on a Retry-After past the longest wait when the caller would rather fail', async () => {
		const waits: number[] = [];
		let calls = 0;
		const failing = withRetry(
			async () => {
				calls++;
				throw rateLimited('3600');
			},
			{
				retries: 3,
				baseDelayMs: 1000,
				maxDelayMs: 60_000,
				longerWait: 'fail',
				sleep: async (ms) => void waits.push(ms),
			},
		);
		await expect(failing).rejects.toThrow('busy');
		expect({ calls, waits }).toEqual({ calls: 1, waits: [] });
	});

	it('retries only what the caller counts as retryable (a poll: 429, not 500)', async () => {
		const waits: number[] = [];
		let calls = 0;
		const policy = {
			retries: 3,
			baseDelayMs: 1000,
			maxDelayMs: 60_000,
			retryable: (error: unknown) => (error as { status?: number }).status === 429,
			sleep: async (ms: number) => void waits.push(ms),
		};
		const answers = [rateLimited('2'), Object.assign(new Error('down'), { status: 500 })];
		const failing = withRetry(async () => {
			throw answers[calls++];
		}, policy);
		await expect(failing).rejects.toThrow('down');
		expect({ calls, waits }).toEqual({ calls: 2, waits: [2000] });
	});
});
