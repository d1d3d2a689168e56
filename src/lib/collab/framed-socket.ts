/**
 * The page's websocket as y-websocket sees it, with the server's framing taken off underneath
 * (docs/PROTOCOL.md): messages in parts (105) are put back together, and a deflated message
 * (106) is inflated, so the provider only ever handles whole messages, as it would from any
 * y-websocket server.
 *
 * Inflating is asynchronous (the browser's own inflater, see deflated.ts): messages that come
 * after a deflated one wait for it and are handed on in the order they came. Each part is handed
 * on at once as a heartbeat (102): a sign of life while a long message is still coming, which
 * on a slow link may take longer than the page's liveness window (heartbeat.ts).
 */
import * as decoding from 'lib0/decoding';
import { inflatedMessage, MESSAGE_DEFLATED } from './deflated';
import { HEARTBEAT_MESSAGE, MESSAGE_HEARTBEAT } from './heartbeat';
import { MESSAGE_PART, PartAssembler } from './parts';

/** What waits to reach the provider (a message, the close): ready, or still being inflated. */
interface Waiting {
	ready: boolean;
	/** Hands it on; null: nothing to hand (a message that did not inflate). */
	run: (() => void) | null;
}

/** The WebSocket surface y-websocket and the page use, over a real socket. */
export class FramedSocket {
	static readonly CONNECTING = 0;
	static readonly OPEN = 1;
	static readonly CLOSING = 2;
	static readonly CLOSED = 3;
	readonly CONNECTING = 0;
	readonly OPEN = 1;
	readonly CLOSING = 2;
	readonly CLOSED = 3;

	onmessage: ((event: MessageEvent) => void) | null = null;
	onopen: ((event: Event) => void) | null = null;
	onclose: ((event: CloseEvent) => void) | null = null;
	onerror: ((event: Event) => void) | null = null;

	private readonly parts = new PartAssembler();
	private readonly waiting: Waiting[] = [];

	constructor(readonly socket: WebSocket) {
		socket.binaryType = 'arraybuffer';
		socket.onmessage = (event) => this.receive(event.data);
		socket.onopen = (event) => this.onopen?.(event);
		// After the messages that came before them, which may still be inflating.
		socket.onclose = (event) => this.inOrder(() => this.onclose?.(event));
		socket.onerror = (event) => this.inOrder(() => this.onerror?.(event));
	}

	get readyState(): number {
		return this.socket.readyState;
	}

	/** Always 'arraybuffer' (y-websocket sets it; the framing needs it). */
	get binaryType(): BinaryType {
		return 'arraybuffer';
	}
	set binaryType(_: BinaryType) {}

	send(data: Uint8Array): void {
		this.socket.send(data as Uint8Array<ArrayBuffer>);
	}

	close(code?: number, reason?: string): void {
		this.socket.close(code, reason);
	}

	/** One message as the socket received it (also how an early socket's kept ones are replayed). */
	receive(data: unknown): void {
		if (!(data instanceof ArrayBuffer)) return; // text: not something the server sends
		let message: ArrayBuffer | Uint8Array = data;
		let bytes: Uint8Array = new Uint8Array(data);
		if (bytes[0] === MESSAGE_PART) {
			this.hand(HEARTBEAT_MESSAGE);
			const decoder = decoding.createDecoder(bytes);
			decoding.readVarUint(decoder);
			const whole = this.parts.add(
				decoding.readVarUint(decoder),
				decoding.readVarUint8Array(decoder)
			);
			if (!whole) return;
			message = bytes = whole;
		}
		if (bytes[0] === MESSAGE_PART) return; // parts of parts: not something the server sends
		// The answer to a heartbeat says the socket is alive now: it does not wait for a doc.
		if (bytes[0] === MESSAGE_HEARTBEAT) return this.hand(message);
		if (bytes[0] !== MESSAGE_DEFLATED) return this.inOrder(() => this.hand(message));
		const entry: Waiting = { ready: false, run: null };
		this.waiting.push(entry);
		void inflatedMessage(bytes).then((inflated) => {
			if (inflated && inflated[0] !== MESSAGE_PART && inflated[0] !== MESSAGE_DEFLATED)
				entry.run = () => this.hand(inflated);
			// A doc that does not inflate (or framing nested in it, which the server never sends)
			// would leave the page waiting for it for ever: the socket goes, and the provider asks
			// again on a new one.
			else this.socket.close(1000, 'a message did not inflate');
			entry.ready = true;
			this.runReady();
		});
	}

	/** Runs `run` now, or after what waits ahead of it. */
	private inOrder(run: () => void) {
		if (!this.waiting.length) return run();
		this.waiting.push({ ready: true, run });
	}

	/** Runs what waits and is ready, up to the first message still being inflated. */
	private runReady() {
		while (this.waiting.length && this.waiting[0].ready) this.waiting.shift()!.run?.();
	}

	private hand(data: ArrayBuffer | Uint8Array) {
		// y-websocket copies what it is given into a Uint8Array: a whole buffer goes as one.
		const whole =
			data instanceof Uint8Array &&
			data.byteOffset === 0 &&
			data.byteLength === data.buffer.byteLength;
		this.onmessage?.(new MessageEvent('message', { data: whole ? data.buffer : data }));
	}
}
