import type { Case } from '../case/case';
import type { EngineName, SentimentResult } from './result';

/**
 * What every engine does: one case in, one result out. Engines that call a model get the model
 * (or its HTTP client) through their constructor, never from n8n, so that they run the same in
 * a node, in the command line and in tests.
 */
export interface SentimentEngine {
	readonly name: EngineName;
	/** Every label this engine may give: the three polarities, or the admin's categories. */
	readonly labels: readonly string[];
	classify(supportCase: Case): Promise<SentimentResult>;
}
