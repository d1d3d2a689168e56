/**
 * The browser's side of a roadmap: one Y.Doc, kept in IndexedDB (edits survive a closed tab or a
 * dead server) and synced over y-websocket with our server. Exposes, as runes, what the page
 * shows: Offline / Saving… / Saved, read-only state, who else is here, and a revision counter
 * that changes whenever the doc does.
 *
 * When to connect is the Reconnector's call (browser online/offline, jittered backoff), a silent
 * socket is the Heartbeat's, when to say "Saving…" the SavingDelay's, and stale presence
 * keepPresenceFresh's: small modules beside this one, each with its own spec.
 */
import {
	openItemOf,
	watchDeletedWhileEditing,
	type LostEdit,
	type OpenItem
} from './deleted-while-editing';
import { whenIdle } from '$lib/idle';
import { watchOverwrites, type Overwrite } from './overwritten-while-editing';
import { LiveRoadmapReader } from '$lib/roadmap/live-reader';
import * as decoding from 'lib0/decoding';
import { IndexeddbPersistence, storeState } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { SvelteMap } from 'svelte/reactivity';
import { AdoptingWebSocket } from './early-socket';
import { Heartbeat, HEARTBEAT_MESSAGE, MESSAGE_HEARTBEAT } from './heartbeat';
import { keepPresenceFresh } from './presence-freshness';
import { readLocation, sameLocation, type PresenceLocation } from './presence-location';
import { socketParams } from './parts';
import { Reconnector } from './reconnector';
import { SavingDelay } from './saving-delay';
import { createPlanUndo } from './undo';

/** y-websocket's sync message (sync steps 1 and 2, and updates). */
const MESSAGE_SYNC = 0;
/** Our message types (see docs/PROTOCOL.md); duplicated from the server to keep it out of the bundle. */
const MESSAGE_SAVED = 100;
const MESSAGE_NOTICE = 101;
const MESSAGE_COMMENTS = 103;
const MESSAGE_SIGNAL = 104;
/** The server's close code for "restarting: reconnect now" (CLOSE.restart on the server). */
const CLOSE_RESTART = 1012;

export type SaveState = 'offline' | 'connecting' | 'saving' | 'saved';

/** Why the server closed the page for good (server/collab/messages.ts CLOSE: 4401, 4404, 4403). */
export type EndedWhy = 'signed-out' | 'gone' | 'no-access';

function endedWhy(code: number): EndedWhy {
	return code === 4401 ? 'signed-out' : code === 4404 ? 'gone' : 'no-access';
}

export interface Peer {
	clientId: number;
	name: string;
	organization: string | null;
	/** The organization's English name, when it has one. */
	organizationEn: string | null;
	color: string;
	/** The task or milestone they are in, as they say (check that it exists before showing). */
	location: PresenceLocation | null;
}

export type Notice =
	| { kind: 'read-only'; reason: 'role' | 'archived' | 'public' }
	| { kind: 'writable' }
	| { kind: 'write-rejected'; reason: string }
	| {
			kind: 'owner-rejected';
			owners: { taskId: string; milestoneId?: string; ownerKey: string }[];
	  };

/** A comment thread that changed; null: any may have (we were away and may have missed notices). */
export type CommentsChanged = { taskId: string; milestoneId: string | null } | null;

/** What the server says to read again: this person's mentions, or the member list. */
export type SignalKind = 'mentions' | 'members' | 'roadmap';

export class RoadmapConnection {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	/**
	 * Undo/redo of this page's own edits to the plan (see undo.ts); a summary's rich editor adds
	 * its own origin when it is made (summary-rich.ts), so Tiptap loads only when one is.
	 */
	readonly undo = createPlanUndo(this.doc);
	/**
	 * The plan as data, re-read only where the doc changed: `reader.read()` after a revision keeps
	 * every untouched task and milestone the same object, so the views redraw only what changed.
	 */
	readonly reader = new LiveRoadmapReader(this.doc);
	private readonly store: IndexeddbPersistence | null;

