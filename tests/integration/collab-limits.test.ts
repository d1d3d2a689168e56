import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../helpers/app';
import { headersFor, rawSocket } from '../helpers/collab-client';
import { buildRoadmap, buildUser, type BuiltUser } from '../helpers/factories';

let app: TestApp;
let owner: BuiltUser;
let roadmapId: string;

beforeAll(async () => {
	app = await startTestApp('pglite', {
		collab: { maxConnectionsPerUser: 2, pingIntervalMs: 150, log: () => {} }
	});
	owner = await buildUser(app.services.database.db);
	roadmapId = (await buildRoadmap(app.services.database.db, owner.id)).id;
});
afterAll(() => app?.close());

it('caps open connections per user with 429, and frees the slot when one closes', async () => {
	const first = rawSocket(app, `/collab/${roadmapId}`, headersFor(app, owner.browser));
	const second = rawSocket(app, `/collab/${roadmapId}`, headersFor(app, owner.browser));
	await Promise.all([first.opened, second.opened]);
	const third = rawSocket(app, `/collab/${roadmapId}`, headersFor(app, owner.browser));
	await expect(third.opened).rejects.toMatchObject({ status: 429 });
	first.ws.close();
	await first.closed;
	await new Promise((r) => setTimeout(r, 50));
	const fourth = rawSocket(app, `/collab/${roadmapId}`, headersFor(app, owner.browser));
	await expect(fourth.opened).resolves.toBeUndefined();
	second.ws.close();
	fourth.ws.close();
	await Promise.all([second.closed, fourth.closed]);
});

it('drops a peer that stops answering pings', async () => {
	const silent = new WebSocket(`${app.url.replace('http', 'ws')}/collab/${roadmapId}`, {
		headers: headersFor(app, owner.browser),
		autoPong: false
	});
	silent.on('error', () => {});
	const closed = new Promise<number>((resolve) => silent.once('close', (code) => resolve(code)));
	await new Promise((resolve) => silent.once('open', resolve));
	const started = Date.now();
	expect(await closed).toBe(1006); // terminated, no close frame
	expect(Date.now() - started).toBeLessThan(2_000);
});
