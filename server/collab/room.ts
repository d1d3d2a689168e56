/**
 * One roadmap's live state. `doc` holds only what is committed: it answers sync requests and
 * relays to peers. Writes wait in `pending`; a commit loop takes everything that arrived within a
 * few milliseconds, appends it to the log in one round trip and commits, and only then applies it
 * to `doc`, relays it and acknowledges it as saved. The projector follows: it brings the SQL
 * projection up to the log in its own transaction (see src/lib/server/roadmaps/projector.ts),
 * never holding up a commit.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Db } from '../../db/client';
import { commitBatches, type WriterBatch } from '../../src/lib/server/roadmaps/commit';
import type { GroupAppender } from '../../src/lib/server/roadmaps/group-append';
import type { StateMerger } from '../../src/lib/server/roadmaps/merge-state';
import { docFromLog, loadRoadmapDoc, readRoadmapLog } from '../../src/lib/server/roadmaps/log';
import {
	catchUpProjection,
	type CatchUpResult,
	type ProjectedDoc
} from '../../src/lib/server/roadmaps/projector';
import type { Connection } from './connection';
import { NewcomerState } from './newcomer-state';
import type { ProjectorPacer } from './projector-pacer';
import { REMOTE_ORIGIN, RemotePresence } from './remote-presence';
import { SharedMessage } from './shared-frame';
import {
	CLOSE,
	HEARTBEAT,
	awarenessMessage,
	decodeAwareness,
	decodeIncoming,
	encodeAwareness,
	isEmptyStateVector,
	noticeMessage,
	savedMessage,
	syncStep1,
	syncStep2,
	updateMessage
} from './messages';

export interface RoomOptions {
	db: Db;
	/** Extra wait for company before committing, in ms (0: only what arrived this turn). */
	groupCommitMs: number;
	/** Most writes in one transaction. */
	maxBatch: number;
	/** Appends this room's commits together with other rooms' (one statement for several). */
	appender?: GroupAppender;
	/** Merges large states off the event loop (state-merger.ts), for the answer to newcomers. */
	merge?: StateMerger;
	/** Shares the database among every room's projector passes (projector-pacer.ts). */
	pacer: ProjectorPacer;
	log: (message: string) => void;
	/** Called after each commit with what other instances need to relay it. */
	onCommitted?: (roomId: string, previousSeq: number, seq: number, update: Uint8Array) => void;
	/** Called with each awareness update of this instance's peers, for other instances. */
	onPresence?: (roomId: string, update: Uint8Array) => void;
}

interface PendingWrite {
	conn: Connection | null;
	userId: string | null;
	update: Uint8Array;
	done?: { resolve: (rejected: RejectedOwner[]) => void; reject: (error: unknown) => void };
}

type RejectedOwner = { taskId: string; milestoneId?: string; ownerKey: string };

const MAX_OWNED_CLIENTS = 4;
/** A projector pass waits this long first, so one pass covers the commits of a typing burst. */
const PROJECT_DELAY_MS = 50;
/**
 * While commits keep coming (someone typing, a busy room), the next passes wait this long: a pass
 * costs several statements whatever it covers, which at one pass per 50 ms was most of the
 * database work of a room being typed in (and at one per 250 ms, at 20 busy roadmaps on
 * Postgres, a fifth of the server's CPU per edit: 1.27 ms an edit, 1.06 ms at 1 s). Readers who
 * need the projection call ensureProjected; lists across roadmaps are at most this far behind.
 */
const BUSY_PROJECT_DELAY_MS = 1000;

/**
 * How long a new projector runner waits before its first pass. A runner ends when no commit came
 * during its pass, which at a couple of keystrokes a second is most passes; the next commit then
 * starts a new runner, and with a plain PROJECT_DELAY_MS a room being typed in was projected ~3
 * times a second, not once (counted at 1 roadmap × 200 on Postgres: 47 passes in a 16 s run). So
 * a room whose last pass ended less than the busy delay ago is still busy, and waits out the rest.
 */
function firstProjectDelay(sinceLastPassMs: number): number {
	return Math.max(PROJECT_DELAY_MS, BUSY_PROJECT_DELAY_MS - sinceLastPassMs);
}

const REJECT_NOTICE_INTERVAL_MS = 5_000;

