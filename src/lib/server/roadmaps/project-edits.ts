/**
 * Plain edits of several writers' runs, projected in one round of reads and one of writes.
 *
 * Two people typing in one roadmap take turns in the log a few times a second, so a projector
 * pass over a second of their typing holds dozens of runs (projector.ts: a run is one writer's
 * consecutive rows, so each activity row names its author). Projected one by one, each run read
 * its rows and activity and wrote them back: five statements a run, most of the database's work
 * under load, for rows the next run overwrote. Here the runs' outcome is worked out in memory,
 * run by run, exactly as projectChanges would have written it, and only the last state of each
 * row is written, with every activity row as it would have ended up.
 *
 * Only runs that edit fields of tasks and milestones already in the projection come here: none
 * adds, removes or re-owns anything, or touches the overview (those are projected on their own).
 * If the projection shows something a plain edit cannot explain (a row missing, owners unlike the
 * doc's: an owner the projection refused), nothing is written and the caller projects the runs
 * one by one instead.
 */
import type * as Y from 'yjs';
import type { DbOrTx } from '../../../../db/client';
import { inOrder } from '../../../../db/in-order';
import { insertRowsAsJson } from '../../../../db/json-rows';
import { activity, type milestoneOwners, type taskOwners } from '../../../../db/schema';
import { BACKGROUND_SLICE_MS, timeSlices } from '../event-loop';
import type { MilestoneData, OwnerRef, TaskData } from '../../roadmap/doc';
import {
	changedFields,
	coalesce,
	continueActivity,
	docMilestone,
	docTask,
	latestActivity,
	milestoneFieldsTold,
	milestoneRow,
	readMilestoneOwnerRows,
	readMilestoneRows,
	readTaskOwnerRows,
	readTaskRows,
	taskRow,
	updateMilestoneRows,
	updateTaskRow,
	type ActivityRow,
	type Dirty,
	type LatestActivity,
	type MilestoneRow,
	type ProjectionResult,
	type TaskRow
} from './projection';

/** One writer's run of plain edits: what it changed, as the doc had it at the run's end. */
export interface EditRun {
	userId: string | null;
	/** The run's first commit's time (see coalesce). */
	committedAt: Date | null;
	/** The log row the run ends with. */
	seq: number;
	tasks: Map<string, TaskData>;
	milestones: Map<string, MilestoneData>;
}

/**
 * What a run changed when it is plain edits (see above), as `doc` has it at the run's end; null
 * when it is not.
 */
export function plainEdits(doc: Y.Doc, dirty: Dirty): Pick<EditRun, 'tasks' | 'milestones'> | null {
	if (dirty.structural || dirty.overview || dirty.goneSummaries) return null;
	const tasks = new Map<string, TaskData>();
	for (const id of dirty.tasks) {
		const task = docTask(doc, id);
		if (!task) return null;
		tasks.set(id, task);
	}
	const milestones = new Map<string, MilestoneData>();
	for (const id of dirty.milestones) {
		const milestone = docMilestone(doc, id);
		if (!milestone) return null;
		milestones.set(id, milestone);
	}
	return { tasks, milestones };
}

/**
 * Projects `runs` (in log order) together; null, with nothing written, when one of them is not a
 * plain edit of what the projection holds (see above).
 */
