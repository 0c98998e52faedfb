import { caseFromRecord, jsonlRecords, transcriptCase } from './io';

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

describe('jsonlRecords', () => {
	async function* chunks(...pieces: string[]) {
		for (const piece of pieces) yield piece;
	}
	const read = async (...pieces: string[]) => {
		const records = [];
		for await (const record of jsonlRecords(chunks(...pieces), 100)) records.push(record);
		return records;
	};

	it('reports a line longer than the limit on its own line and reads on', async () => {
		const long = `{"id":"2","text":"${'x'.repeat(300)}"}`;
		// The long line arrives in pieces, as from a stream, and is never held whole.
		const records = await read(
			'{"id":"1","text":"a"}\n',
			long.slice(0, 150),
			long.slice(150),
			'\n{"id":"3","text":"c"}\n',
		);
		expect(records).toEqual([
			{ line: 1, fields: { id: '1', text: 'a' } },
			{ line: 2, error: expect.stringMatching(/^is longer than 100 characters/) },
			{ line: 3, fields: { id: '3', text: 'c' } },
		]);
		expect(await read(long)).toEqual([
			{ line: 1, error: expect.stringMatching(/longer than 100/) },
		]);
	});

	it('reads a 100,000-deep object without a RangeError', async () => {
		const depth = 100_000;
		const line = `{"id":"d","text":"ok","deep":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
		const records = [];
		for await (const record of jsonlRecords(chunks(line))) records.push(record);
		expect(records[0].fields?.text).toBe('ok');
	});
});
