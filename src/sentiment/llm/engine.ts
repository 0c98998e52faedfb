import type { Case } from '../../case/case';
import { caseActivityKey } from '../../case/case';
import { requireCustomerText, requesterUtterances } from '../../case/thread';
import { identifyCaseLanguage } from '../../language/identify';
import type { SentimentEngine } from '../engine';
import { ACTION_TEXT } from '../suggestedActions';
import { redact } from '../../http/redact';
import type { SentimentResult, Usage } from '../result';
import { parseAnswer } from './parse';
import {
	DEFAULT_PROMPT_OPTIONS,
	type PromptMessages,
	type PromptOptions,
	buildMessages,
	writesActionTexts,
} from './prompt';
import { type RetryPolicy, isRetryable, settle, statusOf, withRetry } from '../../http/retry';
import { DEFAULT_RETRY } from './retry';
import { callFailureCause, displayAddress, isUnparseableAnswer } from './callError';
import { withoutTracing } from './tracing';
import { crossCheck, withoutModelDirections } from './crossCheck';
import { QuoteFinder } from './quotes';
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
	retry?: RetryPolicy;
	/** Longest wait for one model call; passed to LangChain's invoke, so it holds for any model. */
	timeoutMs?: number;
	/**
	 * The offline engine, run beside every model call on the customer's words: an answer it
	 * confidently contradicts is marked `disagreement` (see crossCheck.ts).
	 */
	crossCheck?: SentimentEngine;
	/**
	 * Whether LangChain may send these calls to LangSmith when the environment turns tracing on.
	 * Off by default: customers' texts leave only towards the model the admin configured.
	 */
	tracing?: boolean;
	/** The base URL called, named in call errors (without user info). */
	endpoint?: string;
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
 * Evidence is what the customer wrote, or it is not evidence: each phrase the model gives is
 * looked up in the requester's messages (which one it comes from is found here rather than asked
 * for, which keeps ids out of the answer schema) and replaced by the customer's own words;
 * a phrase found nowhere (a paraphrase, a translation, an invention, a fulfiller's words) is
 * dropped, and so is a signal's evidence.
 */
function verifiedEvidence(
	output: Pick<ModelOutput, 'evidence' | 'signals'>,
	supportCase: Case,
): Pick<SentimentResult, 'signals'> & { evidence: SentimentResult['explanation']['evidence'] } {
	const quotes = new QuoteFinder(requesterUtterances(supportCase));
	const evidence = output.evidence.flatMap(({ phrase, weight }) => {
		const quote = quotes.locate(phrase);
		return quote ? [{ ...quote, weight }] : [];
	});
	const signals = output.signals.map((signal) => ({
		...signal,
		evidence: quotes.locate(signal.evidence)?.phrase ?? '',
	}));
	return { evidence, signals };
}

/** Each action once: worded by the model when it was asked to, in our words otherwise. */
function suggestedActions(actions: ModelOutput['actions']): SentimentResult['suggestedActions'] {
	const worded = new Map(
		actions.map(({ code, text }) => [code, text?.trim() || ACTION_TEXT[code]] as const),
	);
	return [...worded].map(([code, text]) => ({ code, text }));
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
		const actionTexts = writesActionTexts(this.prompt.explanationLanguage);
		this.schema = modelOutputSchema(this.spec, actionTexts);
		this.jsonSchema = modelOutputJsonSchema(this.spec, options.strictSchema ?? false, actionTexts);
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
		const secondOpinion = this.secondOpinion(supportCase);
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
		const result = this.toResult(outcome.value, supportCase, {
			usage,
			model: model ?? this.options.modelName,
			latencyMs: Math.max(0, this.now() - started),
		});
		const opinion = await secondOpinion;
		if (!opinion) return result;
		const check = crossCheck(result, opinion.offline, opinion.directed);
		return {
			...result,
			confidence: check.confidence,
			disagreement: check.disagreement,
			explanation: {
				...result.explanation,
				summary: check.note
					? `${result.explanation.summary} ${check.note}`.trim()
					: result.explanation.summary,
			},
		};
	}

	/** The offline reading of the customer's words, run beside the model call. */
	private async secondOpinion(supportCase: Case): Promise<{
		offline: Pick<SentimentResult, 'label' | 'score' | 'confidence'>;
		directed: boolean;
	} | null> {
		const offline = this.options.crossCheck;
		if (!offline) return null;
		const { readable, directed } = withoutModelDirections(supportCase);
		if (directed && requesterUtterances(readable).length === 0) {
			// Nothing but orders to a model: no sentiment of the customer's own to read.
			return { offline: { label: 'neutral', score: 0, confidence: 1 }, directed };
		}
		const outcome = await settle(() => offline.classify(readable));
		return outcome.ok ? { offline: outcome.value, directed } : null;
	}

	private async ask(messages: Array<[string, string]>): Promise<Answer> {
		const timeoutMs = this.options.timeoutMs;
		let timedOut = false;
		const call = async (): Promise<Answer> => {
			// Our own deadline, so that its expiry is told apart from any other abort.
			const signal = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
			const options = signal ? { signal } : undefined;
			const invoke = async () =>
				this.structured
					? await this.structured.invoke(messages, options)
					: await this.options.model.invoke(messages, options);
			const outcome = await settle(this.options.tracing ? invoke : () => withoutTracing(invoke));
			timedOut = signal?.aborted === true;
			if (outcome.ok) {
				if (!this.structured) return { value: null, ...readMessage(outcome.value) };
				const answer = outcome.value as { raw?: unknown; parsed?: unknown } | undefined;
				return { value: answer?.parsed ?? null, ...readMessage(answer?.raw) };
			}
			const error = outcome.error;
			if (timedOut || !isUnparseableAnswer(error)) throw error;
			// The OpenAI SDK parses json_schema answers itself and throws on bad JSON (a <think>
			// prefix, a cut-off answer): that is a bad answer, repaired like any other.
			return {
				value: null,
				text: `(unparseable answer: ${(error as Error).message})`,
				usage: { inputTokens: 0, outputTokens: 0 },
				model: null,
			};
		};
		const retry = this.options.retry ?? DEFAULT_RETRY;
		const outcome = await settle(() =>
			withRetry(call, { ...retry, retryable: (error) => timedOut || isRetryable(error) }),
		);
		if (outcome.ok) return outcome.value;
		const status = statusOf(outcome.error);
		const cause = callFailureCause(outcome.error, status, timedOut ? timeoutMs : undefined);
		const where = this.options.endpoint ? `, calling ${displayAddress(this.options.endpoint)}` : '';
		const http = status === undefined ? '' : ` (HTTP ${status})`;
		// A new error, without the client's as its cause: that one may carry request headers.
		throw new LlmEngineError(
			redact(`The model call failed${http}: ${cause}${where}`, this.options.secrets ?? []),
			'call',
			status,
		);
	}

	private toResult(
		output: ModelOutput,
		supportCase: Case,
		meta: { usage: Usage; model: string | null; latencyMs: number },
	): SentimentResult {
		const { evidence, signals } = verifiedEvidence(output, supportCase);
		return {
			label: output.label,
			score: output.score,
			confidence: output.confidence,
			explanation: { summary: output.summary, evidence },
			signals,
			suggestedActions: suggestedActions(output.actions),
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
			disagreement: false,
			language: identifyCaseLanguage(supportCase),
		};
	}
}
