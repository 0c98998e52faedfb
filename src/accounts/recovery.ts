import type { Case } from '../case/case';
import { parseTime } from '../case/time';
import { isAnalysed, polarityOf } from '../sentiment/result';
import type { ClassifiedCase } from './summary';

/**
 * Agent recovery: what happens to a customer's sentiment after an agent answers, the "sentiment
 * recovery rate" support leaders coach on. It is read from the history of classifications that
 * a flow keeps (every poll's result stored in a Data Table, say), so it works the same for every
 * engine: one case classified before an agent's public reply and again after it gives one
 * before / after pair for that agent. A case negative before an agent's reply has recovered when
 * its latest classification is neutral or positive.
 *
 * A case classified only once gives no pair: there is no "after" to compare with.
 */

export interface AgentRecovery {
	agent: string;
	/** Before / after pairs: a classification, the agent's replies, the next classification. */
	replies: number;
	/** Mean customer score before and after the agent's replies, -1..1; null without pairs. */
	scoreBefore: number | null;
	scoreAfter: number | null;
	/** Cases that were negative before one of this agent's replies. */
	negativeCases: number;
	/** Of those, cases whose latest classification is neutral or positive. */
	recoveredCases: number;
	/** recoveredCases / negativeCases; null without negative cases. */
	recoveryRate: number | null;
}

interface AgentTally {
	pairs: number;
	before: number;
	after: number;
	negative: Set<string>;
	recovered: Set<string>;
}

/** Per agent, most replies first; agents with no before / after pair are left out. */
export function agentRecovery(classified: readonly ClassifiedCase[]): AgentRecovery[] {
	const tallies = new Map<string, AgentTally>();
	for (const history of historiesByCase(classified)) {
		const latest = history[history.length - 1];
		const recovered = polarityOf(latest.result) !== 'negative';
		for (let index = 1; index < history.length; index++) {
			const before = history[index - 1];
			const after = history[index];
			for (const agent of agentsWhoRepliedBetween(before.case, after.case)) {
				const tally = tallies.get(agent) ?? {
					pairs: 0,
					before: 0,
					after: 0,
					negative: new Set<string>(),
					recovered: new Set<string>(),
				};
				tally.pairs += 1;
				tally.before += before.result.score;
				tally.after += after.result.score;
				if (polarityOf(before.result) === 'negative') {
					tally.negative.add(latest.case.id);
					if (recovered) tally.recovered.add(latest.case.id);
				}
				tallies.set(agent, tally);
			}
		}
	}
	return [...tallies.entries()]
		.map(([agent, tally]) => ({
			agent,
			replies: tally.pairs,
			scoreBefore: round(tally.before / tally.pairs),
			scoreAfter: round(tally.after / tally.pairs),
			negativeCases: tally.negative.size,
			recoveredCases: tally.recovered.size,
			recoveryRate:
				tally.negative.size === 0 ? null : round(tally.recovered.size / tally.negative.size),
		}))
		.sort((a, b) => b.replies - a.replies || a.agent.localeCompare(b.agent));
}

/** Each case's classifications the engine could read, oldest first, one per distinct analysis. */
function historiesByCase(classified: readonly ClassifiedCase[]): ClassifiedCase[][] {
	const byCase = new Map<string, ClassifiedCase[]>();
	for (const entry of classified) {
		if (!isAnalysed(entry.result)) continue;
		const list = byCase.get(entry.case.id) ?? [];
		list.push(entry);
		byCase.set(entry.case.id, list);
	}
	return [...byCase.values()].map((list) =>
		list
			.map((entry) => ({ entry, at: analysedAt(entry) }))
			.sort((a, b) => a.at - b.at)
			.map(({ entry }) => entry),
	);
}

function analysedAt(entry: ClassifiedCase): number {
	return parseTime(entry.result.analyzedAt)?.toMillis() ?? 0;
}

/**
 * The agents whose public replies the later snapshot of a case holds and the earlier one did
 * not: internal notes do not reach the customer, so they cannot move the customer's mood.
 */
function agentsWhoRepliedBetween(before: Case, after: Case): Set<string> {
	const seen = new Set(before.messages.map((message) => message.id));
	const agents = new Set<string>();
	for (const message of after.messages) {
		if (seen.has(message.id)) continue;
		if (message.authorRole !== 'fulfiller' || message.visibility !== 'public') continue;
		const agent =
			message.author || after.assignee?.name || after.assignee?.email || after.assignee?.id;
		if (agent) agents.add(agent);
	}
	return agents;
}

function round(value: number): number {
	return Math.round(value * 1000) / 1000;
}
