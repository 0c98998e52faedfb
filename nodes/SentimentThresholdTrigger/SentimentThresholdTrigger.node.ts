import {
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
	NodeConnectionTypes,
	NodeOperationError,
} from 'n8n-workflow';

import { DEFAULT_POLL_SETTINGS } from '../../src/polling/state';
import { CaseSourceError } from '../../src/sources/source';
import { pollThresholds, sampleThresholdEvents } from '../../src/thresholds/poll';
import { createEngine } from '../../src/sentiment/factory';
import { engineCredentials, engineProperties } from '../shared/engineDescription';
import { readEngineSpec } from '../shared/engineParameters';
import {
	caseSourceFromParameters,
	sourceCredentials,
	sourceProperties,
} from '../CaseSourceTrigger/sourceParameters';
import { RULES_SUBTITLE, ruleProperties, thresholdSettingsFrom } from './rules';

/** Key of this node's memory in the workflow's static data. */
const STATE_KEY = 'sentimentThresholds';
const SAMPLE_CASES = 5;

export class SentimentThresholdTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sentiment Threshold Trigger',
		name: 'sentimentThresholdTrigger',
		icon: {
			light: 'file:sentimentThresholdTrigger.svg',
			dark: 'file:sentimentThresholdTrigger.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: RULES_SUBTITLE,
		description:
			"Starts the workflow when a case's or an account's sentiment crosses a threshold, once per crossing",
		defaults: { name: 'Sentiment Threshold Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [...sourceCredentials, ...engineCredentials],
		properties: [...sourceProperties, ...engineProperties, ...ruleProperties],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const read = (name: string, fallback: unknown) =>
			this.getNodeParameter(name, fallback as never) as unknown;
		const thresholdSettings = thresholdSettingsFrom(read);
		// The engine settings are shared with Case Sentiment; a trigger has no connected chat model.
		const engine = await createEngine(
			await readEngineSpec({
				parameter: read,
				credentials: async (type) => await this.getCredentials(type),
			}),
		);
		const now = new Date();

		try {
			const source = await caseSourceFromParameters(this);
			if (this.getMode() === 'manual') {
				const events = await sampleThresholdEvents({
					source,
					engine,
					now,
					thresholdSettings,
					count: SAMPLE_CASES,
				});
				return events.length === 0
					? null
					: [this.helpers.returnJsonArray(events as unknown as IDataObject[])];
			}
			const staticData = this.getWorkflowStaticData('node');
			const result = await pollThresholds({
				source,
				engine,
				stored: staticData[STATE_KEY],
				now,
				pollSettings: DEFAULT_POLL_SETTINGS,
				thresholdSettings,
			});
			// Written only now: a poll that failed above leaves the memory as it was.
			staticData[STATE_KEY] = result.state as unknown as IDataObject;
			if (result.events.length === 0) return null;
			return [this.helpers.returnJsonArray(result.events as unknown as IDataObject[])];
		} catch (error) {
			const description =
				error instanceof CaseSourceError
					? error.hint
					: 'Nothing was stored, so the next poll reads the same activity again. Check the engine settings if this repeats.';
			throw new NodeOperationError(this.getNode(), (error as Error).message, { description });
		}
	}
}
