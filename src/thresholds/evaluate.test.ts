import { accountCase, sentimentResult } from '../../test/fixtures/sentiment';
import type { SentimentResult, Signal } from '../sentiment/result';
import { type CaseObservation, type ThresholdEvent, evaluateThresholds } from './evaluate';
import { DEFAULT_LIMITS, DEFAULT_THRESHOLD_SETTINGS, type ThresholdSettings } from './settings';
import { type ThresholdState, emptyThresholdState } from './state';

const START = Date.parse('2026-11-23T08:00:00Z');
const minutes = (count: number) => START + count * 60_000;

function settingsWith(overrides: {
	caseRules?: Partial<ThresholdSettings['caseRules']>;
	accountRules?: Partial<ThresholdSettings['accountRules']>;
	margin?: number;
	cooldownMinutes?: number;
	limits?: Partial<ThresholdSettings['limits']>;
}): ThresholdSettings {
	return {
		...DEFAULT_THRESHOLD_SETTINGS,
		caseRules: {
			...DEFAULT_THRESHOLD_SETTINGS.caseRules,
			turnsNegative: false,
			...overrides.caseRules,
		},
		accountRules: { ...DEFAULT_THRESHOLD_SETTINGS.accountRules, ...overrides.accountRules },
		margin: overrides.margin ?? 0.1,
		cooldownMinutes: overrides.cooldownMinutes ?? 0,
		limits: { ...DEFAULT_LIMITS, ...overrides.limits },
	};
}

const supportCase = accountCase;

function result(score: number, version: string, signals: Signal[] = []): SentimentResult {
	return sentimentResult(score, version, { signals });
}

/** Runs polls in order, carrying the state through a JSON round trip as n8n's static data does. */
function runScores(
	settings: ThresholdSettings,
	scores: number[],
	caseId = 'c1',
): ThresholdEvent[][] {
	let stored: unknown = emptyThresholdState();
	return scores.map((score, index) => {
		const observation = { case: supportCase(caseId), result: result(score, `v${index}`) };
		const evaluation = evaluateThresholds(stored, [observation], settings, minutes(index * 10));
		stored = JSON.parse(JSON.stringify(evaluation.state));
		return evaluation.events;
	});
}

const firedAt = (polls: ThresholdEvent[][], rule: string) =>
	polls.flatMap((events, index) => (events.some((event) => event.rule === rule) ? [index] : []));

