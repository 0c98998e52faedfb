import type { Case } from '../case/case';
import type { SentimentEngine } from './engine';
import type { OutputSpec } from './llm/schema';
import { OFFLINE_CONFIDENCE_FOR_HYBRID } from './offline/engine';
import type { SentimentResult } from './result';

/**
 * Offline first, the LLM only where the offline engine is not confident: most cases cost
 * nothing, the hard ones get the model. Each result says which engine decided.
 */

export interface HybridEngineOptions {
	offline: SentimentEngine;
	llm: SentimentEngine;
	/** The admin's categories and extra output fields, which the offline engine cannot give. */
	output?: OutputSpec;
	/** Offline results at or above this confidence are kept; unset, the offline engine's own. */
	threshold?: number;
}

export class HybridEngine implements SentimentEngine {
	readonly name = 'hybrid' as const;
	readonly labels: readonly string[];
	private readonly threshold: number;
	/**
	 * The offline engine can neither name the admin's categories nor fill their fields: with
	 * either set, every case goes to the LLM.
	 */
	private readonly offlineMayDecide: boolean;

	constructor(private readonly options: HybridEngineOptions) {
		this.labels = options.llm.labels;
		this.threshold = options.threshold ?? OFFLINE_CONFIDENCE_FOR_HYBRID;
		this.offlineMayDecide =
			(options.output?.categories.length ?? 0) === 0 &&
			(options.output?.customFields.length ?? 0) === 0;
	}

	async classify(supportCase: Case): Promise<SentimentResult> {
		let offlineLatency = 0;
		if (this.offlineMayDecide) {
			const offline = await this.options.offline.classify(supportCase);
			if (offline.confidence >= this.threshold) {
				return { ...offline, engine: 'hybrid', decidedBy: 'offline' };
			}
			offlineLatency = offline.latencyMs;
		}
		const llm = await this.options.llm.classify(supportCase);
		return {
			...llm,
			engine: 'hybrid',
			decidedBy: 'llm',
			latencyMs: llm.latencyMs + offlineLatency,
		};
	}
}
