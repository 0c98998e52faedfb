import { createHash } from 'node:crypto';
import type { z } from 'zod';

import { toIsoTime } from './time';

/**
 * The one case model of the package. Triggers emit it, Case Sentiment reads it, the threshold
 * rules and account roll-ups keep parts of it. Every time is an ISO 8601 string in UTC
 * (see time.ts) so that a case stays plain JSON inside an n8n item.
 */

export const AUTHOR_ROLES = ['requester', 'fulfiller', 'system'] as const;
export type AuthorRole = (typeof AUTHOR_ROLES)[number];

export const VISIBILITIES = ['public', 'internal'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/**
 * Every field of a case that has a plain default, at that default: the schema fills them in from
 * here, and `caseFromText` builds on them without loading the schema.
 */
export const CASE_DEFAULTS = {
	number: null,
	source: 'input',
	url: null,
	subject: '',
	description: '',
	state: '',
	closed: false,
	priority: '',
	channel: '',
	group: null,
	account: null,
	requester: null,
	assignee: null,
	createdAt: null,
	updatedAt: null,
} as const;

/**
 * The schemas, built on first use: zod and these schemas took a third of the command line's
 * start-up, and a case made from plain text (`caseFromText`) or read back by an engine needs no
 * validation. Everything that validates goes through `parseCase`.
 */
function buildSchemas(z: typeof import('zod').z) {
	const isoTime = z.string().refine((value) => toIsoTime(value) !== null, {
		message: 'must be a date and time, e.g. 2026-11-23T09:30:00Z',
	});

	const personSchema = z.object({
		id: z.string().nullable().default(null),
		name: z.string().nullable().default(null),
		email: z.string().nullable().default(null),
	});

	const accountSchema = z.object({
		id: z.string().min(1),
		name: z.string().nullable().default(null),
	});

	const messageSchema = z.object({
		id: z.string().min(1),
		author: z.string().default(''),
		authorRole: z.enum(AUTHOR_ROLES),
		visibility: z.enum(VISIBILITIES).default('public'),
		text: z.string(),
		createdAt: isoTime.nullable().default(null),
	});

	const caseSchema = z.object({
		id: z.string().min(1),
		number: z.string().nullable().default(CASE_DEFAULTS.number),
		/** Where the case comes from: servicenow, zendesk, freshdesk, http, demo, or input. */
		source: z.string().default(CASE_DEFAULTS.source),
		url: z.string().nullable().default(CASE_DEFAULTS.url),
		subject: z.string().default(CASE_DEFAULTS.subject),
		/** The requester's opening text; sources do not repeat it as a message. */
		description: z.string().default(CASE_DEFAULTS.description),
		state: z.string().default(CASE_DEFAULTS.state),
		closed: z.boolean().default(CASE_DEFAULTS.closed),
		priority: z.string().default(CASE_DEFAULTS.priority),
		channel: z.string().default(CASE_DEFAULTS.channel),
		group: z.string().nullable().default(CASE_DEFAULTS.group),
		account: accountSchema.nullable().default(CASE_DEFAULTS.account),
		requester: personSchema.nullable().default(CASE_DEFAULTS.requester),
		assignee: personSchema.nullable().default(CASE_DEFAULTS.assignee),
		createdAt: isoTime.nullable().default(CASE_DEFAULTS.createdAt),
		updatedAt: isoTime.nullable().default(CASE_DEFAULTS.updatedAt),
		messages: z.array(messageSchema).default([]),
		/** Ids of the messages that are new since the trigger's previous poll ('description' for a new case). */
		newActivity: z.array(z.string()).default([]),
		/** Fields an admin adds to the prompt that the model has no slot for (e.g. product, tier). */
		customFields: z.record(z.unknown()).default({}),
	});
	return { personSchema, accountSchema, messageSchema, caseSchema };
}

type CaseSchemas = ReturnType<typeof buildSchemas>;
let schemas: CaseSchemas | undefined;

/** The case schemas (made once, on the first call). */
function caseSchemas(): CaseSchemas {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see buildSchemas
	schemas ??= buildSchemas((require('zod') as typeof import('zod')).z);
	return schemas;
}

export type Person = z.infer<CaseSchemas['personSchema']>;
export type Account = z.infer<CaseSchemas['accountSchema']>;
export type Message = z.infer<CaseSchemas['messageSchema']>;
export type Case = z.infer<CaseSchemas['caseSchema']>;
export type CaseInput = z.input<CaseSchemas['caseSchema']>;

/** The id under which a case's description counts as the requester's first message. */
export const DESCRIPTION_MESSAGE_ID = 'description';

export class CaseValidationError extends Error {
	constructor(
		message: string,
		/** Dotted path of the offending field, e.g. `messages.2.createdAt`. */
		readonly field: string,
		readonly hint: string,
	) {
		super(message);
		this.name = 'CaseValidationError';
	}
}

/** Validates a case, turning zod's issue list into one error that names the first bad field. */
export function parseCase(input: unknown): Case {
	const parsed = caseSchemas().caseSchema.safeParse(input);
	if (parsed.success) {
		return {
			...parsed.data,
			createdAt: parsed.data.createdAt && toIsoTime(parsed.data.createdAt),
			updatedAt: parsed.data.updatedAt && toIsoTime(parsed.data.updatedAt),
			messages: parsed.data.messages.map((message) => ({
				...message,
				createdAt: message.createdAt && toIsoTime(message.createdAt),
			})),
		};
	}
	const issue = parsed.error.issues[0];
	const field = issue.path.join('.') || '(case)';
	throw new CaseValidationError(
		`Invalid case: '${field}' ${issue.message.toLowerCase()}`,
		field,
		hintFor(field),
	);
}

function hintFor(field: string): string {
	if (field === 'id') return "Map a unique case id (e.g. the ticket number) to 'Case ID'.";
	if (field.startsWith('messages')) {
		return 'Each message needs an id, a text and a role (requester, fulfiller or system); times must be ISO 8601, e.g. 2026-11-23T09:30:00Z.';
	}
	if (field.endsWith('At'))
		return 'Use an ISO 8601 time, e.g. 2026-11-23T09:30:00Z, or epoch milliseconds.';
	return 'Check the mapped value of this field against the case fields listed in the node description.';
}

/**
 * A stable key of what a case says: the same case with the same thread gives the same key, and
 * any new or edited message changes it. Engines use it to skip work they have already done.
 */
export function caseActivityKey(supportCase: Case): string {
	// One update of the whole text: the same digest as an update per part, without a call into
	// the hash for each (a batch of short texts made 200,000 of them).
	let text = supportCase.id + '\u0000' + supportCase.subject + '\u0000' + supportCase.description;
	for (const message of supportCase.messages) {
		text +=
			'\u0000' +
			message.id +
			'\u0001' +
			message.authorRole +
			'\u0001' +
			message.visibility +
			'\u0001' +
			message.text;
	}
	return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
