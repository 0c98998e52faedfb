import { accountCase, sentimentResult } from '../../test/fixtures/sentiment';
import { evaluateThresholds } from './evaluate';
import { DEFAULT_THRESHOLD_SETTINGS, type ThresholdSettings } from './settings';
import { packThresholdState, readThresholdState } from './state';

const START = Date.parse('2026-11-23T08:00:00Z');
const minutes = (count: number) => START + count * 60_000;
const settings: ThresholdSettings = {
	...DEFAULT_THRESHOLD_SETTINGS,
	caseRules: { ...DEFAULT_THRESHOLD_SETTINGS.caseRules, turnsNegative: true, scoreBelow: -0.5 },
	accountRules: {
		...DEFAULT_THRESHOLD_SETTINGS.accountRules,
		negativeShareAbove: 0.3,
		minCases: 1,
	},
	cooldownMinutes: 0,
};
const negative = (id: string, version: string) => ({
	case: accountCase(id),
	result: sentimentResult(-0.7, version),
});

/** A state as the release before the packed form stored it (version 1, tuples for history). */
function versionOneState() {
	return {
		version: 1,
		cases: {
			c1: {
				accountId: 'acme',
				closed: false,
				touchedAt: minutes(0),
				activityKey: 'v0',
				history: [[minutes(0), -0.7, 'negative', 1]],
				lastRequesterAt: null,
				lastFulfillerAt: null,
				negativeSignals: [],
				snapshot: null,
				result: null,
				rules: {
					turnsNegative: { armed: false, firedAt: minutes(0) },
					scoreBelow: { armed: false, firedAt: minutes(0) },
				},
			},
		},
		accounts: {
			acme: {
				name: 'Acme',
				touchedAt: minutes(0),
				band: 'at_risk',
				lastValues: { negativeShare: 1 },
				rules: { negativeShare: { armed: false, firedAt: minutes(0) } },
			},
		},
	};
}

describe('stored threshold state', () => {
	it('drops a broken case or account record and keeps the others (no TypeError, no refiring)', () => {
		const stored = versionOneState() as Record<string, unknown> & {
			cases: Record<string, unknown>;
			accounts: Record<string, unknown>;
		};
		stored.cases.broken = null;
		stored.cases.alsoBroken = { accountId: 'acme', history: 'not a list' };
		stored.accounts.ghost = null;
		const next = evaluateThresholds(stored, [negative('c1', 'v1')], settings, minutes(10));
		// c1 stayed negative and had fired: nothing new crosses, for the case or its account.
		expect(next.events).toEqual([]);
		expect(Object.keys(next.state.cases)).toEqual(['c1']);
		expect(Object.keys(next.state.accounts)).toEqual(['acme']);
		expect(readThresholdState(stored).dropped).toBe(3);
	});

	it('migrates a version 1 state instead of starting afresh, so a negative case does not fire again', () => {
		const next = evaluateThresholds(
			JSON.parse(JSON.stringify(versionOneState())),
			[negative('c1', 'v1')],
			settings,
			minutes(10),
		);
		expect(next.events).toEqual([]);
		expect(next.state.cases.c1.history).toEqual([
			{ score: -0.7, polarity: 'negative', requesterMessages: 1 },
			{ score: -0.7, polarity: 'negative', requesterMessages: 1 },
		]);
		expect(next.state.cases.c1.classifiedAt).toBe(minutes(10));
	});

	it('keeps a broken rule state out but the case in', () => {
		const stored = versionOneState();
		(stored.cases.c1.rules as Record<string, unknown>).turnsNegative = 'armed';
		const { state, dropped } = readThresholdState(stored);
		expect(dropped).toBe(0);
		expect(state.cases.c1.rules).toEqual({ scoreBelow: { armed: false, firedAt: minutes(0) } });
	});

	it('packs the state for static data and reads it back to the same rules and history (to the minute)', () => {
		const first = evaluateThresholds(
			{},
			[negative('c1', 'v1'), { case: accountCase('c2'), result: sentimentResult(0.4, 'v1') }],
			{ ...settings, caseRules: { ...settings.caseRules, unansweredMinutes: 30 } },
			minutes(3),
		);
		const packed = JSON.parse(JSON.stringify(packThresholdState(first.state, minutes(3))));
		const { state, dropped } = readThresholdState(packed);
		expect(dropped).toBe(0);
		expect(state).toEqual(first.state);
		// The packed form is what keeps 10,000 cases under a megabyte: a few dozen bytes a case.
		expect(JSON.stringify(packed.cases.c2).length).toBeLessThan(60);
	});

	it('drops a packed record that does not parse and keeps the rest', () => {
		const first = evaluateThresholds(
			{},
			[negative('c1', 'v1'), negative('c2', 'v1')],
			settings,
			minutes(0),
		);
		const packed = packThresholdState(first.state, minutes(0));
		packed.cases.c2 = ['acme', 0, 'k', null, null, 'garbage'];
		const { state, dropped } = readThresholdState(packed);
		expect(dropped).toBe(1);
		expect(Object.keys(state.cases)).toEqual(['c1']);
		const again = evaluateThresholds(packed, [negative('c1', 'v2')], settings, minutes(5));
		expect(again.events).toEqual([]);
	});
});

describe('static data size', () => {
	it('keeps under 100 bytes a case (1 MB for 10,000) with every rule on and scores spread over -1..1, all waiting for a reply', () => {
		const everyRule: ThresholdSettings = {
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
		};
		const CASES = 1000;
		let stored: unknown = {};
		for (let poll = 0; poll < 4; poll++) {
			const at = minutes(poll * 5);
			const observations = Array.from({ length: CASES }, (_, index) => ({
				case: accountCase(`${100000 + index}`, {
					account: { id: `account-${index % 50}`, name: `Account ${index % 50}` },
					messages: Array.from({ length: poll + 1 }, (_, n) => ({
						id: `m${n}`,
						authorRole: 'requester' as const,
						text: 'Still broken',
						createdAt: new Date(minutes(n * 5)).toISOString(),
					})),
				}),
				result: sentimentResult(
					(((index * 37 + poll * 11) % 201) - 100) / 100,
					`${index}-${poll}`.padEnd(32, 'f'),
				),
			}));
			const evaluation = evaluateThresholds(stored, observations, everyRule, at);
			stored = JSON.parse(JSON.stringify(packThresholdState(evaluation.state, at)));
		}
		const bytes = JSON.stringify(stored).length;
		expect(Object.keys((stored as { cases: object }).cases)).toHaveLength(CASES);
		expect(bytes / CASES).toBeLessThan(100);
	});
});