export class Room {
	readonly awareness: awarenessProtocol.Awareness;
	/** Presence states other instances hold in this room. */
	readonly remote: RemotePresence;
	readonly conns = new Set<Connection>();
	private pending: PendingWrite[] = [];
	private loop: Promise<void> | null = null;
	private readonly clientOwners = new Map<number, Connection>();
	private readonly reportedRejections = new Set<string>();
	/** Commits since the log was last compacted, for the manager to decide on compaction. */
	commitsSinceCompaction = 0;
	/** The stored snapshot's size, as last read or written (compactions of large ones are rarer). */
	snapshotBytes = 0;
	/** The doc at projected_seq, kept so each projection need not rebuild it from the log. */
	private projected: ProjectedDoc | null = null;
	private projector: Promise<CatchUpResult['rejected']> | null = null;
	private projectAgain = false;
	private projectorFailing = false;
	/** Readers waiting for a pass that starts after they asked (projectNow). */
	private urgent: { resolve: () => void; reject: (error: unknown) => void }[] = [];
	/** When the last projector pass ended (performance.now()), for firstProjectDelay. */
	private lastPassEndedAt = -Infinity;
	/** Cuts the projector's wait short when a reader asks (projectNow). */
	private wakeProjector: (() => void) | null = null;
	/** True while the database refuses commits; peers see "Saving…" until it is back. */
	failing = false;
	/** Whether notePending has logged the doc's current wait for missing edits. */
	private pendingNoted = false;
	/** What a client that has nothing is sent, from the log's own bytes (see NewcomerState). */
	private newcomers = new NewcomerState([], false);
	/** Relays held back while a commit acknowledges its writers first (see commit). */
	private heldRelays: { update: Uint8Array; exclude?: Set<Connection> }[] | null = null;
	private relayScheduled = false;

