import {
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { pollExclusively, pollThresholds, sampleThresholdEvents } from '../../src/thresholds/poll';
import { createEngine } from '../../src/sentiment/factory';
import { engineCredentials, engineProperties } from '../shared/engineDescription';
import { pollEngineParameters, readEngineSpec } from '../shared/engineParameters';
import {
	caseSourceFromParameters,
	pollSettingsFromParameters,
	sourceCredentials,
	sourceProperties,
	sourcePollError,
	sourceSecrets,
} from '../shared/sourceParameters';
import { RULES_SUBTITLE, pollLimitsFrom, ruleProperties, thresholdSettingsFrom } from './rules';

/** Key of this node's memory in the workflow's static data. */
const STATE_KEY = 'sentimentThresholds';
const SAMPLE_EVENTS = 5;

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
		const limits = pollLimitsFrom(read);
		// The engine settings are shared with Case Sentiment; a trigger has no connected chat model.
		const spec = await readEngineSpec(pollEngineParameters(this));
		const engine = await createEngine(spec);
		const now = new Date();
		const source = await caseSourceFromParameters(this).catch(failWith(this));

		if (this.getMode() === 'manual') {
			const events = await sampleThresholdEvents({
				source,
				engine,
				now,
				thresholdSettings,
				concurrency: spec.concurrency,
				count: SAMPLE_EVENTS,
			}).catch(failWith(this));
			return events.length === 0
				? null
				: [this.helpers.returnJsonArray(events as unknown as IDataObject[])];
		}

		const staticData = this.getWorkflowStaticData('node');
		const outcome = await pollExclusively({
			key: `${this.getWorkflow().id ?? ''} ${this.getNode().id ?? this.getNode().name}`,
			memory: {
				read: () => staticData[STATE_KEY],
				write: (value) => {
					if (value === undefined) delete staticData[STATE_KEY];
					else staticData[STATE_KEY] = value as IDataObject;
				},
			},
			nowMs: now.getTime(),
			limits,
			poll: async (stored) =>
				await pollThresholds({
					source,
					engine,
					stored,
					now,
					// Backfill on First Poll (Hours), 0 by default: a new or republished trigger
					// does not fire on old activity.
					pollSettings: pollSettingsFromParameters(this),
					thresholdSettings,
					concurrency: spec.concurrency,
					limits,
				}),
		}).catch(failWith(this));
		if (outcome?.interruptedBy) {
			// The cases handled before the failure are stored; the rest is read again next poll.
			this.logger?.warn(
				`Sentiment Threshold Trigger ended a poll early, the next poll goes on: ${outcome.interruptedBy.message}`,
			);
		}
		if (outcome === null || outcome.events.length === 0) return null;
		return [this.helpers.returnJsonArray(outcome.events as unknown as IDataObject[])];
	}
}

/** Errors as n8n shows them: what happened, and in the description what to do about it. */
function failWith(context: IPollFunctions) {
	return async (error: unknown): Promise<never> => {
		throw sourcePollError(
			context.getNode(),
			error as Error,
			undefined,
			await sourceSecrets(context),
			'Nothing was stored, so the next poll reads the same activity again. Check the engine settings if this repeats.',
		);
	};
}
