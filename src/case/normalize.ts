import { type Case, CASE_DEFAULTS, CaseValidationError, type Person, parseCase } from './case';
import {
	DEFAULT_PERSONA_RULES,
	type PersonaRules,
	resolveAuthorRole,
	visibilityFromValue,
} from './personas';
import { toIsoTime } from './time';

/**
 * Builds a Case from loosely shaped input: fields mapped in the node from any item, a helpdesk
 * record a source has already picked apart, or plain text. Values are coerced where the intent
 * is clear (numbers to strings, many time formats to ISO) and rejected with the field's name
 * where it is not.
 */
export interface MappedMessage {
	id?: unknown;
	author?: unknown;
	role?: unknown;
	visibility?: unknown;
	text?: unknown;
	createdAt?: unknown;
}

export interface MappedCase {
	id?: unknown;
	number?: unknown;
	source?: string;
	url?: unknown;
	subject?: unknown;
	description?: unknown;
	state?: unknown;
	closed?: unknown;
	priority?: unknown;
	channel?: unknown;
	group?: unknown;
	account?: unknown;
	accountName?: unknown;
	requester?: unknown;
	assignee?: unknown;
	createdAt?: unknown;
	updatedAt?: unknown;
	messages?: unknown;
	newActivity?: unknown;
	customFields?: Record<string, unknown>;
}

export function normalizeCase(
	input: MappedCase,
	rules: PersonaRules = DEFAULT_PERSONA_RULES,
): Case {
	const requester = toPerson(input.requester, 'requester');
	const messages = toMessageList(input.messages).map((message, index) => {
		const field = `messages.${index}`;
		if (message === null || typeof message !== 'object') {
			throw new CaseValidationError(
				`Invalid case: '${field}' must be an object with a text`,
				field,
				'Each message is an object such as { "author": "ana@example.com", "role": "requester", "text": "...", "createdAt": "2026-11-23T09:30:00Z" }.',
			);
		}
		const mapped = message as MappedMessage & Record<string, unknown>;
		const text = firstText(`${field}.text`, [
			mapped.text,
			mapped.body,
			mapped.message,
			mapped.content,
			mapped.comment,
		]);
		if (text === undefined) {
			throw new CaseValidationError(
				`Invalid case: '${field}.text' is missing`,
				`${field}.text`,
				'Give each message its text in a field named text, body, message or content.',
			);
		}
		const author = toText(mapped.author ?? mapped.from ?? mapped.user ?? '') ?? '';
		const createdAtRaw = mapped.createdAt ?? mapped.created_at ?? mapped.time ?? mapped.timestamp;
		const createdAt =
			createdAtRaw === undefined || createdAtRaw === null || createdAtRaw === ''
				? null
				: toIsoTime(createdAtRaw);
		if (
			createdAtRaw !== undefined &&
			createdAtRaw !== null &&
			createdAtRaw !== '' &&
			createdAt === null
		) {
			throw new CaseValidationError(
				`Invalid case: '${field}.createdAt' is not a time: ${preview(createdAtRaw)}`,
				`${field}.createdAt`,
				'Use an ISO 8601 time, e.g. 2026-11-23T09:30:00Z, or epoch milliseconds.',
			);
		}
		return {
			id: textField(mapped.id, `${field}.id`) ?? `m${index + 1}`,
			author,
			authorRole: resolveAuthorRole(author, mapped.role ?? mapped.authorRole, rules, requester),
			visibility:
				visibilityFromValue(
					mapped.visibility ?? mapped.public ?? (mapped.private === true ? 'internal' : undefined),
				) ?? 'public',
			text,
			createdAt,
		};
	});

	const account = toAccount(input.account, input.accountName);
	return parseCase({
		id: textField(input.id, 'id') ?? '',
		number: textField(input.number, 'number') ?? null,
		source: input.source ?? 'input',
		url: textField(input.url, 'url') ?? null,
		subject: textField(input.subject, 'subject') ?? '',
		description: textField(input.description, 'description') ?? '',
		state: textField(input.state, 'state') ?? '',
		closed: input.closed === true || input.closed === 'true',
		priority: textField(input.priority, 'priority') ?? '',
		channel: textField(input.channel, 'channel') ?? '',
		group: textField(input.group, 'group') ?? null,
		account,
		requester,
		assignee: toPerson(input.assignee, 'assignee'),
		createdAt: timeField(input.createdAt, 'createdAt'),
		updatedAt: timeField(input.updatedAt, 'updatedAt'),
		messages,
		newActivity: Array.isArray(input.newActivity) ? input.newActivity.map(String) : [],
		customFields: customFieldsOf(input.customFields),
	});
}

