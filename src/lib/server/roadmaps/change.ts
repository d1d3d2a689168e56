/**
 * Server-origin changes to a roadmap's content (template seeding, imports, API writes) when no
 * live room holds the roadmap: the same commit as a browser edit, so the log, the projection and
 * the activity stay one story. With a live room, callers go through the room instead (see
 * services().collab), so connected browsers see the change at once.
 */
import * as Y from 'yjs';
import type { DbOrTx } from '../../../../db/client';
import { commitBatches } from './commit';
import { lockRoadmap } from './lock';
import { loadRoadmapDoc } from './log';
import type { ProjectionResult } from './projection';

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
		await lockRoadmap(tx, roadmapId);
		const { doc, lastSeq } = await loadRoadmapDoc(tx, roadmapId);
		const updates: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => updates.push(update));
		mutate(doc);
		if (!updates.length) return { seq: null, update: null, rejectedOwners: [] };
		const update = Y.mergeUpdates(updates);
		// `doc` already holds the change (re-applying it is a no-op) and was read under the lock.
		const committed = await commitBatches(
			tx,
			roadmapId,
			doc,
			lastSeq,
			[{ userId, updates: [update] }],
			null,
			now
		);
		return { seq: committed.seq, update, rejectedOwners: committed.rejectedOwners[0] ?? [] };
	});
}