	connected = $state(false);
	/** False until the first full sync with the server (or, offline, the local copy) is in. */
	ready = $state(false);
	/** True while the server has not yet confirmed every local change as committed. */
	unsaved = $state(false);
	/** True once a change has waited long enough for its confirmation to be worth mentioning. */
	slowSave = $state(false);
	readOnly = $state(false);
	readOnlyReason = $state<'role' | 'archived' | 'public' | null>(null);
	/** Set when the server closed us for good (signed out, removed, deleted). */
	ended = $state<{ code: number; reason: string; why: EndedWhy } | null>(null);
	rejectedOwners = $state<{ taskId: string; milestoneId?: string; ownerKey: string }[]>([]);
	/**
	 * Tasks and milestones this page edited, or had open, that someone else deleted since (the
	 * edits went with them).
	 */
	lostEdits = $state<LostEdit[]>([]);
	/** What this page has open (see setLocation), with its title then. */
	private openItem: OpenItem | null = null;
	private readonly stopWatchingDeletes = watchDeletedWhileEditing(
		this.doc,
		(lost) => (this.lostEdits = [...this.lostEdits.filter((l) => l.id !== lost.id), lost]),
		{
			unsaved: () => this.unsaved || !this.connected,
			openHere: () => this.openItem,
			// Back again (restored from the log, or undone): the notice about it has had its day.
			// Checked first: a first sync brings every task and milestone "back" at once.
			onBack: (kind, id) => {
				const back = (l: LostEdit) => l.kind === kind && l.id === id;
				if (this.lostEdits.some(back)) this.lostEdits = this.lostEdits.filter((l) => !back(l));
			}
		}
	);
	/**
	 * Fields this page set that someone else set at the same moment, their value kept (see
	 * overwritten-while-editing.ts). nameOf names the writer.
	 */
	overwrites = $state<Overwrite[]>([]);
	private readonly stopWatchingOverwrites = watchOverwrites(this.doc, (overwrite) => {
		const same = (o: Overwrite) =>
			o.kind === overwrite.kind && o.id === overwrite.id && o.field === overwrite.field;
		this.overwrites = [...this.overwrites.filter((o) => !same(o)), overwrite];
	});
	/**
	 * The name of every Yjs client seen here (in presence) this session. A page back online gets
	 * the others' changes before their presence, which its going offline had cleared.
	 */
	private readonly knownNames = new SvelteMap<number, string>();
	peers = $state<Peer[]>([]);
	/** Bumps on every doc change; read it in a $derived to re-read the doc. */
	revision = $state(0);

	/**
	 * True once a connection has been tried and answered (opened, refused or dropped), or the
	 * browser says it is offline: until then a page working from its local copy is still
	 * connecting, not offline.
	 */
	private attempted = $state(typeof navigator !== 'undefined' && !navigator.onLine);

	saveState: SaveState = $derived(
		!this.connected
			? this.ready && this.attempted
				? 'offline'
				: 'connecting'
			: this.slowSave
				? 'saving'
				: 'saved'
	);

	// Bookkeeping, not state the page renders: plain collections on purpose.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	private serverVector = new Map<number, number>();
	/** Local changes not yet confirmed, oldest first: when each was made and the clocks it reached. */
	private waiting: { at: number; to: Map<number, number> }[] = [];
	/** When the doc was first found unsaved, for changes made before this page (IndexedDB). */
	private unsavedSince: number | null = null;
	private readonly reconnector: Reconnector;
	private readonly heartbeat: Heartbeat;
	private readonly savingDelay = new SavingDelay((slow) => (this.slowSave = slow));
	private readonly stopPresence: () => void;
	private everConnected = false;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- listeners, not rendered state
	private readonly commentListeners = new Set<(changed: CommentsChanged) => void>();
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- listeners, not rendered state
	private readonly signalListeners = new Set<(kind: SignalKind) => void>();

