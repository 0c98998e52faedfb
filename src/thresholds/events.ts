import type { HealthFigures, NegativeDriver } from '../accounts/health';
import type { Case } from '../case/case';
import type { SentimentResult } from '../sentiment/result';
import type { ThresholdEventRule } from './settings';
import type { CaseSnapshot, StoredResult } from './state';

/** The account's figures over the window and the signals of its negative cases. */
export type AccountFigures = HealthFigures & { windowHours: number; drivers: NegativeDriver[] };

/** One item of the trigger's output: the same fields, in the same order, whatever the rule. */
export interface ThresholdEvent {
	rule: ThresholdEventRule;
	/** One sentence for a notification, e.g. "Case 42's score fell below -0.5 (from -0.2 to -0.7)". */
	message: string;
	scope: 'case' | 'account';
	caseId: string | null;
	accountId: string | null;
	accountName: string | null;
	/** The value before and after the crossing (a score, a share, a label, a band or minutes). */
	from: number | string | null;
	to: number | string | null;
	threshold: number | string | null;
	crossedAt: string;
	/** The case's sentiment result: in full when classified in this poll, else as last stored. */
	result: SentimentResult | StoredResult | null;
	case: Case | CaseSnapshot | null;
	/** Account rules only. */
	account: AccountFigures | null;
	/** `classificationFailed` only: why the case could not be classified. */
	error: string | null;
}

/** The parts of an event a rule decides; everything else is filled in by `thresholdEvent`. */
export type Crossing = Pick<ThresholdEvent, 'from' | 'to' | 'threshold' | 'message'>;

export function thresholdEvent(
	fields: Pick<ThresholdEvent, 'rule' | 'scope' | 'crossedAt'> & Partial<ThresholdEvent>,
): ThresholdEvent {
	// Rule and message first: they are what a person reads first in n8n's output.
	return {
		rule: fields.rule,
		message: fields.message ?? '',
		scope: fields.scope,
		caseId: fields.caseId ?? null,
		accountId: fields.accountId ?? null,
		accountName: fields.accountName ?? null,
		from: fields.from ?? null,
		to: fields.to ?? null,
		threshold: fields.threshold ?? null,
		crossedAt: fields.crossedAt,
		result: fields.result ?? null,
		case: fields.case ?? null,
		account: fields.account ?? null,
		error: fields.error ?? null,
	};
}
