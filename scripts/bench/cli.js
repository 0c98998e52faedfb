#!/usr/bin/env node
/**
 * The command line as a user runs it, against a wink-sentiment script doing the same reading and
 * writing, in the same run:
 *
 * - start-up: `case-sentiment classify` of a one-line file, median wall time of several runs
 *   (the goal is under 0.25 s: a cron job or a shell loop pays it every time);
 * - a batch: 48,000 short texts (the tweeteval and airline texts of ../shared/data, repeated) as
 *   JSONL in, one JSON line out per text, `case-sentiment classify` against `node wink.js`
 *   (read each line, score it with wink-sentiment, write id, label and score), alternating
 *   rounds, and the ratio of their wall times.
 *
 * Usage: `npm run bench:cli` (builds first). CASE_SENTIMENT_DATA: the folder of the data sets
 * (default ../shared/data beside the checkout); BENCH_ROUNDS: rounds per side (3).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const repo = path.join(__dirname, '..', '..');
const cli = path.join(repo, 'dist', 'src', 'cli', 'main.js');
const dataDir = path.resolve(
	process.env.CASE_SENTIMENT_DATA ?? path.join(repo, '..', 'shared', 'data'),
);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TEXTS = 48_000;
const STARTUP_RUNS = 9;

if (!fs.existsSync(cli)) {
	console.error("No build: run 'npm run build' first (or 'npm run bench:cli', which does).");
	process.exit(2);
}
const sources = ['tweeteval-dev.jsonl', 'airline-dev.jsonl'].map((name) =>
	path.join(dataDir, name),
);
if (sources.some((file) => !fs.existsSync(file))) {
	console.log(
		`Benchmark data not found in ${dataDir}. The labelled sets are not shipped with the package; set CASE_SENTIMENT_DATA to the folder that holds them. Nothing measured.`,
	);
	process.exit(0);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'case-sentiment-bench-cli-'));
const texts = sources.flatMap((file) =>
	fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => JSON.parse(line).text),
);
const input = path.join(work, 'texts.jsonl');
fs.writeFileSync(
	input,
	Array.from({ length: TEXTS }, (_, index) =>
		JSON.stringify({ id: `t${index}`, text: texts[index % texts.length] }),
	).join('\n') + '\n',
);
const oneLine = path.join(work, 'one.jsonl');
fs.writeFileSync(
	oneLine,
	`${JSON.stringify({ id: 'one', text: 'Still waiting, third time I ask.' })}\n`,
);

// The peer: what a user would write with wink-sentiment for the same job.
const wink = path.join(work, 'wink.js');
fs.writeFileSync(
	wink,
	`const readline = require('node:readline');
const fs = require('node:fs');
const sentiment = require(${JSON.stringify(require.resolve('wink-sentiment'))});
const out = fs.createWriteStream(process.argv[3]);
const lines = readline.createInterface({ input: fs.createReadStream(process.argv[2]) });
lines.on('line', (line) => {
	if (line.trim() === '') return;
	const record = JSON.parse(line);
	const score = sentiment(record.text).normalizedScore;
	const label = score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral';
	out.write(JSON.stringify({ id: record.id, label, score }) + '\\n');
});
lines.on('close', () => out.end());
`,
);

function timed(args, outputFile) {
	const started = process.hrtime.bigint();
	const run = spawnSync(process.execPath, args, {
		stdio: ['ignore', outputFile ? fs.openSync(outputFile, 'w') : 'ignore', 'pipe'],
	});
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	if (run.status !== 0) {
		throw new Error(`${args.join(' ')} exited with ${run.status}: ${run.stderr}`);
	}
	return seconds;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const lineCount = (file) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length;

try {
	const startup = Array.from({ length: STARTUP_RUNS }, () => timed([cli, 'classify', oneLine]));
	const nodeAlone = Array.from({ length: STARTUP_RUNS }, () => timed(['-e', '0']));

	const ours = [];
	const peer = [];
	for (let round = 0; round < ROUNDS; round++) {
		ours.push(timed([cli, 'classify', input], path.join(work, 'ours.jsonl')));
		peer.push(timed([wink, input, path.join(work, 'wink.jsonl')]));
	}
	for (const [name, file] of [
		['ours', 'ours.jsonl'],
		['wink', 'wink.jsonl'],
	]) {
		const lines = lineCount(path.join(work, file));
		if (lines !== TEXTS) throw new Error(`${name} wrote ${lines} lines for ${TEXTS} texts`);
	}
	const oursSeconds = median(ours);
	const peerSeconds = median(peer);
	console.log(`case-sentiment classify of a one-line file: median ${median(startup).toFixed(3)} s`);
	console.log(`  (node -e 0 alone: median ${median(nodeAlone).toFixed(3)} s; goal < 0.25 s)`);
	console.log(
		`${TEXTS.toLocaleString('en')} short texts, JSONL in and out, median of ${ROUNDS} rounds:`,
	);
	console.log(`  case-sentiment classify  ${oursSeconds.toFixed(2)} s`);
	console.log(`  wink-sentiment script    ${peerSeconds.toFixed(2)} s`);
	console.log(
		`  ours / wink wall time    ${(oursSeconds / peerSeconds).toFixed(2)}x (goal <= 1.00x)`,
	);
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
