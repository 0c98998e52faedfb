import type { Case } from '../case/case';
import type { SentimentEngine } from './engine';
import { offlineConfidenceToKeep } from './offline/engine';
import type { SentimentResult } from './result';

/**
 * Offline first, the LLM only where the offline engine is not confident: most cases cost
 * nothing, the hard ones get the model. Each result says which engine decided.
 */

export interface HybridEngineOptions {
	offline: SentimentEngine;
	llm: SentimentEngine;
	/**
	 * Offline results at or above this confidence are kept, whatever their language. Without it,
	 * each language's own calibrated confidence (offlineConfidenceToKeep): none for a language
	 * the offline engine does not read.
	 */
	threshold?: number;
	/**
	 * False when the admin's categories or extra output fields are set: the offline engine can
	 * neither name those categories nor fill those fields, so every case goes to the LLM.
	 */
	offlineMayDecide?: boolean;
}

export class HybridEngine implements SentimentEngine {
	readonly name = 'hybrid' as const;

	constructor(private readonly options: HybridEngineOptions) {}

	async classify(supportCase: Case): Promise<SentimentResult> {
		let offlineLatency = 0;
		if (this.options.offlineMayDecide !== false) {
			const offline = await this.options.offline.classify(supportCase);
			const needed = this.options.threshold ?? offlineConfidenceToKeep(offline.language);
			// Confidence 0 is no reading at all (a language the offline engine does not read).
			if (offline.confidence > 0 && offline.confidence >= needed) {
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
