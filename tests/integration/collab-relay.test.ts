/**
 * Two people's writes committed together reach every other peer as one message: each is a log row
 * of its own (so each names its author), but relayed one by one they were two socket writes to
 * every peer of the room, the largest part of a busy room's work.
 */
import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRoadmap, taskTitleText } from '../../src/lib/roadmap/doc';
import { startTestApp, type TestApp } from '../helpers/app';
import { connect, eventually, synced, type TestClient } from '../helpers/collab-client';
import { databaseKinds } from '../helpers/databases';
import { buildRoadmap, buildUser, grantRole } from '../helpers/factories';

/** Counts the document updates (sync message 0, step 2) a client's socket receives. */
function countUpdates(client: TestClient): () => number {
	let updates = 0;
	const ws = client.provider.ws as unknown as WebSocket;
	ws.addEventListener('message', (event: MessageEvent) => {
		const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
		if (decoding.readVarUint(decoder) === 0 && decoding.readVarUint(decoder) === 2) updates++;
	});
	return () => updates;
}

describe.each(databaseKinds())('relays on %s', (kind) => {
	let app: TestApp;
	const clients: TestClient[] = [];
	beforeAll(async () => {
		// Writes that arrive within 40 ms are committed together, however the sockets are read.
		app = await startTestApp(kind, { collab: { groupCommitMs: 40 } });
	});
	afterAll(async () => {
		for (const c of clients.splice(0)) c.destroy();
		await app?.close();
	});

	it("two people's writes committed together reach a third peer in one message, and each writer the other's", async () => {
		const db = app.services.database.db;
		const kim = await buildUser(db, { name: 'Kim' });
		const lee = await buildUser(db, { name: 'Lee' });
		const park = await buildUser(db, { name: 'Park' });
		const roadmap = await buildRoadmap(db, kim.id);
		await grantRole(db, roadmap.id, lee.id, 'editor');
		await grantRole(db, roadmap.id, park.id, 'viewer');
		const open = async (actor: typeof kim) => {
			const client = connect(app, roadmap.id, actor.browser);
			clients.push(client);
			await synced(client);
			return client;
		};
		const [kimTab, leeTab, parkTab] = [await open(kim), await open(lee), await open(park)];
		const taskId = readRoadmap(kimTab.doc).tasks[0].id;
		const watched = countUpdates(parkTab);

		for (let round = 0; round < 3; round++) {
			const before = watched();
			taskTitleText(kimTab.doc, taskId, 'en')!.insert(0, `k${round}`);
			taskTitleText(leeTab.doc, taskId, 'ko')!.insert(0, `l${round}`);
			await eventually(() => {
				for (const tab of [kimTab, leeTab, parkTab]) {
					const { title } = readRoadmap(tab.doc).tasks[0];
					expect(title.en.startsWith(`k${round}`)).toBe(true);
					expect(title.ko.startsWith(`l${round}`)).toBe(true);
				}
			});
			expect(watched() - before).toBe(1);
		}
		await eventually(() => expect(kimTab.isSaved() && leeTab.isSaved()).toBe(true));
	});
});
