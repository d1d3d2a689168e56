/**
 * Server-origin changes to a roadmap's content (template seeding, imports, API writes): the same
 * path as a browser edit, so the log, the projection and the activity stay one story.
 */
import { eq, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { DbOrTx } from '../../../../db/client';
import { roadmaps } from '../../../../db/schema';
import { appendUpdates, loadRoadmapDoc } from './log';
import { projectRoadmap, type ProjectionResult } from './projection';

export interface ChangeResult extends ProjectionResult {
	/** Log sequence number of the committed update; null when the change was a no-op. */
	seq: number | null;
	/** The update that was committed, for relaying to live rooms. */
	update: Uint8Array | null;
}

/** Serialises writers of one roadmap across connections and instances for one transaction. */
export const lockRoadmap = (tx: DbOrTx, roadmapId: string) =>
	tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${roadmapId}, 0))`);

/** Applies `mutate` to the roadmap's doc and commits it; joins `db` when it is a transaction. */
export async function changeRoadmap(
	db: DbOrTx,
	roadmapId: string,
	userId: string | null,
	mutate: (doc: Y.Doc) => void
): Promise<ChangeResult> {
	return db.transaction(async (tx) => {
		await lockRoadmap(tx, roadmapId);
		const { doc } = await loadRoadmapDoc(tx, roadmapId);
		const updates: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => updates.push(update));
		mutate(doc);
		if (!updates.length) return { seq: null, update: null, rejectedOwners: [], changes: 0 };
		const update = Y.mergeUpdates(updates);
		const seq = await appendUpdates(tx, roadmapId, [update], userId);
		const projection = await projectRoadmap(tx, roadmapId, doc, userId);
		await tx.update(roadmaps).set({ updatedAt: new Date() }).where(eq(roadmaps.id, roadmapId));
		return { seq, update, ...projection };
	});
}
