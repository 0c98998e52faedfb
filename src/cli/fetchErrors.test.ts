import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

import { type CliIo, EXIT_USAGE, run } from './main';

/** Runs the command line with its standard error captured. */
async function runCli(argv: string[]): Promise<{ code: number; stderr: string }> {
	const err: string[] = [];
	const io: CliIo = {
		stdin: Readable.from([]),
		stdout: () => undefined,
		stderr: (text) => {
			err.push(text);
		},
		stderrIsTTY: false,
		env: {},
		openFile: () => Readable.from([]),
		now: () => Date.parse('2026-11-23T12:00:00Z'),
	};
	const code = await run(argv, io);
	return { code, stderr: err.join('') };
}

describe('case-sentiment fetch errors', () => {
	let server: Server;
	let base = '';
	let status = 500;
	beforeAll(async () => {
		// A helpdesk that quotes the request's credentials back in its error body, as some do.
		server = createServer((req, res) => {
			res.writeHead(status, {
				'content-type': 'application/json',
				...(status === 429 ? { 'retry-after': '3600' } : {}),
			});
			res.end(
				JSON.stringify({
					error: 'failed',
					echo: { authorization: req.headers.authorization, key: req.headers['x-api-key'] },
					url: req.url,
				}),
			);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => await new Promise((resolve) => server.close(resolve)));

	it('names the source, the address and the cause when the helpdesk cannot be reached', async () => {
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise((resolve) => closed.close(resolve));
		const { code, stderr } = await runCli([
			'fetch',
			'--source',
			'zendesk',
			'--base-url',
			`http://127.0.0.1:${port}`,
			'--email',
			'me@acme.example',
			'--token',
			'zd-secret-token',
		]);
		expect(code).toBe(EXIT_USAGE);
		expect(stderr).toContain('Zendesk could not be read');
		expect(stderr).toContain(`http://127.0.0.1:${port}/api/v2/`);
		expect(stderr).toContain('connection refused');
		expect(stderr).not.toContain('fetch failed');
	});

	it.each([
		['--password', ['--source', 'servicenow', '--user', 'admin', '--password', 'sn-pass-1234']],
		['--token', ['--source', 'zendesk', '--email', 'me@acme.example', '--token', 'zd-tok-5678']],
		['--oauth-token', ['--source', 'zendesk', '--oauth-token', 'oauth-abcd-9876']],
		['--bearer', ['--source', 'http', '--url', '/cases', '--bearer', 'bearer-xyz-4321']],
		['--header', ['--source', 'http', '--url', '/cases', '--header', 'X-Api-Key: hdr-key-8765']],
	])('keeps the secret of %s out of errors, also in its base64 form', async (_flag, flags) => {
		status = 500;
		const secret = flags[flags.length - 1].replace(/^X-Api-Key: /, '');
		const argv = ['fetch', ...flags.map((flag) => (flag === '/cases' ? `${base}/cases` : flag))];
		if (!argv.includes('--url')) argv.push('--base-url', base);
		const { code, stderr } = await runCli(argv);
		expect(code).toBe(EXIT_USAGE);
		expect(stderr).toContain('500');
		expect(stderr).not.toContain(secret);
		for (const encoded of [
			Buffer.from(`admin:${secret}`).toString('base64'),
			Buffer.from(`me@acme.example/token:${secret}`).toString('base64'),
		])
			expect(stderr).not.toContain(encoded);
	});

	it('keeps the password of a --base-url out of errors', async () => {
		status = 500;
		const withUser = base.replace('http://', 'http://admin:url-pass-2468@');
		const { stderr } = await runCli([
			'fetch',
			'--source',
			'servicenow',
			'--base-url',
			withUser,
			'--user',
			'admin',
			'--password',
			'x',
		]);
		expect(stderr).toContain('500');
		expect(stderr).not.toContain('url-pass-2468');
	});

	it('gives a one-shot command hints of its own for 429 and 500', async () => {
		for (const answer of [429, 500]) {
			status = answer;
			const { stderr } = await runCli([
				'fetch',
				'--source',
				'freshdesk',
				'--base-url',
				base,
				'--api-key',
				'fd-key-1357',
			]);
			expect(stderr).toContain(String(answer));
			expect(stderr).not.toMatch(/cursor|next poll|Max Cases per Poll/);
			expect(stderr).toMatch(/run the command again/i);
		}
	});
});
