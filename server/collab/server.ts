/**
 * The collaboration server: takes `/collab/<roadmapId>` upgrades, keeps one Room per roadmap in
 * memory while anyone is connected, enforces limits, re-checks every connection's right to be
 * there once a second (and at once when asked), and relays commits between instances via Redis.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { and, gt, inArray, isNull } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type * as Y from 'yjs';
import type { Database } from '../../db/client';
import { apiTokens, roadmapMembers, roadmaps, sessions } from '../../db/schema';
import { can, type Access } from '../../src/lib/server/auth/authorization';
import { changeRoadmap } from '../../src/lib/server/roadmaps/change';
import { commitsBeforeCompaction, compactRoadmap } from '../../src/lib/server/roadmaps/compact';
import { type GroupAppender, groupAppenderFor } from '../../src/lib/server/roadmaps/group-append';
import { StateMergerWorker } from './state-merger';
import { authorizeUpgrade, collabRoadmapId, type CollabIdentity } from './authorize';
import { Connection } from './connection';
import {
	askForEverything,
	asksForEverything,
	CLOSE,
	commentsMessage,
	parseSignal,
	signalMessage,
	type Signal,
	HEARTBEAT,
	isHeartbeat,
	MalformedMessage,
	type CommentsChanged
} from './messages';
import { ProjectorPacer, type ProjectorPacerOptions } from './projector-pacer';
import { RedisRelay } from './redis-relay';
import { Room } from './room';

export interface CollabOptions {
	database: Database;
	/** Configured public origin; unset: "http://" + Host. */
	origin: string | undefined;
	/** Redis connection for publishing; a duplicate is made for subscribing. Unset: one instance. */
	redis?: Redis;
	/**
	 * Extra wait before a commit to gather more writes, ms (default 0: writes that arrive while a
	 * commit is in flight already form the next batch, so no timer is needed for grouping).
	 */
	groupCommitMs?: number;
	/** Most writes per transaction (default 500). */
	maxBatch?: number;
	/** Largest accepted message, bytes (default 2 MiB; larger closes with 1009). */
	maxPayload?: number;
	/** Send buffer above which a slow peer is terminated, bytes (default 8 MiB). */
	maxBufferedBytes?: number;
	/** Open connections allowed per user (default 20) and per IP address (default 500). */
	maxConnectionsPerUser?: number;
	maxConnectionsPerIp?: number;
	/** How often every peer is pinged (default 2 s). */
	pingIntervalMs?: number;
	/**
	 * A peer silent this long (no pong, no message) is dropped and leaves everyone's presence
	 * (default 2.5 pings: 5 s, so a vanished peer is gone within 5–7 s).
	 */
	peerTimeoutMs?: number;
	/** How often every connection's right to be there is re-checked (default 1 s). */
	sweepIntervalMs?: number;
	/** How long an empty room stays in memory (default 30 s). */
	idleEvictMs?: number;
	/** Compact a room's log after this many commits (default 200; more for large roadmaps). */
	compactAfter?: number;
	/**
	 * On stop, how long compacting large rooms' logs may take, in-flight compactions included
	 * (default 2 s; see compactBeforeExit). 0 compacts nothing on the way out.
	 */
	shutdownCompactionMs?: number;
	/**
	 * The bundled merge worker (build/state-worker.js): large roadmaps' logs are merged there
	 * (compaction, the answer to newcomers). Without it they are merged on the event loop.
	 */
	stateWorker?: URL;
	/**
	 * With Redis: how often this instance repeats its peers' presence to the others (default 2 s),
	 * and how long a state from another instance lives without being repeated (default 7 s: an
	 * instance that died takes its peers' presence with it within 7–9 s).
	 */
	presenceRenewMs?: number;
	presenceTtlMs?: number;
	/**
	 * With Redis: how often the log's sequence numbers are compared with the rooms' (default 2 s).
	 * A room behind while Redis is away, or behind twice in a row with nothing arriving, reads
	 * what it missed from the log: edits cross instances even with no Redis at all.
	 */
	logCheckMs?: number;
	log?: (message: string) => void;
}

