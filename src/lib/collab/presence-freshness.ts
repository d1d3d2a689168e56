/**
 * Keeps presence honest on the client. y-protocols renews a page's own state every 15 s and
 * forgets others' after 30 s unheard; a peer that vanished without a goodbye would linger that
 * long wherever the server's own removal does not reach (another instance, a lost message). We
 * renew our state every `renewEveryMs` and forget any other state not renewed for `dropAfterMs`.
 *
 * Forgetting a peer locally also broadcasts its removal (y-protocols does the same on its 30 s
 * timeout); the server ignores removals of ids the sender does not own.
 */
import * as awarenessProtocol from 'y-protocols/awareness';

export interface PresenceFreshnessOptions {
	renewEveryMs: number;
	dropAfterMs: number;
	checkEveryMs: number;
	/**
	 * Renewals cost every page one message per peer per interval (N² per room). Up to this many
	 * people the intervals above hold; beyond it they stretch in proportion, so a room of 200
	 * sends what a room of 25 does. The server still drops a vanished peer within seconds.
	 */
	peersAtFullRate: number;
}

export const PRESENCE_FRESHNESS: PresenceFreshnessOptions = {
	renewEveryMs: 3_000,
	dropAfterMs: 7_000,
	checkEveryMs: 1_000,
	peersAtFullRate: 25
};

/** Starts renewing and expiring; returns the function that stops it. */
export function keepPresenceFresh(
	awareness: awarenessProtocol.Awareness,
	options: PresenceFreshnessOptions = PRESENCE_FRESHNESS
): () => void {
	// When each state (ours included) was last set or renewed. Kept here rather than read from
	// awareness.meta so that this module owns its clock.
	const renewedAt = new Map<number, number>();
	const onUpdate = ({
		added,
		updated,
		removed
	}: Record<'added' | 'updated' | 'removed', number[]>) => {
		const now = Date.now();
		for (const id of [...added, ...updated]) renewedAt.set(id, now);
		for (const id of removed) renewedAt.delete(id);
	};
	awareness.on('update', onUpdate);
	const now = Date.now();
	for (const id of awareness.getStates().keys()) renewedAt.set(id, now);

	const check = () => {
		const now = Date.now();
		const stretch = Math.max(1, awareness.getStates().size / options.peersAtFullRate);
		const local = awareness.getLocalState();
		if (
			local !== null &&
			now - (renewedAt.get(awareness.clientID) ?? 0) >= options.renewEveryMs * stretch
		) {
			awareness.setLocalState(local); // same state, newer clock
		}
		const stale: number[] = [];
		for (const [clientId, at] of renewedAt) {
			if (clientId !== awareness.clientID && now - at >= options.dropAfterMs * stretch)
				stale.push(clientId);
		}
		for (const id of stale) renewedAt.delete(id);
		const present = stale.filter((id) => awareness.states.has(id));
		if (present.length) awarenessProtocol.removeAwarenessStates(awareness, present, 'expired');
	};
	const interval = setInterval(check, options.checkEveryMs);
	return () => {
		clearInterval(interval);
		awareness.off('update', onUpdate);
	};
}