	constructor(
		readonly roadmapId: string,
		options: { url: string; persist?: boolean; user?: { name: string; color: string } }
	) {
		this.store =
			options.persist === false
				? null
				: new IndexeddbPersistence(`ieum-roadmap-${roadmapId}`, this.doc);
		// The local copy makes the page ready only when there is one: an empty store (a first
		// visit) would show an empty plan, and let the editors write into it, until the server's
		// doc arrives.
		this.store?.once('synced', () => {
			if (this.doc.store.clients.size > 0) this.ready = true;
		});
		this.provider = new WebsocketProvider(options.url, roadmapId, this.doc, {
			disableBc: true,
			connect: false, // the Reconnector decides when
			params: socketParams(), // long messages in parts, the doc deflated (framed-socket.ts)
			// The socket the page's <head> opened, if any, framed (framed-socket.ts)
			WebSocketPolyfill: AdoptingWebSocket
		});
		this.reconnector = new Reconnector(
			{ connect: () => this.provider.connect(), disconnect: () => this.provider.disconnect() },
			{ network: window, online: navigator.onLine }
		);
		this.heartbeat = new Heartbeat({
			lastHeard: () => this.provider.wsLastMessageReceived,
			probe: () => {
				if (this.provider.ws?.readyState === WebSocket.OPEN)
					this.provider.ws.send(HEARTBEAT_MESSAGE);
			},
			dead: () => this.reconnector.dead()
		});
		// The answer needs no handling: y-websocket notes the time of every message it receives.
		this.provider.messageHandlers[MESSAGE_HEARTBEAT] = () => {};
		this.provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
			this.learnCommitted(Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
			this.refreshSaved();
		};
		this.provider.messageHandlers[MESSAGE_NOTICE] = (_encoder, decoder) => {
			this.onNotice(JSON.parse(decoding.readVarString(decoder)) as Notice);
		};
		this.provider.messageHandlers[MESSAGE_COMMENTS] = (_encoder, decoder) => {
			const changed = JSON.parse(decoding.readVarString(decoder)) as CommentsChanged;
			for (const listener of this.commentListeners) listener(changed);
		};
		this.provider.messageHandlers[MESSAGE_SIGNAL] = (_encoder, decoder) => {
			const { kind } = JSON.parse(decoding.readVarString(decoder)) as { kind: SignalKind };
			for (const listener of this.signalListeners) listener(kind);
		};
		this.provider.on('status', ({ status }) => {
			if (status !== 'connecting') this.attempted = true;
			const wasConnected = this.connected;
			this.connected = status === 'connected';
			if (!this.connected) return;
			// Notices sent while we were away are lost: whoever shows comments reads them again.
			if (!wasConnected && this.everConnected) {
				for (const listener of this.commentListeners) listener(null);
				for (const listener of this.signalListeners) {
					listener('mentions');
					listener('members');
				}
			}
			this.everConnected = true;
			this.reconnector.opened();
			this.heartbeat.start();
			// The server forgot our presence when the last socket closed, but kept its clock: a
			// state sent again with the same clock would be ignored, so send it with a newer one.
			const presence = this.provider.awareness.getLocalState();
			if (presence) this.provider.awareness.setLocalState(presence);
		});
		this.provider.on('sync', (synced: boolean) => {
			if (!synced) return;
			this.ready = true;
			this.reconnector.synced();
			this.refreshSaved();
		});
		this.provider.on('connection-error', () => (this.attempted = true));
		this.provider.on('connection-close', (event) => {
			this.attempted = true;
			this.connected = false;
			this.heartbeat.stop();
			// Retries are the Reconnector's: stop y-websocket's own, un-jittered one.
			this.provider.shouldConnect = false;
			if (event && event.code >= 4400 && event.code < 4500) {
				this.ended = { code: event.code, reason: event.reason, why: endedWhy(event.code) };
				this.reconnector.stop();
				void this.store?.clearData(); // no local copy of a roadmap we may no longer see
				return;
			}
			// 1012: this instance is restarting; another one takes us at once.
			if (event?.code === CLOSE_RESTART) this.reconnector.restarting();
			else this.reconnector.closed();
		});
		this.doc.on('update', this.onUpdate);
		this.applyFirstSyncQuietly();
		if (options.user) this.provider.awareness.setLocalStateField('user', options.user);
		this.provider.awareness.on('change', () => this.refreshPeers());
		this.stopPresence = keepPresenceFresh(this.provider.awareness);
		this.reconnector.start();
	}

