import type { INodeParameters } from 'n8n-workflow';

/**
 * Why the Categories text cannot be used, or null when it can. Empty means the three polarities;
 * otherwise at least two distinct labels, so that ' , , ' or one label is a clear error instead
 * of silently becoming the defaults or a classifier with one answer.
 */
export function categoriesProblem(text: string): { message: string; description: string } | null {
	if (text.trim() === '') return null;
	const categories = new Set(
		text
			.split(',')
			.map((category) => category.trim())
			.filter((category) => category !== ''),
	);
	const fix =
		'Enter at least two comma-separated labels, e.g. delighted, calm, frustrated, or leave Categories empty for positive, neutral and negative.';
	if (categories.size === 0) {
		return { message: `Categories holds no category: '${text}'`, description: fix };
	}
	if (categories.size < 2) {
		return {
			message: `Categories needs at least two distinct categories, but holds only '${[...categories][0]}'`,
			description: fix,
		};
	}
	return null;
}

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
	return unique.length > 0 ? unique : ['positive', 'neutral', 'negative'];
};

/** Outputs as n8n draws them; also stringified into the `outputs` expression. */
export const configuredOutputs = (labels: string[] | null) => {
	if (labels === null) return [{ type: 'main', displayName: '' }];
	return labels.map((label) => ({
		type: 'main',
		displayName: label.charAt(0).toUpperCase() + label.slice(1),
	}));
};

export const OUTPUTS_EXPRESSION: `={{${string}}}` = `={{(${configuredOutputs})((${routingLabels})($parameter))}}`;