/**
 * Projector passes per database. Postgres: two at once (the rest of the pool stays free for
 * commits), resting as long as they took. PGlite is one connection on one thread, where a pass
 * holds up every commit: one at a time, taking at most a quarter of its time.
 */
const PACING: Record<Database['kind'], ProjectorPacerOptions> = {
	postgres: { slots: 2, restFactor: 1 },
	pglite: { slots: 1, restFactor: 3 }
};

const DEFAULTS = {
	groupCommitMs: 0,
	maxBatch: 500,
	maxPayload: 2 * 1024 * 1024,
	maxBufferedBytes: 8 * 1024 * 1024,
	maxConnectionsPerUser: 20,
	maxConnectionsPerIp: 500,
	pingIntervalMs: 2_000,
	sweepIntervalMs: 1_000,
	idleEvictMs: 30_000,
	compactAfter: 200,
	shutdownCompactionMs: 2_000,
	presenceRenewMs: 2_000,
	presenceTtlMs: 7_000,
	logCheckMs: 2_000,
	log: (message: string) => console.log(`[collab] ${message}`)
};

/** Peers pinged in one turn of the event loop. */
const PING_SLICE = 100;
/**
 * How long a room's build waits for the answers it gave from the stored log to leave the
 * process (Room.load): long enough for a few MB on loopback or a fast link, short enough that a
 * slow reader does not keep the room from the others waiting for it.
 */
const ANSWER_FLUSH_MAX_MS = 1_000;
/** Compaction on shutdown (compactBeforeExit) is for rooms with this many rows past their snapshot. */
const SHUTDOWN_COMPACTION_MIN_ROWS = 50;

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	429: 'Too Many Requests',
	503: 'Service Unavailable'
};

function refuse(socket: Duplex, status: number, message: string): void {
	if (!socket.writable) {
		socket.destroy();
		return;
	}
	socket.end(
		`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nConnection: close\r\n` +
			`Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`
	);
}

export class CollabServer {
	private readonly options: typeof DEFAULTS & CollabOptions;
	private readonly peerTimeoutMs: number;
	private lastPingAt = Date.now();
	private readonly wss: WebSocketServer;
	private readonly rooms = new Map<string, Promise<Room>>();
	/** Sockets waiting for a room to load, which may be answered from the stored log first. */
	private readonly waitingForLoad = new Map<
		string,
		Set<(wholeState: Uint8Array[]) => Promise<void> | void>
	>();
	/** Per room: resolves once it hears other instances and has read what it missed meanwhile. */
	private readonly listening = new Map<string, Promise<void>>();
	private readonly evictTimers = new Map<string, NodeJS.Timeout>();
	/** Compactions under way, by room: shutdown waits for them before closing the merger. */
	private readonly compacting = new Map<string, Promise<void>>();
	private readonly connections = new Set<Connection>();
	/** Open connections per `user:<id>` and `ip:<address>`, for the caps. */
	private readonly openCounts = new Map<string, number>();
	private readonly timers: NodeJS.Timeout[] = [];
	private readonly relay?: RedisRelay;
	private sweeping: Promise<void> | null = null;
	private checkingLog: Promise<void> | null = null;
	private logCheckFailing = false;
	/** Per room found behind the log at the last check: the seq it had then. */
	private readonly behindAt = new Map<string, number>();
	private closing: Promise<void> | null = null;
	/** Every room's commits go through it: rooms busy at once share a statement. */
	private readonly appender: GroupAppender;
	private readonly pacer: ProjectorPacer;
	private readonly merger?: StateMergerWorker;

