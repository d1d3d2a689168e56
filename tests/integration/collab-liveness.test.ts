/**
 * Liveness with the server's real timings (2 s pings, 5 s without a sign of life): a peer that
 * vanishes without a goodbye leaves everyone's presence within 10 s, a live one stays, and the
 * heartbeat pages use to notice a dead link is answered at once.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
	HEARTBEAT,
	awarenessMessage,
	encodeAwareness,
	type AwarenessEntry
} from '../../server/collab/messages';
import { startTestApp, type TestApp } from '../helpers/app';
import {
	connect,
	eventually,
	headersFor,
	rawSocket,
	synced,
	type TestClient
} from '../helpers/collab-client';
import { buildRoadmap, buildUser, grantRole, type BuiltUser } from '../helpers/factories';

let app: TestApp;
let owner: BuiltUser;
let roadmapId: string;
const cleanup: (() => void)[] = [];

beforeAll(async () => {
	app = await startTestApp('pglite');
	owner = await buildUser(app.services.database.db);
	roadmapId = (await buildRoadmap(app.services.database.db, owner.id)).id;
});
afterEach(() => {
	for (const close of cleanup.splice(0)) close();
});
afterAll(() => app?.close());

async function observer(): Promise<TestClient> {
	const client = connect(app, roadmapId, owner.browser);
	cleanup.push(() => client.destroy());
	await synced(client);
	return client;
}

/** A raw peer that answers pings only while `answering` is true, as a browser on a live network. */
async function peer(who: BuiltUser = owner) {
	const ws = new WebSocket(`${app.url.replace('http', 'ws')}/collab/${roadmapId}`, {
		headers: headersFor(app, who.browser),
		autoPong: false
	});
	const state = { answering: true, closed: false };
	ws.on('ping', (data) => state.answering && ws.pong(data));
	ws.on('error', () => {});
	ws.on('close', () => (state.closed = true));
	cleanup.push(() => ws.terminate());
	await new Promise((resolve) => ws.once('open', resolve));
	const announce = (entry: AwarenessEntry) =>
		ws.send(awarenessMessage(encodeAwareness([entry])), { binary: true });
	return { ws, state, announce };
}

it('keeps a peer that answers pings, and drops one that vanished within 10 s', async () => {
	const watcher = await observer();
	const ghost = await peer();
	const clientId = 424242;
	ghost.announce({ clientId, clock: 1, state: { cursor: null } });
	await eventually(() => expect(watcher.provider.awareness.getStates().has(clientId)).toBe(true));

	// Silent but answering pings for longer than the server's timeout: no false alarm.
	await new Promise((resolve) => setTimeout(resolve, 7_000));
	expect(ghost.state.closed).toBe(false);
	expect(watcher.provider.awareness.getStates().has(clientId)).toBe(true);

	// Its network goes: no close frame, no pongs, nothing.
	ghost.state.answering = false;
	const vanishedAt = Date.now();
	await eventually(
		() => expect(watcher.provider.awareness.getStates().has(clientId)).toBe(false),
		10_000
	);
	const gone = Date.now() - vanishedAt;
	expect(gone).toBeLessThan(10_000);
	expect(gone).toBeGreaterThan(3_000); // by the ping timeout, not by accident
	await eventually(() => expect(ghost.state.closed).toBe(true));
}, 30_000);

it('answers a heartbeat at once, with the same byte', async () => {
	const { ws, opened } = rawSocket(app, `/collab/${roadmapId}`, headersFor(app, owner.browser));
	cleanup.push(() => ws.terminate());
	await opened;
	const answers: number[] = [];
	ws.on('message', (data: Buffer) => {
		if (data.length === 1 && data[0] === HEARTBEAT[0]) answers.push(Date.now());
	});
	for (let i = 0; i < 3; i++) {
		const sent = Date.now();
		ws.send(HEARTBEAT, { binary: true });
		await eventually(() => expect(answers.length).toBe(i + 1), 1_000);
		expect(answers[i] - sent).toBeLessThan(500);
	}
});

it('does not let a page that expired a gone peer take over its presence id', async () => {
	const watcher = await observer();
	const clientId = 515151;
	const first = await peer();
	first.announce({ clientId, clock: 1, state: { cursor: 1 } });
	await eventually(() => expect(watcher.provider.awareness.getStates().has(clientId)).toBe(true));
	first.ws.close();
	await eventually(() => expect(watcher.provider.awareness.getStates().has(clientId)).toBe(false));

	// Another page forgets it too (its own timeout) and says so; the server must not treat that
	// as a claim on the id...
	const other = await peer();
	other.announce({ clientId, clock: 2, state: null });
	await new Promise((resolve) => setTimeout(resolve, 100));
	// ...so that when the first page comes back with the same id, everyone sees it again.
	const back = await peer();
	back.announce({ clientId, clock: 3, state: { cursor: 2 } });
	await eventually(() =>
		expect(watcher.provider.awareness.getStates().get(clientId)).toMatchObject({ cursor: 2 })
	);
});

it("lets a person's reconnected page take its presence id over from the old socket, and nobody else", async () => {
	const watcher = await observer();
	const clientId = 616161;
	const stale = await peer();
	stale.announce({ clientId, clock: 1, state: { cursor: 1 } });
	await eventually(() =>
		expect(watcher.provider.awareness.getStates().get(clientId)).toMatchObject({ cursor: 1 })
	);

	// Someone else cannot take it.
	const editor = await buildUser(app.services.database.db);
	await grantRole(app.services.database.db, roadmapId, editor.id, 'editor');
	const intruder = await peer(editor);
	intruder.announce({ clientId, clock: 2, state: { cursor: 'stolen' } });
	// The same person's new socket (the page came back online before its old socket closed) can.
	const fresh = await peer();
	fresh.announce({ clientId, clock: 3, state: { cursor: 3 } });
	await eventually(() =>
		expect(watcher.provider.awareness.getStates().get(clientId)).toMatchObject({ cursor: 3 })
	);
	// The old socket finally closes: the presence stays, it belongs to the new one now.
	stale.ws.close();
	await eventually(() => expect(stale.state.closed).toBe(true));
	await new Promise((resolve) => setTimeout(resolve, 200));
	expect(watcher.provider.awareness.getStates().get(clientId)).toMatchObject({ cursor: 3 });
});
