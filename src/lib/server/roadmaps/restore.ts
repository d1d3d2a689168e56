/**
 * Restoring a deleted task or milestone from the activity log: the copy its latest 'deleted'
 * row keeps (projection.ts) is written back into the doc under its own id — through the live
 * room when one is loaded, so everyone on the page sees it come back, else straight to the log.
 * Authorization is the caller's (an edit).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type * as Y from 'yjs';
import type { DbOrTx } from '../../../../db/client';
import { milestones, tasks } from '../../../../db/schema';
import {
	milestoneSnapshotOf,
	restoreBlock,
	restoreMilestone,
	restoreTask,
	taskSnapshotOf,
	type RestoreBlock
} from '../../roadmap/restore';
import type { Bilingual } from '../../roadmap/doc';
import { startedServices } from '../context';
import { changeRoadmap } from './change';
import { latestDeletions } from './deletions';
import { ensureProjected } from './projector';

export type RestoreKind = 'task' | 'milestone';

export type RestoreOutcome =
	/**
	 * `plainSummary`: a task whose summary came back as plain paragraphs, its formatting lost
	 * (a copy made before copies kept the rich text).
	 */
	| { ok: true; title: Bilingual; plainSummary: boolean }
	/**
	 * `present`: it is there already (restored, or undone, meanwhile); `task-gone`: a milestone
	 * whose task is deleted too (restore the task first); `no-copy`: its deletion was recorded
	 * before copies were kept; `unknown`: no deletion of it is recorded on this roadmap.
	 * `title`: the item's, when known.
	 */
	| {
			ok: false;
			reason: Exclude<RestoreBlock, null> | 'no-copy' | 'unknown';
			title: Bilingual | null;
	  };

/** The latest deletion of a task or milestone and the copy it kept (null: none kept), or null. */
export async function latestDeletion(
	db: DbOrTx,
	roadmapId: string,
	kind: RestoreKind,
	id: string
): Promise<{ id: number; at: Date; title: Bilingual; snapshot: unknown } | null> {
	const [row] = await latestDeletions(db, roadmapId, { kinds: [kind], ids: [id], withCopy: true });
	if (!row) return null;
	return {
		id: row.rowId,
		at: row.at,
		title: { ko: row.titleKo, en: row.titleEn },
		snapshot: row.snapshot ?? null
	};
}

export async function restoreDeleted(
	db: DbOrTx,
	roadmapId: string,
	userId: string,
	kind: RestoreKind,
	id: string
): Promise<RestoreOutcome> {
	await ensureProjected(db, roadmapId);
	const deletion = await latestDeletion(db, roadmapId, kind, id);
	if (!deletion) return { ok: false, reason: 'unknown', title: null };
	const snapshot =
		kind === 'task'
			? taskSnapshotOf(id, deletion.snapshot)
			: milestoneSnapshotOf(id, deletion.snapshot);
	if (!snapshot) return { ok: false, reason: 'no-copy', title: deletion.title };

	let blocked = null as RestoreBlock; // set inside mutate
	const mutate = (doc: Y.Doc) => {
		blocked = restoreBlock(doc, snapshot);
		if (blocked) return; // nothing written: the change is a no-op
		if ('milestones' in snapshot) restoreTask(doc, snapshot);
		else restoreMilestone(doc, snapshot);
	};
	const collab = startedServices()?.collab;
	if (collab && startedServices()?.database.db === db)
		await collab.change(roadmapId, userId, mutate);
	else await changeRoadmap(db, roadmapId, userId, mutate);
	if (blocked) return { ok: false, reason: blocked, title: snapshot.title };
	// The page that asked reads the log next: it sees its restore there.
	await ensureProjected(db, roadmapId);
	const plainSummary =
		'milestones' in snapshot &&
		!snapshot.summaryRich &&
		!!(snapshot.summary.ko || snapshot.summary.en);
	return { ok: true, title: snapshot.title, plainSummary };
}

/** A task or milestone deleted and not back, as the JSON API lists it. */
export interface DeletedItem {
	kind: RestoreKind;
	id: string;
	title: Bilingual;
	/** A milestone's task (null for a task, or when the deletion did not record it). */
	taskId: string | null;
	deletedAt: string;
	deletedBy: { id: string; name: string } | null;
	/** Whether a restore would work now; else why not (RestoreOutcome's reasons). */
	restorable: boolean;
	reason: 'task-gone' | 'no-copy' | null;
}

/** The most deletions one listing returns (newest first). */
export const DELETED_LIST_MAX = 500;

/**
 * Tasks and milestones deleted and not back, newest deletion first, each by its latest deletion
 * (the one a restore reads): what `restoreDeleted` can bring back, and why not where it cannot.
 */
export async function listDeleted(db: DbOrTx, roadmapId: string): Promise<DeletedItem[]> {
	await ensureProjected(db, roadmapId);
	const rows = await latestDeletions(db, roadmapId);
	const taskRows = await db
		.select({ id: tasks.id })
		.from(tasks)
		.where(eq(tasks.roadmapId, roadmapId));
	const milestoneIds = rows.filter((r) => r.kind === 'milestone').map((r) => r.id);
	const milestoneRows = milestoneIds.length
		? await db
				.select({ id: milestones.id })
				.from(milestones)
				.where(and(eq(milestones.roadmapId, roadmapId), inArray(milestones.id, milestoneIds)))
		: [];
	const presentTasks = new Set(taskRows.map((r) => r.id));
	const presentMilestones = new Set(milestoneRows.map((r) => r.id));
	return rows
		.filter((r) => !(r.kind === 'task' ? presentTasks : presentMilestones).has(r.id))
		.sort((a, b) => b.rowId - a.rowId)
		.slice(0, DELETED_LIST_MAX)
		.map((r): DeletedItem => {
			const taskId = r.kind === 'milestone' ? r.taskId : null;
			const reason = !r.hasCopy
				? 'no-copy'
				: r.kind === 'milestone' && !(taskId && presentTasks.has(taskId))
					? 'task-gone'
					: null;
			return {
				kind: r.kind,
				id: r.id,
				title: { ko: r.titleKo, en: r.titleEn },
				taskId,
				deletedAt: r.at.toISOString(),
				deletedBy: r.userId && r.userName !== null ? { id: r.userId, name: r.userName } : null,
				restorable: reason === null,
				reason
			};
		});
}
