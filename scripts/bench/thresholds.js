#!/usr/bin/env node
/**
 * Threshold rule evaluation at scale: 10,000 cases over 500 accounts, every case classified
 * again in every poll (the worst case; BENCH_ACTIVE=0.1 classifies a tenth), every rule on. Prints the time per poll and the
 * size of the state as the trigger saves it in static data (bytes of JSON) while history grows,
 * and the size of the stored workflow (the workflow JSON with that static data, as n8n keeps it
 * in its row), to show that a poll stays well under a second and static data stays bounded.
 *
 * Reads the compiled package: `npm run bench:thresholds` builds first. BENCH_DIST points at
 * another build output (default: dist/), e.g. a build of an older commit to compare against; a
 * build without the packed form stores the state as evaluated. The cases and results come from
 * the tests' fixtures, which are not shipped, so they are loaded from TypeScript.
 */
const path = require('node:path');

require('../../test/servers/helpdesks/register-ts.js');

const dist = path.resolve(process.env.BENCH_DIST ?? path.join(__dirname, '..', '..', 'dist'));
const { evaluateThresholds } = require(path.join(dist, 'src/thresholds/evaluate.js'));
const { DEFAULT_THRESHOLD_SETTINGS } = require(path.join(dist, 'src/thresholds/settings.js'));
const thresholdState = require(path.join(dist, 'src/thresholds/state.js'));
const { emptyThresholdState } = thresholdState;
/** What the trigger writes to static data: the packed form where the build has one. */
const storedForm = thresholdState.packThresholdState ?? ((state) => state);
const workflowJson = require('../../examples/case-sentiment-escalation.json');
const { accountCase, sentimentResult } = require('../../test/fixtures/sentiment.ts');

const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 500);
const POLLS = Number(process.env.BENCH_POLLS ?? 30);
/** Share of the cases with new activity in each poll: 1 is the worst case. */
const ACTIVE = Number(process.env.BENCH_ACTIVE ?? 1);
const POLL_MINUTES = 5;
const START = Date.parse('2026-11-23T00:00:00Z');

const settings = {
	...DEFAULT_THRESHOLD_SETTINGS,
	caseRules: {
		turnsNegative: true,
		scoreBelow: -0.5,
		dropBy: 0.4,
		worsening: { messages: 3, minDecline: 0.3 },
		unansweredMinutes: 60,
		churnRisk: { minStrength: 0.5 },
	},
	accountRules: {
		windowHours: 24,
		minCases: 5,
		negativeShareAbove: 0.35,
		netScoreBelow: -0.2,
		bandWorsens: true,
	},
	margin: 0.05,
	cooldownMinutes: 30,
};

/** A deterministic pseudo-random walk, so that runs compare. */
let seed = 42;
function random() {
	seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
	return seed / 2_147_483_648;
}

const cases = Array.from({ length: CASES }, (_, index) =>
	accountCase(`CS${index}`, {
		account: { id: `ACC${index % ACCOUNTS}`, name: `Account ${index % ACCOUNTS}` },
	}),
);
const scores = cases.map(() => random() * 2 - 1);

let stored = emptyThresholdState();
const rows = [];
for (let poll = 0; poll < POLLS; poll++) {
	const now = START + poll * POLL_MINUTES * 60_000;
	const at = new Date(now).toISOString();
	const active = cases.flatMap((supportCase, index) =>
		index % Math.round(1 / ACTIVE) === poll % Math.round(1 / ACTIVE) ? [index] : [],
	);
	const observations = active.map((index) => {
		const supportCase = cases[index];
		scores[index] = Math.max(-1, Math.min(1, scores[index] + (random() - 0.5) * 0.6));
		const churn = random() < 0.02;
		const messages = [
			...supportCase.messages,
			{
				id: `m${poll}`,
				author: 'customer',
				authorRole: 'requester',
				visibility: 'public',
				text: 'update',
				createdAt: at,
			},
		].slice(-4);
		cases[index] = { ...supportCase, messages, updatedAt: at };
		return {
			case: cases[index],
			result: sentimentResult(Math.round(scores[index] * 1000) / 1000, `CS${index}-${poll}`, {
				signals: churn ? [{ type: 'churn_risk', strength: 0.8, evidence: 'cancel' }] : [],
			}),
		};
	});
	const started = process.hrtime.bigint();
	const evaluation = evaluateThresholds(stored, observations, settings, now);
	const evaluatedMs = Number(process.hrtime.bigint() - started) / 1e6;
	const savedAt = process.hrtime.bigint();
	const json = JSON.stringify(storedForm(evaluation.state, now));
	stored = JSON.parse(json);
	const saveMs = Number(process.hrtime.bigint() - savedAt) / 1e6;
	rows.push({
		poll: poll + 1,
		evaluatedMs,
		saveMs,
		bytes: json.length,
		events: evaluation.events.length,
		suppressed: evaluation.suppressed,
	});
}

console.log(
	`Threshold rules: ${CASES} cases, ${ACCOUNTS} accounts, ${Math.round(ACTIVE * 100)} % of the cases classified again in each poll, ${POLLS} polls ${POLL_MINUTES} min apart, all rules on`,
);
console.log('poll  evaluate ms  JSON round trip ms  state bytes  events  suppressed');
for (const row of rows) {
	console.log(
		`${String(row.poll).padStart(4)}  ${row.evaluatedMs.toFixed(1).padStart(11)}  ${row.saveMs.toFixed(1).padStart(18)}  ${String(row.bytes).padStart(11)}  ${String(row.events).padStart(6)}  ${String(row.suppressed).padStart(10)}`,
	);
}
/** The escalation example's row as n8n stores it: nodes, connections and settings, with the static data. */
const workflowBytes = JSON.stringify({
	...workflowJson,
	staticData: {
		'node:Sentiment Threshold Trigger': { sentimentThresholds: { thresholds: stored } },
	},
}).length;
const steady = rows.slice(Math.floor(rows.length / 2));
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(
	`median evaluate ${median(steady.map((row) => row.evaluatedMs)).toFixed(1)} ms, max ${Math.max(...rows.map((row) => row.evaluatedMs)).toFixed(1)} ms; ` +
		`static data ${(rows.at(-1).bytes / 1e6).toFixed(2)} MB after ${POLLS} polls (max ${(Math.max(...rows.map((row) => row.bytes)) / 1e6).toFixed(2)} MB); ` +
		`stored workflow ${(workflowBytes / 1e6).toFixed(2)} MB; build ${dist}`,
);
