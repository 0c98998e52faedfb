/**
 * The internal note the write-back leaves on a case. It starts with a fixed marker so that the
 * triggers can tell it from the team's own notes: a note written by the write-back is never new
 * activity, even where internal notes count (see `activitiesOf` in polling/state.ts).
 */
export const WRITE_BACK_NOTE_MARKER = 'Case Sentiment:';

/** Whether a message's text is a note the write-back wrote. */
export function isWriteBackNote(text: string): boolean {
	return text.trimStart().startsWith(WRITE_BACK_NOTE_MARKER);
}
