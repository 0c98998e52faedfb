import { caseFromRecord, transcriptCase } from './io';

describe('transcriptCase', () => {
	it('gives USER or Customer turns to the requester and the other speakers to the fulfiller', () => {
		const supportCase = transcriptCase(
			'Customer: my card was charged twice\nAgent: sorry, refunding now\nCustomer: thanks',
			'd1',
		)!;
		expect(supportCase.messages.map((message) => [message.authorRole, message.text])).toEqual([
			['requester', 'my card was charged twice'],
			['fulfiller', 'sorry, refunding now'],
			['requester', 'thanks'],
		]);
	});

	it('leaves text alone when a line is not a turn or no speaker is the customer', () => {
		expect(transcriptCase('Update: delayed again\nNote: third time this week', 'x')).toBeNull();
		expect(transcriptCase('USER: where is my order\nit was due monday', 'x')).toBeNull();
		expect(transcriptCase('USER: a single line', 'x')).toBeNull();
	});
});

describe('caseFromRecord', () => {
	it('names a record without an id after its line, and reads other fields when told', () => {
		const supportCase = caseFromRecord({ key: 7, body: 'hello' }, 12, {
			idField: 'key',
			textField: 'body',
		});
		expect(supportCase.id).toBe('7');
		expect(caseFromRecord({ text: 'hello' }, 12).id).toBe('line-12');
	});

	it('names the field when the text is not a string', () => {
		expect(() => caseFromRecord({ id: '1', text: 42 }, 1)).toThrow("'text' must be a string");
	});
});