/** Every field of a case at its schema default (the containers are made fresh per case). */
const EMPTY_CASE: Case = {
	id: 'text',
	...CASE_DEFAULTS,
	messages: [],
	newActivity: [],
	customFields: {},
};

/**
 * Plain text is one requester message in a case of its own. Built on EMPTY_CASE rather than
 * validated each time: both fields are already strings, and batch classification of short
 * texts spends a tenth of its time in validation otherwise.
 */
export function caseFromText(text: string, id: string): Case {
	if (id === '')
		throw new CaseValidationError("Invalid case: 'id' is empty", 'id', 'Give every text an id.');
	return {
		...EMPTY_CASE,
		id,
		messages: [
			{
				id: 'text',
				author: '',
				authorRole: 'requester',
				visibility: 'public',
				text,
				createdAt: null,
			},
		],
		// Fresh containers: a case is a value that callers may extend.
		newActivity: [],
		customFields: {},
	};
}

function toMessageList(value: unknown): unknown[] {
	if (value === undefined || value === null || value === '') return [];
	if (Array.isArray(value)) return value;
	if (typeof value === 'string') {
		try {
			const parsed: unknown = JSON.parse(value);
			if (Array.isArray(parsed)) return parsed;
		} catch {
			// Not JSON: fall through to the error below.
		}
	}
	throw new CaseValidationError(
		"Invalid case: 'messages' must be a list of messages",
		'messages',
		'Map an array of messages (e.g. {{ $json.comments }}), or leave the field empty.',
	);
}

function timeField(value: unknown, field: string): string | null {
	if (value === undefined || value === null || value === '') return null;
	const iso = toIsoTime(value);
	if (iso === null) {
		throw new CaseValidationError(
			`Invalid case: '${field}' is not a time: ${preview(value)}`,
			field,
			'Use an ISO 8601 time, e.g. 2026-11-23T09:30:00Z, or epoch milliseconds.',
		);
	}
	return iso;
}

function toText(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return undefined;
}

/** A value as an error message may show it: short, and never a whole object. */
function preview(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (value !== null && typeof value === 'object') return 'an object';
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/**
 * A field that must be text (numbers and booleans are written as text). An object or a list is
 * refused with the field's name: read as nothing, it would make a silent, wrong 'neutral'.
 */
function textField(value: unknown, field: string): string | undefined {
	const text = toText(value);
	if (text !== undefined || value === undefined || value === null) return text;
	throw new CaseValidationError(
		`Invalid case: '${field}' must be text, not ${preview(value)}`,
		field,
		'Map the text itself (e.g. {{ $json.subject }}), not the object or list that holds it; {{ JSON.stringify(...) }} turns an object into text if that is what you mean.',
	);
}

/** The first of a message's text fields that is set, which must be text. */
function firstText(field: string, values: unknown[]): string | undefined {
	const value = values.find((candidate) => candidate !== undefined && candidate !== null);
	return textField(value, field);
}

function customFieldsOf(value: unknown): Record<string, unknown> {
	if (value === undefined || value === null) return {};
	if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
	throw new CaseValidationError(
		"Invalid case: 'customFields' must be an object of field names and values",
		'customFields',
		'Map custom fields as an object such as { "product": "Router X", "tier": "gold" }.',
	);
}

function toPerson(value: unknown, field: string): Person | null {
	if (value === undefined || value === null || value === '') return null;
	const text = toText(value);
	if (text !== undefined) {
		return text.includes('@')
			? { id: null, name: null, email: text }
			: { id: null, name: text, email: null };
	}
	if (typeof value === 'object') {
		const record = value as Record<string, unknown>;
		return {
			id: toText(record.id) ?? null,
			name: toText(record.name) ?? null,
			email: toText(record.email) ?? null,
		};
	}
	throw new CaseValidationError(
		`Invalid case: '${field}' must be a name, an email or an object with id, name and email`,
		field,
		'Map the person as text (e.g. ana@example.com) or as { "id", "name", "email" }.',
	);
}

function toAccount(value: unknown, name: unknown): Case['account'] {
	if (value === undefined || value === null || value === '') return null;
	const text = toText(value);
	if (text !== undefined) return { id: text, name: toText(name) ?? null };
	if (typeof value === 'object') {
		const record = value as Record<string, unknown>;
		const id = toText(record.id) ?? toText(record.name);
		if (id) return { id, name: toText(record.name) ?? toText(name) ?? null };
	}
	throw new CaseValidationError(
		"Invalid case: 'account' must be an account id or an object with an id",
		'account',
		'Map the account as text (e.g. ACME-001) or as { "id", "name" }.',
	);
}
