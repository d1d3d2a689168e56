/**
 * Wire format: the y-websocket protocol (sync 0, awareness 1, auth 2, query-awareness 3) plus two
 * message types of ours, documented in docs/PROTOCOL.md:
 *   100 saved   varUint8Array(state vector of the committed doc)
 *   101 notice  varString(JSON { kind, ... })
 *   102 heartbeat  (no payload) client → server, answered with the same byte
 *   103 comments   varString(JSON { taskId, milestoneId }) server → members: that thread changed
 *   104 signal     varString(JSON { kind }) server → some members: read your mentions again
 *                  ('mentions', to the people concerned) or the member list ('members', to all)
 *   105 part       varUint(whole length) varUint8Array(slice) server → clients that asked for
 *                  parts (`?parts=1`): a long message in slices, so that each slice counts as
 *                  a sign of life on a slow link (see partsOf)
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
export const MESSAGE_SAVED = 100;
export const MESSAGE_NOTICE = 101;
export const MESSAGE_HEARTBEAT = 102;
export const MESSAGE_COMMENTS = 103;
export const MESSAGE_SIGNAL = 104;
export const MESSAGE_PART = 105;
export const MESSAGE_DEFLATED = 106;

/**
 * The largest message sent whole to a client that takes parts. A page judges its socket dead
 * when nothing arrives for 1.75 s (src/lib/collab/heartbeat.ts), and the browser delivers a
 * message only once all of it is in: a 3.4 MB doc over a 10 Mbit/s link is 2.7 s of silence,
 * and the page dropped the socket and asked again, for ever. 64 KiB is half a second at
 * 1 Mbit/s.
 */
export const PART_BYTES = 64 * 1024;

/**
 * The slices of each long message, kept while the message is: a room sends one message (the
 * whole doc, a big paste) to many peers, and slicing it for each would copy it for each.
 */
const slicedMessages = new WeakMap<Uint8Array, Uint8Array[]>();

/** `message` as it goes to a client that takes parts: whole when short, else 105 slices. */
export function partsOf(message: Uint8Array, size = PART_BYTES): Uint8Array[] {
	if (message.length <= size) return [message];
	const sliced = slicedMessages.get(message);
	if (sliced && size === PART_BYTES) return sliced;
	const parts: Uint8Array[] = [];
	for (let at = 0; at < message.length; at += size) {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_PART);
		encoding.writeVarUint(encoder, message.length);
		encoding.writeVarUint8Array(encoder, message.subarray(at, at + size));
		parts.push(encoding.toUint8Array(encoder));
	}
	if (size === PART_BYTES) slicedMessages.set(message, parts);
	return parts;
}

export type Notice =
	| { kind: 'read-only'; reason: 'role' | 'archived' | 'public' }
	| { kind: 'writable' }
	| { kind: 'write-rejected'; reason: 'read-only' }
	| {
			kind: 'owner-rejected';
			owners: { taskId: string; milestoneId?: string; ownerKey: string }[];
	  };

/**
 * Close codes: standard ones for bad frames, 1012 for "this instance is restarting: reconnect now
 * (another instance takes you)", 44xx for authorization changes (do not reconnect).
 */
export const CLOSE = {
	malformed: 1007,
	policy: 1008,
	tooBig: 1009,
	serverError: 1011,
	restart: 1012,
	signedOut: 4401,
	forbidden: 4403,
	gone: 4404
} as const;

export function syncStep1(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeSyncStep1(encoder, doc);
	return encoding.toUint8Array(encoder);
}

export function syncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeSyncStep2(encoder, doc, stateVector);
	return encoding.toUint8Array(encoder);
}

