/**
 * Real y-websocket 3 providers in Node against the test app, with the headers a browser would
 * send (cookie + Origin) or a script would (Bearer), and our two extra message types recorded.
 */
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
	MESSAGE_NOTICE,
	MESSAGE_SAVED,
	MESSAGE_SIGNAL,
	type Notice
} from '../../server/collab/messages';
import type { Actor, TestApp } from './app';

export interface TestClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	notices: Notice[];
	/** Number of "saved" acknowledgements received. */
	saves: () => number;
	/** True when the server's committed state covers everything in this doc. */
	isSaved: () => boolean;
	/** The server's committed state vector, as of its last "saved". */
	committed: () => Map<number, number>;
	/** Runs after each "saved" is taken in. */
	onSaved(listener: () => void): void;
	closes: { code: number; reason: string }[];
	destroy(): void;
}

export function headersFor(app: TestApp, actor: Actor, origin = app.url): Record<string, string> {
	const headers: Record<string, string> = { origin };
	if (actor.cookie) headers.cookie = actor.cookie;
	if (actor.bearer) headers.authorization = `Bearer ${actor.bearer}`;
	return headers;
}

export function connect(app: TestApp, roadmapId: string, actor: Actor): TestClient {
	const headers = headersFor(app, actor);
	class AuthedWebSocket extends WebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols, { headers });
		}
	}
	const doc = new Y.Doc();
	const notices: Notice[] = [];
	const closes: TestClient['closes'] = [];
	let saves = 0;
	let serverVector = new Map<number, number>();
	const savedListeners: (() => void)[] = [];
	const provider = new WebsocketProvider(
		app.url.replace('http', 'ws') + '/collab',
		roadmapId,
		doc,
		{
			WebSocketPolyfill: AuthedWebSocket as unknown as typeof globalThis.WebSocket,
			disableBc: true,
			maxBackoffTime: 200,
			// 44xx closes mean "your rights changed": do not reconnect.
			shouldReconnect: (event: CloseEvent) => event.code < 4400 || event.code > 4499
		} as ConstructorParameters<typeof WebsocketProvider>[3]
	);
	provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
		saves++;
		serverVector = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
		for (const listener of savedListeners) listener();
	};
	provider.messageHandlers[MESSAGE_NOTICE] = (_encoder, decoder) => {
		notices.push(JSON.parse(decoding.readVarString(decoder)) as Notice);
	};
	provider.on('connection-close', (event) => {
		if (event) closes.push({ code: event.code, reason: event.reason });
	});
	return {
		doc,
		provider,
		notices,
		closes,
		saves: () => saves,
		isSaved: () =>
			[...Y.decodeStateVector(Y.encodeStateVector(doc))].every(
				([client, clock]) => (serverVector.get(client) ?? 0) >= clock
			),
		committed: () => serverVector,
		onSaved: (listener) => void savedListeners.push(listener),
		destroy: () => provider.destroy()
	};
}

export function synced(client: TestClient, timeoutMs = 10_000): Promise<void> {
	if (client.provider.synced) return Promise.resolve();
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('not synced in time')), timeoutMs);
		client.provider.once('sync', () => {
			clearTimeout(timer);
			resolve();
		});
	});
}

/** Polls until `check` passes or the time is up (then throws its last error). */
export async function eventually(
	check: () => void | Promise<void>,
	timeoutMs = 5_000
): Promise<void> {
	const start = Date.now();
	for (;;) {
		try {
			await check();
			return;
		} catch (error) {
			if (Date.now() - start > timeoutMs) throw error;
			await new Promise((r) => setTimeout(r, 25));
		}
	}
}

/** A raw websocket (no Yjs), for hostile frames and refused upgrades. */
export function rawSocket(app: TestApp, path: string, headers: Record<string, string>) {
	const ws = new WebSocket(app.url.replace('http', 'ws') + path, { headers });
	const opened = new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('unexpected-response', (_req, res) =>
			reject(Object.assign(new Error('refused'), { status: res.statusCode }))
		);
		ws.once('error', reject);
	});
	const closed = new Promise<{ code: number; reason: string }>((resolve) =>
		ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))
	);
	ws.on('error', () => {});
	return { ws, opened, closed };
}

/** Records the signal kinds (message 104) a client receives. */
export function hearSignals(client: TestClient): string[] {
	const heard: string[] = [];
	client.provider.messageHandlers[MESSAGE_SIGNAL] = (_encoder, decoder) => {
		heard.push((JSON.parse(decoding.readVarString(decoder)) as { kind: string }).kind);
	};
	return heard;
}
