import { type FakeOpenAi, startFakeOpenAi } from '../../../test/servers/openai/server';

/** The fake OpenAI server answers malformed requests the way OpenAI documents them. */
let fake: FakeOpenAi;
const KEY = 'sk-fake-server-test';
beforeAll(async () => {
	fake = await startFakeOpenAi({ apiKey: KEY });
});
afterAll(() => fake.close());

async function post(path: string, body: unknown, key = KEY) {
	const response = await fetch(`${fake.url}${path}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return {
		status: response.status,
		headers: response.headers,
		json: (await response.json()) as any,
	};
}

describe('fake OpenAI server', () => {
	it('rejects a wrong key with 401 invalid_api_key without echoing the key', async () => {
		const answer = await post(
			'/chat/completions',
			{ model: 'm', messages: [] },
			'sk-wrong-secret-key-1234',
		);
		expect(answer.status).toBe(401);
		expect(answer.json.error).toMatchObject({
			type: 'invalid_request_error',
			code: 'invalid_api_key',
		});
		expect(answer.json.error.message).not.toContain('sk-wrong-secret-key-1234');
	});

	it('rejects missing model and messages with 400 invalid_request_error', async () => {
		const noModel = await post('/chat/completions', {
			messages: [{ role: 'user', content: 'hi' }],
		});
		const noMessages = await post('/chat/completions', { model: 'm' });
		const noInput = await post('/responses', { model: 'm' });
		expect([noModel.status, noMessages.status, noInput.status]).toEqual([400, 400, 400]);
		expect(noModel.json.error.message).toMatch(/'model'/);
		expect(noMessages.json.error.message).toMatch(/'messages'/);
		expect(noInput.json.error.type).toBe('invalid_request_error');
	});

	it('lists its model and answers tool calls with arguments that follow the tool schema', async () => {
		const models = (await (
			await fetch(`${fake.url}/models`, { headers: { authorization: `Bearer ${KEY}` } })
		).json()) as any;
		expect(models.data[0].id).toBe('fake-sentiment-1');
		const answer = await post('/chat/completions', {
			model: 'm',
			messages: [{ role: 'user', content: 'requester: thanks, great help' }],
			tools: [
				{
					type: 'function',
					function: {
						name: 'rate',
						parameters: {
							type: 'object',
							properties: { mood: { type: 'string', enum: ['sad', 'happy'] } },
						},
					},
				},
			],
		});
		const call = answer.json.choices[0].message.tool_calls[0];
		expect(call.function.name).toBe('rate');
		expect(JSON.parse(call.function.arguments)).toEqual({ mood: 'happy' });
		expect(answer.json.usage.prompt_tokens).toBeGreaterThan(0);
	});

	it('answers 429 with Retry-After when told to', async () => {
		fake.inject('429');
		const answer = await post('/responses', { model: 'm', input: 'hello' });
		expect(answer.status).toBe(429);
		expect(answer.headers.get('retry-after')).toBe('1');
	});
});
