/** One websocket peer of a room: its identity, the awareness client ids it owns, safe sending. */
import WebSocket from 'ws';
import type { CollabIdentity } from './authorize';

export class Connection {
	/** Awareness client ids this connection has claimed; no other connection may set them. */
	readonly ownedClients = new Set<number>();
	alive = true;
	lastRejectNoticeAt = 0;

	constructor(
		readonly ws: WebSocket,
		public identity: CollabIdentity,
		private readonly maxBufferedBytes: number
	) {}

	/** Sends, or terminates a peer that stopped reading (its buffer would grow without bound). */
	send(data: Uint8Array): void {
		if (this.ws.readyState !== WebSocket.OPEN) return;
		if (this.ws.bufferedAmount > this.maxBufferedBytes) {
			this.ws.terminate();
			return;
		}
		this.ws.send(data, (error) => {
			if (error) this.ws.terminate();
		});
	}

	close(code: number, reason: string): void {
		if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
			this.ws.close(code, reason);
		}
	}
}
