/**
 * A big roadmap's whole doc, deflated for the pages that take it (`?deflated=1`, message 106 in
 * docs/PROTOCOL.md). A 5 × 2,000 plan is a 3.4 MB sync step 2, and a page opening it waited on
 * its arrival: on a 2-core machine the browser's network process, the page's main thread and the
 * server share the cores, and the doc's last slice came 90–250 ms after the page was ready for
 * it. Deflated (level 1) it is 0.47 MB, made once per snapshot on libuv's thread pool (not the
 * event loop), and the page inflates it in ~10 ms.
 *
 * What is deflated is the answer's sync step 2, the snapshot's: large, and changed only when the
 * room compacts or merges, while the rows before it are small and change with every edit (a log
 * without a snapshot has its rows merged there instead, deflated once per answer when 64 KiB or
 * more).
 */
import { deflateRaw } from 'node:zlib';
import * as encoding from 'lib0/encoding';
import { MESSAGE_DEFLATED } from './messages';

/** Messages shorter than this go as they are: deflating them saves the link little. */
export const DEFLATE_MIN_BYTES = 64 * 1024;

/** Message 106: a whole message, deflated (raw DEFLATE, RFC 1951). */
export function deflatedMessage(deflated: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_DEFLATED);
	encoding.writeVarUint8Array(encoder, deflated);
	return encoding.toUint8Array(encoder);
}

/**
 * The deflated form of one message at a time, the newest asked for, known by a key that lives as
 * long as the message's content does (the room's snapshot): only the deflated bytes are kept, not
 * the message they were made from.
 */
export class DeflatedCache {
	private key: Uint8Array | null = null;
	/** Message 106 for the key's message, or null when it did not shrink or zlib failed. */
	private deflated: Promise<Uint8Array | null> = Promise.resolve(null);

	/**
	 * Message 106 for `message` (a few ms on the thread pool when `key` is new: 3.4 MB deflates in
	 * ~15 ms); null when it is short, does not shrink, or zlib failed: send it as it is. Never
	 * rejects.
	 */
	ready(key: Uint8Array, message: Uint8Array): Promise<Uint8Array | null> {
		if (message.length < DEFLATE_MIN_BYTES) return Promise.resolve(null);
		if (key !== this.key) {
			this.key = key;
			this.deflated = new Promise((resolve) =>
				deflateRaw(message, { level: 1 }, (error, deflated) =>
					resolve(error || deflated.length >= message.length ? null : deflatedMessage(deflated))
				)
			);
		}
		return this.deflated;
	}
}
