import { Readable } from 'node:stream';

import { type FakeOpenAi, startFakeOpenAi } from '../../test/servers/openai/server';
import { type CliIo, EXIT_OK, EXIT_RECORDS_FAILED, EXIT_USAGE, run } from './main';

const HAPPY = 'Thanks, that worked perfectly. Great support!';
const ANGRY =
	'This is terrible. I have been waiting three weeks, nobody answers and I want a refund now.';

interface Harness {
	io: CliIo;
	/** Standard output split into JSON lines. */
	lines(): Array<Record<string, any>>;
	stdout(): string;
	stderr(): string;
}

function harness(
	input: string | Array<string | Buffer>,
	options: { env?: Record<string, string>; files?: Record<string, string>; tty?: boolean } = {},
): Harness {
	const out: string[] = [];
	const err: string[] = [];
	let clock = 0;
	const io: CliIo = {
		stdin: Readable.from(typeof input === 'string' ? [input] : input),
		stdout: (text) => {
			out.push(text);
		},
		stderr: (text) => {
			err.push(text);
		},
		stderrIsTTY: options.tty ?? false,
		env: options.env ?? {},
		openFile: (path) => {
			const content = options.files?.[path];
			if (content === undefined) throw new Error(`ENOENT: no such file '${path}'`);
			return Readable.from([content]);
		},
		// Each reading of the clock is a second later, so progress is due at every round.
		now: () => (clock += 1000),
	};
	return {
		io,
		lines: () =>
			out
				.join('')
				.split('\n')
				.filter((line) => line !== '')
				.map((line) => JSON.parse(line)),
		stdout: () => out.join(''),
		stderr: () => err.join(''),
	};
}

const jsonl = (...records: unknown[]) => records.map((record) => JSON.stringify(record)).join('\n');