/** Sync step 2 carrying an update as it is (e.g. a stored snapshot), without a doc to encode. */
export function syncStep2FromUpdate(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** Past this many log rows after the snapshot, merging them costs more than it saves. */
const MAX_MERGED_ROWS = 1_000;

/**
 * Everything a client that has nothing needs, from the log as stored (`parts`: the snapshot when
 * `fromSnapshot`, then the rows after it), in messages that end with sync step 2 so the client is
 * synced only once it has all of it: the rows after the snapshot merged into one update first
 * (they wait in the client for the snapshot they build on), then the snapshot as sync step 2.
 * Null when there is nothing, or too many rows to merge cheaply (the room encodes its doc then).
 */
export function fullStateMessages(parts: Uint8Array[], fromSnapshot: boolean): Uint8Array[] | null {
	if (!parts.length) return null;
	if (!fromSnapshot) {
		if (parts.length > MAX_MERGED_ROWS) return null;
		return [syncStep2FromUpdate(parts.length === 1 ? parts[0] : Y.mergeUpdates(parts))];
	}
	const [snapshot, ...rows] = parts;
	if (rows.length > MAX_MERGED_ROWS) return null;
	const messages = rows.length
		? [updateMessage(rows.length === 1 ? rows[0] : Y.mergeUpdates(rows))]
		: [];
	return [...messages, syncStep2FromUpdate(snapshot)];
}

/** A state vector that names no client: the peer has nothing yet. */
export const isEmptyStateVector = (stateVector: Uint8Array) =>
	stateVector.length === 1 && stateVector[0] === 0;

export function updateMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function awarenessMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function savedMessage(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SAVED);
	encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
	return encoding.toUint8Array(encoder);
}

export function noticeMessage(notice: Notice): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_NOTICE);
	encoding.writeVarString(encoder, JSON.stringify(notice));
	return encoding.toUint8Array(encoder);
}

/** Which comment thread changed; the page fetches it again with its own rights. */
export interface CommentsChanged {
	taskId: string;
	milestoneId: string | null;
}

export function commentsMessage(target: CommentsChanged): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_COMMENTS);
	encoding.writeVarString(
		encoder,
		JSON.stringify({ taskId: target.taskId, milestoneId: target.milestoneId })
	);
	return encoding.toUint8Array(encoder);
}

/**
 * Something a page reads over HTTP changed: it reads it again, with its own rights. 'members':
 * who is on the roadmap, and with which role; 'roadmap': its title, or whether it is archived.
 */
export type SignalKind = 'mentions' | 'members' | 'roadmap';
export const SIGNAL_KINDS: readonly SignalKind[] = ['mentions', 'members', 'roadmap'];

/**
 * Who a signal is for: some members by id, or every member on the roadmap. Public-link readers
 * never (they see neither comments nor the member list).
 */
export interface Signal {
	kind: SignalKind;
	/** Absent: every member. */
	userIds?: string[];
}

export function signalMessage(kind: SignalKind): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SIGNAL);
	encoding.writeVarString(encoder, JSON.stringify({ kind }));
	return encoding.toUint8Array(encoder);
}

/** A signal as another instance relayed it, if it makes sense (else nothing). */
export function parseSignal(payload: string): Signal | null {
	try {
		const { kind, userIds } = JSON.parse(payload) as Partial<Signal>;
		if (!SIGNAL_KINDS.includes(kind as SignalKind)) return null;
		if (userIds === undefined) return { kind: kind as SignalKind };
		if (!Array.isArray(userIds) || !userIds.every((id) => typeof id === 'string')) return null;
		return { kind: kind as SignalKind, userIds };
	} catch {
		return null;
	}
}

/**
 * A heartbeat is one byte (102 fits in one varUint byte). Pages send it when they have heard
 * nothing for a moment; the answer proves the socket still carries data both ways, which the
 * browser's own ping/pong (invisible to pages) cannot tell them.
 */
export const HEARTBEAT = new Uint8Array([MESSAGE_HEARTBEAT]);

export function isHeartbeat(data: Uint8Array): boolean {
	return data.length === 1 && data[0] === MESSAGE_HEARTBEAT;
}

export type Incoming =
	| { type: 'sync-step1'; stateVector: Uint8Array }
	| { type: 'sync-write'; update: Uint8Array }
	/** A well-formed update that carries nothing (a peer's reply when it has nothing new). */
	| { type: 'sync-empty' }
	| { type: 'awareness'; update: Uint8Array }
	| { type: 'query-awareness' }
	| { type: 'heartbeat' };

export class MalformedMessage extends Error {}

/**
 * Decodes one client message without touching any document. Throws MalformedMessage for
 * anything that is not a well-formed message of a type we accept: truncated data, lengths
 * past the end, trailing bytes, or a Yjs update that does not parse.
 */