	private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
		this.revision++;
		// The server relays only what it has committed.
		if (origin === this.provider) this.learnCommitted(Y.parseUpdateMeta(update).to);
		else if (!this.readOnly) {
			this.waiting.push({ at: Date.now(), to: Y.parseUpdateMeta(update).to });
			this.setUnsaved(true);
		}
	};

	/**
	 * A first visit's first sync brings the whole plan into an empty doc: megabytes on a big plan,
	 * which Yjs would encode once more only to hand to the doc's 'update' listeners: ours, which
	 * learns the plan is committed (the whole doc, then), y-websocket's, which sends on only its
	 * own origin's, and the local store's, which keeps a copy. So a sync message into an empty doc
	 * is applied with those listeners off (about 70 ms of a 3.6 MB plan's first load), and what
	 * they would have done is done here.
	 */
	private applyFirstSyncQuietly() {
		const handleSync = this.provider.messageHandlers[MESSAGE_SYNC];
		this.provider.messageHandlers[MESSAGE_SYNC] = (...args) => {
			if (this.doc.store.clients.size > 0) return handleSync(...args);
			const listeners = [this.onUpdate, this.provider._updateHandler];
			const store = this.store;
			if (store) listeners.push(store._storeUpdate);
			for (const listener of listeners) this.doc.off('update', listener);
			try {
				handleSync(...args);
			} finally {
				for (const listener of listeners) this.doc.on('update', listener);
				// Also when a 'sync' listener threw: what the doc took in is committed all the same.
				if (this.doc.store.clients.size > 0) this.afterQuietSync(store);
			}
		};
	}

	/** What the listeners applyFirstSyncQuietly turned off would have done with the server's plan. */
	private afterQuietSync(store: IndexeddbPersistence | null) {
		this.revision++;
		this.learnCommitted(Y.decodeStateVector(Y.encodeStateVector(this.doc)));
		// y-websocket said 'sync' inside handleSync, before the doc was known to be committed.
		this.refreshSaved();
		// A store still opening keeps the whole doc as it opens (y-indexeddb stores what the doc
		// holds before reading its own copy); one already open is told to keep it now.
		// Soon at the latest: until then this device's copy holds edits without the plan they edit.
		if (store?.synced)
			whenIdle(() => {
				if (!store._destroyed) storeState(store).catch(() => {}); // a closed tab keeps nothing
			});
	}

	/** Calls `listener` whenever a comment thread of this roadmap changes; returns the undo. */
	onCommentsChanged(listener: (changed: CommentsChanged) => void): () => void {
		this.commentListeners.add(listener);
		return () => this.commentListeners.delete(listener);
	}

	/**
	 * Calls `listener` when the server says something this page read over HTTP changed (and
	 * after a reconnect, for every kind: a signal may have been missed); returns the undo.
	 */
	onSignal(listener: (kind: SignalKind) => void): () => void {
		this.signalListeners.add(listener);
		return () => this.signalListeners.delete(listener);
	}

	private setUnsaved(unsaved: boolean) {
		this.unsaved = unsaved;
		if (!unsaved) {
			this.waiting = [];
			this.unsavedSince = null;
		} else {
			this.waiting = this.waiting.filter((change) => !this.isCommitted(change.to));
			this.unsavedSince ??= Date.now();
		}
		this.savingDelay.update(unsaved ? (this.waiting[0]?.at ?? this.unsavedSince) : null);
	}

	private isCommitted(vector: Map<number, number>) {
		return [...vector].every(([client, clock]) => (this.serverVector.get(client) ?? 0) >= clock);
	}

	private onNotice(notice: Notice) {
		if (notice.kind === 'read-only') {
			this.readOnly = true;
			this.readOnlyReason = notice.reason;
			this.setUnsaved(false);
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
		this.setUnsaved(!this.isCommitted(Y.decodeStateVector(Y.encodeStateVector(this.doc))));
	}

	private refreshPeers() {
		const peers: Peer[] = [];
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- local to this call
		const seen = new Set<string>();
		for (const [clientId, state] of this.provider.awareness.getStates()) {
			if (clientId === this.doc.clientID) continue;
			const user = (state as { user?: Partial<Peer> }).user;
			if (typeof user?.name === 'string' && user.name) this.knownNames.set(clientId, user.name);
			// One chip per person, however many tabs they have open.
			const key = `${user?.name} ${user?.color}`;
			if (user?.name && !seen.has(key)) {
				seen.add(key);
				peers.push({
					clientId,
					name: user.name,
					organization: user.organization ?? null,
					organizationEn: user.organizationEn ?? null,
					color: user.color ?? '#6b7280',
					location: readLocation((state as { location?: unknown }).location)
				});
			}
		}
		this.peers = peers;
	}

	/** Who a Yjs client is, once their presence has been seen here (reactive: it may come later). */
	nameOf(clientId: number): string | null {
		return this.knownNames.get(clientId) ?? null;
	}

	/**
	 * Which task or milestone this page is in (null: none): remembered, so the page is told if it
	 * is deleted meanwhile, and (`announce`, for editors) shown to the others as where one edits.
	 */
	setLocation(location: PresenceLocation | null, announce = true) {
		this.openItem = openItemOf(this.doc, location);
		if (!announce) return;
		const current = readLocation(this.provider.awareness.getLocalState()?.location);
		if (!sameLocation(current, location))
			this.provider.awareness.setLocalStateField('location', location);
	}

	destroy() {
		this.stopWatchingDeletes();
		this.stopWatchingOverwrites();
		this.undo.destroy();
		this.reader.destroy();
		this.reconnector.stop();
		this.heartbeat.stop();
		this.savingDelay.destroy();
		this.stopPresence();
		this.commentListeners.clear();
		this.signalListeners.clear();
		this.provider.destroy();
		void this.store?.destroy();
		this.doc.destroy();
	}
}
