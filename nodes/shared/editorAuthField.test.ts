import type { INodeTypeDescription } from 'n8n-workflow';

import { CaseSentiment } from '../CaseSentiment/CaseSentiment.node';
import { CaseSourceTrigger } from '../CaseSourceTrigger/CaseSourceTrigger.node';
import { SentimentThresholdTrigger } from '../SentimentThresholdTrigger/SentimentThresholdTrigger.node';

/**
 * n8n's editor (editor-ui, nodeTypesUtils `getMainAuthField` / `findAlternativeAuthField`, read
 * in n8n's source) takes a parameter for the node's "main authentication field" when credentials'
 * `displayOptions.show` name it and every one of its options (a parameter without options
 * counts as covered); it then moves that parameter into the
 * credential dialog and hides from the panel every parameter the auth fields' own `show` depends
 * on. For Case Sentiment that hid Operation (and the Helpdesk) from the panel: a user could no
 * longer switch operation. None of our parameters may look like that to the editor.
 */
function fieldsTheEditorTakesForMainAuth(description: INodeTypeDescription): string[] {
	const named: Record<string, Set<string>> = {};
	for (const credential of description.credentials ?? []) {
		for (const [field, values] of Object.entries(credential.displayOptions?.show ?? {})) {
			named[field] ??= new Set();
			for (const value of values ?? []) named[field].add(String(value));
		}
	}
	return description.properties
		.filter((property) => property.name in named)
		.filter(
			(property) =>
				property.name === 'authentication' ||
				(property.options ?? []).every(
					(option) => 'value' in option && named[property.name].has(String(option.value)),
				),
		)
		.map((property) => property.name);
}

describe.each([
	['Case Sentiment', new CaseSentiment().description],
	['Case Source Trigger', new CaseSourceTrigger().description],
	['Sentiment Threshold Trigger', new SentimentThresholdTrigger().description],
])('%s in the editor', (_name, description) => {
	it('has no parameter the editor would take for the main authentication field and hide', () => {
		expect(fieldsTheEditorTakesForMainAuth(description)).toEqual([]);
	});
});
