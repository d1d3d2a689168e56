/**
 * Log compaction: merge the snapshot and the updates after it into a new snapshot and delete the
 * merged rows, in one transaction under the roadmap's lock (writers hold the same lock, so no
 * update can commit between what is merged and what is deleted).
 */
import { and, asc, count, eq, gt, lte } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../../../../db/client';
import { roadmapSnapshots, roadmapUpdates } from '../../../../db/schema';
import { lockRoadmap } from './lock';

export interface CompactionResult {
	/** Updates merged into the snapshot and deleted. */
	merged: number;
	uptoSeq: number;
}

export async function compactRoadmap(
	db: Db,
	roadmapId: string,
	options: { minTail?: number } = {}
): Promise<CompactionResult> {
	return db.transaction(async (tx) => {
		await lockRoadmap(tx, roadmapId);
		const [snapshot] = await tx
			.select()
			.from(roadmapSnapshots)
			.where(eq(roadmapSnapshots.roadmapId, roadmapId));
		const since = snapshot?.uptoSeq ?? 0;
		const [{ n }] = await tx
			.select({ n: count() })
			.from(roadmapUpdates)
			.where(and(eq(roadmapUpdates.roadmapId, roadmapId), gt(roadmapUpdates.seq, since)));
		if (!n || n < (options.minTail ?? 1)) return { merged: 0, uptoSeq: since };
		const tail = await tx
			.select({ seq: roadmapUpdates.seq, data: roadmapUpdates.data })
			.from(roadmapUpdates)
			.where(and(eq(roadmapUpdates.roadmapId, roadmapId), gt(roadmapUpdates.seq, since)))
			.orderBy(asc(roadmapUpdates.seq));
		// Through a doc, not mergeUpdates, so deleted content is garbage-collected.
		const doc = new Y.Doc({ gc: true });
		if (snapshot) Y.applyUpdate(doc, snapshot.state);
		for (const row of tail) Y.applyUpdate(doc, row.data);
		const uptoSeq = tail[tail.length - 1].seq;
		const state = Y.encodeStateAsUpdate(doc);
		await tx
			.insert(roadmapSnapshots)
			.values({ roadmapId, state, uptoSeq })
			.onConflictDoUpdate({
				target: roadmapSnapshots.roadmapId,
				set: { state, uptoSeq, updatedAt: new Date() }
			});
		await tx
			.delete(roadmapUpdates)
			.where(and(eq(roadmapUpdates.roadmapId, roadmapId), lte(roadmapUpdates.seq, uptoSeq)));
		return { merged: tail.length, uptoSeq };
	});
}