	private constructor(
		readonly id: string,
		readonly doc: Y.Doc,
		public lastSeq: number,
		private readonly options: RoomOptions
	) {
		this.awareness = new awarenessProtocol.Awareness(doc);
		this.awareness.setLocalState(null); // the server itself has no presence
		this.remote = new RemotePresence(this.awareness);
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			this.newcomers.add(update);
			const exclude = origin instanceof Set ? (origin as Set<Connection>) : undefined;
			if (this.heldRelays) this.heldRelays.push({ update, exclude });
			else this.relay(updateMessage(update), exclude);
		});
		this.awareness.on(
			'update',
			(
				{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
				origin: unknown
			) => {
				const changed = [...added, ...updated, ...removed];
				const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
				const message = new SharedMessage(awarenessMessage(update));
				for (const conn of this.conns) conn.sendShared(message);
				if (origin === REMOTE_ORIGIN || !this.options.onPresence) return;
				// Only what our own peers did; states other instances hold are theirs to publish.
				const ours = changed.filter((id) => !this.remote.has(id));
				if (ours.length === changed.length) this.options.onPresence(this.id, update);
				else if (ours.length)
					this.options.onPresence(
						this.id,
						awarenessProtocol.encodeAwarenessUpdate(this.awareness, ours)
					);
			}
		);
	}

	/**
	 * Reads the log and builds the room. `onStored` gets the whole state as stored before the
	 * doc is built from it (which for a large roadmap holds the event loop for a while), so
	 * clients already waiting with nothing can be answered first; the build waits for the
	 * promise it returns (those answers on the wire: a socket's writes only leave the process
	 * while the event loop runs, and a 3 MB answer handed to a socket just before the build
	 * arrived whole only after it, a second later).
	 */
	static async load(
		id: string,
		options: RoomOptions,
		onStored?: (wholeState: Uint8Array[]) => Promise<unknown> | void
	): Promise<Room> {
		const { parts, lastSeq, fromSnapshot } = await readRoadmapLog(options.db, id);
		// Let the event loop read sockets once (timers, then poll) before the long build: with
		// PGlite the read itself ran on this thread, so waiting clients' asks are still unread.
		await new Promise((resolve) => setTimeout(resolve, 0));
		await new Promise((resolve) => setImmediate(resolve));
		const newcomers = new NewcomerState(parts, fromSnapshot, options.merge);
		const wholeState = newcomers.fromLog();
		if (wholeState) await onStored?.(wholeState);
		const room = new Room(id, docFromLog(parts), lastSeq, options);
		room.newcomers = newcomers;
		// Rows left after the snapshot (a restart, a crash) count toward the next compaction, so an
		// idle room is compacted when evicted and the next open reads one snapshot.
		room.commitsSinceCompaction = fromSnapshot ? parts.length - 1 : parts.length;
		room.snapshotBytes = fromSnapshot ? parts[0].length : 0;
		// Commits a crash left unprojected are projected now, in the background.
		void room.project();
		return room;
	}

	join(conn: Connection): void {
		this.conns.add(conn);
		const { canWrite, readOnlyReason } = conn.identity;
		// Asking a writer for its state makes it send what it edited offline (sync step 2).
		if (canWrite) {
			conn.send(syncStep1(this.doc));
			conn.send(savedMessage(this.doc)); // what is committed, so the page can tell "Saved"
		} else conn.send(noticeMessage({ kind: 'read-only', reason: readOnlyReason ?? 'role' }));
		const states = [...this.awareness.getStates().keys()];
		if (states.length) {
			conn.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
		}
	}

	/** The states this instance's peers hold, for other instances (null when there are none). */
	localPresence(): Uint8Array | null {
		const ids = [...this.clientOwners.keys()].filter((id) => this.awareness.getStates().has(id));
		return ids.length ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) : null;
	}

	/** Forgets a peer and its presence; safe to call again when its socket finally closes. */
	leave(conn: Connection): void {
		if (!this.conns.delete(conn)) return;
		const owned = [...conn.ownedClients];
		for (const id of owned) this.clientOwners.delete(id);
		awarenessProtocol.removeAwarenessStates(this.awareness, owned, null);
	}

	/** Handles one message; throws MalformedMessage (the caller closes the socket). */
	handle(conn: Connection, data: Uint8Array): void {
		const message = decodeIncoming(data);
		switch (message.type) {
			case 'sync-step1': {
				if (!isEmptyStateVector(message.stateVector)) {
					conn.send(syncStep2(this.doc, message.stateVector));
					return;
				}
				const answer = this.newcomers.messages(this.doc);
				// Deflated (deflated.ts) after the few ms that may take; what this peer is sent
				// meanwhile (relays, "saved") waits behind it.
				if (conn.takesDeflated) void conn.holdFor(this.newcomers.deflated(answer));
				else for (const part of answer) conn.send(part);
				return;
			}
			case 'sync-empty':
				return;
			case 'sync-write':
				if (!conn.identity.canWrite) return this.rejectWrite(conn);
				this.enqueue({ conn, userId: conn.identity.userId, update: message.update });
				return;
			case 'awareness':
				return this.applyAwareness(conn, message.update);
			case 'heartbeat':
				conn.send(HEARTBEAT);
				return;
			case 'query-awareness': {
				const states = [...this.awareness.getStates().keys()];
				conn.send(
					awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states))
				);
				return;
			}
		}
	}

	/** Tells a connection its role changed; a new writer is asked for its state again. */
	setWritable(conn: Connection, canWrite: boolean, reason: 'role' | 'archived' | 'public' | null) {
		const was = conn.identity.canWrite;
		conn.identity = { ...conn.identity, canWrite, readOnlyReason: canWrite ? null : reason };
		if (was === canWrite) return;
		if (canWrite) {
			conn.send(noticeMessage({ kind: 'writable' }));
			conn.send(syncStep1(this.doc));
		} else conn.send(noticeMessage({ kind: 'read-only', reason: reason ?? 'role' }));
	}

	/** A server-origin change through the room, so connected peers see it at once. */
	change(userId: string | null, mutate: (doc: Y.Doc) => void): Promise<RejectedOwner[]> {
		const scratch = cloneDoc(this.doc);
		const updates: Uint8Array[] = [];
		scratch.on('update', (update: Uint8Array) => updates.push(update));
		mutate(scratch);
		if (!updates.length) return Promise.resolve([]);
		return new Promise((resolve, reject) =>
			this.enqueue({
				conn: null,
				userId,
				update: Y.mergeUpdates(updates),
				done: { resolve, reject }
			})
		);
	}

	/** An update another instance committed (seq after previousSeq): relay it or catch up. */
	async applyRemote(previousSeq: number, seq: number, update: Uint8Array): Promise<void> {
		if (seq <= this.lastSeq) return;
		if (previousSeq === this.lastSeq) {
			Y.applyUpdate(this.doc, update);
			this.lastSeq = seq;
		} else await this.catchUp();
	}

	/** Reads whatever the log has past lastSeq (a missed message costs latency, not data). */
	async catchUp(): Promise<void> {
		const { doc: fresh, lastSeq } = await loadRoadmapDoc(this.options.db, this.id);
		if (lastSeq <= this.lastSeq) return;
		const missing = Y.encodeStateAsUpdate(fresh, Y.encodeStateVector(this.doc));
		Y.applyUpdate(this.doc, missing);
		// A commit of ours may have finished meanwhile with a later seq: never go back.
		this.lastSeq = Math.max(this.lastSeq, lastSeq);
	}

	/** Resolves once every write queued so far is committed (or the room gave up) and projected. */
	async flush(): Promise<void> {
		while (this.loop || this.projector) {
			await this.loop;
			await this.projector;
		}
	}

	/**
	 * Runs the projector until it has seen every commit made so far; resolves with the owner
	 * assignments its passes refused. A commit during a pass makes it go round once more.
	 */
	project(): Promise<CatchUpResult['rejected']> {
		this.projectAgain = true;
		this.projector ??= this.runProjector();
		return this.projector;
	}

	/**
	 * For a reader that must see every commit made so far (ensureProjected): a pass starts now,
	 * without the room's delay or the pacer's queue, and this resolves when a pass that began
	 * after the call has ended. The room keeps the doc that pass leaves, where a reader's own
	 * catch-up would read the whole doc back from the log (hundreds of ms for a large roadmap)
	 * and leave the room's kept doc behind projected_seq, so its next pass would read it again.
	 */
	projectNow(): Promise<void> {
		const done = new Promise<void>((resolve, reject) => this.urgent.push({ resolve, reject }));
		void this.project();
		this.wakeProjector?.();
		return done;
	}

	private async runProjector(): Promise<CatchUpResult['rejected']> {
		// Let go of the runner in the same step as its last check of projectAgain: a reader or a
		// commit arriving after that must start a new runner, not be handed this finished one.
		try {
			const rejected: CatchUpResult['rejected'] = [];
			let backoff = 250;
			let delay = firstProjectDelay(performance.now() - this.lastPassEndedAt);
			while (this.projectAgain) {
				if (!this.urgent.length) await this.projectorRest(delay);
				delay = BUSY_PROJECT_DELAY_MS;
				this.projectAgain = false;
				const release = await this.projectorSlot();
				// Readers asked before this pass reads the log, so it covers every commit they wait for.
				const served = this.urgent.splice(0);
				try {
					const result = await catchUpProjection(this.options.db, this.id, this.projected);
					this.projected = result.projected;
					this.projectorFailing = false;
					backoff = 250;
					rejected.push(...result.rejected);
					this.reportRejectedOwners(result.rejected);
					for (const reader of served) reader.resolve();
				} catch (error) {
					for (const reader of served) reader.reject(error);
					// The log is durable; only the projection waits. The kept doc may hold what never
					// committed, so it is rebuilt from the log next time.
					this.projected = null;
					if (!this.projectorFailing)
						this.options.log(
							`room ${this.id}: projection failed, will retry: ${(error as Error).message}`
						);
					this.projectorFailing = true;
					this.projectAgain = true;
				} finally {
					release();
					this.lastPassEndedAt = performance.now();
				}
				if (this.projectorFailing) {
					await this.projectorRest(backoff);
					backoff = Math.min(backoff * 2, 5_000);
				}
			}
			return rejected;
		} finally {
			this.projector = null;
		}
	}

	/**
	 * A slot of the pacer for the next pass, or none when a reader waits (projectNow): a reader
	 * must not wait for other rooms' passes and their rests, which after a long pass are seconds.
	 */
	private async projectorSlot(): Promise<() => void> {
		const none = () => {};
		if (this.urgent.length) return none;
		const acquiring = this.options.pacer.acquire();
		const asked = new Promise<null>((resolve) => (this.wakeProjector = () => resolve(null)));
		const release = await Promise.race([acquiring, asked]);
		this.wakeProjector = null;
		if (release) return release;
		// The slot, once it comes, is handed straight on.
		void acquiring.then((late) => late());
		return none;
	}

	/** The projector's wait between passes, which a reader's projectNow ends at once. */
	private projectorRest(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.wakeProjector = null;
				resolve();
			}, ms);
			this.wakeProjector = () => {
				clearTimeout(timer);
				this.wakeProjector = null;
				resolve();
			};
		});
	}

	/** Sends the relays a commit held back, in the order they were made. */
	/**
	 * Sends what was held, one message to each peer: the commit of two people typing holds an
	 * update of each (a log row each, so each names its author), and relayed one by one they were
	 * two socket writes to every peer, the largest part of a busy room's work. A writer is spared
	 * its own part: it gets the others' merged.
	 */
	private releaseRelays() {
		this.relayScheduled = false;
		const held = this.heldRelays ?? [];
		this.heldRelays = null;
		if (held.length <= 1) {
			for (const { update, exclude } of held) this.relay(updateMessage(update), exclude);
			return;
		}
		const merged = (parts: Uint8Array[]) =>
			updateMessage(parts.length === 1 ? parts[0] : Y.mergeUpdates(parts));
		const senders = new Set(held.flatMap((h) => [...(h.exclude ?? [])]));
		const everything = new SharedMessage(merged(held.map((h) => h.update)));
		for (const conn of this.conns) {
			if (!senders.has(conn)) {
				conn.sendShared(everything);
				continue;
			}
			const others = held.filter((h) => !h.exclude?.has(conn)).map((h) => h.update);
			if (others.length) conn.send(merged(others));
		}
	}

	private relay(data: Uint8Array, exclude?: Set<Connection>) {
		const message = new SharedMessage(data);
		for (const conn of this.conns) if (!exclude?.has(conn)) conn.sendShared(message);
	}

	get pendingWrites(): number {
		return this.pending.length;
	}

	private rejectWrite(conn: Connection) {
		const now = Date.now();
		if (now - conn.lastRejectNoticeAt < REJECT_NOTICE_INTERVAL_MS) return;
		conn.lastRejectNoticeAt = now;
		conn.send(noticeMessage({ kind: 'write-rejected', reason: 'read-only' }));
	}

	private applyAwareness(conn: Connection, update: Uint8Array) {
		const accepted = decodeAwareness(update).filter((entry) => {
			let owner = this.clientOwners.get(entry.clientId);
			if (owner && owner !== conn) {
				// The same person's page, reconnected before its old socket was found dead (its
				// network came back), takes the id over with a newer clock. Anyone else may not,
				// and neither may an echo: y-websocket clients send back every awareness update
				// they receive, with the clock they received it with.
				if (!entry.state || !conn.identity.userId) return false;
				if (owner.identity.userId !== conn.identity.userId) return false;
				if (entry.clock <= (this.awareness.meta.get(entry.clientId)?.clock ?? 0)) return false;
				owner.ownedClients.delete(entry.clientId);
				this.clientOwners.delete(entry.clientId);
				owner = undefined;
			}
			if (!owner && this.remote.has(entry.clientId)) {
				// Held by a peer of another instance. Only that client itself, come over to this
				// instance, sends a newer clock; an echo of the relayed state never claims it.
				if (!entry.state) return false;
				if (entry.clock <= (this.awareness.meta.get(entry.clientId)?.clock ?? 0)) return false;
				this.remote.claimedHere(entry.clientId);
			}
			if (!owner) {
				// A removal of an id nobody owns is a client expiring a peer the server already
				// dropped: claiming the id for it would lock the peer out when it comes back.
				if (!entry.state) return false;
				if (conn.ownedClients.size >= MAX_OWNED_CLIENTS) return false;
				this.clientOwners.set(entry.clientId, conn);
				conn.ownedClients.add(entry.clientId);
			}
			// Who someone is comes from their session, never from what their client claims.
			if (entry.state) entry.state = { ...entry.state, user: conn.identity.presence };
			return true;
		});
		if (accepted.length) {
			awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwareness(accepted), conn);
		}
	}

	private enqueue(write: PendingWrite) {
		this.pending.push(write);
		this.loop ??= this.run().finally(() => (this.loop = null));
	}

	private async run() {
		let backoff = 250;
		// Let the messages already received in this turn of the event loop join the batch.
		await (this.options.groupCommitMs
			? sleep(this.options.groupCommitMs)
			: new Promise(setImmediate));
		while (this.pending.length) {
			const batch = this.pending.splice(0, this.options.maxBatch);
			if (await this.commit(batch)) {
				backoff = 250;
				continue;
			}
			// Database away: keep the writes, in order, and try again. Nothing was relayed or
			// acknowledged, so peers keep showing "Saving…" and lose nothing.
			this.pending.unshift(...batch);
			await sleep(backoff);
			backoff = Math.min(backoff * 2, 5_000);
		}
	}

	private async commit(batch: PendingWrite[]): Promise<boolean> {
		const groups: { userId: string | null; writes: PendingWrite[] }[] = [];
		for (const write of batch) {
			const last = groups[groups.length - 1];
			if (last && last.userId === write.userId) last.writes.push(write);
			else groups.push({ userId: write.userId, writes: [write] });
		}
		const merged = groups.map((g) => Y.mergeUpdates(g.writes.map((w) => w.update)));
		const batches: WriterBatch[] = groups.map((g, i) => ({
			userId: g.userId,
			updates: [merged[i]]
		}));
		let result;
		try {
			// One statement, committed on its own: no BEGIN/COMMIT round trips around it.
			const appender = this.options.appender;
			result = await commitBatches(
				this.options.db,
				this.id,
				this.lastSeq,
				batches,
				appender && ((id, entries) => appender.append(id, entries))
			);
		} catch (error) {
			if ((error as { roadmapGone?: boolean }).roadmapGone) {
				// Deleted while people were editing: nothing can be saved; tell them and stop.
				for (const write of batch) write.done?.reject(error);
				for (const conn of this.conns) conn.close(CLOSE.gone, 'roadmap deleted');
				this.pending = [];
				return true;
			}
			if (!this.failing) {
				this.options.log(`room ${this.id}: commit failed, will retry: ${(error as Error).message}`);
			}
			this.failing = true;
			return false;
		}
		this.failing = false;
		// Committed: now, and only now, peers may see it; but the writers hear "saved" first, so a
		// room of a thousand does not make its writers wait for a thousand sends. Relays still held
		// from the commit before (see below) stay first in line.
		this.heldRelays ??= [];
		try {
			for (const update of result.missed) Y.applyUpdate(this.doc, update);
			groups.forEach((group, i) => {
				// A group is one person's writes, possibly from several tabs: only a connection that
				// sent the whole merged update may be spared its echo; every other tab needs it.
				const senders = new Set(group.writes.flatMap((w) => (w.conn ? [w.conn] : [])));
				Y.applyUpdate(this.doc, merged[i], senders.size === 1 ? senders : undefined);
			});
			this.notePending();
			// A catch-up may have read further meanwhile: never go back.
			this.lastSeq = Math.max(this.lastSeq, result.seq);
			this.commitsSinceCompaction += groups.length;

			const saved = savedMessage(this.doc);
			for (const conn of new Set(batch.flatMap((w) => (w.conn ? [w.conn] : [])))) conn.send(saved);
		} finally {
			// The relays go out after this turn's other work: rooms whose commits shared a statement
			// (GroupAppender) are answered in one turn, and each room's writers would otherwise wait
			// for every room before it to send to all its peers (20 rooms x 50 peers: ~1,000 sends).
			// Until then the room's updates queue here, in order.
			if (!this.relayScheduled) {
				this.relayScheduled = true;
				setImmediate(() => this.releaseRelays());
			}
		}
		this.options.onCommitted?.(this.id, result.previousSeq, result.seq, Y.mergeUpdates(merged));
		// Off the critical path: the writers have their "saved", and the relays go out this turn.
		const projected = this.project();
		const waiting = batch.filter((w) => w.done);
		if (waiting.length) {
			void projected.then((rejected) => {
				const owners = rejected.flatMap((r) => r.owners);
				for (const write of waiting) write.done!.resolve(owners);
			});
		}
		return true;
	}

	/**
	 * Logs, once until it clears, when the doc holds updates it cannot apply yet: a client sent
	 * edits that build on some of its own the server never got. They are committed, but nobody
	 * sees them until the missing ones arrive (the client's next resync): a delay worth knowing
	 * of when peers say an edit never reached them.
	 */
	private notePending() {
		const waiting = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
		if (waiting && !this.pendingNoted) {
			const missing = this.doc.store.pendingStructs?.missing;
			const from = missing ? [...missing.keys()].join(', ') : 'unknown';
			this.options.log(
				`room ${this.id}: holding edits that wait for missing ones (clients ${from})`
			);
		}
		this.pendingNoted = waiting;
	}

	/** Tells the editors who named an unknown owner (their open connections), once per assignment. */
	private reportRejectedOwners(rejected: CatchUpResult['rejected']) {
		for (const { userId, owners } of rejected) {
			const keyOf = (r: RejectedOwner) => `${r.milestoneId ?? r.taskId} ${r.ownerKey}`;
			const fresh = owners.filter((r) => !this.reportedRejections.has(keyOf(r)));
			if (!fresh.length) continue;
			for (const r of fresh) this.reportedRejections.add(keyOf(r));
			const notice = noticeMessage({ kind: 'owner-rejected', owners: fresh });
			for (const conn of this.conns)
				if (conn.identity.canWrite && conn.identity.userId === userId) conn.send(notice);
		}
	}
}

function cloneDoc(doc: Y.Doc): Y.Doc {
	const copy = new Y.Doc({ gc: true });
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return copy;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