describe('case threshold rules', () => {
	it('fires score-below once on the crossing, not on every poll the score stays low', () => {
		const polls = runScores(
			settingsWith({ caseRules: { scoreBelow: -0.5 } }),
			[0.2, -0.6, -0.7, -0.8],
		);
		expect(firedAt(polls, 'scoreBelow')).toEqual([1]);
		expect(polls[1][0]).toMatchObject({
			from: 0.2,
			to: -0.6,
			threshold: -0.5,
			caseId: 'c1',
			accountId: 'acme',
		});
	});

	it('does not fire again while the score flaps around the threshold within the margin', () => {
		const polls = runScores(
			settingsWith({ caseRules: { scoreBelow: -0.5 }, margin: 0.1 }),
			[-0.6, -0.45, -0.55, -0.42, -0.6],
		);
		expect(firedAt(polls, 'scoreBelow')).toEqual([0]);
	});

	it('re-arms once the score recovers past the threshold by the margin and fires on the next crossing', () => {
		const polls = runScores(
			settingsWith({ caseRules: { scoreBelow: -0.5 }, margin: 0.1 }),
			[-0.6, -0.3, -0.7],
		);
		expect(firedAt(polls, 'scoreBelow')).toEqual([0, 2]);
	});

	it('swallows a re-armed crossing inside the cool-down and fires after it', () => {
		const settings = settingsWith({
			caseRules: { scoreBelow: -0.5 },
			margin: 0.1,
			cooldownMinutes: 25,
		});
		// Polls are 10 minutes apart: crossings at 0 and 20 minutes (cooling), then 40 minutes.
		const polls = runScores(settings, [-0.6, 0, -0.6, 0, -0.6]);
		expect(firedAt(polls, 'scoreBelow')).toEqual([0, 4]);
	});

	it('fires turns-negative when the label becomes negative and says what it was', () => {
		const polls = runScores(
			settingsWith({ caseRules: { turnsNegative: true } }),
			[0.3, 0, -0.4, -0.5, 0.2, -0.3],
		);
		expect(firedAt(polls, 'turnsNegative')).toEqual([2, 5]);
		expect(polls[2][0]).toMatchObject({ from: 'neutral', to: 'negative' });
		expect(polls[2][0].result).toMatchObject({ suggestedActions: [{ code: 'escalate' }] });
		expect(polls[2][0].case).toMatchObject({ id: 'c1', subject: 'Case c1' });
	});

	it('fires drop-by when the score falls by at least D between two classifications', () => {
		const polls = runScores(
			settingsWith({ caseRules: { dropBy: 0.5 }, margin: 0.1 }),
			[0.6, 0.3, -0.3, -0.3, 0.4, -0.2],
		);
		expect(firedAt(polls, 'dropBy')).toEqual([2, 5]);
		expect(polls[2][0]).toMatchObject({ from: 0.3, to: -0.3 });
	});

	it('fires worsening when the score declines over the last N requester messages', () => {
		const settings = settingsWith({ caseRules: { worsening: { messages: 3, minDecline: 0.4 } } });
		let stored: unknown = emptyThresholdState();
		const scores = [0.3, 0.1, -0.2];
		const fired: number[] = [];
		scores.forEach((score, index) => {
			const messages = Array.from({ length: index }, (_, n) => ({
				id: `m${n}`,
				authorRole: 'requester' as const,
				text: `message ${n}`,
				createdAt: new Date(minutes(n * 10)).toISOString(),
			}));
			const evaluation = evaluateThresholds(
				stored,
				[{ case: supportCase('c1', { messages }), result: result(score, `v${index}`) }],
				settings,
				minutes(index * 10),
			);
			stored = JSON.parse(JSON.stringify(evaluation.state));
			if (evaluation.events.some((event) => event.rule === 'worsening')) fired.push(index);
		});
		expect(fired).toEqual([2]);
	});

	it('fires churn risk when the signal appears, once while it stays', () => {
		const settings = settingsWith({ caseRules: { churnRisk: { minStrength: 0.5 } } });
		const churn: Signal = { type: 'churn_risk', strength: 0.8, evidence: 'we will cancel' };
		let stored: unknown = emptyThresholdState();
		const fired = [[], [churn], [churn], [], [churn]].map((signals, index) => {
			const evaluation = evaluateThresholds(
				stored,
				[{ case: supportCase('c1'), result: result(-0.5, `v${index}`, signals) }],
				settings,
				minutes(index),
			);
			stored = evaluation.state;
			return evaluation.events.length;
		});
		expect(fired).toEqual([0, 1, 0, 0, 1]);
	});

	it('fires unanswered when a negative case waits T minutes without a fulfiller reply, without new activity', () => {
		const settings = settingsWith({ caseRules: { unansweredMinutes: 30 } });
		const waiting = supportCase('c1', {
			messages: [
				{
					id: 'm1',
					authorRole: 'requester',
					text: 'Still broken!',
					createdAt: new Date(minutes(0)).toISOString(),
				},
			],
		});
		const first = evaluateThresholds(
			emptyThresholdState(),
			[{ case: waiting, result: result(-0.6, 'v1') }],
			settings,
			minutes(1),
		);
		expect(first.events).toEqual([]);
		// No new activity: only time passes.
		const later = evaluateThresholds(
			JSON.parse(JSON.stringify(first.state)),
			[],
			settings,
			minutes(31),
		);
		expect(later.events).toHaveLength(1);
		expect(later.events[0]).toMatchObject({
			rule: 'unanswered',
			to: 31,
			threshold: 30,
			caseId: 'c1',
		});
		expect(later.events[0].result).toMatchObject({
			label: 'negative',
			explanation: { summary: 'scored -0.6' },
		});
		expect(later.events[0].case).toMatchObject({ id: 'c1', account: { id: 'acme' } });
		expect(evaluateThresholds(later.state, [], settings, minutes(60)).events).toEqual([]);
	});

	it('does not fire unanswered once a fulfiller replied', () => {
		const settings = settingsWith({ caseRules: { unansweredMinutes: 30 } });
		const answered = supportCase('c1', {
			messages: [
				{
					id: 'm1',
					authorRole: 'requester',
					text: 'Still broken!',
					createdAt: new Date(minutes(0)).toISOString(),
				},
				{
					id: 'm2',
					authorRole: 'fulfiller',
					text: 'On it.',
					createdAt: new Date(minutes(5)).toISOString(),
				},
			],
		});
		const first = evaluateThresholds(
			emptyThresholdState(),
			[{ case: answered, result: result(-0.6, 'v1') }],
			settings,
			minutes(6),
		);
		expect(evaluateThresholds(first.state, [], settings, minutes(90)).events).toEqual([]);
	});

	it('keeps its memory across a restart: the same sequence split by a JSON round trip fires the same', () => {
		const settings = settingsWith({
			caseRules: { scoreBelow: -0.5 },
			margin: 0.1,
			cooldownMinutes: 45,
		});
		const scores = [-0.6, -0.7, 0, -0.6, -0.8, 0.1, -0.9];
		const run = (restartAfter: (index: number) => boolean) => {
			let stored: unknown = emptyThresholdState();
			return scores.map((score, index) => {
				const observation = { case: supportCase('c1'), result: result(score, `v${index}`) };
				const evaluation = evaluateThresholds(stored, [observation], settings, minutes(index * 10));
				// A restart hands back only what static data saved: the state's JSON.
				stored = restartAfter(index)
					? JSON.parse(JSON.stringify(evaluation.state))
					: evaluation.state;
				return evaluation.events.length;
			});
		};
		const straight = run(() => false);
		const restarted = run((index) => index === 1 || index === 3);
		expect(restarted).toEqual(straight);
		expect(straight).toEqual([1, 0, 0, 0, 0, 0, 1]);
	});

	it('leaves the previous state untouched, so a failed poll can be retried from it', () => {
		const settings = settingsWith({
			caseRules: { scoreBelow: -0.5, unansweredMinutes: 5 },
			accountRules: { negativeShareAbove: 0.2, bandWorsens: true, minCases: 1 },
		});
		const observe = (score: number, version: string) => [
			{
				case: supportCase('c1', {
					messages: [
						{
							id: 'm1',
							authorRole: 'requester',
							text: 'help',
							createdAt: new Date(minutes(0)).toISOString(),
						},
					],
				}),
				result: result(score, version),
			},
			{ case: supportCase('c2'), result: result(0.5, version) },
		];
		const previous = evaluateThresholds(
			emptyThresholdState(),
			observe(0.2, 'v1'),
			settings,
			minutes(0),
		).state;
		const before = JSON.stringify(previous);
		const next = evaluateThresholds(previous, observe(-0.6, 'v2'), settings, minutes(30));
		expect(next.events.map((event) => event.rule).sort()).toEqual([
			'bandWorsens',
			'negativeShare',
			'scoreBelow',
			'unanswered',
		]);
		expect(JSON.stringify(previous)).toBe(before);
	});

	it('starts afresh from static data that is not a threshold state', () => {
		const evaluation = evaluateThresholds({ lastPoll: 'x' }, [], settingsWith({}), minutes(0));
		expect(evaluation.state).toEqual(emptyThresholdState());
	});
});

