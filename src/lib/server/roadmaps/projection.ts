/**
 * Brings the SQL projection (tasks, milestones, task_owners, the overview) up to date with the
 * doc for what one writer's updates changed, and records one activity row per changed field.
 * Only the entities the updates touched are read and written: `trackChanges` learns their ids
 * from the Yjs transactions that applied the updates, so a keystroke in one milestone of a
 * 2,000-milestone roadmap reads and writes one milestone row. The projector (projector.ts) calls
 * this once per run of one writer's log rows, so each activity row names its author.
 *
 * Activity is coalesced: a person typing a title commits a batch every few keystrokes, and a row
 * per batch (each with the whole text before and after) would bury a report in hundreds of rows.
 * Consecutive changes of one field of one entity by one person within COALESCE_WINDOW_MS update
 * that person's last row instead (the first `before` stays, `after` and `at` move on); a status,
 * within STATUS_COALESCE_MS only. Two people
 * typing in one title at once commit in turns, a few times a second: each keeps one row while
 * their own last change is under CO_EDITING_MS old, whoever else's came in between. Taking turns
 * more slowly than that (one writes, another answers) still leaves a row per turn, and so does
 * every change of a status, date or progress made after someone else's (TYPED_FIELD).
 */
import { and, eq, gte, inArray, or, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { DbOrTx } from '../../../../db/client';
import { inOrder } from '../../../../db/in-order';
import { insertRowsAsJson, updateRowsAsJson } from '../../../../db/json-rows';
import {
	activity,
	milestoneOwners,
	milestones,
	organizations,
	taskOwners,
	tasks,
	users
} from '../../../../db/schema';
import {
	metaMap,
	milestonesMap,
	ownerKey,
	readMilestone,
	readOverview,
	readTask,
	tasksMap,
	type Bilingual,
	type MilestoneData,
	type OwnerRef,
	type TaskData
} from '../../roadmap/doc';
import { isEntityId } from '../../roadmap/limits';
import { RESTORED_KEY } from '../../roadmap/restore';
import type { GoneSummaries } from './gone-summaries';

/** What a run of updates touched: ids of tasks and milestones, and whether the overview. */
export interface Dirty {
	overview: boolean;
	tasks: Set<string>;
	milestones: Set<string>;
	/** Rich summaries of the tasks these updates deleted, as they were (gone-summaries.ts). */
	goneSummaries?: GoneSummaries;
	/**
	 * Whether a task or milestone was added, removed or replaced, or an owner changed: changes
	 * whose activity (created, deleted, owner events) is never coalesced, so the projector
	 * projects what came before them on its own (see projector.ts).
	 */
	structural: boolean;
}

export const emptyDirty = (): Dirty => ({
	overview: false,
	tasks: new Set(),
	milestones: new Set(),
	structural: false
});

/**
 * Runs `apply` (which applies updates to `doc`) and returns which entities its transactions
 * changed: a change anywhere inside a task's map (its title text, its owners…) dirties that task.
 */
export function trackChanges(doc: Y.Doc, apply: () => void): Dirty {
	const dirty = emptyDirty();
	const roots: Record<'meta' | 'tasks' | 'milestones', unknown> = {
		meta: metaMap(doc),
		tasks: tasksMap(doc),
		milestones: milestonesMap(doc)
	};
	const listener = (tr: Y.Transaction) => {
		for (const [type, keys] of tr.changed) {
			// Walk up to the root, remembering the child of the root: that is the entity.
			let entity: typeof type | null = null;
			let root = type;
			// An entity's owners live under its 'owners' key, at any depth below the entity.
			let owners = type._item !== null && keys.has('owners');
			while (root._item) {
				entity = root;
				if (root._item.parentSub === 'owners') owners = true;
				root = root._item.parent as typeof type;
			}
			if (root === roots.meta) dirty.overview = true;
			const ids =
				root === roots.tasks ? dirty.tasks : root === roots.milestones ? dirty.milestones : null;
			if (!ids) continue;
			// A key of the root map itself: an entity added, removed or replaced.
			if (!entity || owners) dirty.structural = true;
			// Ids no reader accepts (limits.ts isEntityId) are never projected, nor looked up.
			const add = (id: string | null) => void (isEntityId(id) && ids.add(id));
			if (entity) add(entity._item!.parentSub);
			else for (const key of keys) add(key);
		}
	};
	doc.on('afterTransaction', listener);
	try {
		apply();
	} finally {
		doc.off('afterTransaction', listener);
	}
	return dirty;
}

/** The overview as the projection holds it, read once per catch-up and carried between runs. */
export interface OverviewState {
	current: Bilingual | null;
	changed: boolean;
}

export interface ProjectionResult {
	/**
	 * Owner assignments naming an organization or user that does not exist: not projected.
	 * `milestoneId` is set when the assignment is a milestone's (then `taskId` is its task).
	 */
	rejectedOwners: RejectedOwner[];
	/** Number of activity rows written. */
	changes: number;
	/** Rows of tasks, milestones and task_owners inserted, updated or deleted. */
	rowsWritten: number;
}

export interface RejectedOwner {
	taskId: string;
	milestoneId?: string;
	ownerKey: string;
}

export type ActivityRow = typeof activity.$inferInsert;
export type TaskRow = Omit<typeof tasks.$inferInsert, 'roadmapId' | 'updatedAt' | 'updatedBy'>;
export type MilestoneRow = Omit<
	typeof milestones.$inferInsert,
	'roadmapId' | 'updatedAt' | 'updatedBy'
>;

/** Edits of one field by one person closer together than this are one change. */
export const COALESCE_WINDOW_MS = 10 * 60 * 1000;

/**
 * A status is a state a report is read for ("at risk" for five minutes is news), not a value
 * typed in steps: one person's changes of it are one change only when this close together (a
 * slip put right), not across the whole COALESCE_WINDOW_MS.
 */
export const STATUS_COALESCE_MS = 60_000;

/**
 * A person's edit continues their own row of a field across someone else's edit of it when their
 * own last one is younger than this: they are typing in it together, not taking turns.
 */
export const CO_EDITING_MS = 5_000;

/**
 * The fields people type in together (texts, merged character by character). A field of one
 * value (status, a date, progress) is never "typed together": an edit of it after someone else's
 * is a new decision, so it starts a row of its own, whose `before` is what that person replaced.
 */
const TYPED_FIELD = /^(title|summary|description|overview)(Ko|En)$/;

/** Whole-entity events (created, deleted, owner assigned…) are never merged. */
const MERGEABLE_ENTITIES = new Set(['roadmap', 'task', 'milestone']);
const UNMERGEABLE_FIELDS = new Set(['created', 'deleted']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const taskRow = (t: TaskData): TaskRow => ({
	id: t.id,
	position: t.position,
	titleKo: t.title.ko,
	titleEn: t.title.en,
	summaryKo: t.summary.ko,
	summaryEn: t.summary.en,
	status: t.status,
	progress: t.progress,
	suggestedSectors: t.suggestedSectors,
	startDate: t.startDate,
	dueDate: t.dueDate
});

export const milestoneRow = (m: MilestoneData): MilestoneRow => ({
	id: m.id,
	taskId: m.taskId,
	position: m.position,
	titleKo: m.title.ko,
	titleEn: m.title.en,
	descriptionKo: m.description.ko,
	descriptionEn: m.description.en,
	status: m.status,
	progress: m.progress,
	startDate: m.startDate,
	dueDate: m.dueDate
});

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Fields of `next` that differ from `prev`, ignoring the key. */
export function changedFields<T extends { id: string }>(prev: T, next: T): (keyof T & string)[] {
	return (Object.keys(next) as (keyof T & string)[]).filter(
		(k) => k !== 'id' && !same(prev[k], next[k])
	);
}

/** The task as the doc has it now, or null when it is gone. */
export function docTask(doc: Y.Doc, id: string): TaskData | null {
	const map = tasksMap(doc).get(id);
	return map instanceof Y.Map ? readTask(id, map) : null;
}

/** The milestone as the doc has it now; null when it, or its task, is gone. */
export function docMilestone(doc: Y.Doc, id: string): MilestoneData | null {
	const map = milestonesMap(doc).get(id);
	const milestone = map instanceof Y.Map ? readMilestone(id, map) : null;
	return milestone && tasksMap(doc).get(milestone.taskId) instanceof Y.Map ? milestone : null;
}

/**
 * Projects what `dirty` names, as `doc` has it now, on behalf of `userId`. The overview is not
 * written here (the caller writes it at the end of its transaction, so the roadmap's row, which
 * writers lock, is held only from then until the commit); `overview` carries it.
 *
 * In rounds rather than statement by statement: every read the diff needs, then every write,
 * each round issued together (db/in-order.ts); on PGlite, one connection, that saves a round trip
 * per statement, time during which nobody else's commit can use the database. (Rarely a round
 * more: milestones that arrived before their task, and owners not projected yet.)
 */
export async function projectChanges(
	tx: DbOrTx,
	roadmapId: string,
	doc: Y.Doc,
	dirty: Dirty,
	userId: string | null,
	overview: OverviewState,
	/** The commit's clock (tests move it; production leaves it to the wall clock). */
	now: Date = new Date(),
	/** When these edits were committed (the log's time), if known: see coalesce. */
	{ committedAt = null }: { committedAt?: Date | null } = {}
): Promise<ProjectionResult> {
	const log: ActivityRow[] = [];
	const record = (
		entityType: string,
		entityId: string,
		field: string,
		before: unknown,
		after: unknown
	) =>
		log.push({
			roadmapId,
			userId,
			at: now,
			entityType,
			entityId,
			field,
			before: before ?? null,
			after: after ?? null
		});

	if (dirty.overview && overview.current) {
		const next = readOverview(doc);
		for (const locale of ['ko', 'en'] as const) {
			if (overview.current[locale] === next[locale]) continue;
			const field = locale === 'ko' ? 'overviewKo' : 'overviewEn';
			record('roadmap', roadmapId, field, overview.current[locale], next[locale]);
			overview.changed = true;
		}
		overview.current = next;
	}

	// What the doc holds now, known before the database is asked.
	const taskIds = [...dirty.tasks];
	const nextTasks = new Map<string, TaskData>();
	for (const id of taskIds) {
		const task = docTask(doc, id);
		if (task) nextTasks.set(id, task);
	}
	const milestonesNow = (ids: Iterable<string>) => {
		const found = new Map<string, MilestoneData>();
		for (const id of ids) {
			const milestone = docMilestone(doc, id);
			if (milestone) found.set(id, milestone);
		}
		return found;
	};
	const msIds = [...dirty.milestones];
	const nextMilestoneData = milestonesNow(msIds);

	// The reads: rows as projected, their owners, and the activity an edit may continue.
	const entityIds = [...taskIds, ...msIds, ...(dirty.overview ? [roadmapId] : [])];
	// What went, as projected, kept whole in its 'deleted' row so it can be restored (restore.ts):
	// the owners of tasks and milestones gone from the doc, and every milestone of a task gone.
	const goneTaskIds = taskIds.filter((id) => !nextTasks.has(id));
	const goneMsIds = msIds.filter((id) => !nextMilestoneData.has(id));
	const [
		prevTaskRows,
		prevMilestoneRows,
		ownerRows,
		msOwnerRows,
		latest,
		goneTaskOwners,
		goneTaskMilestones,
		goneMsOwners
	] = await inOrder(tx, [
		readTaskRows(tx, roadmapId, taskIds),
		readMilestoneRows(tx, roadmapId, msIds),
		readTaskOwnerRows(tx, roadmapId, [...nextTasks.keys()]),
		readMilestoneOwnerRows(tx, roadmapId, [...nextMilestoneData.keys()]),
		latestActivity(tx, roadmapId, userId ? entityIds : [], now),
		readTaskOwnerRows(tx, roadmapId, goneTaskIds),
		readMilestoneRows(tx, roadmapId, goneTaskIds, 'taskId'),
		readGoneMilestoneOwners(tx, roadmapId, goneMsIds, goneTaskIds)
	]);
	const gone = snapshots(goneTaskOwners, goneTaskMilestones, goneMsOwners);
	const prevTasks = new Map(prevTaskRows.map((r) => [r.id, r]));
	const prevMilestones = new Map(prevMilestoneRows.map((r) => [r.id, r]));

	// Milestones that arrived before their task are projected with it (rare: a task new to the
	// projection that already has milestones in the doc). Their rows are read in a round of
	// their own.
	const arrivedEarly: string[] = [];
	for (const id of nextTasks.keys()) {
		if (prevTasks.has(id)) continue;
		for (const [msId, map] of milestonesMap(doc).entries())
			if (
				map instanceof Y.Map &&
				map.get('taskId') === id &&
				!dirty.milestones.has(msId) &&
				isEntityId(msId) // never looked up otherwise (see trackChanges)
			)
				arrivedEarly.push(msId);
	}
	if (arrivedEarly.length) {
		const early = milestonesNow(arrivedEarly);
		const [rows, owners] = await inOrder(tx, [
			readMilestoneRows(tx, roadmapId, arrivedEarly),
			readMilestoneOwnerRows(tx, roadmapId, [...early.keys()])
		]);
		for (const r of rows) prevMilestones.set(r.id, r);
		msOwnerRows.push(...owners);
		for (const [id, milestone] of early) nextMilestoneData.set(id, milestone);
	}

	// Back under its own id: restored from the log (marked in the doc), or its deletion undone
	// (ids are random: nothing else brings one back). A deletion within the coalescing window is
	// among the rows read already; an older one (an undo the next morning) is looked up, for the
	// items new to the projection only, so a keystroke never pays for it.
	const marked = (type: 'task' | 'milestone', id: string) =>
		(type === 'task' ? tasksMap(doc) : milestonesMap(doc)).get(id)?.get(RESTORED_KEY) === true;
	const deletedBefore = new Set(
		latest.filter((r) => r.field === 'deleted').map((r) => `${r.entityType} ${r.entityId}`)
	);
	const unexplained = [
		...[...nextTasks.keys()].filter((id) => !prevTasks.has(id) && !marked('task', id)),
		...[...nextMilestoneData.keys()].filter(
			(id) => !prevMilestones.has(id) && !marked('milestone', id)
		)
	];
	for (const key of await earlierDeletions(tx, roadmapId, unexplained, deletedBefore))
		deletedBefore.add(key);
	const restoredMark = (type: 'task' | 'milestone', id: string) =>
		marked(type, id) || deletedBefore.has(`${type} ${id}`) ? { restored: true } : {};
	// Tasks back in this pass: their milestones come with them, as part of that one change, even
	// one deleted (and restored) on its own before; only one restored by itself (marked) is told.
	const tasksBack = new Set<string>();
	const milestoneMark = (id: string, taskId: string) =>
		tasksBack.has(taskId) && !marked('milestone', id) ? {} : restoredMark('milestone', id);

	// The writes, in the order the foreign keys need: issued now, sent together at the end.
	const writes: PromiseLike<unknown>[] = [];
	let rowsWritten = 0;
	const write = (statement: PromiseLike<unknown>) => {
		writes.push(statement);
		rowsWritten++;
	};

	// Tasks first: milestones and owners reference them.
	for (const [id, task] of nextTasks) {
		const next = taskRow(task);
		const prev = prevTasks.get(id);
		if (!prev) {
			write(tx.insert(tasks).values({ ...next, roadmapId, updatedAt: now, updatedBy: userId }));
			const mark = restoredMark('task', id);
			if (mark.restored) tasksBack.add(id);
			record('task', id, 'created', null, {
				titleKo: next.titleKo,
				titleEn: next.titleEn,
				...mark
			});
			continue;
		}
		const fields = changedFields(prev as TaskRow, next);
		if (!fields.length) continue;
		write(updateTaskRow(tx, roadmapId, { ...next, roadmapId, updatedAt: now, updatedBy: userId }));
		for (const f of fields) record('task', id, f, prev[f as keyof typeof prev], next[f]);
	}

	const nextMilestones = new Map<string, MilestoneRow>();
	for (const [id, milestone] of nextMilestoneData) nextMilestones.set(id, milestoneRow(milestone));
	for (const [id, prev] of prevMilestones) {
		if (nextMilestones.has(id)) continue;
		write(
			tx.delete(milestones).where(and(eq(milestones.roadmapId, roadmapId), eq(milestones.id, id)))
		);
		// Milestones of a deleted task go with it; only log the ones deleted on their own.
		if (tasksMap(doc).get(prev.taskId) instanceof Y.Map)
			record(
				'milestone',
				id,
				'deleted',
				{
					taskId: prev.taskId,
					titleKo: prev.titleKo,
					titleEn: prev.titleEn,
					snapshot: gone.milestone(prev)
				},
				null
			);
	}

	// Owners of the touched tasks and milestones: only those naming a real organization or user
	// are projected (one lookup for both, and only for owners not already projected).
	const prevOwners = new Map(ownerRows.map((r) => [`${r.taskId} ${r.ownerKey}`, r]));
	const wanted = [...nextTasks.values()].flatMap((t) =>
		Object.entries(t.owners).map(([key, owner]) => ({ taskId: t.id, key, owner }))
	);
	const wantedMs = [...nextMilestoneData.values()].flatMap((ms) =>
		Object.entries(ms.owners).map(([key, owner]) => ({ ms, key, owner }))
	);
	const known = new Set([...ownerRows, ...msOwnerRows].map((r) => r.ownerKey));
	for (const key of await knownOwnerIds(
		tx,
		[...wanted.map((w) => w.owner), ...wantedMs.map((w) => w.owner)].filter(
			(o) => !known.has(ownerKey(o))
		)
	))
		known.add(key);
	const rejectedOwners: ProjectionResult['rejectedOwners'] = [];
	const nextOwners = new Map<string, { taskId: string; key: string; owner: OwnerRef }>();
	for (const w of wanted) {
		if (known.has(w.key)) nextOwners.set(`${w.taskId} ${w.key}`, w);
		else rejectedOwners.push({ taskId: w.taskId, ownerKey: w.key });
	}
	const ownerWhere = (taskId: string, key: string) =>
		and(
			eq(taskOwners.roadmapId, roadmapId),
			eq(taskOwners.taskId, taskId),
			eq(taskOwners.ownerKey, key)
		);
	for (const [k, prev] of prevOwners) {
		if (nextOwners.has(k)) continue;
		write(tx.delete(taskOwners).where(ownerWhere(prev.taskId, prev.ownerKey)));
		record('owner', prev.taskId, 'removed', { owner: prev.ownerKey, role: prev.role }, null);
	}

	// New milestones go in together, in one statement (db/json-rows.ts): a plan imported or
	// pasted in adds hundreds at once (a statement each was 0.6-0.8 ms a milestone on PGlite).
	const added: (typeof milestones.$inferInsert)[] = [];
	const changed: (typeof milestones.$inferInsert)[] = [];
	for (const [id, next] of nextMilestones) {
		const prev = prevMilestones.get(id);
		if (!prev) {
			added.push({ ...next, roadmapId, updatedAt: now, updatedBy: userId });
			record('milestone', id, 'created', null, {
				taskId: next.taskId,
				titleKo: next.titleKo,
				titleEn: next.titleEn,
				...milestoneMark(id, next.taskId)
			});
			continue;
		}
		const fields = changedFields(prev as MilestoneRow, next);
		if (!fields.length) continue;
		changed.push({ ...next, roadmapId, updatedAt: now, updatedBy: userId });
		for (const f of milestoneFieldsTold(prev, next, fields))
			record('milestone', id, f, prev[f as keyof typeof prev], next[f]);
	}

	writes.push(...updateMilestoneRows(tx, roadmapId, changed));
	rowsWritten += changed.length;
	if (added.length) writes.push(tx.execute(insertRowsAsJson(milestones, added)));
	rowsWritten += added.length;

	projectMilestoneOwners(
		tx,
		roadmapId,
		msOwnerRows,
		wantedMs,
		nextMilestoneData,
		known,
		rejectedOwners,
		record,
		write
	);

	for (const [k, { taskId, key, owner }] of nextOwners) {
		const prev = prevOwners.get(k);
		if (prev && prev.role === owner.role) continue;
		if (prev) {
			write(tx.update(taskOwners).set({ role: owner.role }).where(ownerWhere(taskId, key)));
			record(
				'owner',
				taskId,
				'role',
				{ owner: key, role: prev.role },
				{ owner: key, role: owner.role }
			);
		} else {
			write(
				tx.insert(taskOwners).values({
					roadmapId,
					taskId,
					ownerKey: key,
					organizationId: owner.kind === 'organization' ? owner.id : null,
					userId: owner.kind === 'user' ? owner.id : null,
					role: owner.role
				})
			);
			record('owner', taskId, 'assigned', null, { owner: key, role: owner.role });
		}
	}

	// Deleting a task cascades to its milestones and owners in SQL.
	for (const [id, prev] of prevTasks) {
		if (nextTasks.has(id)) continue;
		write(tx.delete(tasks).where(and(eq(tasks.roadmapId, roadmapId), eq(tasks.id, id))));
		record(
			'task',
			id,
			'deleted',
			{
				titleKo: prev.titleKo,
				titleEn: prev.titleEn,
				snapshot: { ...gone.task(prev), summaryRich: dirty.goneSummaries?.get(id) ?? null }
			},
			null
		);
	}

	leaveOutWhatRestoresSay(log);
	const { merged, fresh } = coalesce(userId, log, latest, now, committedAt);
	if (merged.length) writes.push(tx.execute(continueActivity(merged, now)));
	if (fresh.length) writes.push(tx.execute(insertRowsAsJson(activity, fresh)));
	await inOrder(tx, writes);
	return { rejectedOwners, changes: fresh.length, rowsWritten };
}

/**
 * "type id" of the items among `ids` deleted at some time (activity_deletions_idx), leaving out
 * those `known` has already. No statement when there is nothing to ask.
 */
async function earlierDeletions(
	tx: DbOrTx,
	roadmapId: string,
	ids: string[],
	known: Set<string>
): Promise<string[]> {
	const asked = ids.filter((id) => !known.has(`task ${id}`) && !known.has(`milestone ${id}`));
	if (!asked.length) return [];
	const rows = await tx
		.selectDistinct({ entityType: activity.entityType, entityId: activity.entityId })
		.from(activity)
		.where(
			and(
				eq(activity.roadmapId, roadmapId),
				eq(activity.field, 'deleted'),
				inArray(activity.entityId, asked)
			)
		);
	return rows.map((r) => `${r.entityType} ${r.entityId}`);
}

/**
 * The fields of a milestone's change that its activity tells: a move to another task places it
 * there too, and "moved to task …" says it, not "reordered"; done reads as 100 %, so marking it
 * done (or reopening it) says the progress change already.
 */
export function milestoneFieldsTold(
	prev: Pick<MilestoneRow, 'status'>,
	next: MilestoneRow,
	fields: (keyof MilestoneRow & string)[]
): (keyof MilestoneRow & string)[] {
	const moved = fields.includes('taskId');
	const doneChanged =
		fields.includes('status') && (prev.status === 'done') !== (next.status === 'done');
	return fields.filter((f) => !(moved && f === 'position') && !(doneChanged && f === 'progress'));
}

/** One task row, by its key. */
export const updateTaskRow = (tx: DbOrTx, roadmapId: string, row: typeof tasks.$inferInsert) =>
	tx
		.update(tasks)
		.set(row)
		.where(and(eq(tasks.roadmapId, roadmapId), eq(tasks.id, row.id)));

/** More changed milestones than this are updated in one statement (db/json-rows.ts). */
const BULK_UPDATE_FROM = 16;

/**
 * The statements updating `rows`: one when there are many (dates shifted across a plan), else one
 * per row by its key (a keystroke's one row), which the planner finds without reading the
 * roadmap's others.
 */
export function updateMilestoneRows(
	tx: DbOrTx,
	roadmapId: string,
	rows: (typeof milestones.$inferInsert)[]
): PromiseLike<unknown>[] {
	if (rows.length > BULK_UPDATE_FROM)
		return [tx.execute(updateRowsAsJson(milestones, ['roadmapId', 'id'], rows))];
	return rows.map((row) =>
		tx
			.update(milestones)
			.set(row)
			.where(and(eq(milestones.roadmapId, roadmapId), eq(milestones.id, row.id)))
	);
}

export const readTaskRows = (
	tx: DbOrTx,
	roadmapId: string,
	ids: string[]
): PromiseLike<(typeof tasks.$inferSelect)[]> =>
	ids.length
		? tx
				.select()
				.from(tasks)
				.where(and(eq(tasks.roadmapId, roadmapId), inArray(tasks.id, ids)))
		: Promise.resolve([]);

/** Milestone rows by their ids, or (`by` 'taskId') every milestone of the tasks named. */
export const readMilestoneRows = (
	tx: DbOrTx,
	roadmapId: string,
	ids: string[],
	by: 'id' | 'taskId' = 'id'
): PromiseLike<(typeof milestones.$inferSelect)[]> =>
	ids.length
		? tx
				.select()
				.from(milestones)
				.where(and(eq(milestones.roadmapId, roadmapId), inArray(milestones[by], ids)))
		: Promise.resolve([]);

export const readTaskOwnerRows = (
	tx: DbOrTx,
	roadmapId: string,
	taskIds: string[]
): PromiseLike<(typeof taskOwners.$inferSelect)[]> =>
	taskIds.length
		? tx
				.select()
				.from(taskOwners)
				.where(and(eq(taskOwners.roadmapId, roadmapId), inArray(taskOwners.taskId, taskIds)))
		: Promise.resolve([]);

/** Owners of the milestones gone, and of every milestone of the tasks gone. */
const readGoneMilestoneOwners = (
	tx: DbOrTx,
	roadmapId: string,
	milestoneIds: string[],
	taskIds: string[]
): PromiseLike<(typeof milestoneOwners.$inferSelect)[]> =>
	milestoneIds.length || taskIds.length
		? tx
				.select()
				.from(milestoneOwners)
				.where(
					and(
						eq(milestoneOwners.roadmapId, roadmapId),
						or(
							milestoneIds.length ? inArray(milestoneOwners.milestoneId, milestoneIds) : undefined,
							taskIds.length
								? inArray(
										milestoneOwners.milestoneId,
										tx
											.select({ id: milestones.id })
											.from(milestones)
											.where(
												and(
													eq(milestones.roadmapId, roadmapId),
													inArray(milestones.taskId, taskIds)
												)
											)
									)
								: undefined
						)
					)
				)
		: Promise.resolve([]);

type OwnerRow = typeof taskOwners.$inferSelect | typeof milestoneOwners.$inferSelect;
const ownerSnapshot = (r: OwnerRow) =>
	r.organizationId
		? { kind: 'organization', id: r.organizationId, role: r.role }
		: { kind: 'user', id: r.userId, role: r.role };

/**
 * What a deleted task or milestone was, as projected, for its 'deleted' row: its row's fields and
 * owners, and a task's milestones (read by task: the doc no longer says which were its).
 * restore.ts reads it back.
 */
function snapshots(
	taskOwnerRows: (typeof taskOwners.$inferSelect)[],
	taskMilestones: (typeof milestones.$inferSelect)[],
	milestoneOwnerRows: (typeof milestoneOwners.$inferSelect)[]
) {
	// The row's own fields, without the bookkeeping restore has no use for.
	const strip = <T extends { roadmapId: string; updatedAt: Date; updatedBy: string | null }>(
		row: T
	) => {
		const fields: Partial<T> = { ...row };
		delete fields.roadmapId;
		delete fields.updatedAt;
		delete fields.updatedBy;
		return fields;
	};
	const milestone = (row: typeof milestones.$inferSelect) => ({
		...strip(row),
		owners: milestoneOwnerRows.filter((o) => o.milestoneId === row.id).map(ownerSnapshot)
	});
	return {
		milestone,
		task: (row: typeof tasks.$inferSelect) => ({
			...strip(row),
			owners: taskOwnerRows.filter((o) => o.taskId === row.id).map(ownerSnapshot),
			milestones: taskMilestones
				.filter((m) => m.taskId === row.id)
				.sort((a, b) => a.position - b.position)
				.map(milestone)
		})
	};
}

/**
 * A restore is one change: "restored the task …". The owners it puts back and the milestones
 * that come back with their task are part of it, not changes of their own to list beside it.
 */
function leaveOutWhatRestoresSay(log: ActivityRow[]) {
	const payload = (value: unknown) =>
		(value ?? {}) as { restored?: unknown; taskId?: unknown; milestoneId?: unknown };
	const restored = new Set(
		log.filter((r) => r.field === 'created' && payload(r.after).restored).map((r) => r.entityId)
	);
	if (!restored.size) return;
	const implied = (r: ActivityRow) => {
		const after = payload(r.after);
		if (r.field === 'created')
			return r.entityType === 'milestone' && !after.restored && restored.has(`${after.taskId}`);
		return (
			r.entityType === 'owner' &&
			r.field === 'assigned' &&
			(restored.has(r.entityId) || restored.has(`${after.milestoneId}`))
		);
	};
	const kept = log.filter((r) => !implied(r));
	log.length = 0;
	log.push(...kept);
}

export const readMilestoneOwnerRows = (
	tx: DbOrTx,
	roadmapId: string,
	milestoneIds: string[]
): PromiseLike<(typeof milestoneOwners.$inferSelect)[]> =>
	milestoneIds.length
		? tx
				.select()
				.from(milestoneOwners)
				.where(
					and(
						eq(milestoneOwners.roadmapId, roadmapId),
						inArray(milestoneOwners.milestoneId, milestoneIds)
					)
				)
		: Promise.resolve([]);

/**
 * Brings milestone_owners in line with the touched milestones' owners (their rows are written
 * before these: `write` keeps the order). Unknown owners are reported, not written. Activity
 * records them as owner changes of the milestone's task, naming the milestone in `milestoneId`,
 * so reports (which know task owners) tell them without learning a new kind.
 */
function projectMilestoneOwners(
	tx: DbOrTx,
	roadmapId: string,
	prevRows: (typeof milestoneOwners.$inferSelect)[],
	wanted: { ms: MilestoneData; key: string; owner: OwnerRef }[],
	present: Map<string, MilestoneData>,
	known: Set<string>,
	rejected: RejectedOwner[],
	record: (type: string, id: string, field: string, before: unknown, after: unknown) => void,
	write: (statement: PromiseLike<unknown>) => void
): void {
	const prev = new Map(prevRows.map((r) => [`${r.milestoneId} ${r.ownerKey}`, r]));
	const next = new Map<string, { ms: MilestoneData; key: string; owner: OwnerRef }>();
	for (const w of wanted) {
		if (known.has(w.key)) next.set(`${w.ms.id} ${w.key}`, w);
		else rejected.push({ taskId: w.ms.taskId, milestoneId: w.ms.id, ownerKey: w.key });
	}
	const where = (milestoneId: string, key: string) =>
		and(
			eq(milestoneOwners.roadmapId, roadmapId),
			eq(milestoneOwners.milestoneId, milestoneId),
			eq(milestoneOwners.ownerKey, key)
		);
	for (const [k, row] of prev) {
		if (next.has(k)) continue;
		write(tx.delete(milestoneOwners).where(where(row.milestoneId, row.ownerKey)));
		const taskId = present.get(row.milestoneId)!.taskId;
		const owner = { owner: row.ownerKey, role: row.role, milestoneId: row.milestoneId };
		record('owner', taskId, 'removed', owner, null);
	}
	for (const [k, { ms, key, owner }] of next) {
		const before = prev.get(k);
		if (before && before.role === owner.role) continue;
		if (before) {
			write(tx.update(milestoneOwners).set({ role: owner.role }).where(where(ms.id, key)));
			record(
				'owner',
				ms.taskId,
				'role',
				{ owner: key, role: before.role, milestoneId: ms.id },
				{ owner: key, role: owner.role, milestoneId: ms.id }
			);
		} else {
			write(
				tx.insert(milestoneOwners).values({
					roadmapId,
					milestoneId: ms.id,
					ownerKey: key,
					organizationId: owner.kind === 'organization' ? owner.id : null,
					userId: owner.kind === 'user' ? owner.id : null,
					role: owner.role
				})
			);
			const after = { owner: key, role: owner.role, milestoneId: ms.id };
			record('owner', ms.taskId, 'assigned', null, after);
		}
	}
}

export interface LatestActivity {
	id: number;
	userId: string | null;
	entityType: string;
	entityId: string;
	field: string;
	at: Date;
}

/**
 * The latest activity row of each field of `entityIds` within the coalescing window, per person
 * who wrote one: what an edit of one of them may continue (see coalesce). Read with the projected
 * rows, before anyone knows which fields changed, so it asks for every field of those entities.
 */
export function latestActivity(
	tx: DbOrTx,
	roadmapId: string,
	entityIds: string[],
	now: Date
): PromiseLike<LatestActivity[]> {
	if (!entityIds.length) return Promise.resolve([]);
	return tx
		.selectDistinctOn([activity.entityType, activity.entityId, activity.field, activity.userId], {
			id: activity.id,
			userId: activity.userId,
			entityType: activity.entityType,
			entityId: activity.entityId,
			field: activity.field,
			at: activity.at
		})
		.from(activity)
		.where(
			and(
				eq(activity.roadmapId, roadmapId),
				gte(activity.at, new Date(now.getTime() - COALESCE_WINDOW_MS)),
				inArray(activity.entityId, entityIds)
			)
		)
		.orderBy(
			activity.entityType,
			activity.entityId,
			activity.field,
			activity.userId,
			sql`${activity.at} desc`,
			sql`${activity.id} desc`
		);
}

/**
 * Splits `log` into the rows that continue `userId`'s latest edit of the same field, folded into
 * that edit as its new `after`, and the rest, to be inserted. An edit continues when it is within
 * the window (`latest` holds only those) and nobody else's edit of the field came after it, or,
 * when the edits are live (committed under CO_EDITING_MS before `now`), when that person's own
 * row is under CO_EDITING_MS old: two people typing in one field together. A catch-up of older
 * commits (after a crash) dates every row it writes `now`, so it never counts as typing together.
 */
export function coalesce(
	userId: string | null,
	log: ActivityRow[],
	latest: readonly LatestActivity[],
	now: Date,
	committedAt: Date | null = null
): { merged: { id: number; after: unknown }[]; fresh: ActivityRow[] } {
	const mergeable = (r: { entityType: string; field: string }) =>
		MERGEABLE_ENTITIES.has(r.entityType) && !UNMERGEABLE_FIELDS.has(r.field);
	if (!userId) return { merged: [], fresh: log };
	const keyOf = (r: { entityType: string; entityId: string; field: string }) =>
		`${r.entityType}\u0000${r.entityId}\u0000${r.field}`;
	const newer = (a: LatestActivity, b: LatestActivity) =>
		a.at.getTime() - b.at.getTime() || a.id - b.id;
	const newest = new Map<string, LatestActivity>();
	const mine = new Map<string, LatestActivity>();
	for (const row of latest) {
		const key = keyOf(row);
		const top = newest.get(key);
		if (!top || newer(row, top) > 0) newest.set(key, row);
		if (row.userId === userId && mergeable(row)) mine.set(key, row);
	}
	const live = committedAt !== null && now.getTime() - committedAt.getTime() < CO_EDITING_MS;
	const continued = new Map<string, number>();
	for (const [key, row] of mine) {
		if (row.field === 'status' && now.getTime() - row.at.getTime() >= STATUS_COALESCE_MS) continue;
		const lastInField = newest.get(key)!.id === row.id;
		const typingTogether =
			live && TYPED_FIELD.test(row.field) && now.getTime() - row.at.getTime() < CO_EDITING_MS;
		if (lastInField || typingTogether) continued.set(key, row.id);
	}
	const merged: { id: number; after: unknown }[] = [];
	const fresh: ActivityRow[] = [];
	for (const r of log) {
		const id = mergeable(r) ? continued.get(keyOf(r)) : undefined;
		if (id === undefined) fresh.push(r);
		else merged.push({ id, after: r.after ?? null });
	}
	return { merged, fresh };
}

/** One statement moving each continued activity row's `after` and time on. */
export function continueActivity(merged: { id: number; after: unknown }[], now: Date) {
	const values = sql.join(
		merged.map((m) => sql`(${m.id}::bigint, ${JSON.stringify(m.after)}::jsonb)`),
		sql`, `
	);
	return sql`update ${activity} set "after" = v.after, "at" = ${now.toISOString()}::timestamptz
			from (values ${values}) as v(id, after) where ${activity.id} = v.id`;
}

/** The owner keys ("org:<id>", "user:<id>") among `owners` that name existing rows. */
async function knownOwnerIds(tx: DbOrTx, owners: OwnerRef[]): Promise<Set<string>> {
	const orgIds = [
		...new Set(owners.filter((o) => o.kind === 'organization' && UUID.test(o.id)).map((o) => o.id))
	];
	const userIds = [
		...new Set(owners.filter((o) => o.kind === 'user' && UUID.test(o.id)).map((o) => o.id))
	];
	const known = new Set<string>();
	if (orgIds.length) {
		for (const r of await tx
			.select({ id: organizations.id })
			.from(organizations)
			.where(inArray(organizations.id, orgIds)))
			known.add(`org:${r.id}`);
	}
	if (userIds.length) {
		for (const r of await tx.select({ id: users.id }).from(users).where(inArray(users.id, userIds)))
			known.add(`user:${r.id}`);
	}
	return known;
}
