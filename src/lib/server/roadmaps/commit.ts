/**
 * The write-ahead commit shared by live rooms and server-side changes: only what durability
 * needs. One statement appends every writer's updates (each row keeps its writer, for the
 * projection's activity) and advances the roadmap's last_seq under its row lock; the caller
 * commits, and only then relays and acknowledges. The projection (tasks, milestones, owners,
 * activity) follows in its own transaction: see projector.ts.
 */
import { and, asc, eq, gt, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../../../db/client';
import { roadmapSnapshots, roadmapUpdates } from '../../../../db/schema';
import { appendUpdates, type Appended, type LogEntry } from './log';

/** The roadmap was deleted: its writes can never commit. */
export class RoadmapGone extends Error {
	readonly roadmapGone = true;
	constructor(roadmapId: string) {
		super(`Roadmap ${roadmapId} no longer exists`);
	}
}

export interface WriterBatch {
	userId: string | null;
	updates: Uint8Array[];
}

export interface CommitResult {
	/** last_seq before this commit, as the database had it. */
	previousSeq: number;
	/** last_seq after it. */
	seq: number;
	/** Updates other writers committed after `knownSeq` that the caller had not seen (in order). */
	missed: Uint8Array[];
}

/**
 * Appends `batches` on top of what the caller knows (the log up to `knownSeq`). Pass the database
 * itself, not a transaction, and the append commits on its own: the usual case is then one round
 * trip in all. A caller that missed another writer's commit pays two more reads to learn it.
 */
export async function commitBatches(
	tx: DbOrTx,
	roadmapId: string,
	knownSeq: number,
	batches: WriterBatch[],
	/** How the rows are appended: on their own, or with other roadmaps' (group-append.ts). */
	append: (roadmapId: string, entries: LogEntry[]) => Promise<Appended> = (id, entries) =>
		appendUpdates(tx, id, entries)
): Promise<CommitResult> {
	const entries = batches.flatMap((b) => b.updates.map((data) => ({ userId: b.userId, data })));
	if (!entries.length) return { previousSeq: knownSeq, seq: knownSeq, missed: [] };
	const { previousSeq, seq } = await append(roadmapId, entries);
	if (previousSeq === null) throw new RoadmapGone(roadmapId);
	const missed: Uint8Array[] = [];
	if (previousSeq > knownSeq) {
		const rows = await tx
			.select({ data: roadmapUpdates.data })
			.from(roadmapUpdates)
			.where(
				and(
					eq(roadmapUpdates.roadmapId, roadmapId),
					gt(roadmapUpdates.seq, knownSeq),
					lte(roadmapUpdates.seq, previousSeq)
				)
			)
			.orderBy(asc(roadmapUpdates.seq));
		for (const r of rows) missed.push(r.data);
		// Compaction may have merged part of the gap into the snapshot (before or after the read
		// above); applying the snapshot as well is harmless, Yjs ignores what a doc already has.
		const [snapshot] = await tx
			.select({ uptoSeq: roadmapSnapshots.uptoSeq, state: roadmapSnapshots.state })
			.from(roadmapSnapshots)
			.where(eq(roadmapSnapshots.roadmapId, roadmapId));
		if (snapshot && snapshot.uptoSeq > knownSeq) missed.unshift(snapshot.state);
	}
	return { previousSeq, seq, missed };
}
