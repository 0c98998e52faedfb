import { FakeZendesk, SENIOR_GROUP } from '../helpdesks/zendesk';

export { SENIOR_GROUP };

/**
 * The fake Zendesk as the example workflows use it: its ticket update endpoint
 * (`PUT /api/v2/tickets/{id}.json`, see FakeZendesk) with every accepted update listed as sent.
 */
export class FakeZendeskWithWrites extends FakeZendesk {
	/** Every accepted ticket update, in order, as sent. */
	get updates(): Array<{ ticketId: number; ticket: Record<string, unknown> }> {
		return this.writes
			.filter((write) => write.method === 'PUT')
			.map((write) => ({
				ticketId: write.ticketId,
				ticket: ((write.body as { ticket?: Record<string, unknown> } | null)?.ticket ??
					{}) as Record<string, unknown>,
			}));
	}
}
