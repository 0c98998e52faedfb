import { configuredInputs } from './inputs';

describe('node inputs', () => {
	it('grow a Model input only when a connected chat model is used', () => {
		const types = (parameters: Record<string, string>) =>
			configuredInputs(parameters).map((input) => input.type);
		expect(types({ engine: 'offline' })).toEqual(['main']);
		expect(types({ engine: 'openai' })).toEqual(['main']);
		expect(types({ engine: 'chatModel' })).toEqual(['main', 'ai_languageModel']);
		expect(types({ engine: 'hybrid' })).toEqual(['main']);
		expect(types({ engine: 'hybridChatModel' })).toEqual(['main', 'ai_languageModel']);
		expect(types({ engine: 'chatModel', operation: 'summarizeAccounts' })).toEqual(['main']);
	});
});
