/**
 * A room's projector and the readers that ask it to project now (Room.projectNow): a reader
 * that asks just as a pass ends is served by a new pass, never handed the runner that is
 * finishing (it used to wait until some later commit came, which in a quiet room is never).
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Room } from '../../server/collab/room';
import { ProjectorPacer } from '../../server/collab/projector-pacer';
import { addTask } from '../../src/lib/roadmap/doc';
import { commitBatches } from '../../src/lib/server/roadmaps/commit';
import { loadRoadmapDoc } from '../../src/lib/server/roadmaps/log';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases';
import { buildRoadmap, buildUser } from '../helpers/factories';

describe.each(databaseKinds())("a room's projector on %s", (kind) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await createTestDatabase(kind);
	});
	afterAll(() => t?.dispose());

	it('serves a reader who asks in the same step as a pass ends', async () => {
		const db = t.database.db;
		const user = await buildUser(db, { name: 'Reader' });
		const roadmap = await buildRoadmap(db, user.id, { template: 'blank' });
		const room = await Room.load(roadmap.id, {
			db,
			groupCommitMs: 0,
			maxBatch: 100,
			pacer: new ProjectorPacer({ slots: 1, restFactor: 3 }),
			log: () => {}
		});
		await room.flush();
		// A commit the room has not projected (as from another instance).
		const { doc, lastSeq } = await loadRoadmapDoc(db, roadmap.id);
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		addTask(doc, { title: { en: 'Committed elsewhere' } });
		await db.transaction((tx) =>
			commitBatches(tx, roadmap.id, lastSeq, [
				{ userId: user.id, updates: [Y.mergeUpdates(updates)] }
			])
		);

		// The second reader asks from a continuation queued during the first one's pass, which
		// runs after the pass's last check for more work but before its runner has settled.
		const inside = room as unknown as { reportRejectedOwners: (rejected: unknown) => void };
		const report = inside.reportRejectedOwners.bind(room);
		let second: Promise<void> | null = null;
		inside.reportRejectedOwners = (rejected) => {
			report(rejected);
			inside.reportRejectedOwners = report;
			queueMicrotask(() => (second = room.projectNow()));
		};
		await room.projectNow();
		expect(second).not.toBeNull();
		const outcome = await Promise.race([
			second!.then(() => 'served'),
			new Promise((resolve) => setTimeout(() => resolve('still waiting after 3 s'), 3_000))
		]);
		expect(outcome).toBe('served');
		await room.flush();
	});
});