describe('account threshold rules', () => {
	function accountPoll(
		stored: unknown,
		settings: ThresholdSettings,
		labels: number[],
		at: number,
		version: string,
	) {
		const observations: CaseObservation[] = labels.map((score, index) => ({
			case: supportCase(`a${index}`),
			result: result(score, `${version}-${index}-${score}`),
		}));
		return evaluateThresholds(stored, observations, settings, at);
	}

	it('fires negative share above Y once the window holds enough cases, then re-arms after recovery', () => {
		const settings = settingsWith({
			accountRules: { negativeShareAbove: 0.3, minCases: 4 },
			margin: 0.1,
		});
		const one = accountPoll(emptyThresholdState(), settings, [-0.5, -0.5, 0.5], minutes(0), 'p1');
		expect(one.events).toEqual([]); // three cases: below the minimum
		const two = accountPoll(one.state, settings, [-0.5, -0.5, 0.5, 0.5, 0.5], minutes(10), 'p2');
		expect(two.events.map((event) => event.rule)).toEqual(['negativeShare']);
		expect(two.events[0]).toMatchObject({
			accountId: 'acme',
			accountName: 'Acme',
			to: 0.4,
			threshold: 0.3,
		});
		expect(two.events[0].account).toMatchObject({ scored: 5, negative: 2, band: 'at_risk' });
		const three = accountPoll(two.state, settings, [-0.5, 0.5, 0.5, 0.5, 0.5], minutes(20), 'p3');
		expect(three.events).toEqual([]); // 20 %: back below 30 % by the margin, so re-armed
		const four = accountPoll(three.state, settings, [-0.5, -0.5, 0.5, 0.5, 0.5], minutes(30), 'p4');
		expect(four.events.map((event) => event.rule)).toEqual(['negativeShare']);
	});

	it('counts only cases whose latest classification is inside the window', () => {
		const settings = settingsWith({
			accountRules: { negativeShareAbove: 0.5, minCases: 2, windowHours: 1 },
		});
		const old = accountPoll(emptyThresholdState(), settings, [0.5, 0.5, 0.5], minutes(0), 'p1');
		// Two hours later only the two new negative cases are in the window.
		const observations: CaseObservation[] = ['n1', 'n2'].map((id) => ({
			case: supportCase(id),
			result: result(-0.5, id),
		}));
		const evaluation = evaluateThresholds(old.state, observations, settings, minutes(120));
		expect(evaluation.events[0]).toMatchObject({ rule: 'negativeShare', to: 1 });
		expect(evaluation.events[0].account).toMatchObject({ scored: 2 });
	});

	it('fires net score below Z on the crossing', () => {
		const settings = settingsWith({ accountRules: { netScoreBelow: -0.2, minCases: 2 } });
		const one = accountPoll(emptyThresholdState(), settings, [0.5, -0.5], minutes(0), 'p1');
		const two = accountPoll(one.state, settings, [-0.5, -0.5], minutes(10), 'p2');
		const three = accountPoll(two.state, settings, [-0.5, -0.5], minutes(20), 'p3');
		expect([one, two, three].map((poll) => poll.events.map((event) => event.rule))).toEqual([
			[],
			['netScore'],
			[],
		]);
		expect(two.events[0]).toMatchObject({ from: 0, to: -1 });
	});

	it('fires band worsens on each worse band, and lets the band improve only past the margin', () => {
		const settings = settingsWith({
			accountRules: { bandWorsens: true, minCases: 10 },
			margin: 0.05,
		});
		const negatives = [0, 3, 1, 3, 4];
		let stored: unknown = emptyThresholdState();
		const bands: Array<string | null> = [];
		const fired = negatives.map((count, index) => {
			const scores = Array.from({ length: 10 }, (_, n) => (n < count ? -0.5 : 0.5));
			const evaluation = accountPoll(stored, settings, scores, minutes(index * 10), `p${index}`);
			stored = JSON.parse(JSON.stringify(evaluation.state));
			bands.push((stored as ThresholdState).accounts.acme.band);
			return evaluation.events.map((event) => `${event.from}->${event.to}`);
		});
		// 10 % is healthy: 5 points below strained's 20 % bound, so the band may improve.
		expect(bands).toEqual(['strong', 'strained', 'healthy', 'strained', 'at_risk']);
		expect(fired).toEqual([
			[],
			['strong->strained'],
			[],
			['healthy->strained'],
			['strained->at_risk'],
		]);
	});

	it('lets the cool-down swallow a second worsening soon after the first', () => {
		const settings = settingsWith({
			accountRules: { bandWorsens: true, minCases: 10 },
			cooldownMinutes: 60,
		});
		let stored: unknown = emptyThresholdState();
		const fired = [0, 1, 3, 5].map((negatives, index) => {
			const scores = Array.from({ length: 10 }, (_, n) => (n < negatives ? -0.5 : 0.5));
			const evaluation = accountPoll(stored, settings, scores, minutes(index * 10), `p${index}`);
			stored = evaluation.state;
			return evaluation.events.map((event) => `${event.from}->${event.to}`);
		});
		// strong -> healthy fires; healthy -> strained 10 minutes later is swallowed; at risk too.
		expect(fired).toEqual([[], ['strong->healthy'], [], []]);
		expect((stored as ThresholdState).accounts.acme.band).toBe('at_risk');
	});

	it('keeps a band that has only just improved past its bound', () => {
		const settings = settingsWith({
			accountRules: { bandWorsens: true, minCases: 20 },
			margin: 0.05,
		});
		const poll = (stored: unknown, negatives: number, index: number) =>
			accountPoll(
				stored,
				settings,
				Array.from({ length: 20 }, (_, n) => (n < negatives ? -0.5 : 0.5)),
				minutes(index),
				`p${index}`,
			);
		const strained = poll(emptyThresholdState(), 5, 0); // 25 %
		const hovering = poll(strained.state, 4, 1); // 20 %: healthy by the bands, but within the margin
		expect(hovering.state.accounts.acme.band).toBe('strained');
		const again = poll(hovering.state, 5, 2);
		expect(again.events).toEqual([]);
	});
});

