import { z } from 'zod';

/**
 * One poll per workflow and node at a time. n8n starts the next poll on its timer without
 * waiting for the previous one, and two polls that read the same stored state fire the same
 * crossings twice. Two guards: a lock in this process (the polls of one n8n main share it), and
 * a lease written into the stored state, which a poll in another process (a restarted or a new
 * main) that loads the state sees. A poll that finds either held stands down; a lease whose
 * poll died runs out after its time.
 */

const held = new Set<string>();

/** Runs `poll` unless another poll of the same key is running here; null when it stood down. */
export async function withPollLock<T>(key: string, poll: () => Promise<T>): Promise<T | null> {
	if (held.has(key)) return null;
	held.add(key);
	try {
		return await poll();
	} finally {
		held.delete(key);
	}
}

export const leaseSchema = z.object({ owner: z.string(), until: z.number().finite() });
export type Lease = z.infer<typeof leaseSchema>;

/** The lease if it still holds someone else's claim at `nowMs`, else null. */
export function heldLease(lease: unknown, nowMs: number): Lease | null {
	const parsed = leaseSchema.safeParse(lease);
	return parsed.success && parsed.data.until > nowMs ? parsed.data : null;
}
