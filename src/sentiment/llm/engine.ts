import type { Case } from '../../case/case';
import { caseActivityKey } from '../../case/case';
import { requireCustomerText, requesterUtterances } from '../../case/thread';
import type { SentimentEngine } from '../engine';
import { actionsFromCodes } from '../suggestedActions';
import type { SentimentResult, Usage } from '../result';
import { parseAnswer } from './parse';
import {
	DEFAULT_PROMPT_OPTIONS,
	type PromptMessages,
	type PromptOptions,
	buildMessages,
} from './prompt';
import {
	DEFAULT_RETRY,
	type RetryOptions,
	isRetryable,
	settle,
	statusOf,
	withRetry,
} from './retry';
import {
	type ModelOutput,
	type OutputSpec,
	labelsOf,
	modelOutputJsonSchema,
	modelOutputSchema,
	validateOutputSpec,
} from './schema';

/**
 * The LLM engine: one case in, one prompt out, one validated SentimentResult back. The model is
 * anything with LangChain's `invoke` (our ChatOpenAI, or a chat model connected in n8n from n8n's
 * own copy of @langchain/core), so nothing here relies on `instanceof` or on class identity.
 */

interface Invokable {
	invoke(input: unknown, options?: unknown): Promise<unknown>;
}

export interface ChatModelLike extends Invokable {
	withStructuredOutput?: (
		schema: Record<string, unknown>,
		config?: Record<string, unknown>,
	) => Invokable;
}

export type StructuredOutputMode =
	/** OpenAI's response_format / text.format json_schema, strict. */
	| 'jsonSchema'
	/** Whatever the model's withStructuredOutput does by default (tool calling for most). */
	| 'auto'
	/** The schema goes into the prompt and the text answer is parsed. */
	| 'prompt';

export interface LlmEngineOptions {
	name: 'openai' | 'chatModel';
	model: ChatModelLike;
	/** Reported when the answer does not name its model. */
	modelName: string | null;
	output?: Partial<OutputSpec>;
	prompt?: Partial<PromptOptions>;
	structuredOutput?: StructuredOutputMode;
	/** OpenAI strict structured outputs: every field required in the schema, at more prompt tokens. */
	strictSchema?: boolean;
	retry?: RetryOptions;
	/** Longest wait for one model call; passed to LangChain's invoke, so it holds for any model. */
	timeoutMs?: number;
	/** Strings that must never appear in an error (API keys): replaced by '***'. */
	secrets?: string[];
	now?: () => number;
}

export class LlmEngineError extends Error {
	constructor(
		message: string,
		readonly kind: 'output' | 'call',
		readonly status?: number,
	) {
		super(message);
		this.name = 'LlmEngineError';
	}
}

interface Answer {
	value: unknown;
	text: string;
	usage: Usage;
	model: string | null;
}

function contentText(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) {
		return content
			.map((part) =>
				typeof part === 'string' ? part : typeof part?.text === 'string' ? part.text : '',
			)
			.join('');
	}
	return '';
}

function readMessage(message: unknown): Omit<Answer, 'value'> {
	const m = (message ?? {}) as {
		content?: unknown;
		tool_calls?: Array<{ args?: unknown }>;
		usage_metadata?: { input_tokens?: number; output_tokens?: number };
		response_metadata?: {
			model_name?: string;
			model?: string;
			tokenUsage?: { promptTokens?: number; completionTokens?: number };
		};
	};
	let text = contentText(m.content);
	if (text.trim() === '' && m.tool_calls?.[0]?.args !== undefined)
		text = JSON.stringify(m.tool_calls[0].args);
	const usage = {
		inputTokens:
			m.usage_metadata?.input_tokens ?? m.response_metadata?.tokenUsage?.promptTokens ?? 0,
		outputTokens:
			m.usage_metadata?.output_tokens ?? m.response_metadata?.tokenUsage?.completionTokens ?? 0,
	};
	return {
		text,
		usage,
		model: m.response_metadata?.model_name ?? m.response_metadata?.model ?? null,
	};
}

/**
 * The model quotes phrases; which message each comes from is looked up here rather than asked
 * for, which keeps ids out of the answer schema. A phrase found nowhere is put on the opening.
 */
function locateEvidence(
	evidence: ModelOutput['evidence'],
	supportCase: Case,
): SentimentResult['explanation']['evidence'] {
	const utterances = requesterUtterances(supportCase);
	const squash = (text: string) => text.replace(/\s+/g, ' ').toLowerCase();
	return evidence.map(({ phrase, weight }) => {
		const needle = squash(phrase).replace(/…$/, '').trim();
		const found = utterances.find(
			(utterance) => needle !== '' && squash(utterance.text).includes(needle),
		);
		return {
			messageId: found?.messageId ?? utterances[0]?.messageId ?? 'description',
			phrase,
			weight,
		};
	});
}

export function redact(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) out = out.split(secret).join('***');
	}
	return out;
}

export class LlmEngine implements SentimentEngine {
	readonly name: 'openai' | 'chatModel';
	readonly labels: readonly string[];
	private readonly spec: OutputSpec;
	private readonly prompt: PromptOptions;
	private readonly schema;
	private readonly jsonSchema;
	private readonly structured: Invokable | null;
	private readonly now: () => number;