	constructor(options: CollabOptions) {
		// An option given as undefined means its default: spread as it is, it would replace the
		// default (a sweep interval of undefined is setInterval's 1 ms: the server once swept
		// every connection a thousand times a second on Postgres).
		const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
		this.options = { ...DEFAULTS, ...(given as CollabOptions) };
		this.appender = groupAppenderFor(this.options.database, { log: this.options.log });
		this.pacer = new ProjectorPacer(PACING[this.options.database.kind]);
		if (options.stateWorker) this.merger = new StateMergerWorker(options.stateWorker);
		this.peerTimeoutMs = this.options.peerTimeoutMs ?? this.options.pingIntervalMs * 2.5;
		this.wss = new WebSocketServer({ noServer: true, maxPayload: this.options.maxPayload });
		if (options.redis) {
			const inRoom = (roomId: string, act: (room: Room) => unknown) =>
				void this.rooms
					.get(roomId)
					?.then(act)
					.catch((e) => this.options.log(`relay ${roomId}: ${(e as Error).message}`));
			this.relay = new RedisRelay(options.redis, {
				onCommit: (roomId, previousSeq, seq, update) =>
					inRoom(roomId, (r) => r.applyRemote(previousSeq, seq, update)),
				onPresence: (roomId, instance, update) =>
					inRoom(roomId, (r) => r.remote.apply(instance, update)),
				onPresenceQuery: (roomId) =>
					inRoom(roomId, (r) => {
						const local = r.localPresence();
						if (local) this.relay?.publishPresence(roomId, local);
					}),
				onComments: (roomId, payload) => {
					const target = parseCommentsChanged(payload);
					if (target) this.tellMembers(roomId, commentsMessage(target));
				},
				onSignal: (roomId, payload) => {
					const signal = parseSignal(payload);
					if (signal) this.tellMembers(roomId, signalMessage(signal.kind), signal.userIds);
				},
				onReconnect: () => {
					this.options.log('redis: back; reading what the log gained meanwhile');
					for (const room of this.rooms.keys()) inRoom(room, (r) => r.catchUp());
				}
			});
			this.timers.push(setInterval(() => void this.renewPresence(), this.options.presenceRenewMs));
			this.timers.push(setInterval(() => void this.checkLog(), this.options.logCheckMs));
		}
		this.timers.push(setInterval(() => this.ping(), this.options.pingIntervalMs));
		this.timers.push(setInterval(() => void this.revalidate(), this.options.sweepIntervalMs));
		for (const t of this.timers) t.unref();
	}

	/** Whether a request path belongs to us (dev mode leaves the rest to Vite). */
	static handles(url: string | undefined): boolean {
		return (url ?? '').startsWith('/collab/');
	}

