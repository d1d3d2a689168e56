/** One websocket peer of a room: its identity, the awareness client ids it owns, safe sending. */
import WebSocket from 'ws';
import type { CollabIdentity } from './authorize';
import { PART_BYTES, partsOf } from './messages';
import { rawSocket, type SharedMessage } from './shared-frame';

/** Messages waiting behind an answer still being made (Connection.holdFor), in order. */
interface Held {
	ready: boolean;
	messages: (Uint8Array | SharedMessage)[];
}

export class Connection {
	/** Awareness client ids this connection has claimed; no other connection may set them. */
	readonly ownedClients = new Set<number>();
	/** When this peer last showed it was there (a pong or any message), for the ping sweep. */
	lastHeardAt = Date.now();
	/** Set once we decided to close: its room has let it go, further messages are ignored. */
	closing = false;
	/** Called once when the server starts closing this peer (before the socket is gone). */
	onClosing: (() => void) | null = null;
	lastRejectNoticeAt = 0;

	constructor(
		readonly ws: WebSocket,
		public identity: CollabIdentity,
		private readonly maxBufferedBytes: number,
		/** The client reassembles long messages from parts (it asked with `?parts=1`). */
		private readonly takesParts = false,
		/** The client inflates message 106 (it asked with `?deflated=1`; see deflated.ts). */
		readonly takesDeflated = false
	) {}

	/** While an answer is still being made (see holdFor): it and what came after it, in order. */
	private held: Held[] | null = null;

	/** Sends, or terminates a peer that stopped reading (its buffer would grow without bound). */
	send(data: Uint8Array): void {
		if (this.held) this.held.push({ ready: true, messages: [data] });
		else this.sendNow(data);
	}

	/** Sends a message many peers get, in the frame it was given for all of them (shared-frame.ts). */
	sendShared(message: SharedMessage): void {
		if (this.held) this.held.push({ ready: true, messages: [message] });
		else this.sendSharedNow(message);
	}

	/**
	 * Sends what `answer` resolves to before anything sent to this peer after this call (a relay,
	 * a "saved"), which waits until then: a newcomer's doc, deflated off the event loop, still
	 * comes before the edits made while it was being deflated, as it did when it went at once.
	 */
	async holdFor(answer: Promise<Uint8Array[]>): Promise<void> {
		const entry: Held = { ready: false, messages: [] };
		(this.held ??= []).push(entry);
		try {
			entry.messages = await answer;
		} catch {
			// Nothing to send: what waited behind it goes all the same.
		} finally {
			entry.ready = true;
			this.sendHeld();
		}
	}

	private sendHeld() {
		const held = this.held;
		while (held?.length && held[0].ready)
			for (const message of held.shift()!.messages)
				if (message instanceof Uint8Array) this.sendNow(message);
				else this.sendSharedNow(message);
		if (held && !held.length && this.held === held) this.held = null;
	}

	private sendNow(data: Uint8Array): void {
		if (!this.writable()) return;
		this.write(data);
	}

	private sendSharedNow(message: SharedMessage): void {
		if (!this.writable()) return;
		const socket = rawSocket(this.ws);
		if (!socket || (this.takesParts && message.data.length > PART_BYTES)) this.write(message.data);
		else socket.write(message.framed);
	}

	private writable(): boolean {
		if (this.ws.readyState !== WebSocket.OPEN) return false;
		if (this.ws.bufferedAmount <= this.maxBufferedBytes) return true;
		this.terminate();
		return false;
	}

	private write(data: Uint8Array) {
		// No callback: a failed write errors and closes the socket, whose 'close' lets the peer go
		// (server.ts); a callback per send would cost a closure and a call for each of a
		// thousand peers on every keystroke.
		if (!this.takesParts || data.length <= PART_BYTES) this.ws.send(data);
		else for (const part of partsOf(data)) this.ws.send(part);
	}

	/**
	 * Resolves once what was sent so far has been handed to the kernel (or the socket is gone),
	 * or after `maxMs` at the latest. Before the event loop is held by long work, whoever waits
	 * on this gets its answer on the wire instead of stuck in this process until the work ends.
	 */
	flushed(maxMs: number): Promise<void> {
		const socket = rawSocket(this.ws);
		if (!socket || !socket.writableNeedDrain || this.ws.readyState !== WebSocket.OPEN)
			return Promise.resolve();
		return new Promise((resolve) => {
			const done = () => {
				clearTimeout(timer);
				socket.off('drain', done);
				socket.off('close', done);
				resolve();
			};
			const timer = setTimeout(done, maxMs);
			socket.once('drain', done);
			socket.once('close', done);
		});
	}

	/**
	 * Starts the close handshake. A dead peer never answers it and `ws` only gives up after 30 s,
	 * so the room lets go of it (and its presence) now rather than at the socket's 'close'.
	 */
	close(code: number, reason: string): void {
		if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
			this.ws.close(code, reason);
		}
		this.letGo();
	}

	/** Drops the socket at once, without a handshake (a peer that stopped answering). */
	terminate(): void {
		this.ws.terminate();
		this.letGo();
	}

	private letGo() {
		if (this.closing) return;
		this.closing = true;
		this.onClosing?.();
	}
}
