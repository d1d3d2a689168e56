/**
 * A server stopping (a deploy, a restart) compacts the logs of rooms that grew well past their
 * snapshot, so the first open after it reads one snapshot; a room with a few rows is left as it
 * is. Nothing is lost either way: the stored log gives the doc the editors had.
 */
import { count, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { roadmapSnapshots, roadmapUpdates } from '../../db/schema';
import { readRoadmap, setTaskField } from '../../src/lib/roadmap/doc';
import { loadRoadmapDoc } from '../../src/lib/server/roadmaps/log';
import { startTestApp, type TestApp } from '../helpers/app';
import { connect, eventually, synced, type TestClient } from '../helpers/collab-client';
import { databaseKinds } from '../helpers/databases';
import { buildRoadmap, buildUser } from '../helpers/factories';

describe.each(databaseKinds())('a server stopping on %s', (kind) => {
	let app: TestApp | undefined;
	const clients: TestClient[] = [];
	const helpers = async (app: TestApp) => {
		const db = app.services.database.db;
		const owner = await buildUser(db, { name: 'Owner' });
		const logRows = async (roadmapId: string) =>
			(
				await db
					.select({ n: count() })
					.from(roadmapUpdates)
					.where(eq(roadmapUpdates.roadmapId, roadmapId))
			)[0].n;
		/** `commits` edits, each saved before the next: one log row each. */
		const edit = async (roadmapId: string, commits: number) => {
			const client = connect(app, roadmapId, owner.browser);
			clients.push(client);
			await synced(client);
			const taskId = readRoadmap(client.doc).tasks[0].id;
			for (let i = 1; i <= commits; i++) {
				setTaskField(client.doc, taskId, 'progress', i);
				await eventually(() => expect(client.isSaved()).toBe(true));
			}
			return client;
		};
		return { db, owner, logRows, edit };
	};
	afterEach(async () => {
		for (const c of clients.splice(0)) c.destroy();
		await app?.close();
		app = undefined;
	});

	it('compacts a room whose log grew past its snapshot, and leaves a short log as it is', async () => {
		app = await startTestApp(kind);
		const { db, logRows, edit, owner } = await helpers(app);
		const busy = await buildRoadmap(db, owner.id);
		const quiet = await buildRoadmap(db, owner.id);
		const busyClient = await edit(busy.id, 60);
		const quietClient = await edit(quiet.id, 3);
		const rowsBefore = { busy: await logRows(busy.id), quiet: await logRows(quiet.id) };
		expect(rowsBefore.busy).toBeGreaterThanOrEqual(60);
		expect(rowsBefore.quiet).toBeGreaterThanOrEqual(3);

		await app.services.collab.close();

		expect(await logRows(busy.id)).toBe(0);
		const [snapshot] = await db
			.select()
			.from(roadmapSnapshots)
			.where(eq(roadmapSnapshots.roadmapId, busy.id));
		expect(snapshot).toBeDefined();
		expect(await logRows(quiet.id)).toBe(rowsBefore.quiet);
		// What the editors had is what the log gives.
		expect(readRoadmap((await loadRoadmapDoc(db, busy.id)).doc)).toEqual(
			readRoadmap(busyClient.doc)
		);
		expect(readRoadmap((await loadRoadmapDoc(db, busy.id)).doc).tasks[0].progress).toBe(60);
		expect(readRoadmap((await loadRoadmapDoc(db, quiet.id)).doc)).toEqual(
			readRoadmap(quietClient.doc)
		);
	});

	it('compacts nothing when the stop leaves it no time', async () => {
		app = await startTestApp(kind, { collab: { shutdownCompactionMs: 0 } });
		const { db, logRows, edit, owner } = await helpers(app);
		const busy = await buildRoadmap(db, owner.id);
		const client = await edit(busy.id, 60);
		const rows = await logRows(busy.id);
		await app.services.collab.close();
		expect(await logRows(busy.id)).toBe(rows);
		expect(readRoadmap((await loadRoadmapDoc(db, busy.id)).doc)).toEqual(readRoadmap(client.doc));
	});
});
