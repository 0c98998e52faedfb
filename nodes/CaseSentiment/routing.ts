import type { INodeParameters } from 'n8n-workflow';

/**
 * Why the Categories text cannot be used, or null when it can. Empty means the three polarities;
 * otherwise at least two distinct labels, so that ' , , ' or one label is a clear error instead
 * of silently becoming the defaults or a classifier with one answer.
 */
export function categoriesProblem(text: string): { message: string; description: string } | null {
	if (text.trim() === '') return null;
	const entries = text.split(',').map((category) => category.trim());
	const distinct = new Set(entries.filter((category) => category !== ''));
	const fix =
		'Enter at least two comma-separated labels, e.g. delighted, calm, frustrated, or leave Categories empty for positive, neutral and negative.';
	if (distinct.size === 0) {
		return { message: `Categories holds no category: '${text}'`, description: fix };
	}
	if (distinct.size < 2) {
		return {
			message: `Categories needs at least two distinct categories, but holds only '${[...distinct][0]}'`,
			description: fix,
		};
	}
	const empty = entries.indexOf('');
	if (empty !== -1) {
		return {
			message: `Categories has an empty entry at position ${empty + 1}: '${text}'`,
			description:
				'Remove the extra comma. Each comma-separated entry is an output when One Output per Label is on.',
		};
	}
	const twice = entries.find((category, index) => entries.indexOf(category) !== index);
	if (twice !== undefined) {
		return {
			message: `Categories holds '${twice}' twice`,
			description: 'Give each category once; each one is an output of its own.',
		};
	}
	return null;
}

/**
 * The labels that get an output of their own when 'One Output per Label' is on, in output order,
 * or null when the node has one output. The editor draws the outputs from this function and
 * `execute` routes by it, so the two cannot disagree: the admin's categories replace the three
 * polarities for the engines that can name them (the LLM ones), in the order typed.
 *
 * n8n stringifies it into the `outputs` expression, so it must be self-contained.
 */
export const routingLabels = (parameters: INodeParameters): string[] | null => {
	if ((parameters.operation ?? 'classify') !== 'classify' || parameters.routeByLabel !== true) {
		return null;
	}
	// Five levels route by level whatever the engine or its categories (levels.ts reads a level
	// from any result); the list is written out because this function must be self-contained.
	const engine = String(parameters.engine ?? 'offline');
	if (parameters.sentimentScale === 'levels') {
		const levels = ['very_negative', 'negative', 'neutral', 'positive', 'very_positive'];
		return engine === 'offline' ? [...levels, 'notAnalysed'] : levels;
	}
	// The offline engine says when it does not read a case's language ('notAnalysed', see
	// outputOfResult); hybrid and the LLM engines read every language.
	if (engine === 'offline') return ['positive', 'neutral', 'negative', 'notAnalysed'];
	const text = String(parameters.categories ?? '');
	if (text.trim() === '') return ['positive', 'neutral', 'negative'];
	// One output per comma-separated entry, empty ones included: while a person retypes a
	// category or starts a new one, no other category changes its output, so n8n (which keeps
	// connections by output position) keeps every branch wired. `execute` refuses empty entries.
	return text.split(',').map((category) => category.trim());
};

/**
 * The output of a result among the routing labels: a case the offline engine did not analyse
 * (its language is one it does not read: confidence 0, signal unsupported_language) goes to
 * 'Not Analysed' rather than to Neutral; any other to the output of `routedBy` (its label, or
 * its level). -1 when none fits.
 */
export function outputOfResult(
	labels: readonly string[],
	result: { signals: ReadonlyArray<{ type: string }> },
	routedBy: string,
): number {
	const notAnalysed = labels.indexOf('notAnalysed');
	if (notAnalysed !== -1 && result.signals.some((signal) => signal.type === 'unsupported_language'))
		return notAnalysed;
	return labels.indexOf(routedBy);
}

/** Outputs as n8n draws them; also stringified into the `outputs` expression. */
export const configuredOutputs = (labels: string[] | null) => {
	if (labels === null) return [{ type: 'main', displayName: '' }];
	return labels.map((label) => ({
		type: 'main',
		displayName:
			label === 'notAnalysed'
				? 'Not Analysed'
				: label.charAt(0).toUpperCase() + label.slice(1).replace(/_/g, ' '),
	}));
};

export const OUTPUTS_EXPRESSION: `={{${string}}}` = `={{(${configuredOutputs})((${routingLabels})($parameter))}}`;
