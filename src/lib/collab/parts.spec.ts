import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import { PART_BYTES, partsOf } from '../../../server/collab/messages';
import { MESSAGE_PART, PartAssembler } from './parts';

const message = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7) % 256);

/** Reads a 105 frame as the page's handler does. */
function read(frame: Uint8Array) {
	const decoder = decoding.createDecoder(frame);
	expect(decoding.readVarUint(decoder)).toBe(MESSAGE_PART);
	return { total: decoding.readVarUint(decoder), slice: decoding.readVarUint8Array(decoder) };
}

describe('message parts', () => {
	it('sends a short message whole, a long one in slices no longer than the limit', () => {
		const short = message(64);
		expect(partsOf(short, 64)).toEqual([short]);
		const frames = partsOf(message(1000), 64);
		expect(frames).toHaveLength(16);
		for (const frame of frames) expect(read(frame).slice.length).toBeLessThanOrEqual(64);
	});

	it('slices a message once however many peers it goes to', () => {
		const long = message(PART_BYTES * 2 + 1);
		const first = partsOf(long);
		expect(first).toHaveLength(3);
		expect(partsOf(long)).toBe(first);
		expect(partsOf(message(PART_BYTES * 2 + 1))).not.toBe(first); // another message
	});

	it('puts the slices back together, and only once the last one is in', () => {
		const long = message(1000);
		const parts = new PartAssembler();
		const frames = partsOf(long, 64).map(read);
		for (const { total, slice } of frames.slice(0, -1)) expect(parts.add(total, slice)).toBeNull();
		const last = frames.at(-1)!;
		expect(parts.add(last.total, last.slice)).toEqual(long);
		// Ready for the next message.
		const again = partsOf(message(130), 64).map(read);
		expect(again.map(({ total, slice }) => parts.add(total, slice)).at(-1)).toEqual(message(130));
	});

	it('drops a message cut off by a closed socket: the next socket starts afresh', () => {
		const parts = new PartAssembler();
		const first = partsOf(message(1000), 64).map(read);
		parts.add(first[0].total, first[0].slice);
		parts.reset();
		const next = partsOf(message(1000), 64).map(read);
		const results = next.map(({ total, slice }) => parts.add(total, slice));
		expect(results.at(-1)).toEqual(message(1000));
		// A slice that cannot belong to the message in progress starts over rather than corrupt it.
		parts.add(1000, message(64));
		expect(parts.add(200, message(200))).toEqual(message(200));
	});
});
