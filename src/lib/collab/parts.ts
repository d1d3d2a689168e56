/**
 * Puts long server messages back together. Pages ask the server for parts (`?parts=1`, see
 * docs/PROTOCOL.md, message 105): a long message (a big roadmap's whole doc) comes in slices,
 * each of which the heartbeat counts as a sign of life, where one message of megabytes was
 * seconds of silence on a slow link and the page gave up on a socket that was working.
 */
import { inflatesDeflated } from './deflated';

export const MESSAGE_PART = 105;

/** The query a page's socket URL carries to ask for parts. */
export const PARTS_QUERY = 'parts=1';

/**
 * The params of a page's socket URL (y-websocket puts them after the room's name, in this
 * order): long messages in parts, and the whole doc deflated when this browser can inflate it
 * (message 106, see deflated.ts). The early socket's inline script builds the same query.
 */
export function socketParams(): Record<string, string> {
	return inflatesDeflated() ? { parts: '1', deflated: '1' } : { parts: '1' };
}

export class PartAssembler {
	private whole: Uint8Array | null = null;
	private filled = 0;

	/**
	 * Adds the next slice of a message `total` bytes long; returns the message once whole. A
	 * slice that does not fit the message in progress (a different length, past its end) starts
	 * over: the socket it belonged to is gone, and its parts with it.
	 */
	add(total: number, slice: Uint8Array): Uint8Array | null {
		if (!this.whole || this.whole.length !== total || this.filled + slice.length > total) {
			this.whole = new Uint8Array(total);
			this.filled = 0;
		}
		if (slice.length > total) return this.reset();
		this.whole.set(slice, this.filled);
		this.filled += slice.length;
		if (this.filled < total) return null;
		const whole = this.whole;
		this.reset();
		return whole;
	}

	/** Forgets a message in progress (its socket closed). */
	reset(): null {
		this.whole = null;
		this.filled = 0;
		return null;
	}
}
