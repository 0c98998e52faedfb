#!/usr/bin/env node
/**
 * LLM cost and throughput on a simulated day, against the local fake OpenAI server and in the
 * same run: our OpenAI-compatible engine against a baseline that does what n8n's Sentiment
 * Analysis node does (one call per item, the full text of the case including internal notes,
 * LangChain's StructuredOutputParser format instructions in the system prompt, one item after
 * the other).
 *
 * The day: BENCH_CASES cases (1,000) polled three times, BENCH_CHANGED (20 %) of the cases getting
 * a new requester message between polls. The baseline classifies every case it sees; ours skips a
 * case whose previous result has the same activity key, and runs the engines' default concurrency (or BENCH_CONCURRENCY) calls at once.
 *
 * Calls and prompt tokens are counted over the whole day with the server answering at once.
 * Wall time at BENCH_LATENCY_MS (300 ms) would take 15 minutes for the baseline, so it is scaled
 * down: each side classifies BENCH_TIMED_CASES cases (baseline) / 4x as many (ours) at that
 * latency, and the day's wall time is projected from the measured throughput.
 *
 * Reads the compiled package: `npm run bench:llm` builds first (BENCH_DIST: another build output).
 */
const path = require('node:path');

const dist = path.resolve(process.env.BENCH_DIST ?? path.join(__dirname, '..', '..', 'dist'));
const { parseCase } = require(path.join(dist, 'src/case/case.js'));
const { createOpenAiEngine, createOpenAiChatModel } = require(
	path.join(dist, 'src/sentiment/llm/openai.js'),
);
const { classifyCases, totalUsage } = require(path.join(dist, 'src/sentiment/classifyCases.js'));
const { mapWithConcurrency } = require(path.join(dist, 'src/sentiment/concurrency.js'));
const { StructuredOutputParser } = require('@langchain/core/output_parsers');
const { z } = require('zod');
const { startFakeOpenAi } = require('../../test/servers/openai/server.js');

const CASES = Number(process.env.BENCH_CASES ?? 1000);
const POLLS = 3;
const CHANGED = Number(process.env.BENCH_CHANGED ?? 0.2);
const { ENGINE_DEFAULTS } = require(path.join(dist, 'src/sentiment/factory.js'));
/** The engines' own default, so the figures are what a user gets without tuning. */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? ENGINE_DEFAULTS.concurrency);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 300);
const TIMED = Number(process.env.BENCH_TIMED_CASES ?? 40);
const API_KEY = 'sk-bench-key';
const MODEL = 'fake-sentiment-1';

// Deterministic cases: a seeded generator, realistic support lengths.
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = (list) => list[Math.floor(random() * list.length)];
const REQUESTER = [
	'I ordered a replacement part three weeks ago and it still has not arrived, the tracking page has not changed since the first day.',
	'Thanks for the quick help yesterday, the new configuration works and the team is happy with it.',
	'This is the third time I am writing about the same invoice error. I am frustrated and considering cancelling our contract.',
	"Could you tell me how to export last month's report as CSV? I could not find the option in the settings page.",
	'The app keeps logging me out every few minutes, which makes it useless for our field staff who depend on it all day.',
	'Great, that solved it. I appreciate the detailed explanation and the follow-up call.',
	'We were charged twice for the annual plan. Please refund the duplicate payment as soon as possible.',
	'Still waiting for an answer. Nobody has called me back although I was promised a call within 24 hours.',
];
const FULFILLER = [
	'Thank you for reaching out. I have forwarded your request to our logistics team and will update you as soon as I hear back.',
	'I am sorry for the trouble. Could you send us a screenshot of the error and the time it happened so we can investigate?',
	'I have checked your account and can confirm the change was applied. Please let us know if anything else comes up.',
	'We have escalated this to the second-level team; they usually respond within one business day.',
];
const INTERNAL = [
	'Customer is on the enterprise plan, renewal due next quarter. Handle with care, account manager informed.',
	"Checked logs: sync job failed at 02:00 with timeout, likely related to last week's migration. Ticket INC-4471 linked.",
];

