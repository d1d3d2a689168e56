/**
 * The roadmap log: append-only Yjs updates plus at most one compacted snapshot per roadmap.
 * A doc is rebuilt from the snapshot and the updates after it.
 */
import { and, asc, eq, gt } from 'drizzle-orm';
import * as Y from 'yjs';
import type { DbOrTx } from '../../../../db/client';
import { roadmapSnapshots, roadmapUpdates } from '../../../../db/schema';

export interface LoadedDoc {
	doc: Y.Doc;
	/** Highest log sequence number included (0 when the roadmap has no content yet). */
	lastSeq: number;
}

export async function loadRoadmapDoc(db: DbOrTx, roadmapId: string): Promise<LoadedDoc> {
	const doc = new Y.Doc({ gc: true });
	const [snapshot] = await db
		.select()
		.from(roadmapSnapshots)
		.where(eq(roadmapSnapshots.roadmapId, roadmapId));
	let lastSeq = 0;
	if (snapshot) {
		Y.applyUpdate(doc, snapshot.state);
		lastSeq = snapshot.uptoSeq;
	}
	const tail = await db
		.select({ seq: roadmapUpdates.seq, data: roadmapUpdates.data })
		.from(roadmapUpdates)
		.where(and(eq(roadmapUpdates.roadmapId, roadmapId), gt(roadmapUpdates.seq, lastSeq)))
		.orderBy(asc(roadmapUpdates.seq));
	if (tail.length) {
		Y.applyUpdate(doc, Y.mergeUpdates(tail.map((row) => row.data)));
		lastSeq = tail[tail.length - 1].seq;
	}
	return { doc, lastSeq };
}

/** Appends updates (one row each, in order) and returns the sequence number of the last one. */
export async function appendUpdates(
	tx: DbOrTx,
	roadmapId: string,
	updates: Uint8Array[],
	userId: string | null
): Promise<number> {
	if (!updates.length) throw new Error('appendUpdates needs at least one update');
	const rows = await tx
		.insert(roadmapUpdates)
		.values(updates.map((data) => ({ roadmapId, data, userId })))
		.returning({ seq: roadmapUpdates.seq });
	return Math.max(...rows.map((r) => r.seq));
}
