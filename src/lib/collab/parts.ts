/**
 * Puts long server messages back together. Pages ask the server for parts (`?parts=1`, see
 * docs/PROTOCOL.md, message 105): a long message (a big roadmap's whole doc) comes in slices,
 * each of which the heartbeat counts as a sign of life, where one message of megabytes was
 * seconds of silence on a slow link and the page gave up on a socket that was working.
 */
export const MESSAGE_PART = 105;

/** The query a page's socket URL carries to ask for parts. */
export const PARTS_PARAMS = { parts: '1' } as const;

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