describe('bounded state', () => {
	it('caps history per case, evicts closed and untouched cases, and caps cases and accounts', () => {
		const settings = settingsWith({
			caseRules: { turnsNegative: true },
			limits: {
				historyPerCase: 3,
				maxCases: 50,
				maxAccounts: 5,
				closedRetentionHours: 1,
				untouchedRetentionDays: 1,
			},
		});
		let stored: unknown = emptyThresholdState();
		for (let poll = 0; poll < 20; poll++) {
			const observations = Array.from({ length: 20 }, (_, index) => {
				const id = `case-${poll * 5 + index}`;
				return {
					case: supportCase(id, {
						account: { id: `acct-${(poll * 5 + index) % 9}` },
						closed: index % 4 === 0,
					}),
					result: result(poll % 2 === 0 ? -0.5 : 0.5, `v${poll}`),
				};
			});
			stored = JSON.parse(
				JSON.stringify(
					evaluateThresholds(stored, observations, settings, minutes(poll * 30)).state,
				),
			);
		}
		const state = stored as ThresholdState;
		expect(Object.keys(state.cases).length).toBeLessThanOrEqual(50);
		expect(Object.keys(state.accounts).length).toBeLessThanOrEqual(5);
		expect(
			Math.max(...Object.values(state.cases).map((caseState) => caseState.history.length)),
		).toBe(3);
		// Closed cases not touched in the last hour are gone.
		const closedStale = Object.values(state.cases).filter(
			(caseState) => caseState.closed && caseState.touchedAt < minutes(19 * 30 - 60),
		);
		expect(closedStale).toEqual([]);
		const untouched = evaluateThresholds(state, [], settings, minutes(19 * 30 + 2 * 24 * 60)).state;
		expect(untouched.cases).toEqual({});
		expect(untouched.accounts).toEqual({});
	});
});