describe('case-sentiment classify', () => {
	it('writes a round of lines at once, not one write per line', async () => {
		const records = Array.from({ length: 600 }, (_, i) => ({ id: `w${i}`, text: HAPPY }));
		const h = harness(jsonl(...records));
		const writes: string[] = [];
		const io: CliIo = { ...h.io, stdout: (text) => void writes.push(text) };
		expect(await run(['classify'], io)).toBe(EXIT_OK);
		// 600 records are three rounds (256, 256, 88): one write each.
		expect(writes.map((text) => text.split('\n').length - 1)).toEqual([256, 256, 88]);
		expect(writes.join('').split('\n').filter(Boolean)).toHaveLength(600);
	});

	it('writes one {id, ...result} line per record, in input order, across rounds of classification', async () => {
		// 600 records span three rounds; alternating texts make a reordering visible.
		const records = Array.from({ length: 600 }, (_, i) => ({
			id: `c${i}`,
			text: i % 2 === 0 ? HAPPY : ANGRY,
		}));
		const h = harness(jsonl(...records));
		expect(await run(['classify'], h.io)).toBe(EXIT_OK);
		const lines = h.lines();
		expect(lines.map((line) => line.id)).toEqual(records.map((record) => record.id));
		expect(lines.slice(0, 4).map((line) => line.label)).toEqual([
			'positive',
			'negative',
			'positive',
			'negative',
		]);
		expect(lines[1]).toMatchObject({ engine: 'offline', decidedBy: 'offline' });
		expect(lines[1].explanation.evidence.length).toBeGreaterThan(0);
		expect(h.stderr()).toBe('');
	});

	it('reports a malformed line with its line number in place and still classifies the others', async () => {
		const input = [
			JSON.stringify({ id: 'a', text: HAPPY }),
			'{"id": "b", "text": "unterminated',
			'',
			JSON.stringify({ id: 'c', body: 'no text field here' }),
			JSON.stringify({ id: 'd', text: '   ' }),
			'[1, 2]',
			JSON.stringify({ id: 'e', text: ANGRY }),
		].join('\r\n');
		const h = harness(input);
		expect(await run(['classify'], h.io)).toBe(EXIT_RECORDS_FAILED);
		const lines = h.lines();
		expect(lines.map((line) => [line.id, line.line ?? null, line.label ?? null])).toEqual([
			['a', null, 'positive'],
			['line-2', 2, null],
			['c', 4, null],
			['d', 5, null],
			['line-6', 6, null],
			['e', null, 'negative'],
		]);
		expect(lines[1].error).toMatch(/not valid JSON/);
		expect(lines[2].error).toMatch(/no 'text' field/);
		expect(lines[3].error).toMatch(/'text' is empty/);
		expect(lines[4].error).toMatch(/not a JSON object/);
		expect(h.stderr()).toMatch(/^line 2 \(line-2\): not valid JSON/m);
		expect(h.stderr()).toMatch(/^line 4 \(c\): has no 'text' field/m);
	});

	it('reads RFC 4180 CSV: quoted commas, doubled quotes and line breaks, with line numbers that count them', async () => {
		const csv = [
			'id,text,channel',
			`1,"${HAPPY.replace('Thanks', 'Thanks, really,')}",email`,
			`2,"She said ""${ANGRY}""",chat`,
			`3,"first line`,
			`second line: ${ANGRY}",phone`,
			`4,broken "quote" here,chat`,
			'5,too,many,fields',
			`"6",${HAPPY.replace(/,/g, '')},web`,
		].join('\n');
		const h = harness([], { files: { 'cases.csv': csv } });
		expect(await run(['classify', 'cases.csv'], h.io)).toBe(EXIT_RECORDS_FAILED);
		const lines = h.lines();
		expect(lines.map((line) => [line.id, line.line ?? null, line.label ?? null])).toEqual([
			['1', null, 'positive'],
			['2', null, 'negative'],
			['3', null, 'negative'],
			['line-6', 6, null],
			['line-7', 7, null],
			['6', null, 'positive'],
		]);
		expect(lines[3].error).toMatch(/quote inside an unquoted field/);
		expect(lines[4].error).toMatch(/has 4 fields but the header has 3/);
		// The quoted text reached the engine whole, doubled quotes undone.
		expect(
			lines[1].explanation.evidence.some((e: { phrase: string }) => /terrible/i.test(e.phrase)),
		).toBe(true);
	});

	it('reports a quoted CSV field that is never closed at the line where its row starts', async () => {
		const h = harness(`id,text\n1,"${HAPPY}"\n2,"never closed\nand more`, {});
		expect(await run(['classify', '--format', 'csv'], h.io)).toBe(EXIT_RECORDS_FAILED);
		expect(h.lines()[1]).toEqual({
			id: 'line-3',
			line: 3,
			error: 'has a quoted field that is never closed',
		});
	});

	it('stops once, naming --text-field, when the CSV header has no text column', async () => {
		const csv = `id,body\n1,${HAPPY.replace(/,/g, '')}\n2,${ANGRY.replace(/,/g, '')}\n`;
		const wrong = harness(csv);
		expect(await run(['classify', '--format', 'csv'], wrong.io)).toBe(EXIT_USAGE);
		expect(wrong.stdout()).toBe('');
		expect(wrong.stderr()).toMatch(/header \(id, body\) has no 'text' column: .*--text-field/);
		const right = harness(csv);
		expect(await run(['classify', '--format', 'csv', '--text-field', 'body'], right.io)).toBe(
			EXIT_OK,
		);
		expect(right.lines().map((line) => line.label)).toEqual(['positive', 'negative']);
	});

	it('decodes a UTF-8 character split across two input chunks', async () => {
		const bytes = Buffer.from(`${JSON.stringify({ id: 'é', text: `Café ${HAPPY}` })}\n`);
		const split = bytes.indexOf(Buffer.from('é')) + 1;
		const h = harness([bytes.subarray(0, split), bytes.subarray(split)]);
		expect(await run(['classify'], h.io)).toBe(EXIT_OK);
		expect(h.lines()[0]).toMatchObject({ id: 'é', label: 'positive' });
	});

	it('reads case objects as fetch writes them, and USER / SYSTEM transcripts as requester and fulfiller turns', async () => {
		const h = harness(
			jsonl(
				{
					id: 'case-1',
					subject: 'Order never arrived',
					messages: [
						{ id: 'm1', authorRole: 'requester', text: ANGRY },
						{ id: 'm2', authorRole: 'fulfiller', text: 'We are so happy to help, thank you!' },
					],
				},
				{
					id: 'dialogue-1',
					text: `SYSTEM: Thank you, this is wonderful, great to have you!\nUSER: ${ANGRY}\nSYSTEM: Great, glad to help!`,
				},
			),
		);
		expect(await run(['classify'], h.io)).toBe(EXIT_OK);
		const [supportCase, dialogue] = h.lines();
		// The agent's cheerful words are context: the customer's anger decides.
		expect(supportCase).toMatchObject({ id: 'case-1', label: 'negative' });
		expect(dialogue).toMatchObject({ id: 'dialogue-1', label: 'negative' });
		expect(
			dialogue.explanation.evidence.every((e: { messageId: string }) => e.messageId === 'turn-2'),
		).toBe(true);
	});

	it('prints progress on stderr only when asked or when stderr is a terminal', async () => {
		const input = jsonl({ id: 'a', text: HAPPY }, { id: 'b', text: ANGRY });
		const quiet = harness(input);
		await run(['classify'], quiet.io);
		expect(quiet.stderr()).toBe('');
		const asked = harness(input);
		await run(['classify', '--progress'], asked.io);
		expect(asked.stderr()).toMatch(/^classified 2 records \(0 failed\) in [\d.]+ s, \d+\/s\n$/);
		const terminal = harness(input, { tty: true });
		await run(['classify'], terminal.io);
		expect(terminal.stderr()).toMatch(/classified 2 records/);
	});

	it('stops with exit code 2 and the usage for unknown commands, flags and engines', async () => {
		const unknown = harness('');
		expect(await run(['classfy'], unknown.io)).toBe(EXIT_USAGE);
		expect(unknown.stderr()).toMatch(/Unknown command 'classfy'[\s\S]*Commands:/);
		const flag = harness('');
		expect(await run(['classify', '--engnie', 'x'], flag.io)).toBe(EXIT_USAGE);
		expect(flag.stderr()).toMatch(/--engnie[\s\S]*case-sentiment help classify/);
		const engine = harness('');
		expect(await run(['classify', '--engine', 'magic'], engine.io)).toBe(EXIT_USAGE);
		expect(engine.stderr()).toMatch(/--engine must be one of offline, openai, hybrid/);
		const concurrency = harness('');
		expect(await run(['classify', '--concurrency', '0'], concurrency.io)).toBe(EXIT_USAGE);
		expect(concurrency.stderr()).toMatch(/--concurrency must be a whole number from 1 to 256/);
		const missing = harness('');
		expect(await run(['classify', 'nowhere.jsonl'], missing.io)).toBe(EXIT_USAGE);
		expect(missing.stderr()).toMatch(/nowhere\.jsonl/);
	});

	it('adds the five levels and the 0-100 score with --scale levels, and refuses other scales', async () => {
		const h = harness(jsonl({ id: 'a', text: ANGRY }, { id: 'h', text: HAPPY }));
		expect(await run(['classify', '--scale', 'levels'], h.io)).toBe(EXIT_OK);
		const [angry, happy] = h.lines();
		expect(angry).toMatchObject({ id: 'a', label: 'negative' });
		expect(angry.level).toMatch(/^(very_negative|negative)$/);
		expect(angry.score100).toBe(Math.round((angry.score + 1) * 50));
		expect(happy).toMatchObject({ id: 'h', label: 'positive' });
		expect(happy.level).toMatch(/^(very_positive|positive)$/);
		const plain = harness(jsonl({ id: 'a', text: ANGRY }));
		expect(await run(['classify'], plain.io)).toBe(EXIT_OK);
		expect(plain.lines()[0]).not.toHaveProperty('level');
		const wrong = harness('');
		expect(await run(['classify', '--scale', 'stars'], wrong.io)).toBe(EXIT_USAGE);
		expect(wrong.stderr()).toMatch(/--scale must be one of labels, levels, not 'stars'/);
	});

	it('prints the help of each command on stdout', async () => {
		for (const command of ['classify', 'evaluate', 'fetch']) {
			const h = harness('');
			expect(await run(['help', command], h.io)).toBe(EXIT_OK);
			expect(h.stdout()).toMatch(new RegExp(`^Usage: case-sentiment ${command}`));
		}
		const h = harness('');
		expect(await run(['classify', '--help'], h.io)).toBe(EXIT_OK);
		expect(h.stdout()).toMatch(/--hybrid-threshold/);
	});
});

