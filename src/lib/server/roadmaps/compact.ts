/**
 * Log compaction: merge the snapshot and the updates after it, up to projected_seq, into a new
 * snapshot and delete the merged rows, in one transaction under the projector's lock. Rows past
 * projected_seq stay: the projector still needs each of them with its writer. Writers are never
 * blocked: they only append rows past last_seq >= projected_seq, and every row up to
 * projected_seq is committed (the projector that moved it saw them).
 */
import { and, asc, count, eq, gt, lte } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../../../../db/client';
import { roadmaps, roadmapSnapshots, roadmapUpdates } from '../../../../db/schema';
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
		const [roadmap] = await tx
			.select({ projectedSeq: roadmaps.projectedSeq })
			.from(roadmaps)
			.where(eq(roadmaps.id, roadmapId));
		const limit = roadmap?.projectedSeq ?? 0;
		const unmerged = and(
			eq(roadmapUpdates.roadmapId, roadmapId),
			gt(roadmapUpdates.seq, since),
			lte(roadmapUpdates.seq, limit)
		);
		const [{ n }] = await tx.select({ n: count() }).from(roadmapUpdates).where(unmerged);
		if (!n || n < (options.minTail ?? 1)) return { merged: 0, uptoSeq: since };
		const tail = await tx
			.select({ seq: roadmapUpdates.seq, data: roadmapUpdates.data })
			.from(roadmapUpdates)
			.where(unmerged)
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
