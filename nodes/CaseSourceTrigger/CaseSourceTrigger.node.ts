import {
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { pollCases } from '../../src/polling/poll';
import {
	DEFAULT_POLL_SETTINGS,
	markLatestActivity,
	type PollSettings,
	readPollState,
} from '../../src/polling/state';
import { withPollLock } from '../../src/thresholds/lock';
import type { CaseSource } from '../../src/sources/source';
import {
	caseSourceFromParameters,
	pollSettingsFromParameters,
	sourceCredentials,
	sourceProperties,
	sourcePollError,
	sourceSecrets,
} from '../shared/sourceParameters';

/** Static-data key of the poll state (see src/polling/state.ts). */
const STATE_KEY = 'caseSource';
const SAMPLE_SIZE = 5;

export class CaseSourceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Case Source Trigger',
		name: 'caseSourceTrigger',
		icon: { light: 'file:caseSourceTrigger.svg', dark: 'file:caseSourceTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["source"] }}',
		description:
			'Starts the workflow with each support case whose activity changed since the last poll',
		defaults: { name: 'Case Source Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: sourceCredentials,
		properties: [
			{
				displayName:
					'Each output item is one case, with the ids of its messages that are new since the last poll in "newActivity". Connect Case Sentiment to refresh its sentiment.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			...sourceProperties,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Include Internal Notes',
						name: 'includeInternal',
						type: 'boolean',
						default: false,
						description: 'Whether internal notes (work notes, private notes) count as new activity',
					},
					{
						displayName: 'Max Cases per Poll',
						name: 'maxCasesPerPoll',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 100,
						description:
							'The most cases one poll emits; the rest come with the next poll, in order',
					},
					{
						displayName: 'Overlap (Seconds)',
						name: 'overlapSeconds',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 300,
						description:
							'How far before the last poll each poll reads again, to catch activity written late or stamped by a clock behind n8n; nothing is emitted twice',
					},
					{
						displayName: "Only the Requester's Messages",
						name: 'requesterOnly',
						type: 'boolean',
						default: false,
						description:
							"Whether only the requester's new messages (and new cases) count as activity, not agent replies",
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const options = this.getNodeParameter('options', {}) as {
			includeInternal?: boolean;
			maxCasesPerPoll?: number;
			overlapSeconds?: number;
			requesterOnly?: boolean;
		};
		const settings: PollSettings = pollSettingsFromParameters(this, {
			...DEFAULT_POLL_SETTINGS,
			includeInternal: options.includeInternal ?? false,
			maxCasesPerPoll: options.maxCasesPerPoll ?? DEFAULT_POLL_SETTINGS.maxCasesPerPoll,
			overlapSeconds: options.overlapSeconds ?? DEFAULT_POLL_SETTINGS.overlapSeconds,
			requesterOnly: options.requesterOnly ?? false,
		});
		let source: CaseSource | undefined;
		try {
			source = await caseSourceFromParameters(this);
			if (this.getMode() === 'manual') {
				const sample = await source.sample(SAMPLE_SIZE);
				if (sample.length === 0) return null;
				return [
					this.helpers.returnJsonArray(
						sample.map((supportCase) =>
							markLatestActivity(supportCase, settings),
						) as unknown as IDataObject[],
					),
				];
			}
			const staticData = this.getWorkflowStaticData('node');
			const now = new Date();
			const caseSource = source;
			// One poll per workflow and node at a time in this process: n8n starts the next poll
			// without waiting for the one before (and its durable scheduler runs the poll times of
			// one node side by side, each on its own copy of the state), and two polls that read the
			// same state emit the same activity twice. The second stands down (see lock.ts).
			const result = await withPollLock(
				`${this.getWorkflow().id ?? ''} ${this.getNode().id ?? this.getNode().name}`,
				async () =>
					await pollCases(caseSource, readPollState(staticData[STATE_KEY], now), now, settings),
			);
			if (result === null) return null;
			// Written only now: a poll that failed above leaves the cursor where it was.
			staticData[STATE_KEY] = result.state as unknown as IDataObject;
			// A record the source could not read is one item naming it and the field, next to the
			// cases: the poll went on without it.
			const items = [
				...(result.cases as unknown as IDataObject[]),
				...result.unreadable.map((record) => ({
					error: record.message,
					source: source!.name,
					record: record.record,
					field: record.field,
				})),
			];
			if (items.length === 0) return null;
			return [this.helpers.returnJsonArray(items)];
		} catch (error) {
			throw sourcePollError(
				this.getNode(),
				error as Error,
				source?.name,
				await sourceSecrets(this),
			);
		}
	}
}