function makeCase(index) {
	const messages = [];
	const count = 2 + Math.floor(random() * 5);
	for (let m = 0; m < count; m++) {
		const roll = random();
		const role = roll < 0.45 ? 'requester' : 'fulfiller';
		const internal = role === 'fulfiller' && roll > 0.85;
		messages.push({
			id: `c${index}-m${m}`,
			authorRole: role,
			author: role === 'requester' ? 'customer@example.com' : 'agent@support.example.com',
			visibility: internal ? 'internal' : 'public',
			text: internal ? pick(INTERNAL) : role === 'requester' ? pick(REQUESTER) : pick(FULFILLER),
			createdAt: new Date(Date.UTC(2026, 10, 23, 8, m * 7)).toISOString(),
		});
	}
	return {
		id: `CS${String(index).padStart(5, '0')}`,
		subject: pick([
			'Order not delivered',
			'Invoice question',
			'Login problem',
			'Refund request',
			'How to export',
		]),
		description: `${pick(REQUESTER)} ${pick(REQUESTER)}`,
		state: pick(['new', 'open', 'pending', 'resolved']),
		priority: pick(['low', 'normal', 'high', 'urgent']),
		channel: pick(['email', 'web', 'phone']),
		account: { id: `ACC${index % 120}`, name: `Account ${index % 120}` },
		createdAt: '2026-11-23T07:00:00Z',
		messages,
	};
}

function addActivity(caseInput, poll) {
	const at = new Date(Date.UTC(2026, 10, 23, 12 + poll, 0)).toISOString();
	return {
		...caseInput,
		messages: [
			...caseInput.messages,
			{
				id: `${caseInput.id}-p${poll}`,
				authorRole: 'requester',
				author: 'customer@example.com',
				text: pick(REQUESTER),
				createdAt: at,
			},
		],
	};
}

/** The text a user maps into n8n's node: the whole case, internal notes included. */
function fullText(caseInput) {
	const lines = [
		`Subject: ${caseInput.subject}`,
		`State: ${caseInput.state}`,
		`Priority: ${caseInput.priority}`,
		caseInput.description,
	];
	for (const message of caseInput.messages) {
		lines.push(
			`${message.author} (${message.authorRole}, ${message.visibility}) at ${message.createdAt}: ${message.text}`,
		);
	}
	return lines.join('\n');
}

const BASELINE_SYSTEM =
	'You are highly intelligent and accurate sentiment analyzer. Analyze the sentiment of the provided text. Categorize it into one of the following: Positive, Neutral, Negative. Use the provided formatting instructions. Only output the JSON.';
const baselineParser = StructuredOutputParser.fromZodSchema(
	z.object({
		sentiment: z.enum(['Positive', 'Neutral', 'Negative']),
		strength: z
			.number()
			.min(0)
			.max(1)
			.describe('Strength score for sentiment in relation to the category'),
		confidence: z.number().min(0).max(1),
	}),
);

function baselineModel(baseUrl) {
	return createOpenAiChatModel({ apiKey: API_KEY, baseUrl }, { model: MODEL, temperature: 0 });
}

async function baselineClassify(model, caseInput) {
	const system = `${BASELINE_SYSTEM}\n\t\t\t${baselineParser.getFormatInstructions()}`;
	const message = await model.invoke([
		['system', system],
		['human', fullText(caseInput)],
	]);
	const parsed = await baselineParser.parse(
		typeof message.content === 'string' ? message.content : '',
	);
	return { parsed, usage: message.usage_metadata };
}

