import type { ActionCode, Signal, SignalType, SuggestedAction } from './result';

/** What each action code asks the team to do; every engine words its actions this way. */
export const ACTION_TEXT: Record<ActionCode, string> = {
	escalate: 'Escalate the case to a senior agent or team lead.',
	callback: 'Call the customer back.',
	reassign: 'Reassign the case to a team that can solve it.',
	apologize: 'Apologize to the customer for the trouble.',
	expedite: 'Expedite the resolution.',
	retention_offer: 'Consider a retention offer: the customer may leave.',
	refund_review: 'Review the refund request.',
	clarify: 'Clarify what the customer needs.',
	survey: 'Send a satisfaction survey.',
};

/** The actions a support lead would take for each signal, most pressing first. */
const ACTIONS_FOR_SIGNAL: Partial<Record<SignalType, ActionCode[]>> = {
	churn_risk: ['retention_offer', 'escalate'],
	escalation_request: ['escalate', 'callback'],
	anger: ['apologize', 'escalate'],
	refund_request: ['refund_review'],
	repeat_contact: ['callback', 'reassign'],
	waiting: ['expedite', 'apologize'],
	urgency: ['expedite'],
	frustration: ['apologize'],
	sarcasm: ['apologize'],
	confusion: ['clarify'],
};

/** A lead acts on a few things at once; the rest follow from the first ones. */
const MAX_ACTIONS = 3;

const SIGNAL_PRIORITY: SignalType[] = [
	'churn_risk',
	'escalation_request',
	'anger',
	'refund_request',
	'repeat_contact',
	'waiting',
	'urgency',
	'frustration',
	'sarcasm',
	'confusion',
];

export function actionsFromCodes(codes: Iterable<ActionCode>): SuggestedAction[] {
	return [...new Set(codes)].map((code) => ({ code, text: ACTION_TEXT[code] }));
}

/**
 * Suggested actions from the label and signals: for a negative case, what its signals call
 * for (an apology at least); for a positive case whose problem is resolved, a survey, since
 * that is when a satisfaction survey is worth sending; otherwise nothing.
 */
export function suggestActions(label: string, signals: Signal[]): SuggestedAction[] {
	const present = new Set(signals.map((signal) => signal.type));
	if (label === 'negative') {
		const codes = SIGNAL_PRIORITY.filter((type) => present.has(type)).flatMap(
			(type) => ACTIONS_FOR_SIGNAL[type] ?? [],
		);
		return actionsFromCodes(codes.length > 0 ? codes : ['apologize']).slice(0, MAX_ACTIONS);
	}
	if (label === 'positive' && present.has('resolution')) return actionsFromCodes(['survey']);
	return [];
}