	constructor(private readonly options: LlmEngineOptions) {
		this.name = options.name;
		this.spec = validateOutputSpec({
			categories: options.output?.categories ?? [],
			customFields: options.output?.customFields ?? [],
		});
		this.labels = labelsOf(this.spec);
		this.prompt = { ...DEFAULT_PROMPT_OPTIONS, ...options.prompt };
		this.schema = modelOutputSchema(this.spec);
		this.jsonSchema = modelOutputJsonSchema(this.spec, options.strictSchema ?? false);
		this.now = options.now ?? Date.now;
		const mode = options.structuredOutput ?? 'auto';
		const model = options.model;
		this.structured = null;
		if (mode !== 'prompt' && typeof model.withStructuredOutput === 'function') {
			try {
				this.structured = model.withStructuredOutput(this.jsonSchema, {
					name: 'case_sentiment',
					includeRaw: true,
					...(mode === 'jsonSchema'
						? { method: 'jsonSchema', strict: options.strictSchema ?? false }
						: {}),
				});
			} catch {
				// Some chat models have no structured output: the schema then goes into the prompt.
				this.structured = null;
			}
		}
	}

	/** The messages this engine sends for a case (for tests, the bench and a dry run). */
	messagesFor(supportCase: Case): PromptMessages {
		const format = this.structured
			? undefined
			: `JSON schema of the answer: ${JSON.stringify(this.jsonSchema)}`;
		return buildMessages(supportCase, this.spec, this.prompt, format);
	}

	async classify(supportCase: Case): Promise<SentimentResult> {
		requireCustomerText(supportCase);
		const started = this.now();
		const messages = this.messagesFor(supportCase);
		const first = await this.ask(messages);
		let usage = first.usage;
		let outcome = parseAnswer(this.schema, first.value ?? first.text);
		let model = first.model;
		if (!outcome.ok) {
			// One repair attempt: show the model its answer and what was wrong with it.
			const repair: Array<[string, string]> = [
				...messages,
				['ai', first.text || '(empty)'],
				[
					'human',
					`That answer is invalid: ${outcome.error}. Reply again with the complete JSON only.`,
				],
			];
			const second = await this.ask(repair);
			usage = {
				inputTokens: usage.inputTokens + second.usage.inputTokens,
				outputTokens: usage.outputTokens + second.usage.outputTokens,
			};
			model = second.model ?? model;
			outcome = parseAnswer(this.schema, second.value ?? second.text);
			if (!outcome.ok) {
				throw new LlmEngineError(
					`The model's answer for case '${supportCase.id}' did not match the expected format after one repair attempt: ${outcome.error}`,
					'output',
				);
			}
		}
		return this.toResult(outcome.value, supportCase, {
			usage,
			model: model ?? this.options.modelName,
			latencyMs: Math.max(0, this.now() - started),
		});
	}

	private async ask(messages: Array<[string, string]>): Promise<Answer> {
		const call = async (): Promise<Answer> => {
			if (this.structured) {
				const structured = this.structured;
				const outcome = await settle(
					async () =>
						(await structured.invoke(messages, this.callOptions())) as {
							raw?: unknown;
							parsed?: unknown;
						},
				);
				if (outcome.ok)
					return { value: outcome.value?.parsed ?? null, ...readMessage(outcome.value?.raw) };
				const error = outcome.error;
				if (statusOf(error) !== undefined || isRetryable(error)) throw error;
				// The OpenAI SDK parses json_schema answers itself and throws on bad JSON (a <think>
				// prefix, a cut-off answer): that is a bad answer, repaired like any other.
				const reason = (error as Error)?.message ?? String(error);
				return {
					value: null,
					text: `(unparseable answer: ${reason})`,
					usage: { inputTokens: 0, outputTokens: 0 },
					model: null,
				};
			}
			const message = await this.options.model.invoke(messages, this.callOptions());
			return { value: null, ...readMessage(message) };
		};
		const outcome = await settle(() => withRetry(call, this.options.retry ?? DEFAULT_RETRY));
		if (outcome.ok) return outcome.value;
		const error = outcome.error as { message?: string };
		const status = statusOf(error);
		// A new error, without the client's as its cause: that one may carry request headers.
		throw new LlmEngineError(
			redact(
				`The model call failed${status ? ` (HTTP ${status})` : ''}: ${error?.message ?? String(error)}`,
				this.options.secrets ?? [],
			),
			'call',
			status,
		);
	}

	private callOptions(): { timeout: number } | undefined {
		return this.options.timeoutMs === undefined ? undefined : { timeout: this.options.timeoutMs };
	}

	private toResult(
		output: ModelOutput,
		supportCase: Case,
		meta: { usage: Usage; model: string | null; latencyMs: number },
	): SentimentResult {
		return {
			label: output.label,
			score: output.score,
			confidence: output.confidence,
			explanation: {
				summary: output.summary,
				evidence: locateEvidence(output.evidence, supportCase),
			},
			signals: output.signals,
			suggestedActions: actionsFromCodes(output.actions),
			trend: {
				direction: output.trend,
				messagesConsidered: requesterUtterances(supportCase).length,
				firstScore: null,
				lastScore: null,
			},
			engine: this.name,
			decidedBy: 'llm',
			model: meta.model,
			usage: meta.usage,
			latencyMs: meta.latencyMs,
			activityKey: caseActivityKey(supportCase),
			analyzedAt: new Date(this.now()).toISOString(),
			customFields: output.custom,
		};
	}
}
