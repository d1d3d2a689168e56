/**
 * Relays commits and presence between instances over Redis pub/sub.
 *
 * Commits: after committing, an instance publishes the update with its sequence numbers on the
 * roadmap's channel; the others apply and relay it. A receiver whose last seen sequence differs
 * from the sender's previous one reads the gap from the log.
 *
 * Presence: awareness changes made by this instance's peers go out on a second channel per
 * roadmap, tagged with the instance; each instance also repeats its peers' states every couple of
 * seconds, so a receiver can expire the states of an instance that went away without a word.
 *
 * Comments: "this thread changed" goes out on a third channel per roadmap, so pages on other
 * instances fetch it again (the comment itself travels by HTTP, with the reader's own rights).
 * Signals ("your mentions changed", "the member list changed") go out on a fourth, the same way.
 *
 * Redis may come and go: publishing never waits for it, and when the subscriber is back every
 * wanted channel is subscribed again (rooms loaded during the outage included) and `onReconnect`
 * lets the server read whatever the log gained meanwhile.
 */
import type { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

const COMMITS = 'ieum:roadmap:';
const PRESENCE = 'ieum:presence:';
const COMMENTS = 'ieum:comments:';
const SIGNALS = 'ieum:signal:';
const PRESENCE_UPDATE = 0;
const PRESENCE_QUERY = 1;

export type RemoteCommit = (
	roomId: string,
	previousSeq: number,
	seq: number,
	update: Uint8Array
) => void;

export interface RelayHandlers {
	onCommit: RemoteCommit;
	/** Another instance's awareness update (its peers' states, or their removal). */
	onPresence?: (roomId: string, instance: string, update: Uint8Array) => void;
	/** Another instance just opened this room and asks for everyone's presence. */
	onPresenceQuery?: (roomId: string) => void;
	/** Another instance says a comment thread of this room changed (`payload`: its JSON). */
	onComments?: (roomId: string, payload: string) => void;
	/** Another instance's signal for the pages on this room (`payload`: its JSON). */
	onSignal?: (roomId: string, payload: string) => void;
	/** The subscriber is connected again after losing Redis: messages may have been missed. */
	onReconnect?: () => void;
}

export class RedisRelay {
	private readonly subscriber: Redis;
	readonly instance = crypto.randomUUID();
	/** Rooms we want to hear, whether or not Redis has confirmed the subscription yet. */
	private readonly wanted = new Set<string>();
	private lostConnection = false;

	constructor(
		private readonly publisher: Redis,
		private readonly handlers: RelayHandlers
	) {
		this.subscriber = publisher.duplicate();
		this.subscriber.on('error', () => {}); // ioredis reconnects by itself; the log covers the gap
		this.subscriber.on('close', () => (this.lostConnection = true));
		this.subscriber.on('ready', () => {
			// Subscriptions refused while Redis was away were never recorded by ioredis.
			const channels = [...this.wanted].flatMap(channelsOf);
			if (channels.length) this.subscriber.subscribe(...channels).catch(() => {});
			if (this.lostConnection) this.handlers.onReconnect?.();
			this.lostConnection = false;
		});
		this.subscriber.on('messageBuffer', (rawChannel: Buffer, message: Buffer) => {
			const name = rawChannel.toString();
			try {
				if (name.startsWith(COMMITS)) this.receiveCommit(name.slice(COMMITS.length), message);
				else if (name.startsWith(PRESENCE))
					this.receivePresence(name.slice(PRESENCE.length), message);
				else if (name.startsWith(COMMENTS))
					this.receiveText(name.slice(COMMENTS.length), message, this.handlers.onComments);
				else if (name.startsWith(SIGNALS))
					this.receiveText(name.slice(SIGNALS.length), message, this.handlers.onSignal);
			} catch {
				// A commit we cannot read is one we missed: the next one (or the log check) catches
				// up. Presence we cannot read is renewed within seconds.
			}
		});
	}

	/** Both connections up: commits and presence cross instances as they happen. */
	get ready(): boolean {
		return this.publisher.status === 'ready' && this.subscriber.status === 'ready';
	}

	private receiveCommit(roomId: string, message: Buffer) {
		const decoder = decoding.createDecoder(new Uint8Array(message));
		if (decoding.readVarString(decoder) === this.instance) return;
		const previousSeq = decoding.readVarUint(decoder);
		const seq = decoding.readVarUint(decoder);
		const update = decoding.readVarUint8Array(decoder);
		this.handlers.onCommit(roomId, previousSeq, seq, update);
	}

	private receivePresence(roomId: string, message: Buffer) {
		const decoder = decoding.createDecoder(new Uint8Array(message));
		const instance = decoding.readVarString(decoder);
		if (instance === this.instance) return;
		const kind = decoding.readVarUint(decoder);
		if (kind === PRESENCE_QUERY) this.handlers.onPresenceQuery?.(roomId);
		else if (kind === PRESENCE_UPDATE)
			this.handlers.onPresence?.(roomId, instance, decoding.readVarUint8Array(decoder));
	}

	/** A JSON payload from another instance (never our own echo). */
	private receiveText(
		roomId: string,
		message: Buffer,
		handler: ((roomId: string, payload: string) => void) | undefined
	) {
		const decoder = decoding.createDecoder(new Uint8Array(message));
		if (decoding.readVarString(decoder) === this.instance) return;
		handler?.(roomId, decoding.readVarString(decoder));
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
		this.send(COMMITS + roomId, encoder); // Redis away: the others' log check finds it
	}

	/** This instance's peers' awareness update for a room (states or removals). */
	publishPresence(roomId: string, update: Uint8Array): void {
		const encoder = encoding.createEncoder();
		encoding.writeVarString(encoder, this.instance);
		encoding.writeVarUint(encoder, PRESENCE_UPDATE);
		encoding.writeVarUint8Array(encoder, update);
		this.send(PRESENCE + roomId, encoder);
	}

	/** A comment thread of this room changed (`payload`: JSON naming it). */
	publishComments(roomId: string, payload: string): void {
		this.sendText(COMMENTS + roomId, payload);
	}

	/** A signal for the pages on this room (`payload`: JSON naming its kind and people). */
	publishSignal(roomId: string, payload: string): void {
		this.sendText(SIGNALS + roomId, payload);
	}

	private sendText(channel: string, payload: string) {
		const encoder = encoding.createEncoder();
		encoding.writeVarString(encoder, this.instance);
		encoding.writeVarString(encoder, payload);
		this.send(channel, encoder);
	}

	private queryPresence(roomId: string): void {
		const encoder = encoding.createEncoder();
		encoding.writeVarString(encoder, this.instance);
		encoding.writeVarUint(encoder, PRESENCE_QUERY);
		this.send(PRESENCE + roomId, encoder);
	}

	private send(channel: string, encoder: encoding.Encoder) {
		if (this.publisher.status !== 'ready') return; // fail fast, never queue while Redis is away
		this.publisher.publish(channel, Buffer.from(encoding.toUint8Array(encoder))).catch(() => {});
	}

	/** Starts hearing a room; asks the other instances for the presence they hold there. */
	async subscribe(roomId: string) {
		this.wanted.add(roomId);
		await this.subscriber.subscribe(...channelsOf(roomId)).catch(() => {});
		this.queryPresence(roomId);
	}

	async unsubscribe(roomId: string) {
		this.wanted.delete(roomId);
		await this.subscriber.unsubscribe(...channelsOf(roomId)).catch(() => {});
	}

	async close() {
		this.wanted.clear();
		this.subscriber.disconnect();
	}
}

const channelsOf = (roomId: string) => [
	COMMITS + roomId,
	PRESENCE + roomId,
	COMMENTS + roomId,
	SIGNALS + roomId
];
