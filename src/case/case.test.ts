import { caseActivityKey, CaseValidationError, parseCase } from './case';
import { caseFromText, normalizeCase } from './normalize';
import { requireCustomerText, caseThread, requesterUtterances } from './thread';
import { toIsoTime } from './time';

describe('time parsing', () => {
	it('reads ISO, ServiceNow, SQL-with-offset and epoch times as UTC ISO strings', () => {
		expect(toIsoTime('2026-11-23T10:30:00+01:00')).toBe('2026-11-23T09:30:00Z');
		expect(toIsoTime('2026-11-23 09:30:00')).toBe('2026-11-23T09:30:00Z');
		expect(toIsoTime('2015-02-18 15:48:09 -0800')).toBe('2015-02-18T23:48:09Z');
		expect(toIsoTime(1795426200)).toBe('2026-11-23T09:30:00Z');
		expect(toIsoTime(1795426200000)).toBe('2026-11-23T09:30:00Z');
	});

	it('rejects what is not a time', () => {
		expect(toIsoTime('next tuesday')).toBeNull();
		expect(toIsoTime('')).toBeNull();
		expect(toIsoTime({})).toBeNull();
	});
});

describe('normalizeCase', () => {
	const mapped = {
		id: 4711,
		subject: 'Invoice wrong again',
		description: 'You charged us twice.',
		requester: 'ana@acme.example',
		account: 'ACME',
		messages: [
			{
				id: 'c2',
				author: 'bo@support.example',
				text: 'We are looking into it.',
				createdAt: '2026-11-23 10:00:00',
			},
			{
				id: 'c1',
				author: 'ana@acme.example',
				text: 'Any news?',
				createdAt: '2026-11-23T09:00:00Z',
			},
			{ id: 'c3', author: 'bo@support.example', text: 'Refund approved', visibility: 'work_notes' },
			{ id: 'c4', author: 'Service Bot', role: 'bot', text: 'Ticket updated' },
		],
	};
	const rules = {
		requesterAuthors: [],
		fulfillerAuthors: ['*@support.example'],
		unknownAuthorRole: 'requester' as const,
	};

	it('coerces ids and times and tells requester from fulfiller', () => {
		const supportCase = normalizeCase(mapped, rules);
		expect(supportCase.id).toBe('4711');
		expect(supportCase.account).toEqual({ id: 'ACME', name: null });
		expect(supportCase.requester?.email).toBe('ana@acme.example');
		const roles = Object.fromEntries(supportCase.messages.map((m) => [m.id, m.authorRole]));
		expect(roles).toEqual({ c1: 'requester', c2: 'fulfiller', c3: 'fulfiller', c4: 'system' });
		expect(supportCase.messages.find((m) => m.id === 'c3')?.visibility).toBe('internal');
		expect(supportCase.messages.find((m) => m.id === 'c2')?.createdAt).toBe('2026-11-23T10:00:00Z');
	});

	it('orders the thread by time, opens with the description and leaves internal notes out', () => {
		const thread = caseThread(normalizeCase(mapped, rules));
		expect(thread.map((u) => u.messageId)).toEqual(['description', 'c1', 'c2', 'c4']);
		expect(
			caseThread(normalizeCase(mapped, rules), { includeInternal: true }).map((u) => u.messageId),
		).toContain('c3');
		expect(requesterUtterances(normalizeCase(mapped, rules)).map((u) => u.messageId)).toEqual([
			'description',
			'c1',
		]);
	});

	it('names the field and the fix when a message time is not a time', () => {
		const bad = { ...mapped, messages: [{ id: 'x', text: 'hi', createdAt: 'yesterday-ish' }] };
		expect(() => normalizeCase(bad, rules)).toThrow(CaseValidationError);
		try {
			normalizeCase(bad, rules);
		} catch (error) {
			expect((error as CaseValidationError).field).toBe('messages.0.createdAt');
			expect((error as CaseValidationError).hint).toMatch(/ISO 8601/);
		}
	});

	it('rejects a case without id and a message without text', () => {
		expect(() => normalizeCase({ subject: 'x' })).toThrow(/'id'/);
		expect(() => normalizeCase({ id: '1', messages: [{ author: 'a' }] })).toThrow(
			/messages\.0\.text/,
		);
		expect(() => normalizeCase({ id: '1', messages: 'not a list' })).toThrow(
			/'messages' must be a list/,
		);
	});

	it('accepts messages as a JSON string, as mapped from a text field', () => {
		const supportCase = normalizeCase({
			id: '1',
			messages: '[{"text":"thanks!","role":"customer"}]',
		});
		expect(supportCase.messages[0]).toMatchObject({
			id: 'm1',
			authorRole: 'requester',
			text: 'thanks!',
		});
	});
});

describe('case checks', () => {
	it('treats plain text as one requester message', () => {
		const supportCase = caseFromText('This is the third time I ask', 'row-1');
		expect(requesterUtterances(supportCase)).toHaveLength(1);
		expect(() => requireCustomerText(supportCase)).not.toThrow();
	});

	it('builds a text case exactly as the schema would', () => {
		const supportCase = caseFromText('Where is my parcel?', 'row-2');
		expect(parseCase(supportCase)).toEqual(supportCase);
		expect(() => caseFromText('text', '')).toThrow(/'id' is empty/);
	});

	it('refuses a case with only agent text, rather than calling it neutral', () => {
		const supportCase = parseCase({
			id: '9',
			messages: [{ id: 'a', authorRole: 'fulfiller', text: 'Hello, how can I help?' }],
		});
		expect(() => requireCustomerText(supportCase)).toThrow(/no customer text/);
	});

	it('changes the activity key when a message is added or edited, and only then', () => {
		const base = parseCase({
			id: '9',
			subject: 'Login',
			messages: [{ id: 'a', authorRole: 'requester', text: 'broken' }],
		});
		const same = parseCase({
			id: '9',
			subject: 'Login',
			messages: [{ id: 'a', authorRole: 'requester', text: 'broken' }],
		});
		const edited = parseCase({
			id: '9',
			subject: 'Login',
			messages: [{ id: 'a', authorRole: 'requester', text: 'fixed' }],
		});
		expect(caseActivityKey(base)).toBe(caseActivityKey(same));
		expect(caseActivityKey(base)).not.toBe(caseActivityKey(edited));
	});
});
