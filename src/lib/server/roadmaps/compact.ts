/**
 * Log compaction: merge the snapshot and the updates after it, up to projected_seq, into a new
 * snapshot and delete the merged rows. Rows past projected_seq stay: the projector still needs
 * each of them with its writer. Writers are never blocked: they only append rows past
 * last_seq >= projected_seq, and every row up to projected_seq is committed (the projector that
 * moved it saw them).
 *
 * The merge itself (building a doc of the whole roadmap) happens outside any transaction and,
 * through `merge`, possibly on another thread: for a 5 × 2,000-milestone roadmap it is ~300 ms.
 * Rows up to projected_seq never change, so only the write is done under the roadmap's lock, and
 * only if no other compaction replaced the snapshot meanwhile (it would have deleted rows read
 * here: that compaction's snapshot stands, and this one is dropped).
 */
import { and, asc, count, eq, gt, lte } from 'drizzle-orm';
import type { Db } from '../../../../db/client';
import { roadmapProjections, roadmapSnapshots, roadmapUpdates } from '../../../../db/schema';
import { lockRoadmap } from './lock';
import { mergeInline, type StateMerger } from './merge-state';

export interface CompactionResult {
	/** Updates merged into the snapshot and deleted. */
	merged: number;
	uptoSeq: number;
	/** The size of the snapshot written, when one was. */
	snapshotBytes?: number;
}

/** However large the snapshot, a room's log is compacted after this many commits at most. */
export const MAX_COMMITS_BEFORE_COMPACTION = 1_000;
/** Commits a compaction waits for per this many bytes of snapshot it will rewrite. */
const SNAPSHOT_BYTES_PER_COMMIT = 2_048;

/**
 * How many commits a room lets pile up in its log before compacting it: `minimum` (200 by
 * default), or more for a large roadmap. Each compaction rewrites the whole snapshot, which for
 * 5 × 2,000 milestones is 3.4 MB read, merged and written again; on PGlite no other roadmap's
 * commit runs while it is written. A thousand rows past the snapshot still load and merge in
 * milliseconds (the answer to newcomers merges up to a thousand, messages.ts).
 */
export function commitsBeforeCompaction(minimum: number, snapshotBytes: number): number {
	const bySize = Math.floor(snapshotBytes / SNAPSHOT_BYTES_PER_COMMIT);
	return Math.max(minimum, Math.min(MAX_COMMITS_BEFORE_COMPACTION, bySize));
}

export async function compactRoadmap(
	db: Db,
	roadmapId: string,
	options: { minTail?: number; merge?: StateMerger } = {}
): Promise<CompactionResult> {
	const read = await db.transaction(async (tx) => {
		const [snapshot] = await tx
			.select({ uptoSeq: roadmapSnapshots.uptoSeq })
			.from(roadmapSnapshots)
			.where(eq(roadmapSnapshots.roadmapId, roadmapId));
		const since = snapshot?.uptoSeq ?? 0;
		const [roadmap] = await tx
			.select({ projectedSeq: roadmapProjections.projectedSeq })
			.from(roadmapProjections)
			.where(eq(roadmapProjections.roadmapId, roadmapId));
		const unmerged = and(
			eq(roadmapUpdates.roadmapId, roadmapId),
			gt(roadmapUpdates.seq, since),
			lte(roadmapUpdates.seq, roadmap?.projectedSeq ?? 0)
		);
		const [{ n }] = await tx.select({ n: count() }).from(roadmapUpdates).where(unmerged);
		// The snapshot's bytes (megabytes for a large roadmap) are read only when there is work.
		if (!n || n < (options.minTail ?? 1)) return { since, parts: [], merged: 0, uptoSeq: since };
		const [stored] = snapshot
			? await tx
					.select({ state: roadmapSnapshots.state })
					.from(roadmapSnapshots)
					.where(eq(roadmapSnapshots.roadmapId, roadmapId))
			: [];
		const tail = await tx
			.select({ seq: roadmapUpdates.seq, data: roadmapUpdates.data })
			.from(roadmapUpdates)
			.where(unmerged)
			.orderBy(asc(roadmapUpdates.seq));
		const parts = [...(stored ? [stored.state] : []), ...tail.map((row) => row.data)];
		return { since, parts, merged: tail.length, uptoSeq: tail[tail.length - 1].seq };
	});
	const { since, parts, merged, uptoSeq } = read;
	if (!merged) return { merged, uptoSeq };
	const state = await (options.merge ?? mergeInline)(parts);
	return db.transaction(async (tx) => {
		await lockRoadmap(tx, roadmapId);
		const [current] = await tx
			.select({ uptoSeq: roadmapSnapshots.uptoSeq })
			.from(roadmapSnapshots)
			.where(eq(roadmapSnapshots.roadmapId, roadmapId));
		if ((current?.uptoSeq ?? 0) !== since) return { merged: 0, uptoSeq: current?.uptoSeq ?? 0 };
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
		return { merged, uptoSeq, snapshotBytes: state.length };
	});
}