describe('case-sentiment evaluate', () => {
	// Four records the offline engine gets right and one it cannot: a positive text labelled
	// negative. By hand: accuracy 4/5; positive P 2/3 R 1, neutral P 1 R 1, negative P 1 R 1/2.
	const LABELLED = jsonl(
		{ id: '1', text: HAPPY, label: 'positive' },
		{ id: '2', text: 'Great service, thanks a lot!', label: 'Positive' },
		{ id: '3', text: 'What time does the store open on Saturday?', label: 'neutral' },
		{ id: '4', text: ANGRY, label: 'negative' },
		{ id: '5', text: HAPPY, label: 'negative' },
	);

	it('reports accuracy, macro-F1, per-class figures and the confusion matrix', async () => {
		const h = harness(LABELLED);
		expect(await run(['evaluate', '--json'], h.io)).toBe(EXIT_OK);
		const report = h.lines()[0];
		expect(report).toMatchObject({
			engine: 'offline',
			records: 5,
			failed: 0,
			total: 5,
			correct: 4,
		});
		expect(report.accuracy).toBeCloseTo(0.8, 10);
		expect(report.labels).toEqual(['positive', 'neutral', 'negative']);
		expect(report.confusion).toEqual([
			[2, 0, 0],
			[0, 1, 0],
			[1, 0, 1],
		]);
		const f1 = { positive: 0.8, neutral: 1, negative: 2 / 3 };
		for (const metrics of report.perClass) {
			expect(metrics.f1).toBeCloseTo(f1[metrics.label as keyof typeof f1], 10);
		}
		expect(report.macroF1).toBeCloseTo((0.8 + 1 + 2 / 3) / 3, 10);
		expect(report.hybridCoverage.kept).toBeGreaterThan(0);
	});

	it('reports figures per language when the records carry one', async () => {
		const h = harness(
			jsonl(
				{ id: 'e1', text: ANGRY, label: 'negative', language: 'en' },
				{ id: 'e2', text: HAPPY, label: 'positive', language: 'en' },
				{
					id: 'd1',
					text: 'Seit zwei Wochen keine Antwort, das ist eine Frechheit und völlig inakzeptabel.',
					label: 'negative',
					language: 'de',
				},
				{
					id: 'j1',
					text: '注文した商品がまだ届きません。本当に困っています。',
					label: 'negative',
					language: 'ja',
				},
			),
		);
		expect(await run(['evaluate', '--json'], h.io)).toBe(EXIT_OK);
		const report = h.lines()[0];
		expect(Object.keys(report.byLanguage)).toEqual(['en', 'de', 'ja']);
		expect(report.byLanguage.en).toMatchObject({ total: 2, correct: 2 });
		expect(report.byLanguage.de).toMatchObject({ total: 1, correct: 1 });
		// Japanese is not read offline: neutral at confidence 0, never kept by hybrid.
		expect(report.byLanguage.ja).toMatchObject({ total: 1, correct: 0 });
		expect(report.hybridCoverage.threshold).toBeNull();
		expect(report.hybridCoverage.kept).toBeLessThanOrEqual(2);

		const text = harness(jsonl({ id: 'd1', text: ANGRY, label: 'negative', language: 'en' }));
		expect(await run(['evaluate'], text.io)).toBe(EXIT_OK);
		expect(text.stdout()).toMatch(/per language[\s\S]*en\s+1\s+1\.000\s+1\.000/);
	});

	it('prints the same figures as text by default', async () => {
		const h = harness(LABELLED);
		expect(await run(['evaluate'], h.io)).toBe(EXIT_OK);
		expect(h.stdout()).toContain('accuracy   0.800 (4/5)');
		expect(h.stdout()).toContain(`macro-F1   ${((0.8 + 1 + 2 / 3) / 3).toFixed(3)}`);
		expect(h.stdout()).toMatch(/confusion \(rows: expected, columns: predicted\)/);
		expect(h.stdout()).toMatch(/what the hybrid engine would keep offline/);
	});

	it('reads other label and text fields, dialogues by their USER turns, and skips unlabelled records with an error', async () => {
		const h = harness(
			jsonl(
				{ key: 'd1', transcript: `USER: ${ANGRY}\nSYSTEM: Thank you, great!`, rating: 'negative' },
				{ key: 'd2', transcript: `SYSTEM: This is terrible.\nUSER: ${HAPPY}`, rating: 'positive' },
				{ key: 'd3', transcript: HAPPY },
			),
		);
		const code = await run(
			[
				'evaluate',
				'--json',
				'--text-field',
				'transcript',
				'--label-field',
				'rating',
				'--id-field',
				'key',
			],
			h.io,
		);
		expect(code).toBe(EXIT_RECORDS_FAILED);
		const report = h.lines()[0];
		expect(report).toMatchObject({ records: 3, failed: 1, total: 2, correct: 2 });
		expect(h.stderr()).toMatch(/line 3 \(d3\): has no 'rating' label \(set --label-field/);
	});
});

describe('case-sentiment with the OpenAI-compatible engine', () => {
	const KEY = 'sk-cli-test-secret-4242';
	let fake: FakeOpenAi;
	beforeAll(async () => {
		fake = await startFakeOpenAi({ apiKey: KEY });
	});
	afterAll(() => fake.close());
	beforeEach(() => {
		fake.requests.length = 0;
	});

	const texts = jsonl(
		{ id: 'x1', text: 'Thanks, great help, all resolved' },
		{ id: 'x2', text: 'Still waiting, this is unacceptable, I want a refund' },
		{ id: 'x3', text: 'Where can I find the invoice page?' },
		{ id: 'x4', text: 'Awesome, I love it' },
	);

	it('classifies through the server with the key from the environment, in input order', async () => {
		const h = harness(texts, { env: { OPENAI_API_KEY: KEY } });
		const code = await run(
			[
				'classify',
				'--engine',
				'openai',
				'--base-url',
				fake.url,
				'--model',
				'fake-sentiment-1',
				'--concurrency',
				'3',
			],
			h.io,
		);
		expect(h.stderr()).toBe('');
		expect(code).toBe(EXIT_OK);
		const lines = h.lines();
		expect(lines.map((line) => [line.id, line.label, line.engine])).toEqual([
			['x1', 'positive', 'openai'],
			['x2', 'negative', 'openai'],
			['x3', 'neutral', 'openai'],
			['x4', 'positive', 'openai'],
		]);
		expect(lines[0].usage.inputTokens).toBeGreaterThan(0);
		expect(
			fake.requests.filter((request) => request.path.endsWith('/chat/completions')),
		).toHaveLength(4);
	});

	it('never prints the API key, not even when the server rejects it', async () => {
		const wrong = 'sk-wrong-key-that-must-stay-secret';
		const h = harness(texts);
		const code = await run(
			['classify', '--engine', 'openai', '--base-url', fake.url, '--api-key', wrong],
			h.io,
		);
		expect(code).toBe(EXIT_RECORDS_FAILED);
		expect(h.lines().every((line) => /HTTP 401/.test(line.error))).toBe(true);
		expect(h.stdout() + h.stderr()).not.toContain(wrong);
	});

	it('asks for a key, naming the flag and the variables, when none is given', async () => {
		const h = harness(texts);
		expect(await run(['classify', '--engine', 'openai', '--base-url', fake.url], h.io)).toBe(
			EXIT_USAGE,
		);
		expect(h.stderr()).toMatch(/--api-key or set CASE_SENTIMENT_API_KEY or OPENAI_API_KEY/);
	});

	it('hybrid keeps confident offline results and sends the rest to the model', async () => {
		const all = harness(texts, { env: { CASE_SENTIMENT_API_KEY: KEY } });
		await run(
			['classify', '--engine', 'hybrid', '--base-url', fake.url, '--hybrid-threshold', '0'],
			all.io,
		);
		expect(all.lines().map((line) => line.decidedBy)).toEqual([
			'offline',
			'offline',
			'offline',
			'offline',
		]);
		expect(fake.requests).toHaveLength(0);

		const none = harness(texts, { env: { CASE_SENTIMENT_API_KEY: KEY } });
		await run(
			['classify', '--engine', 'hybrid', '--base-url', fake.url, '--hybrid-threshold', '1'],
			none.io,
		);
		const decided = none.lines().map((line) => line.decidedBy);
		expect(decided.filter((by) => by === 'llm').length).toBe(fake.requests.length);
		expect(none.lines().every((line) => line.engine === 'hybrid')).toBe(true);
		expect(fake.requests.length).toBeGreaterThan(0);
	});

	it('evaluates with the model and says how many cases hybrid decided offline', async () => {
		const h = harness(
			jsonl(
				{ id: '1', text: 'Thanks, great help', label: 'positive' },
				{ id: '2', text: 'Still waiting, unacceptable', label: 'negative' },
			),
			{ env: { OPENAI_API_KEY: KEY } },
		);
		expect(await run(['evaluate', '--engine', 'hybrid', '--base-url', fake.url], h.io)).toBe(
			EXIT_OK,
		);
		expect(h.stdout()).toMatch(/accuracy   1\.000 \(2\/2\)/);
		expect(h.stdout()).toMatch(/decided offline: \d of 2, the rest by the model/);
	});
});
