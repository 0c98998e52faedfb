import { accountCase, sentimentResult } from '../../test/fixtures/sentiment';
import type { CaseInput } from '../case/case';
import { accountDashboard } from './dashboard';
import { dashboardHtml } from './dashboardHtml';
import { agentRecovery } from './recovery';
import type { ClassifiedCase } from './summary';

const NOW = '2026-11-23T12:00:00Z';
const DAY_MS = 86_400_000;

/** One stored classification: case `id` as it stood `daysAgo` before NOW, with `score`. */
function stored(
	id: string,
	score: number,
	daysAgo: number,
	fields: Partial<CaseInput> = {},
): ClassifiedCase {
	const at = new Date(Date.parse(NOW) - daysAgo * DAY_MS).toISOString();
	return {
		case: accountCase(id, { updatedAt: at, ...fields }),
		result: sentimentResult(score, `${id}@${at}`, { analyzedAt: at }),
	};
}

const reply = (id: string, author: string, visibility: 'public' | 'internal' = 'public') => ({
	id,
	author,
	authorRole: 'fulfiller' as const,
	visibility,
	text: 'We are on it.',
});
const customer = (id: string) => ({ id, authorRole: 'requester' as const, text: 'Any news?' });

describe('agent recovery', () => {
	it('pairs the classifications before and after an agent reply, and counts recovered negative cases', () => {
		const history = [
			stored('1', -0.7, 3, { messages: [customer('c1')] }),
			stored('1', 0.3, 2, { messages: [customer('c1'), reply('r1', 'Ana'), customer('c2')] }),
			stored('2', -0.6, 3, { messages: [customer('c1')] }),
			stored('2', -0.8, 1, { messages: [customer('c1'), reply('r1', 'Ana'), customer('c2')] }),
			stored('3', -0.5, 3, { messages: [customer('c1')] }),
			// An internal note does not reach the customer: no pair for Bo.
			stored('3', 0.2, 1, { messages: [customer('c1'), reply('n1', 'Bo', 'internal')] }),
		];
		expect(agentRecovery(history)).toEqual([
			{
				agent: 'Ana',
				replies: 2,
				scoreBefore: -0.65,
				scoreAfter: -0.25,
				negativeCases: 2,
				recoveredCases: 1,
				recoveryRate: 0.5,
			},
		]);
	});

	it('gives no pair for a case classified once', () => {
		expect(agentRecovery([stored('1', -0.7, 1, { messages: [reply('r1', 'Ana')] })])).toEqual([]);
	});
});

describe('account dashboard', () => {
	const globex = { account: { id: 'globex', name: 'Globex' } };
	const history = [
		// Acme: fine a month ago, worse this week.
		stored('a1', 0.5, 40),
		stored('a2', 0.4, 35),
		stored('a3', -0.7, 2, { channel: 'email', priority: 'high', assignee: { name: 'Ana' } }),
		stored('a4', -0.6, 1, { channel: 'phone', priority: 'high', assignee: { name: 'Ana' } }),
		stored('a5', 0.3, 1, { channel: 'email', priority: 'low', assignee: { name: 'Bo' } }),
		// Globex: one happy case, twice classified (counts once, latest result).
		stored('g1', -0.2, 5, { ...globex, channel: 'chat' }),
		stored('g1', 0.6, 4, { ...globex, channel: 'chat' }),
		// Too old for every window.
		stored('old', -0.9, 200),
	];
	const dashboard = accountDashboard(history, { now: NOW });

	it('has per account the health of the last 30 days and the trend over 7, 30 and 90 days', () => {
		expect(dashboard.cases).toBe(4);
		const [acme, globexRow] = dashboard.accounts;
		expect(acme).toMatchObject({
			accountId: 'acme',
			accountName: 'Acme',
			figures: { scored: 3, negative: 2, positive: 1, band: 'at_risk' },
		});
		expect(acme.figures.netScore).toBeCloseTo(-1 / 3, 6);
		// 30 days: -1/3 now against +1 the 30 days before.
		expect(acme.trend[30]).toBeCloseTo(-4 / 3, 5);
		// 7 days: nothing in the week before to compare with.
		expect(acme.trend[7]).toBeNull();
		// 90 days: all five cases against none before.
		expect(acme.trend[90]).toBeNull();
		expect(globexRow).toMatchObject({ accountId: 'globex', figures: { scored: 1, positive: 1 } });
	});

	it('breaks the latest results down by agent, channel and priority, worst first', () => {
		expect(dashboard.byAgent.map((row) => [row.value, row.figures.scored])).toEqual([
			['Ana', 2],
			['(none)', 1],
			['Bo', 1],
		]);
		expect(dashboard.byChannel[0]).toMatchObject({ value: 'phone', figures: { negative: 1 } });
		expect(dashboard.byPriority[0]).toMatchObject({ value: 'high', figures: { negativeShare: 1 } });
	});

	it('renders one self-contained page with every value from the data escaped', () => {
		const hostile = accountDashboard(
			[
				stored('x1', -0.8, 1, {
					account: { id: 'evil', name: '<script>alert(1)</script>' },
					assignee: { name: '<img src=x onerror=alert(2)>' },
				}),
			],
			{ now: NOW },
		);
		const html = dashboardHtml(hostile);
		expect(html).not.toContain('<script>alert(1)');
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(html).not.toContain('<img src=x');
		// Nothing is fetched from anywhere: no external script, style, font or image.
		expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
		expect(html).not.toMatch(/@import|url\(/i);
		expect(html).toContain("default-src 'none'");
	});

	it('shows every account, band and agent of the dashboard in the page', () => {
		const html = dashboardHtml(dashboard);
		for (const name of ['Acme', 'Globex', 'Ana', 'Bo', 'At risk', 'Strong', 'Agent recovery']) {
			expect(html).toContain(name);
		}
		expect(html.match(/<tr data-band=/g)).toHaveLength(2);
	});

	it('does not call an account whose cases the engine could not read healthy: they are counted as not analysed', () => {
		// The offline engine's answer for a language it does not read: neutral at confidence 0.
		const unread = (id: string, daysAgo: number): ClassifiedCase => {
			const entry = stored(id, 0, daysAgo, { account: { id: 'sakura', name: 'Sakura' } });
			return { ...entry, result: { ...entry.result, confidence: 0 } };
		};
		const mixed = accountDashboard([unread('j1', 1), unread('j2', 2), stored('a1', -0.7, 1)], {
			now: NOW,
		});
		const sakura = mixed.accounts.find((account) => account.accountId === 'sakura');
		expect(sakura?.figures).toMatchObject({
			scored: 0,
			notAnalysed: 2,
			band: null,
			netScore: null,
		});
		expect(mixed.figures).toMatchObject({ scored: 1, notAnalysed: 2, negative: 1 });
		expect(dashboardHtml(mixed)).toContain('Not analysed');
	});

	it('pairs no agent reply with a classification the engine could not read', () => {
		const history = [
			stored('1', -0.7, 3, { messages: [customer('c1')] }),
			stored('1', 0, 2, { messages: [customer('c1'), reply('r1', 'Ana'), customer('c2')] }),
		];
		history[1] = { ...history[1], result: { ...history[1].result, confidence: 0 } };
		expect(agentRecovery(history)).toEqual([]);
	});
});
