/**
 * An update that builds on edits the server never got is committed but cannot be shown to
 * anyone until those arrive; the server says so in its log (once), so a report that "my edit
 * never reached them" can be told apart from a lost write. Nothing is lost: once the missing
 * update comes, every peer gets both.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { updateMessage } from '../../server/collab/messages';
import { startTestApp, type TestApp } from '../helpers/app';
import { connect, eventually, headersFor, rawSocket, synced } from '../helpers/collab-client';
import { buildRoadmap, buildUser, type BuiltUser } from '../helpers/factories';

let app: TestApp;
let owner: BuiltUser;
let roadmapId: string;
const logs: string[] = [];

beforeAll(async () => {
	app = await startTestApp('pglite', { collab: { log: (message) => logs.push(message) } });
	owner = await buildUser(app.services.database.db);
	roadmapId = (await buildRoadmap(app.services.database.db, owner.id)).id;
});
afterAll(() => app?.close());

it('logs edits held for missing ones, and relays both once the missing one comes', async () => {
	const peer = connect(app, roadmapId, owner.browser);
	await synced(peer);
	// A writer whose first update went astray: it sends its second first.
	const writerDoc = new Y.Doc();
	Y.applyUpdate(writerDoc, Y.encodeStateAsUpdate(peer.doc));
	const title = () =>
		[...writerDoc.getMap<Y.Map<unknown>>('tasks').values()][0].get('titleEn') as Y.Text;
	const updates: Uint8Array[] = [];
	writerDoc.on('update', (update: Uint8Array) => updates.push(update));
	title().insert(0, 'first ');
	title().insert(0, 'second ');
	const writer = rawSocket(app, `/collab/${roadmapId}`, headersFor(app, owner.browser));
	await writer.opened;
	writer.ws.send(updateMessage(updates[1]));
	await eventually(() =>
		expect(logs.filter((l) => l.includes('wait for missing ones'))).toHaveLength(1)
	);
	const peerTitle = () =>
		([...peer.doc.getMap<Y.Map<unknown>>('tasks').values()][0].get('titleEn') as Y.Text).toString();
	expect(peerTitle()).not.toContain('second');

	writer.ws.send(updateMessage(updates[0]));
	await eventually(() => expect(peerTitle()).toMatch(/^second first /));
	expect(logs.filter((l) => l.includes('wait for missing ones'))).toHaveLength(1);
	writer.ws.close();
	peer.destroy();
});
