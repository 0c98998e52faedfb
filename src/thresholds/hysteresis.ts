import type { RuleState } from './state';

/** What a rule reads from its value in this poll. */
export interface Check {
	/** The value is past the threshold. */
	breached: boolean;
	/** The value is back past the threshold by the margin: a fired rule may fire again. */
	recovered: boolean;
}

/**
 * The hysteresis every rule shares: a rule fires when it is armed and breached, then stays
 * disarmed until its value recovers by the margin; a crossing inside the cool-down after the
 * last firing is used up without an alert (the value must recover before the next one).
 */
export class Hysteresis {
	/** Crossings that the cool-down swallowed in this poll, for diagnostics. */
	suppressed = 0;

	constructor(
		private readonly nowMs: number,
		private readonly cooldownMs: number,
	) {}

	/** Moves the rule's state in `rules` on by one poll; true when it fires now. */
	step<Rule extends string>(
		rules: Partial<Record<Rule, RuleState>>,
		rule: Rule,
		check: Check,
	): boolean {
		const current = rules[rule] ?? { armed: true, firedAt: null };
		if (current.armed && check.breached) {
			const cooling = current.firedAt !== null && this.nowMs - current.firedAt < this.cooldownMs;
			rules[rule] = { armed: false, firedAt: cooling ? current.firedAt : this.nowMs };
			if (cooling) this.suppressed++;
			return !cooling;
		}
		if (!current.armed && check.recovered) rules[rule] = { armed: true, firedAt: current.firedAt };
		const settled = rules[rule];
		// An armed rule out of its cool-down is the default: dropping it keeps static data small.
		if (
			settled &&
			settled.armed &&
			(settled.firedAt === null || this.nowMs - settled.firedAt >= this.cooldownMs)
		) {
			delete rules[rule];
		}
		return false;
	}

	/** A breach seen but not reported (a first sighting the user chose to skip): disarmed silently. */
	absorb<Rule extends string>(
		rules: Partial<Record<Rule, RuleState>>,
		rule: Rule,
		check: Check,
	): void {
		const current = rules[rule] ?? { armed: true, firedAt: null };
		if (current.armed && check.breached) rules[rule] = { armed: false, firedAt: current.firedAt };
	}
}
