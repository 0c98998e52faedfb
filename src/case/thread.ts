import { isWriteBackNote } from '../writeback/note';
import { type AuthorRole, type Case, CaseValidationError, DESCRIPTION_MESSAGE_ID } from './case';

/** One piece of text in a case's thread, in the order it was written. */
export interface Utterance {
	messageId: string;
	role: AuthorRole;
	internal: boolean;
	text: string;
	createdAt: string | null;
}

/**
 * The thread as engines read it: the subject and description as the requester's opening, then
 * the messages in time order (messages without a time keep their place). Internal notes are
 * left out unless asked for: they are the team talking to itself, not the customer.
 */
export function caseThread(
	supportCase: Case,
	options: { includeInternal?: boolean } = {},
): Utterance[] {
	const opening = [supportCase.subject, supportCase.description]
		.map((part) => part.trim())
		.filter((part) => part !== '')
		.join('\n');
	const thread: Utterance[] = [];
	if (opening !== '') {
		thread.push({
			messageId: DESCRIPTION_MESSAGE_ID,
			role: 'requester',
			internal: false,
			text: opening,
			createdAt: supportCase.createdAt,
		});
	}
	const messages = supportCase.messages
		.map((message, position) => ({ message, position }))
		.sort((a, b) => {
			const at = a.message.createdAt;
			const bt = b.message.createdAt;
			if (at && bt && at !== bt) return at < bt ? -1 : 1;
			return a.position - b.position;
		});
	for (const { message } of messages) {
		if (message.visibility === 'internal' && !options.includeInternal) continue;
		// Our own earlier verdict (Update Case in Helpdesk's note) must not sway the next reading.
		if (message.visibility === 'internal' && isWriteBackNote(message.text)) continue;
		if (message.text.trim() === '') continue;
		thread.push({
			messageId: message.id,
			role: message.authorRole,
			internal: message.visibility === 'internal',
			text: message.text,
			createdAt: message.createdAt,
		});
	}
	return thread;
}

/** The customer's own words, which are what the sentiment is about. */
export function requesterUtterances(supportCase: Case): Utterance[] {
	return caseThread(supportCase).filter((utterance) => utterance.role === 'requester');
}

/**
 * The customer's utterances, refusing a case that has none: classifying an empty case would
 * report a confident 'neutral' that nobody wrote, so it is an input error instead. (caseThread
 * already leaves out blank text, so an empty list is the only case to refuse.)
 */
export function requireCustomerText(supportCase: Case): Utterance[] {
	const utterances = requesterUtterances(supportCase);
	if (utterances.length > 0) return utterances;
	throw new CaseValidationError(
		`Case '${supportCase.id}' has no customer text to classify`,
		'messages',
		"Map the customer's text: a subject or description, or messages whose role is requester (check the persona settings if every author was taken for an agent).",
	);
}
