import type { AuthorRole, Person, Visibility } from './case';

/**
 * Tells the requester (customer) from the fulfiller (agent): the customer's tone is what counts,
 * agent replies are context. A role field wins; otherwise the author is matched against values
 * the admin configures, then against the case's own requester.
 */
export interface PersonaRules {
	/** Authors that are the customer: emails, names or ids; `*` matches any run of characters. */
	requesterAuthors: string[];
	/** Authors that are the support team, e.g. `*@example-support.com`. */
	fulfillerAuthors: string[];
	/** Role of an author that matches nothing above. */
	unknownAuthorRole: AuthorRole;
}

export const DEFAULT_PERSONA_RULES: PersonaRules = {
	requesterAuthors: [],
	fulfillerAuthors: [],
	unknownAuthorRole: 'requester',
};

const ROLE_SYNONYMS: Record<string, AuthorRole> = {
	requester: 'requester',
	customer: 'requester',
	'end-user': 'requester',
	end_user: 'requester',
	enduser: 'requester',
	user: 'requester',
	caller: 'requester',
	contact: 'requester',
	client: 'requester',
	consumer: 'requester',
	incoming: 'requester',
	fulfiller: 'fulfiller',
	agent: 'fulfiller',
	admin: 'fulfiller',
	support: 'fulfiller',
	staff: 'fulfiller',
	assignee: 'fulfiller',
	outgoing: 'fulfiller',
	system: 'system',
	bot: 'system',
	automation: 'system',
	trigger: 'system',
};

/** A role value from a helpdesk or a mapped field, or undefined when it says nothing known. */
export function roleFromValue(value: unknown): AuthorRole | undefined {
	if (typeof value !== 'string') return undefined;
	return ROLE_SYNONYMS[value.trim().toLowerCase()];
}

/** Visibility from the many ways helpdesks say it: `internal`, `private`, `public: false`, work notes. */
export function visibilityFromValue(value: unknown): Visibility | undefined {
	if (typeof value === 'boolean') return value ? 'public' : 'internal';
	if (typeof value !== 'string') return undefined;
	const normalized = value
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_');
	if (
		['internal', 'private', 'work_notes', 'work_note', 'note', 'internal_note'].includes(normalized)
	) {
		return 'internal';
	}
	if (['public', 'comments', 'comment', 'reply', 'external'].includes(normalized)) return 'public';
	return undefined;
}

function matchesPattern(author: string, pattern: string): boolean {
	const wanted = pattern.trim().toLowerCase();
	if (wanted === '') return false;
	if (!wanted.includes('*')) return author === wanted;
	const expression = wanted.split('*').map(escapeRegExp).join('.*');
	return new RegExp(`^${expression}$`).test(author);
}

function escapeRegExp(text: string): string {
	return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

export function resolveAuthorRole(
	author: string,
	explicitRole: unknown,
	rules: PersonaRules,
	requester: Person | null,
): AuthorRole {
	const fromRole = roleFromValue(explicitRole);
	if (fromRole) return fromRole;
	const who = author.trim().toLowerCase();
	if (who !== '') {
		if (rules.fulfillerAuthors.some((pattern) => matchesPattern(who, pattern))) return 'fulfiller';
		if (rules.requesterAuthors.some((pattern) => matchesPattern(who, pattern))) return 'requester';
		const requesterIds = [requester?.id, requester?.email, requester?.name]
			.filter((value): value is string => typeof value === 'string' && value !== '')
			.map((value) => value.toLowerCase());
		if (requesterIds.includes(who)) return 'requester';
	}
	return rules.unknownAuthorRole;
}
