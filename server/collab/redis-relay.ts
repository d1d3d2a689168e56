/**
 * Relays commits between instances: after committing, an instance publishes the update with its
 * sequence numbers on the roadmap's channel; the others apply and relay it. A receiver whose
 * last seen sequence differs from the sender's previous one reads the gap from the log.
 */
import type { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

const channel = (roomId: string) => `ieum:roadmap:${roomId}`;

export type RemoteCommit = (
	roomId: string,
	previousSeq: number,
	seq: number,
	update: Uint8Array
) => void;

export class RedisRelay {
	private readonly subscriber: Redis;
	private readonly instance = crypto.randomUUID();

	constructor(
		private readonly publisher: Redis,
		onCommit: RemoteCommit
	) {
		this.subscriber = publisher.duplicate();
		this.subscriber.on('error', () => {}); // ioredis reconnects by itself; the log covers the gap
		this.subscriber.on('messageBuffer', (rawChannel: Buffer, message: Buffer) => {
			try {
				const decoder = decoding.createDecoder(new Uint8Array(message));
				if (decoding.readVarString(decoder) === this.instance) return;
				const previousSeq = decoding.readVarUint(decoder);
				const seq = decoding.readVarUint(decoder);
				const update = decoding.readVarUint8Array(decoder);
				onCommit(rawChannel.toString().slice('ieum:roadmap:'.length), previousSeq, seq, update);
			} catch {
				// A message we cannot read is a message we missed: the next one triggers a catch-up.
			}
		});
	}

	publish(
		roomId: string,
		previousSeq: number,
		seq: number,
		update: Uint8Array,
		options: { forceCatchUp?: boolean } = {}
	): void {
		const encoder = encoding.createEncoder();
		encoding.writeVarString(encoder, this.instance);
		// A previous seq nobody has makes receivers read from the log (we may not know the true one).
		encoding.writeVarUint(encoder, options.forceCatchUp ? Number.MAX_SAFE_INTEGER : previousSeq);
		encoding.writeVarUint(encoder, seq);
		encoding.writeVarUint8Array(encoder, update);
		this.publisher
			.publish(channel(roomId), Buffer.from(encoding.toUint8Array(encoder)))
			.catch(() => {}); // Redis away: other instances catch up from the log on their next commit
	}

	async subscribe(roomId: string) {
		await this.subscriber.subscribe(channel(roomId)).catch(() => {});
	}

	async unsubscribe(roomId: string) {
		await this.subscriber.unsubscribe(channel(roomId)).catch(() => {});
	}

	async close() {
		this.subscriber.disconnect();
	}
}
