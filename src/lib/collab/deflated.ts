/**
 * A whole message the server sent deflated (message 106, docs/PROTOCOL.md): a big roadmap's doc
 * on a page's first visit, 3.4 MB as it is and 0.47 MB deflated for a 5 × 2,000 plan. Pages ask
 * for it only when the browser inflates raw DEFLATE itself (DecompressionStream, native code off
 * the JavaScript heap): a script inflater took ~60 ms on a cold page, as long as the bytes saved.
 */
import * as decoding from 'lib0/decoding';

export const MESSAGE_DEFLATED = 106;

/** Whether this browser can inflate message 106 (and so may ask for it). */
export function inflatesDeflated(): boolean {
	try {
		new DecompressionStream('deflate-raw');
		return true;
	} catch {
		return false;
	}
}

/** The whole message inside a 106, or null when it does not inflate (cut short, corrupt). */
export async function inflatedMessage(message: Uint8Array): Promise<Uint8Array | null> {
	try {
		const decoder = decoding.createDecoder(message);
		decoding.readVarUint(decoder); // 106
		const deflated = decoding.readVarUint8Array(decoder);
		const inflated = new Blob([deflated as Uint8Array<ArrayBuffer>])
			.stream()
			.pipeThrough(new DecompressionStream('deflate-raw'));
		return new Uint8Array(await new Response(inflated).arrayBuffer());
	} catch {
		return null;
	}
}
