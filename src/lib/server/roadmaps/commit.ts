/**
 * The write-ahead commit shared by live rooms and server-side changes: inside one transaction,
 * under the roadmap's lock, append each writer's updates to the log, bring the projection and the
 * activity up to date for each writer in turn, and advance the roadmap's last_seq.
 */
import { and, asc, eq, gt } from 'drizzle-orm';
import * as Y from 'yjs';
import type { DbOrTx } from '../../../../db/client';
import { roadmaps, roadmapUpdates } from '../../../../db/schema';
import { appendUpdates } from './log';
import { projectRoadmap, type ProjectionResult, type ProjectionState } from './projection';
import { lockRoadmap } from './lock';

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
	/** Per batch, the owners the projection refused. */
	rejectedOwners: ProjectionResult['rejectedOwners'][];
	/** What the projection rows hold now (valid only if the transaction commits). */
	projection: ProjectionState | null;
}

/**
 * Commits `batches` on top of `doc` (the caller's view of the roadmap, as of `knownSeq`); `doc`
 * is brought up to date with anything missed and then receives every batch. Pass a scratch
 * copy: if the transaction fails, `doc` holds state that was never committed.
 */
export async function commitBatches(
	tx: DbOrTx,
	roadmapId: string,
	doc: Y.Doc,
	knownSeq: number,
	batches: WriterBatch[],
	/** The caller's memory of the projection rows; ignored when others wrote in between. */
	projection: ProjectionState | null = null,
	/** The commit's clock, for activity times (tests move it; production leaves the default). */
	now: Date = new Date()
): Promise<CommitResult> {
	await lockRoadmap(tx, roadmapId);
	const [row] = await tx
		.select({ lastSeq: roadmaps.lastSeq })
		.from(roadmaps)
		.where(eq(roadmaps.id, roadmapId));
	if (!row) throw new RoadmapGone(roadmapId);
	const missed: Uint8Array[] = [];
	if (row.lastSeq > knownSeq) {
		const rows = await tx
			.select({ data: roadmapUpdates.data })
			.from(roadmapUpdates)
			.where(and(eq(roadmapUpdates.roadmapId, roadmapId), gt(roadmapUpdates.seq, knownSeq)))
			.orderBy(asc(roadmapUpdates.seq));
		for (const r of rows) {
			missed.push(r.data);
			Y.applyUpdate(doc, r.data);
		}
	}
	let seq = row.lastSeq;
	let state = missed.length ? null : projection;
	const rejectedOwners: CommitResult['rejectedOwners'] = [];
	for (const batch of batches) {
		if (!batch.updates.length) continue;
		for (const update of batch.updates) Y.applyUpdate(doc, update);
		seq = await appendUpdates(tx, roadmapId, batch.updates, batch.userId);
		const projected = await projectRoadmap(tx, roadmapId, doc, batch.userId, state, now);
		rejectedOwners.push(projected.rejectedOwners);
		state = projected.state;
	}
	await tx
		.update(roadmaps)
		.set({ lastSeq: seq, updatedAt: new Date() })
		.where(eq(roadmaps.id, roadmapId));
	return { previousSeq: row.lastSeq, seq, missed, rejectedOwners, projection: state };
}