async function day(fake) {
	let cases = Array.from({ length: CASES }, (_, i) => makeCase(i));
	const polls = [];
	for (let poll = 0; poll < POLLS; poll++) {
		if (poll > 0) cases = cases.map((c) => (random() < CHANGED ? addActivity(c, poll) : c));
		polls.push(cases);
	}

	fake.setLatency(0);
	const baseline = { calls: 0, inputTokens: 0, outputTokens: 0 };
	const model = baselineModel(fake.url);
	for (const pollCases of polls) {
		for (const caseInput of pollCases) {
			const { usage } = await baselineClassify(model, caseInput);
			baseline.calls += 1;
			baseline.inputTokens += usage.input_tokens;
			baseline.outputTokens += usage.output_tokens;
		}
	}

	const engine = createOpenAiEngine(
		{ apiKey: API_KEY, baseUrl: fake.url },
		{ model: MODEL, temperature: 0 },
	);
	const ours = { calls: 0, inputTokens: 0, outputTokens: 0, failed: 0 };
	let previous = new Map();
	for (const pollCases of polls) {
		const outcomes = await classifyCases(
			engine,
			pollCases.map((c) => ({ supportCase: parseCase(c), previous: previous.get(c.id) })),
			CONCURRENCY,
		);
		const usage = totalUsage(outcomes);
		ours.calls += usage.calls;
		ours.inputTokens += usage.inputTokens;
		ours.outputTokens += usage.outputTokens;
		ours.failed += outcomes.filter((o) => o.status === 'failed').length;
		// Each item leaves the node carrying its result, which the next poll's item carries again.
		previous = new Map(pollCases.map((c, i) => [c.id, outcomes[i].result]));
	}
	return { baseline, ours, sample: polls[0][0] };
}

async function throughput(fake) {
	fake.setLatency(LATENCY_MS);
	const cases = Array.from({ length: TIMED * 4 }, (_, i) => makeCase(100_000 + i));
	const model = baselineModel(fake.url);
	let started = Date.now();
	for (const caseInput of cases.slice(0, TIMED)) await baselineClassify(model, caseInput);
	const baselinePerSecond = TIMED / ((Date.now() - started) / 1000);

	const engine = createOpenAiEngine(
		{ apiKey: API_KEY, baseUrl: fake.url },
		{ model: MODEL, temperature: 0 },
	);
	started = Date.now();
	await mapWithConcurrency(cases, CONCURRENCY, (caseInput) =>
		engine.classify(parseCase(caseInput)),
	);
	const oursPerSecond = cases.length / ((Date.now() - started) / 1000);
	return { baselinePerSecond, oursPerSecond };
}

async function main() {
	const fake = await startFakeOpenAi({ apiKey: API_KEY });
	try {
		const { baseline, ours } = await day(fake);
		const { baselinePerSecond, oursPerSecond } = await throughput(fake);
		const baselineWall = baseline.calls / baselinePerSecond;
		const oursWall = ours.calls / oursPerSecond;
		const pct = (a, b) => `${((100 * a) / b).toFixed(1)} %`;
		console.log(
			`Simulated day: ${CASES} cases, ${POLLS} polls, ${CHANGED * 100} % changed between polls`,
		);
		console.log(
			`Server latency for the timed part: ${LATENCY_MS} ms; our concurrency: ${CONCURRENCY}`,
		);
		console.log('');
		console.log('                     baseline (n8n Sentiment Analysis way)   ours');
		console.log(`calls                ${String(baseline.calls).padEnd(40)}${ours.calls}`);
		console.log(
			`prompt tokens        ${String(baseline.inputTokens).padEnd(40)}${ours.inputTokens}`,
		);
		console.log(
			`output tokens        ${String(baseline.outputTokens).padEnd(40)}${ours.outputTokens}`,
		);
		console.log(
			`prompt tokens/call   ${String(Math.round(baseline.inputTokens / baseline.calls)).padEnd(40)}${Math.round(ours.inputTokens / Math.max(1, ours.calls))}`,
		);
		console.log(
			`cases/s at ${LATENCY_MS} ms    ${baselinePerSecond.toFixed(2).padEnd(40)}${oursPerSecond.toFixed(2)}`,
		);
		console.log(
			`day wall time (proj) ${`${baselineWall.toFixed(0)} s`.padEnd(40)}${oursWall.toFixed(0)} s`,
		);
		console.log(`failed items         ${'-'.padEnd(40)}${ours.failed}`);
		console.log('');
		console.log(
			`prompt tokens: ours / baseline = ${pct(ours.inputTokens, baseline.inputTokens)} (goal <= 35 %)`,
		);
		console.log(
			`throughput: ours / baseline = ${(oursPerSecond / baselinePerSecond).toFixed(1)}x (goal >= 5x)`,
		);
		console.log(`day wall time: ours / baseline = ${pct(oursWall, baselineWall)}`);
		console.log(
			`(timed part: baseline ${TIMED} cases one after the other, ours ${TIMED * 4} cases; the day is projected from those rates)`,
		);
	} finally {
		await fake.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
