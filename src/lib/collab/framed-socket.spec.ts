import { deflateRawSync } from 'node:zlib';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { partsOf } from '../../../server/collab/messages';
import { FramedSocket } from './framed-socket';

const DEFLATED = 106;

/** The socket under the framing: the test hands it what the server would send. */
function socketPair() {
	const socket = {
		binaryType: 'blob',
		readyState: 1,
		onmessage: null as ((e: { data: unknown }) => void) | null,
		onopen: null,
		onclose: null as ((e: unknown) => void) | null,
		onerror: null,
		sent: [] as Uint8Array[],
		closed: [] as unknown[][],
		send(data: Uint8Array) {
			this.sent.push(data);
		},
		close(...args: unknown[]) {
			this.closed.push(args);
		}
	};
	const framed = new FramedSocket(socket as unknown as WebSocket);
	const seen: (number[] | string)[] = [];
	framed.onmessage = (event) => seen.push([...new Uint8Array(event.data as ArrayBuffer)]);
	framed.onclose = () => seen.push('close');
	const serverSends = (bytes: Uint8Array) =>
		socket.onmessage?.({ data: bytes.slice().buffer as ArrayBuffer });
	return { socket, framed, seen, serverSends };
}

function message(type: number, payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, type);
	encoding.writeVarUint8Array(encoder, payload);
	return encoding.toUint8Array(encoder);
}

/** Lets the browser's (here Node's) inflater finish. */
const inflating = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('the framed socket', () => {
	it('hands the provider a deflated doc whole and inflated, and what came after it after it', async () => {
		const doc = message(0, new TextEncoder().encode('차세대 메모리 '.repeat(5_000))); // a sync step 2
		const deflated = message(DEFLATED, deflateRawSync(doc));
		expect(deflated.length).toBeLessThan(doc.length / 10);
		const { framed, seen, serverSends, socket } = socketPair();
		expect(socket.binaryType).toBe('arraybuffer');
		const slices = partsOf(deflated, 40);
		expect(slices.length).toBeGreaterThan(3);
		for (const slice of slices) serverSends(slice);
		serverSends(new Uint8Array([100, 1, 7])); // "saved", sent after the doc
		// Each slice was a sign of life at once; the doc and "saved" wait for the inflating.
		expect(seen).toEqual(slices.map(() => [102]));
		await inflating();
		expect(seen.slice(slices.length)).toEqual([[...doc], [100, 1, 7]]);
		// Nothing waits any more: the next message goes straight through.
		serverSends(new Uint8Array([1, 2, 3]));
		expect(seen.at(-1)).toEqual([1, 2, 3]);
		framed.send(new Uint8Array([0, 0, 1, 0]));
		expect(socket.sent).toEqual([new Uint8Array([0, 0, 1, 0])]);
	});

	it('closes the socket on a deflated message that does not inflate, after the rest', async () => {
		const { seen, serverSends, socket } = socketPair();
		serverSends(message(DEFLATED, new Uint8Array([1, 2, 3, 4, 5])));
		serverSends(new Uint8Array([100, 1, 7]));
		expect(seen).toEqual([]);
		await inflating();
		expect(seen).toEqual([[100, 1, 7]]);
		// The page would wait for that doc for ever: a new socket asks for it again.
		expect(socket.closed).toEqual([[1000, 'a message did not inflate']]);
	});

	it('hands on a close, like a message, after a doc still inflating; a heartbeat at once', async () => {
		const doc = message(0, new TextEncoder().encode('시제품 검증 '.repeat(20_000)));
		const { seen, serverSends, socket } = socketPair();
		serverSends(message(DEFLATED, deflateRawSync(doc)));
		serverSends(new Uint8Array([102])); // the answer to the page's heartbeat
		serverSends(new Uint8Array([100, 1, 7]));
		socket.onclose?.({ code: 1012 }); // the server restarting
		expect(seen).toEqual([[102]]);
		await inflating();
		expect(seen).toEqual([[102], [...doc], [100, 1, 7], 'close']);
	});

	it('hands on a message in parts whole, and plain messages as they come', () => {
		const { seen, serverSends } = socketPair();
		const long = new Uint8Array(250).map((_, i) => i % 7);
		long[0] = 0;
		serverSends(new Uint8Array([1, 9]));
		for (const slice of partsOf(long, 100)) serverSends(slice);
		expect(seen).toEqual([[1, 9], [102], [102], [102], [...long]]);
	});
});