export function decodeIncoming(data: Uint8Array): Incoming {
	try {
		const decoder = decoding.createDecoder(data);
		const type = decoding.readVarUint(decoder);
		let message: Incoming;
		if (type === MESSAGE_SYNC) {
			const syncType = decoding.readVarUint(decoder);
			const payload = readBytes(decoder);
			if (syncType === syncProtocol.messageYjsSyncStep1) {
				Y.decodeStateVector(payload);
				message = { type: 'sync-step1', stateVector: payload };
			} else if (
				syncType === syncProtocol.messageYjsSyncStep2 ||
				syncType === syncProtocol.messageYjsUpdate
			) {
				const parsed = Y.decodeUpdate(payload); // parses every struct: throws on garbage
				message =
					parsed.structs.length || parsed.ds.clients.size
						? { type: 'sync-write', update: payload }
						: { type: 'sync-empty' };
			} else throw new MalformedMessage(`unknown sync message ${syncType}`);
		} else if (type === MESSAGE_AWARENESS) {
			message = { type: 'awareness', update: readBytes(decoder) };
		} else if (type === MESSAGE_QUERY_AWARENESS) {
			message = { type: 'query-awareness' };
		} else if (type === MESSAGE_HEARTBEAT) {
			message = { type: 'heartbeat' };
		} else throw new MalformedMessage(`unknown message type ${type}`);
		if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing bytes');
		return message;
	} catch (error) {
		if (error instanceof MalformedMessage) throw error;
		throw new MalformedMessage(error instanceof Error ? error.message : String(error));
	}
}

/** A length-prefixed byte array whose length must fit in what is left of the message. */
function readBytes(decoder: decoding.Decoder): Uint8Array {
	const length = decoding.readVarUint(decoder);
	if (length > decoder.arr.length - decoder.pos) {
		throw new MalformedMessage(`length ${length} runs past the end of the message`);
	}
	return decoding.readUint8Array(decoder, length);
}

export interface AwarenessEntry {
	clientId: number;
	clock: number;
	state: Record<string, unknown> | null;
}

const MAX_AWARENESS_STATE = 16 * 1024;

/** Decodes an awareness update into its entries (the format of y-protocols/awareness). */
export function decodeAwareness(update: Uint8Array): AwarenessEntry[] {
	try {
		const decoder = decoding.createDecoder(update);
		const count = decoding.readVarUint(decoder);
		if (count > 64) throw new MalformedMessage('too many awareness entries');
		const entries: AwarenessEntry[] = [];
		for (let i = 0; i < count; i++) {
			const clientId = decoding.readVarUint(decoder);
			const clock = decoding.readVarUint(decoder);
			const json = decoding.readVarString(decoder);
			if (json.length > MAX_AWARENESS_STATE)
				throw new MalformedMessage('awareness state too large');
			const state = JSON.parse(json) as unknown;
			if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
				throw new MalformedMessage('awareness state must be an object or null');
			}
			entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
		}
		if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing bytes');
		return entries;
	} catch (error) {
		if (error instanceof MalformedMessage) throw error;
		throw new MalformedMessage(error instanceof Error ? error.message : String(error));
	}
}

export function encodeAwareness(entries: AwarenessEntry[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const entry of entries) {
		encoding.writeVarUint(encoder, entry.clientId);
		encoding.writeVarUint(encoder, entry.clock);
		encoding.writeVarString(encoder, JSON.stringify(entry.state));
	}
	return encoding.toUint8Array(encoder);
}

/** Sync step 1 of an empty doc: what a peer that has nothing sends to get everything. */
export function askForEverything(): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeSyncStep1(encoder, new Y.Doc());
	return encoding.toUint8Array(encoder);
}

/** Whether a message is a well-formed sync step 1 naming no client (a peer that has nothing). */
export function asksForEverything(data: Uint8Array): boolean {
	// Only a sync step 1 can ask; anything else (a large write, say) is decoded once, later.
	if (data[0] !== MESSAGE_SYNC || data[1] !== syncProtocol.messageYjsSyncStep1) return false;
	try {
		const message = decodeIncoming(data);
		return message.type === 'sync-step1' && isEmptyStateVector(message.stateVector);
	} catch {
		return false; // the room's own handling closes a malformed peer
	}
}
