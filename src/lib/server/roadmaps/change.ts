/**
 * Server-origin changes to a roadmap's content (template seeding, imports, API writes) when no
 * live room holds the roadmap: the same commit as a browser edit, so the log, the projection and
 * the activity stay one story. The projection is brought up to date in the same transaction:
 * no room is there to do it, and the caller reads it next. With a live room, callers go through
 * the room instead (see services().collab), so connected browsers see the change at once.
 */
import * as Y from 'yjs';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../../db/client';
import { roadmaps } from '../../../../db/schema';
import { commitBatches, RoadmapGone } from './commit';
import { lockRoadmap } from './lock';
import { loadRoadmapDoc } from './log';
import type { ProjectionResult } from './projection';
import { catchUpProjection } from './projector';

export interface ChangeResult {
	/** Log sequence number of the committed update; null when the change was a no-op. */
	seq: number | null;
	/** The update that was committed, for relaying to live rooms. */
	update: Uint8Array | null;
	rejectedOwners: ProjectionResult['rejectedOwners'];
}

/** Applies `mutate` to the roadmap's doc and commits it; joins `db` when it is a transaction. */
export async function changeRoadmap(
	db: DbOrTx,
	roadmapId: string,
	userId: string | null,
	mutate: (doc: Y.Doc) => void,
	/** The change's clock, for activity times (tests move it; production leaves the default). */
	now: Date = new Date()
): Promise<ChangeResult> {
	return db.transaction(async (tx) => {
		// The projector's lock first, then the writers' row lock: the order every holder of both uses.
		await lockRoadmap(tx, roadmapId);
		const [row] = await tx
			.select({ lastSeq: roadmaps.lastSeq })
			.from(roadmaps)
			.where(eq(roadmaps.id, roadmapId))
			.for('no key update');
		if (!row) throw new RoadmapGone(roadmapId);
		const { doc, lastSeq } = await loadRoadmapDoc(tx, roadmapId);
		const updates: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => updates.push(update));
		mutate(doc);
		if (!updates.length) return { seq: null, update: null, rejectedOwners: [] };
		const update = Y.mergeUpdates(updates);
		const committed = await commitBatches(tx, roadmapId, lastSeq, [{ userId, updates: [update] }]);
		const projected = await catchUpProjection(tx, roadmapId, null, now);
		const rejectedOwners = projected.rejected.flatMap((r) => (r.userId === userId ? r.owners : []));
		return { seq: committed.seq, update, rejectedOwners };
	});
}
