/**
 * The presence states of one room that other instances hold: which instance last vouched for
 * each, and when. Each instance repeats its peers' states every couple of seconds, so a state not
 * vouched for within the time to live belongs to an instance that died without saying goodbye
 * (kill -9, a lost host) and is removed here — and so from every page on this instance.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import { decodeAwareness } from './messages';

/** The origin of awareness changes that came from another instance (never published again). */
export const REMOTE_ORIGIN = Symbol('remote presence');

export class RemotePresence {
	private readonly vouched = new Map<number, { instance: string; at: number }>();

	constructor(private readonly awareness: awarenessProtocol.Awareness) {}

	/** Whether another instance holds this client id (so this instance must not publish it). */
	has(clientId: number): boolean {
		return this.vouched.has(clientId);
	}

	/**
	 * Applies another instance's update. Throws MalformedMessage on bytes that do not decode.
	 * A state repeated with the same clock changes nothing on the pages but renews it here.
	 */
	apply(instance: string, update: Uint8Array, now = Date.now()): void {
		const entries = decodeAwareness(update);
		for (const entry of entries) {
			if (entry.state) this.vouched.set(entry.clientId, { instance, at: now });
		}
		awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_ORIGIN);
		for (const entry of entries) {
			// A late removal from an instance the client has since left must not orphan the state
			// the newer instance vouches for.
			if (entry.state || this.vouched.get(entry.clientId)?.instance !== instance) continue;
			if (!this.awareness.getStates().has(entry.clientId)) this.vouched.delete(entry.clientId);
		}
	}

	/** A peer of this instance took the id over (it reconnected here from another instance). */
	claimedHere(clientId: number): void {
		this.vouched.delete(clientId);
	}

	/** Removes the states nobody has vouched for within `ttlMs`; returns how many. */
	expire(ttlMs: number, now = Date.now()): number {
		const stale = [...this.vouched]
			.filter(([, v]) => now - v.at > ttlMs)
			.map(([clientId]) => clientId);
		for (const clientId of stale) this.vouched.delete(clientId);
		const present = stale.filter((id) => this.awareness.getStates().has(id));
		if (present.length)
			awarenessProtocol.removeAwarenessStates(this.awareness, present, REMOTE_ORIGIN);
		return present.length;
	}
}