	/** The `upgrade` hook: authorize first; only then speak websocket. */
	async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
		if (this.closing) return refuse(socket, 503, 'Shutting down');
		if (!collabRoadmapId(req.url)) return refuse(socket, 404, 'No such collaboration endpoint');
		const ip = req.socket.remoteAddress ?? 'unknown';
		let decision;
		try {
			decision = await authorizeUpgrade(this.options.database.db, req, {
				origin: this.options.origin,
				ip
			});
		} catch (error) {
			this.options.log(`upgrade check failed: ${(error as Error).message}`);
			return refuse(socket, 503, 'Try again shortly');
		}
		if (!decision.ok) return refuse(socket, decision.status, decision.message);
		const { identity } = decision;
		const open = (key: string) => this.openCounts.get(key) ?? 0;
		if (identity.userId && open(`user:${identity.userId}`) >= this.options.maxConnectionsPerUser) {
			return refuse(socket, 429, 'Too many open connections for this user');
		}
		if (open(`ip:${ip}`) >= this.options.maxConnectionsPerIp) {
			return refuse(socket, 429, 'Too many open connections from this address');
		}
		if (socket.destroyed) return;
		const query = new URL(req.url ?? '/', 'http://x').searchParams;
		const asks = {
			parts: query.get('parts') === '1',
			deflated: query.get('deflated') === '1',
			everything: query.get('all') === '1'
		};
		this.wss.handleUpgrade(req, socket, head, (ws) => void this.accept(ws, identity, asks));
	}

	/**
	 * `asks.parts`: long messages in slices (PROTOCOL.md, 105). `asks.deflated`: the whole doc
	 * deflated (106, see deflated.ts). `asks.everything`: the socket
	 * wants the whole doc without asking for it (`?all=1`, a page's early socket): the server
	 * answers as if its first message were sync step 1 of an empty doc, so the doc is on its way
	 * the moment the handshake is done, not once the page's busy main thread gets to send.
	 */
	private async accept(
		ws: WebSocket,
		identity: CollabIdentity,
		asks: { parts: boolean; deflated: boolean; everything: boolean }
	) {
		const conn = new Connection(
			ws,
			identity,
			this.options.maxBufferedBytes,
			asks.parts,
			asks.deflated
		);
		this.connections.add(conn);
		const counted = [`ip:${identity.ip}`, ...(identity.userId ? [`user:${identity.userId}`] : [])];
		for (const key of counted) this.openCounts.set(key, (this.openCounts.get(key) ?? 0) + 1);
		// Messages may arrive while the room loads; keep them in order.
		const early: Uint8Array[] = asks.everything ? [askForEverything()] : [];
		let room: Room | null = null;
		// Once we close a peer (or it closes), its presence goes at once, not after the handshake.
		const leaveRoom = () => {
			if (!room || !room.conns.has(conn)) return;
			room.leave(conn);
			if (!room.conns.size) this.scheduleEvict(room);
		};
		conn.onClosing = leaveRoom;
		ws.on('error', () => conn.terminate());
		ws.on('pong', () => (conn.lastHeardAt = Date.now()));
		ws.on('message', (data: RawData, isBinary: boolean) => {
			conn.lastHeardAt = Date.now();
			if (conn.closing) return;
			if (!isBinary) return conn.close(CLOSE.policy, 'binary messages only');
			const bytes = toBytes(data);
			// Answered before the room is even loaded: it is about the socket, not the roadmap.
			if (isHeartbeat(bytes)) return conn.send(HEARTBEAT);
			if (room) this.dispatch(room, conn, bytes);
			else early.push(bytes);
		});
		ws.on('close', () => {
			this.connections.delete(conn);
			for (const key of counted) {
				const left = (this.openCounts.get(key) ?? 1) - 1;
				if (left) this.openCounts.set(key, left);
				else this.openCounts.delete(key);
			}
			conn.closing = true;
			leaveRoom();
		});
		// A socket asking for everything (a new client) gets the stored state as soon as it is
		// read, before the room builds its doc from it, which takes long for a large roadmap.
		const answerFromStore = (wholeState: Uint8Array[]) => {
			const asked = early.findIndex(asksForEverything);
			if (asked < 0 || conn.closing) return;
			early.splice(asked, 1);
			for (const message of wholeState) conn.send(message);
			return conn.flushed(ANSWER_FLUSH_MAX_MS);
		};
		const waiting = this.waitingForLoad.get(identity.roadmapId) ?? new Set();
		this.waitingForLoad.set(identity.roadmapId, waiting);
		waiting.add(answerFromStore);
		try {
			room = await this.room(identity.roadmapId);
		} catch (error) {
			this.options.log(`loading ${identity.roadmapId} failed: ${(error as Error).message}`);
			return conn.close(CLOSE.serverError, 'could not load the roadmap');
		} finally {
			waiting.delete(answerFromStore);
			if (!waiting.size && this.waitingForLoad.get(identity.roadmapId) === waiting)
				this.waitingForLoad.delete(identity.roadmapId);
		}
		if (ws.readyState !== ws.OPEN || conn.closing) return;
		this.cancelEvict(room.id);
		room.join(conn);
		for (const bytes of early.splice(0)) this.dispatch(room, conn, bytes);
	}

	private dispatch(room: Room, conn: Connection, bytes: Uint8Array) {
		try {
			room.handle(conn, bytes);
			const due = commitsBeforeCompaction(this.options.compactAfter, room.snapshotBytes);
			if (room.commitsSinceCompaction >= due) void this.compact(room);
		} catch (error) {
			if (error instanceof MalformedMessage)
				return conn.close(CLOSE.malformed, 'malformed message');
			this.options.log(`message on ${room.id} failed: ${(error as Error).message}`);
			conn.close(CLOSE.serverError, 'internal error');
		}
	}

	/** Load-or-create: concurrent first connections share one load. */
	private room(id: string): Promise<Room> {
		let room = this.rooms.get(id);
		if (!room) {
			room = Room.load(
				id,
				{
					db: this.options.database.db,
					groupCommitMs: this.options.groupCommitMs,
					maxBatch: this.options.maxBatch,
					appender: this.appender,
					merge: this.merger?.merge,
					pacer: this.pacer,
					log: this.options.log,
					onCommitted: (roomId, previousSeq, seq, update) =>
						this.relay?.publish(roomId, previousSeq, seq, update),
					onPresence: this.relay
						? (roomId, update) => this.relay?.publishPresence(roomId, update)
						: undefined
				},
				(wholeState) =>
					Promise.all([...(this.waitingForLoad.get(id) ?? [])].map((answer) => answer(wholeState)))
			);
			this.rooms.set(id, room);
			const listening = room.then(
				async (loaded) => {
					await this.relay?.subscribe(id);
					// Anything committed elsewhere between our load and our subscription.
					if (this.relay) await loaded.catchUp();
				},
				() => {
					this.rooms.delete(id);
				}
			);
			this.listening.set(id, listening);
		}
		return room;
	}

	/** Whether this instance has the roadmap's room, loaded or loading. */
	hasRoom(roadmapId: string): boolean {
		return this.rooms.has(roadmapId);
	}

	/** Resolves once a loaded room hears other instances and has caught up with the log. */
	async whenListening(roadmapId: string): Promise<void> {
		await this.listening.get(roadmapId);
	}

	/**
	 * Brings the projection up to every commit made so far through the roadmap's room when it is
	 * loaded here (see Room.projectNow); false when it is not, and the caller catches up itself.
	 */
	async projectNow(roadmapId: string): Promise<boolean> {
		const live = this.rooms.get(roadmapId);
		if (!live) return false;
		let room: Room;
		try {
			room = await live;
		} catch {
			return false; // it failed to load: the caller reads the log itself
		}
		await room.projectNow();
		return true;
	}

	/** A server-origin change: through the live room when there is one, else straight to the log. */
	async change(roadmapId: string, userId: string | null, mutate: (doc: Y.Doc) => void) {
		const live = this.rooms.get(roadmapId);
		if (live) return (await live).change(userId, mutate);
		const result = await changeRoadmap(this.options.database.db, roadmapId, userId, mutate);
		if (result.update && result.seq) {
			this.relay?.publish(roadmapId, result.seq - 1, result.seq, result.update, {
				forceCatchUp: true
			});
		}
		return result.rejectedOwners;
	}

	/**
	 * A comment thread changed: every member's page on this roadmap, here and on the other
	 * instances, is told which one, and fetches it again with its own rights. Public-link readers
	 * are not told (they cannot read comments).
	 */
	commentsChanged(roadmapId: string, target: CommentsChanged): void {
		this.tellMembers(roadmapId, commentsMessage(target));
		this.relay?.publishComments(
			roadmapId,
			JSON.stringify({ taskId: target.taskId, milestoneId: target.milestoneId })
		);
	}

	/**
	 * Tells the pages on this roadmap, here and on the other instances, to read something again:
	 * their mentions (`userIds`: the people whose notices changed) or the member list (everyone).
	 */
	signal(roadmapId: string, signal: Signal): void {
		this.tellMembers(roadmapId, signalMessage(signal.kind), signal.userIds);
		this.relay?.publishSignal(roadmapId, JSON.stringify(signal));
	}

	/** Sends to the members' connections on a loaded room (only `userIds`' when given). */
	private tellMembers(roadmapId: string, message: Uint8Array, userIds?: readonly string[]) {
		void this.rooms
			.get(roadmapId)
			?.then((room) => {
				for (const conn of room.conns) {
					const { access, userId } = conn.identity;
					if (access === 'public') continue;
					if (userIds && !(userId && userIds.includes(userId))) continue;
					conn.send(message);
				}
			})
			.catch(() => {}); // a room that failed to load has nobody to tell
	}

	private scheduleEvict(room: Room) {
		this.cancelEvict(room.id);
		const timer = setTimeout(() => void this.evict(room), this.options.idleEvictMs);
		timer.unref();
		this.evictTimers.set(room.id, timer);
	}

	private cancelEvict(id: string) {
		clearTimeout(this.evictTimers.get(id));
		this.evictTimers.delete(id);
	}

	/** Flushes, compacts and forgets a room nobody is in. */
	private async evict(room: Room) {
		this.evictTimers.delete(room.id);
		await room.flush();
		if (room.conns.size || (await this.rooms.get(room.id)) !== room) return;
		this.rooms.delete(room.id);
		this.listening.delete(room.id);
		this.behindAt.delete(room.id);
		await this.relay?.unsubscribe(room.id);
		if (room.commitsSinceCompaction > 0) await this.compact(room);
		room.awareness.destroy();
		room.doc.destroy();
	}

	private compact(room: Room): Promise<void> {
		const under = this.compacting.get(room.id);
		if (under) return under;
		const run = (async () => {
			try {
				room.commitsSinceCompaction = 0;
				const result = await compactRoadmap(this.options.database.db, room.id, {
					merge: this.merger?.merge
				});
				if (result.snapshotBytes !== undefined) room.snapshotBytes = result.snapshotBytes;
			} catch (error) {
				this.options.log(`compaction of ${room.id} failed: ${(error as Error).message}`);
			} finally {
				this.compacting.delete(room.id);
			}
		})();
		this.compacting.set(room.id, run);
		return run;
	}

	/**
	 * On the way out, rooms whose log has grown well past their snapshot are compacted, the
	 * longest first, for shutdownCompactionMs at most: after a restart (a deploy) the first
	 * newcomer of a large roadmap is then answered from one snapshot, not from a snapshot and up
	 * to a thousand rows merged on the event loop (~150 ms for 5 × 2,000 milestones). A room
	 * whose compaction does not fit is left as it is: its rows load all the same. The stop does
	 * not wait past the deadline for a compaction still running (its own, an eviction's): the
	 * database closing under it fails its transaction, which leaves the log as it was.
	 */
	private async compactBeforeExit(rooms: Room[]) {
		const deadline = performance.now() + this.options.shutdownCompactionMs;
		let timer: NodeJS.Timeout | undefined;
		const late = new Promise(
			(resolve) => (timer = setTimeout(resolve, this.options.shutdownCompactionMs))
		);
		const due = rooms
			.filter((room) => room.commitsSinceCompaction >= SHUTDOWN_COMPACTION_MIN_ROWS)
			.sort((a, b) => b.commitsSinceCompaction - a.commitsSinceCompaction);
		try {
			for (const room of due) {
				if (performance.now() >= deadline) break;
				await Promise.race([this.compact(room), late]);
			}
			await Promise.race([Promise.all(this.compacting.values()), late]);
		} finally {
			clearTimeout(timer);
		}
	}

	/**
	 * Drops peers silent for longer than peerTimeoutMs (their room removes their presence), then
	 * pings the rest. When this tick itself comes late, this process was stalled (a long
	 * synchronous task, a paused VM): pongs may be sitting unread in the socket buffers, so
	 * nobody is judged on this tick.
	 */
	private ping() {
		const now = Date.now();
		const stalled = now - this.lastPingAt > this.options.pingIntervalMs * 1.5;
		this.lastPingAt = now;
		const conns = [...this.connections];
		// A ping is a system call: a thousand at once held the event loop ~15 ms every tick, so
		// edits relayed meanwhile waited. In slices, relays go out between them.
		const pingSlice = (from: number) => {
			for (const conn of conns.slice(from, from + PING_SLICE)) {
				// Closing peers too: a dead one never completes the handshake `ws` would wait 30 s for.
				if (!stalled && now - conn.lastHeardAt > this.peerTimeoutMs) {
					conn.terminate();
					continue;
				}
				if (stalled) conn.lastHeardAt = Math.max(conn.lastHeardAt, now - this.peerTimeoutMs / 2);
				conn.ws.ping();
			}
			if (from + PING_SLICE < conns.length) setImmediate(() => pingSlice(from + PING_SLICE));
		};
		pingSlice(0);
	}

	/**
	 * Re-checks every connection: its session or token still valid, its role on the roadmap, the
	 * roadmap not archived or deleted. Closes (4401 signed out, 4403 no access, 4404 gone) or
	 * switches between read-only and writable. Runs every second, and at once when asked.
	 */
	revalidate(): Promise<void> {
		this.sweeping ??= this.sweep()
			.catch((error) => this.options.log(`revalidation failed: ${(error as Error).message}`))
			.finally(() => (this.sweeping = null));
		return this.sweeping;
	}

	private async sweep() {
		const conns = [...this.connections];
		if (!conns.length) return;
		const db = this.options.database.db;
		const now = new Date();
		const sessionIds = [
			...new Set(conns.flatMap((c) => (c.identity.sessionId ? [c.identity.sessionId] : [])))
		];
		const tokenIds = [
			...new Set(conns.flatMap((c) => (c.identity.tokenId ? [c.identity.tokenId] : [])))
		];
		const roadmapIds = [...new Set(conns.map((c) => c.identity.roadmapId))];
		const userIds = [
			...new Set(conns.flatMap((c) => (c.identity.userId ? [c.identity.userId] : [])))
		];
		const [liveSessions, liveTokens, roadmapRows, memberRows] = await Promise.all([
			sessionIds.length
				? db
						.select({ id: sessions.id })
						.from(sessions)
						.where(
							and(
								inArray(sessions.id, sessionIds),
								gt(sessions.expiresAt, now),
								gt(sessions.absoluteExpiresAt, now)
							)
						)
				: [],
			tokenIds.length
				? db
						.select({ id: apiTokens.id, expiresAt: apiTokens.expiresAt })
						.from(apiTokens)
						.where(and(inArray(apiTokens.id, tokenIds), isNull(apiTokens.revokedAt)))
				: [],
			db
				.select({
					id: roadmaps.id,
					publicRead: roadmaps.publicRead,
					archivedAt: roadmaps.archivedAt
				})
				.from(roadmaps)
				.where(inArray(roadmaps.id, roadmapIds)),
			userIds.length
				? db
						.select({
							roadmapId: roadmapMembers.roadmapId,
							userId: roadmapMembers.userId,
							role: roadmapMembers.role
						})
						.from(roadmapMembers)
						.where(
							and(
								inArray(roadmapMembers.roadmapId, roadmapIds),
								inArray(roadmapMembers.userId, userIds)
							)
						)
				: []
		]);
		const sessionOk = new Set(liveSessions.map((s) => s.id));
		const tokenOk = new Set(
			liveTokens.filter((t) => !t.expiresAt || t.expiresAt > now).map((t) => t.id)
		);
		const roadmap = new Map(roadmapRows.map((r) => [r.id, r]));
		const role = new Map(memberRows.map((m) => [`${m.roadmapId} ${m.userId}`, m.role]));

		for (const conn of conns) {
			const { identity } = conn;
			if (
				(identity.sessionId && !sessionOk.has(identity.sessionId)) ||
				(identity.tokenId && !tokenOk.has(identity.tokenId))
			) {
				conn.close(CLOSE.signedOut, 'signed out');
				continue;
			}
			const r = roadmap.get(identity.roadmapId);
			if (!r) {
				conn.close(CLOSE.gone, 'roadmap deleted');
				continue;
			}
			const memberRole = identity.userId
				? role.get(`${identity.roadmapId} ${identity.userId}`)
				: undefined;
			const access: Access | null = memberRole ?? (r.publicRead ? 'public' : null);
			if (!access) {
				conn.close(CLOSE.forbidden, 'no longer a member');
				continue;
			}
			const canWrite = can(access, 'edit') && !r.archivedAt;
			conn.identity = { ...identity, access };
			const reason = canWrite
				? null
				: access === 'public'
					? 'public'
					: r.archivedAt && can(access, 'edit')
						? 'archived'
						: 'role';
			const room = this.rooms.get(identity.roadmapId);
			if (room) (await room).setWritable(conn, canWrite, reason);
		}
	}

	/** Loaded rooms (a room still loading is skipped; one that failed to load too). */
	private async loadedRooms(): Promise<Room[]> {
		const settled = await Promise.allSettled([...this.rooms.values()]);
		return settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
	}

	/** Repeats our peers' presence to the other instances and expires what they stopped repeating. */
	private async renewPresence() {
		for (const room of await this.loadedRooms()) {
			const local = room.localPresence();
			if (local) this.relay?.publishPresence(room.id, local);
			room.remote.expire(this.options.presenceTtlMs);
		}
	}

	/**
	 * Compares every room's seq with the log's. While Redis is away a room behind reads the gap at
	 * once; while it is up, only a room that was behind at the last check too and heard nothing
	 * since (a lost message), so a commit merely in flight through Redis costs no read.
	 */
	private checkLog(): Promise<void> {
		this.checkingLog ??= this.compareWithLog()
			.then(() => {
				this.logCheckFailing = false;
			})
			.catch((error) => {
				// Once per outage: the database being away is already reported by every commit.
				if (!this.logCheckFailing)
					this.options.log(`log check failed, will retry: ${(error as Error).message}`);
				this.logCheckFailing = true;
			})
			.finally(() => (this.checkingLog = null));
		return this.checkingLog;
	}

	private async compareWithLog() {
		const rooms = await this.loadedRooms();
		if (!rooms.length) return;
		const ids = rooms.map((r) => r.id);
		const rows = await this.options.database.db
			.select({ id: roadmaps.id, lastSeq: roadmaps.lastSeq })
			.from(roadmaps)
			.where(inArray(roadmaps.id, ids));
		const logSeq = new Map(rows.map((r) => [r.id, r.lastSeq]));
		const redisUp = this.relay?.ready ?? false;
		await Promise.all(
			rooms.map(async (room) => {
				const seq = logSeq.get(room.id) ?? 0;
				if (seq <= room.lastSeq) return this.behindAt.delete(room.id);
				const stuck = this.behindAt.get(room.id) === room.lastSeq;
				if (redisUp && !stuck) return this.behindAt.set(room.id, room.lastSeq);
				this.behindAt.delete(room.id);
				await room.catchUp();
			})
		);
	}

	/** Numbers for health checks and benches. */
	stats() {
		return { rooms: this.rooms.size, connections: this.connections.size };
	}

	/** For /healthz: whether commits and presence cross instances right now, and if we are stopping. */
	status(): { redis: 'ready' | 'away' | 'unused'; stopping: boolean } {
		return {
			redis: !this.relay ? 'unused' : this.relay.ready ? 'ready' : 'away',
			stopping: this.closing !== null
		};
	}

	/**
	 * Graceful stop: refuses new upgrades, tells every peer to reconnect at once (1012: another
	 * instance takes them; their pages resend whatever was not yet acknowledged), commits every
	 * write already received, then stops hearing other instances. Safe to call twice.
	 */
	close(): Promise<void> {
		this.closing ??= this.shutdown();
		return this.closing;
	}

	private async shutdown(): Promise<void> {
		for (const t of this.timers) clearInterval(t);
		for (const t of this.evictTimers.values()) clearTimeout(t);
		// Closing first takes the fewest seconds from the people editing: their writes already
		// received still commit below, and whatever was in flight their page sends again.
		for (const conn of this.connections) conn.close(CLOSE.restart, 'server restarting');
		this.pacer.hurry(); // the rooms' last passes go one after another, without rests
		const rooms = await this.loadedRooms();
		await Promise.all(rooms.map((r) => r.flush()));
		await this.compactBeforeExit(rooms);
		this.wss.close();
		await this.relay?.close();
		await this.merger?.close();
	}
}

/** What another instance said changed, if it makes sense (else nothing: pages refetch on reconnect). */
function parseCommentsChanged(payload: string): CommentsChanged | null {
	try {
		const { taskId, milestoneId } = JSON.parse(payload) as Partial<CommentsChanged>;
		if (typeof taskId !== 'string') return null;
		return { taskId, milestoneId: typeof milestoneId === 'string' ? milestoneId : null };
	} catch {
		return null;
	}
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
