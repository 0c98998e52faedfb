import type { INodeParameters } from 'n8n-workflow';

/**
 * The labels that get an output of their own when 'One Output per Label' is on, in output order,
 * or null when the node has one output. The editor draws the outputs from this function and
 * `execute` routes by it, so the two cannot disagree: the admin's categories replace the three
 * polarities for the engines that can name them (the LLM ones).
 *
 * n8n stringifies it into the `outputs` expression, so it must be self-contained.
 */
export const routingLabels = (parameters: INodeParameters): string[] | null => {
	if ((parameters.operation ?? 'classify') !== 'classify' || parameters.routeByLabel !== true) {
		return null;
	}
	// Five levels route by level whatever the engine or its categories (levels.ts reads a level
	// from any result); the list is written out because this function must be self-contained.
	if (parameters.sentimentScale === 'levels') {
		return ['very_negative', 'negative', 'neutral', 'positive', 'very_positive'];
	}
	const engine = String(parameters.engine ?? 'offline');
	const categories =
		engine === 'offline'
			? []
			: String(parameters.categories ?? '')
					.split(',')
					.map((category) => category.trim())
					.filter((category) => category !== '');
	// Same order and de-duplication as the LLM engine's output spec.
	const unique = categories.filter((category, index) => categories.indexOf(category) === index);
	if (unique.length > 0) return unique;
	// The offline engine says when it does not read a case's language ('notAnalysed', see
	// outputOfResult); hybrid and the LLM engines read every language.
	return engine === 'offline'
		? ['positive', 'neutral', 'negative', 'notAnalysed']
		: ['positive', 'neutral', 'negative'];
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