export async function projectEdits(
	tx: DbOrTx,
	roadmapId: string,
	runs: readonly EditRun[],
	now: Date
): Promise<ProjectionResult | null> {
	const taskIds = [...new Set(runs.flatMap((r) => [...r.tasks.keys()]))];
	const msIds = [...new Set(runs.flatMap((r) => [...r.milestones.keys()]))];
	const anyone = runs.some((r) => r.userId);
	const [taskRows, msRows, taskOwnerRows, msOwnerRows, latest] = await inOrder(tx, [
		readTaskRows(tx, roadmapId, taskIds),
		readMilestoneRows(tx, roadmapId, msIds),
		readTaskOwnerRows(tx, roadmapId, taskIds),
		readMilestoneOwnerRows(tx, roadmapId, msIds),
		latestActivity(tx, roadmapId, anyone ? [...taskIds, ...msIds] : [], now)
	]);
	const taskState = new Map(taskRows.map((r) => [r.id, r]));
	const msState = new Map(msRows.map((r) => [r.id, r]));
	const taskOwnersNow = ownersById(taskOwnerRows, (r) => r.taskId);
	const msOwnersNow = ownersById(msOwnerRows, (r) => r.milestoneId);
	for (const run of runs) {
		for (const [id, task] of run.tasks)
			if (!taskState.has(id) || !sameOwners(task.owners, taskOwnersNow.get(id))) return null;
		for (const [id, ms] of run.milestones)
			if (!msState.has(id) || !sameOwners(ms.owners, msOwnersNow.get(id))) return null;
	}

	const activityLog = new ActivityInMemory(latest, now);
	const lastWriter = { task: new Map<string, string | null>(), milestone: new Map() };
	const pause = timeSlices(BACKGROUND_SLICE_MS);
	for (const run of runs) {
		await pause();
		const log: ActivityRow[] = [];
		const record = (entityType: string, entityId: string, field: string, b: unknown, a: unknown) =>
			log.push({
				roadmapId,
				userId: run.userId,
				at: now,
				entityType,
				entityId,
				field,
				before: b ?? null,
				after: a ?? null
			});
		for (const [id, task] of run.tasks) {
			const prev = taskState.get(id)!;
			const next = taskRow(task);
			const fields = changedFields(prev as TaskRow, next);
			if (!fields.length) continue;
			taskState.set(id, { ...prev, ...next });
			lastWriter.task.set(id, run.userId);
			for (const f of fields) record('task', id, f, prev[f as keyof typeof prev], next[f]);
		}
		for (const [id, ms] of run.milestones) {
			const prev = msState.get(id)!;
			const next = milestoneRow(ms);
			const fields = changedFields(prev as MilestoneRow, next);
			if (!fields.length) continue;
			msState.set(id, { ...prev, ...next });
			lastWriter.milestone.set(id, run.userId);
			for (const f of milestoneFieldsTold(prev, next, fields))
				record('milestone', id, f, prev[f as keyof typeof prev], next[f]);
		}
		activityLog.add(run.userId, log, run.committedAt);
	}

	const writes: PromiseLike<unknown>[] = [];
	for (const [id, userId] of lastWriter.task)
		writes.push(
			updateTaskRow(tx, roadmapId, { ...taskState.get(id)!, updatedAt: now, updatedBy: userId })
		);
	const changedMilestones = [...lastWriter.milestone].map(([id, userId]) => ({
		...msState.get(id)!,
		updatedAt: now,
		updatedBy: userId as string | null
	}));
	writes.push(...updateMilestoneRows(tx, roadmapId, changedMilestones));
	const { merged, fresh } = activityLog.writes();
	if (merged.length) writes.push(tx.execute(continueActivity(merged, now)));
	if (fresh.length) writes.push(tx.execute(insertRowsAsJson(activity, fresh)));
	await inOrder(tx, writes);
	return {
		rejectedOwners: [],
		changes: fresh.length,
		rowsWritten: lastWriter.task.size + lastWriter.milestone.size
	};
}

type OwnerRow = typeof taskOwners.$inferSelect | typeof milestoneOwners.$inferSelect;

/** Each entity's projected owners, owner key → role. */
function ownersById<R extends OwnerRow>(rows: R[], idOf: (row: R) => string) {
	const byId = new Map<string, Map<string, string>>();
	for (const r of rows) {
		const owners = byId.get(idOf(r)) ?? new Map<string, string>();
		owners.set(r.ownerKey, r.role);
		byId.set(idOf(r), owners);
	}
	return byId;
}

function sameOwners(doc: Record<string, OwnerRef>, projected = new Map<string, string>()) {
	const entries = Object.entries(doc);
	return (
		entries.length === projected.size &&
		entries.every(([key, owner]) => projected.get(key) === owner.role)
	);
}

/**
 * The activity of a roadmap's touched fields as a run at a time leaves it: what the coalescing
 * reads (the latest row of each field per person) and what is to be written. Rows new in this
 * pass get stand-in ids above any real one, in the order they would have been inserted, so
 * "newest" compares as it would in the database.
 */
class ActivityInMemory {
	private readonly latest = new Map<string, LatestActivity>();
	private readonly keyOfId = new Map<number, string>();
	private readonly continued = new Map<number, unknown>();
	private readonly fresh = new Map<number, ActivityRow>();
	private nextId = 2 ** 50;

	constructor(
		rows: readonly LatestActivity[],
		private readonly now: Date
	) {
		for (const row of rows) this.keep(row);
	}

	/** One run's activity, coalesced as projectChanges would against what came before it. */
	add(userId: string | null, log: ActivityRow[], committedAt: Date | null): void {
		if (!log.length) return;
		const { merged, fresh } = coalesce(
			userId,
			log,
			[...this.latest.values()],
			this.now,
			committedAt
		);
		for (const { id, after } of merged) {
			const own = this.fresh.get(id);
			if (own) own.after = after;
			else this.continued.set(id, after);
			this.latest.get(this.keyOfId.get(id)!)!.at = this.now;
		}
		for (const row of fresh) {
			const id = this.nextId++;
			this.fresh.set(id, row);
			this.keep({
				id,
				userId: row.userId ?? null,
				entityType: row.entityType,
				entityId: row.entityId,
				field: row.field,
				at: this.now
			});
		}
	}

	writes(): { merged: { id: number; after: unknown }[]; fresh: ActivityRow[] } {
		return {
			merged: [...this.continued].map(([id, after]) => ({ id, after })),
			fresh: [...this.fresh.values()]
		};
	}

	/** The newest row of a field per person: the one the next run may continue. */
	private keep(row: LatestActivity) {
		const key = [row.entityType, row.entityId, row.field, row.userId ?? ''].join('\u0000');
		this.latest.set(key, row);
		this.keyOfId.set(row.id, key);
	}
}
