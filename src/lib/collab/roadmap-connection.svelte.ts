/**
 * The browser's side of a roadmap: one Y.Doc, kept in IndexedDB (edits survive a closed tab or a
 * dead server) and synced over y-websocket with our server. Exposes, as runes, what the page
 * shows: Offline / Saving… / Saved, read-only state, who else is here, and a revision counter
 * that changes whenever the doc does.
 */
import * as decoding from 'lib0/decoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** Our message types (see docs/PROTOCOL.md); duplicated from the server to keep it out of the bundle. */
const MESSAGE_SAVED = 100;
const MESSAGE_NOTICE = 101;

export type SaveState = 'offline' | 'connecting' | 'saving' | 'saved';

export interface Peer {
	clientId: number;
	name: string;
	organization: string | null;
	color: string;
}

export type Notice =
	| { kind: 'read-only'; reason: 'role' | 'archived' | 'public' }
	| { kind: 'writable' }
	| { kind: 'write-rejected'; reason: string }
	| { kind: 'owner-rejected'; owners: { taskId: string; ownerKey: string }[] };

const MAX_BACKOFF_MS = 10_000;

export class RoadmapConnection {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	private readonly store: IndexeddbPersistence | null;

	connected = $state(false);
	/** False until the first full sync with the server (or, offline, the local copy) is in. */
	ready = $state(false);
	/** True while the server has not yet confirmed every local change as committed. */
	unsaved = $state(false);
	readOnly = $state(false);
	readOnlyReason = $state<'role' | 'archived' | 'public' | null>(null);
	/** Set when the server closed us for good (signed out, removed, deleted). */
	ended = $state<{ code: number; reason: string } | null>(null);
	rejectedOwners = $state<{ taskId: string; ownerKey: string }[]>([]);
	peers = $state<Peer[]>([]);
	/** Bumps on every doc change; read it in a $derived to re-read the doc. */
	revision = $state(0);

	saveState: SaveState = $derived(
		!this.connected ? (this.ready ? 'offline' : 'connecting') : this.unsaved ? 'saving' : 'saved'
	);

	// Bookkeeping, not state the page renders: plain collections on purpose.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	private serverVector = new Map<number, number>();
	private attempts = 0;
	private reconnectTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(
		readonly roadmapId: string,
		options: { url: string; persist?: boolean; user?: { name: string; color: string } }
	) {
		this.store =
			options.persist === false
				? null
				: new IndexeddbPersistence(`ieum-roadmap-${roadmapId}`, this.doc);
		this.store?.once('synced', () => (this.ready = true));
		this.provider = new WebsocketProvider(options.url, roadmapId, this.doc, {
			disableBc: true,
			// Reconnects are ours (jittered), so a restarted server is not hit by everyone at once.
			maxBackoffTime: 60_000
		});
		this.provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
			this.learnCommitted(Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
			this.refreshSaved();
		};
		this.provider.messageHandlers[MESSAGE_NOTICE] = (_encoder, decoder) => {
			this.onNotice(JSON.parse(decoding.readVarString(decoder)) as Notice);
		};
		this.provider.on('status', ({ status }) => {
			this.connected = status === 'connected';
			if (this.connected) this.attempts = 0;
		});
		this.provider.on('sync', (synced: boolean) => {
			if (!synced) return;
			this.ready = true;
			this.refreshSaved();
		});
		this.provider.on('connection-close', (event) => {
			this.connected = false;
			if (event && event.code >= 4400 && event.code < 4500) {
				this.ended = { code: event.code, reason: event.reason };
				this.provider.disconnect();
				void this.store?.clearData(); // no local copy of a roadmap we may no longer see
				return;
			}
			this.scheduleReconnect();
		});
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			this.revision++;
			// The server relays only what it has committed.
			if (origin === this.provider) this.learnCommitted(Y.parseUpdateMeta(update).to);
			else if (!this.readOnly) this.unsaved = true;
		});
		if (options.user) this.provider.awareness.setLocalStateField('user', options.user);
		this.provider.awareness.on('change', () => this.refreshPeers());
	}

	private onNotice(notice: Notice) {
		if (notice.kind === 'read-only') {
			this.readOnly = true;
			this.readOnlyReason = notice.reason;
			this.unsaved = false;
		} else if (notice.kind === 'writable') {
			this.readOnly = false;
			this.readOnlyReason = null;
		} else if (notice.kind === 'owner-rejected') {
			this.rejectedOwners = [...this.rejectedOwners, ...notice.owners];
		}
	}

	private learnCommitted(vector: Map<number, number>) {
		for (const [client, clock] of vector) {
			if ((this.serverVector.get(client) ?? 0) < clock) this.serverVector.set(client, clock);
		}
	}

	/** Saved when the server's committed state covers every change this doc has seen. */
	private refreshSaved() {
		const local = Y.decodeStateVector(Y.encodeStateVector(this.doc));
		this.unsaved = [...local].some(
			([client, clock]) => (this.serverVector.get(client) ?? 0) < clock
		);
	}

	private refreshPeers() {
		const peers: Peer[] = [];
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- local to this call
		const seen = new Set<string>();
		for (const [clientId, state] of this.provider.awareness.getStates()) {
			if (clientId === this.doc.clientID) continue;
			const user = (state as { user?: Partial<Peer> }).user;
			// One chip per person, however many tabs they have open.
			const key = `${user?.name} ${user?.color}`;
			if (user?.name && !seen.has(key)) {
				seen.add(key);
				peers.push({
					clientId,
					name: user.name,
					organization: user.organization ?? null,
					color: user.color ?? '#6b7280'
				});
			}
		}
		this.peers = peers;
	}

	/** Exponential backoff with full jitter, capped. */
	private scheduleReconnect() {
		if (this.ended) return;
		this.provider.disconnect(); // stop y-websocket's own, un-jittered retry
		clearTimeout(this.reconnectTimer);
		const cap = Math.min(MAX_BACKOFF_MS, 250 * 2 ** this.attempts++);
		this.reconnectTimer = setTimeout(() => this.provider.connect(), Math.random() * cap);
	}

	destroy() {
		clearTimeout(this.reconnectTimer);
		this.provider.destroy();
		void this.store?.destroy();
		this.doc.destroy();
	}
}
