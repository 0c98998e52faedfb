import { OpenAiCompatibleApi } from '../../credentials/OpenAiCompatibleApi.credentials';
import { extraHeaders } from '../../src/http/headers';

const SECRET = 'gw-secret-7f3a9b';

describe('Extra Headers of the OpenAI-compatible credential, read one way', () => {
	it('reads a JSON object text or an object, every value as a string', () => {
		expect(extraHeaders('{"api-key": "k", "x-n": 3}')).toEqual({ 'api-key': 'k', 'x-n': '3' });
		expect(extraHeaders({ 'api-key': 'k' })).toEqual({ 'api-key': 'k' });
		expect(extraHeaders('')).toEqual({});
		expect(extraHeaders(undefined)).toEqual({});
	});

	it('refuses what is not a JSON object without repeating any of it', () => {
		for (const bad of [`{"api-key": "${SECRET}"`, `["${SECRET}"]`, `api-key: ${SECRET}`]) {
			expect(() => extraHeaders(bad)).toThrow(/Extra Headers must be a JSON object/);
			try {
				extraHeaders(bad);
			} catch (error) {
				expect(String((error as Error).message)).not.toContain(SECRET.slice(0, 6));
			}
		}
	});

	it('the credential sends the same headers, and a broken value fails without the secret', async () => {
		const credential = new OpenAiCompatibleApi();
		const request = await credential.authenticate(
			{ apiKey: 'sk-1', headers: '{"api-key": "k"}' },
			{ url: 'http://127.0.0.1/v1/models', headers: {} },
		);
		expect(request.headers).toMatchObject({ 'api-key': 'k', Authorization: 'Bearer sk-1' });
		const failure = credential.authenticate(
			{ apiKey: 'sk-1', headers: `{"api-key": "${SECRET}"` },
			{ url: 'http://127.0.0.1/v1/models', headers: {} },
		);
		await expect(failure).rejects.toThrow(/Extra Headers must be a JSON object/);
		await expect(failure).rejects.not.toThrow(new RegExp(SECRET.slice(0, 6)));
	});
});
