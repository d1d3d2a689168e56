/**
 * Keeps the SQL projection (tasks, milestones, task_owners) equal to the doc, and records one
 * activity row per changed field. Runs inside the transaction that appends the updates, so SQL
 * never disagrees with the committed log.
 *
 * Activity is coalesced: a person typing a title commits a batch every few keystrokes, and a row
 * per batch (each with the whole text before and after) would bury a report in hundreds of rows.
 * Consecutive changes of one field of one entity by one person within COALESCE_WINDOW_MS update
 * that person's last row instead (the first `before` stays, `after` and `at` move on).
 */
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type * as Y from 'yjs';
import type { DbOrTx } from '../../../../db/client';
import {
	activity,
	milestones,
	organizations,
	roadmaps,
	taskOwners,
	tasks,
	users
} from '../../../../db/schema';
import {
	ownerKey,
	readRoadmap,
	type MilestoneData,
	type OwnerRef,
	type TaskData
} from '../../roadmap/doc';

/**
 * What the projection rows hold after a commit. A live room keeps it so the next commit can diff
 * against memory instead of reading every row back; it is dropped whenever another writer may
 * have changed the rows (a failed commit, an update from another instance).
 */
export interface ProjectionState {
	overview: { ko: string; en: string };
	tasks: Map<string, Partial<TaskRow> & { id: string }>;
	milestones: Map<string, Partial<MilestoneRow> & { id: string; taskId: string }>;
	owners: Map<string, { taskId: string; ownerKey: string; role: string }>;
	/** Owner keys already known to exist. */
	knownOwners: Set<string>;
}

export interface ProjectionResult {
	/** Owner assignments naming an organization or user that does not exist: not projected. */
	rejectedOwners: { taskId: string; ownerKey: string }[];
	/** Number of activity rows written. */
	changes: number;
	/** The rows as they now are, for the next call. */
	state: ProjectionState;
}

type ActivityRow = typeof activity.$inferInsert;
type TaskRow = Omit<typeof tasks.$inferInsert, 'roadmapId' | 'updatedAt' | 'updatedBy'>;
type MilestoneRow = Omit<typeof milestones.$inferInsert, 'roadmapId' | 'updatedAt' | 'updatedBy'>;

/** Edits of one field by one person closer together than this are one change. */
export const COALESCE_WINDOW_MS = 10 * 60 * 1000;

/** Whole-entity events (created, deleted, owner assigned…) are never merged. */
const MERGEABLE_ENTITIES = new Set(['roadmap', 'task', 'milestone']);
const UNMERGEABLE_FIELDS = new Set(['created', 'deleted']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const taskRow = (t: TaskData): TaskRow => ({
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

const milestoneRow = (m: MilestoneData): MilestoneRow => ({
	id: m.id,
	taskId: m.taskId,
	position: m.position,
	titleKo: m.title.ko,
	titleEn: m.title.en,
	status: m.status,
	dueDate: m.dueDate
});

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Fields of `next` that differ from `prev`, ignoring the key. */
function changedFields<T extends { id: string }>(prev: T, next: T): (keyof T & string)[] {
	return (Object.keys(next) as (keyof T & string)[]).filter(
		(k) => k !== 'id' && !same(prev[k], next[k])
	);
}

async function readState(tx: DbOrTx, roadmapId: string): Promise<ProjectionState> {
	// One after another: inside a transaction they share one connection.
	const [roadmap] = await tx
		.select({ overviewKo: roadmaps.overviewKo, overviewEn: roadmaps.overviewEn })
		.from(roadmaps)
		.where(eq(roadmaps.id, roadmapId));
	const taskRows = await tx.select().from(tasks).where(eq(tasks.roadmapId, roadmapId));
	const milestoneRows = await tx
		.select()
		.from(milestones)
		.where(eq(milestones.roadmapId, roadmapId));
	const ownerRows = await tx.select().from(taskOwners).where(eq(taskOwners.roadmapId, roadmapId));
	return {
		overview: { ko: roadmap?.overviewKo ?? '', en: roadmap?.overviewEn ?? '' },
		tasks: new Map(taskRows.map((r) => [r.id, r])),
		milestones: new Map(milestoneRows.map((r) => [r.id, r])),
		owners: new Map(ownerRows.map((r) => [`${r.taskId} ${r.ownerKey}`, r])),
		knownOwners: new Set(ownerRows.map((r) => r.ownerKey))
	};
}

export async function projectRoadmap(
	tx: DbOrTx,
	roadmapId: string,
	doc: Y.Doc,
	userId: string | null,
	cached?: ProjectionState | null,
	/** The commit's clock (tests move it; production leaves it to the wall clock). */
	now: Date = new Date()
): Promise<ProjectionResult> {
	const previous = cached ?? (await readState(tx, roadmapId));
	const data = readRoadmap(doc);
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

	const [roadmap] = await tx
		.select({ overviewKo: roadmaps.overviewKo, overviewEn: roadmaps.overviewEn })
		.from(roadmaps)
		.where(eq(roadmaps.id, roadmapId));
	if (
		roadmap &&
		(roadmap.overviewKo !== data.overview.ko || roadmap.overviewEn !== data.overview.en)
	) {
		await tx
			.update(roadmaps)
			.set({ overviewKo: data.overview.ko, overviewEn: data.overview.en })
			.where(eq(roadmaps.id, roadmapId));
		if (roadmap.overviewKo !== data.overview.ko)
			record('roadmap', roadmapId, 'overviewKo', roadmap.overviewKo, data.overview.ko);
		if (roadmap.overviewEn !== data.overview.en)
			record('roadmap', roadmapId, 'overviewEn', roadmap.overviewEn, data.overview.en);
	}

	// Tasks first: milestones and owners reference them.
	const nextTasks = new Map(data.tasks.map((t) => [t.id, taskRow(t)]));
	const prevTasks = previous.tasks;
	for (const [id, next] of nextTasks) {
		const prev = prevTasks.get(id);
		if (!prev) {
			await tx.insert(tasks).values({ ...next, roadmapId, updatedAt: now, updatedBy: userId });
			record('task', id, 'created', null, { titleKo: next.titleKo, titleEn: next.titleEn });
			continue;
		}
		const fields = changedFields(prev as TaskRow, next);
		if (!fields.length) continue;
		await tx
			.update(tasks)
			.set({ ...next, updatedAt: now, updatedBy: userId })
			.where(and(eq(tasks.roadmapId, roadmapId), eq(tasks.id, id)));
		for (const f of fields) record('task', id, f, prev[f as keyof typeof prev], next[f]);
	}

	const nextMilestones = new Map(data.milestones.map((m) => [m.id, milestoneRow(m)]));
	const prevMilestones = previous.milestones;
	for (const [id, prev] of prevMilestones) {
		if (nextMilestones.has(id)) continue;
		await tx
			.delete(milestones)
			.where(and(eq(milestones.roadmapId, roadmapId), eq(milestones.id, id)));
		// Milestones of a deleted task go with it; only log the ones deleted on their own.
		if (nextTasks.has(prev.taskId))
			record('milestone', id, 'deleted', { titleKo: prev.titleKo, titleEn: prev.titleEn }, null);
	}

	// Owners: only those naming a real organization or user are projected.
	const wanted = data.tasks.flatMap((t) =>
		Object.entries(t.owners).map(([key, owner]) => ({ taskId: t.id, key, owner }))
	);
	const known = await knownOwnerIds(
		tx,
		wanted.map((w) => w.owner).filter((o) => !previous.knownOwners.has(ownerKey(o)))
	);
	for (const key of previous.knownOwners) known.add(key);
	const rejectedOwners: ProjectionResult['rejectedOwners'] = [];
	const nextOwners = new Map<string, { taskId: string; key: string; owner: OwnerRef }>();
	for (const w of wanted) {
		if (known.has(w.key)) nextOwners.set(`${w.taskId} ${w.key}`, w);
		else rejectedOwners.push({ taskId: w.taskId, ownerKey: w.key });
	}
	const prevOwners = previous.owners;
	for (const [k, prev] of prevOwners) {
		if (nextOwners.has(k)) continue;
		await tx
			.delete(taskOwners)
			.where(
				and(
					eq(taskOwners.roadmapId, roadmapId),
					eq(taskOwners.taskId, prev.taskId),
					eq(taskOwners.ownerKey, prev.ownerKey)
				)
			);
		if (nextTasks.has(prev.taskId))
			record('owner', prev.taskId, 'removed', { owner: prev.ownerKey, role: prev.role }, null);
	}

	for (const [id, next] of nextMilestones) {
		const prev = prevMilestones.get(id);
		if (!prev) {
			await tx.insert(milestones).values({ ...next, roadmapId, updatedAt: now, updatedBy: userId });
			record('milestone', id, 'created', null, {
				taskId: next.taskId,
				titleKo: next.titleKo,
				titleEn: next.titleEn
			});
			continue;
		}
		const fields = changedFields(prev as MilestoneRow, next);
		if (!fields.length) continue;
		await tx
			.update(milestones)
			.set({ ...next, updatedAt: now, updatedBy: userId })
			.where(and(eq(milestones.roadmapId, roadmapId), eq(milestones.id, id)));
		for (const f of fields) record('milestone', id, f, prev[f as keyof typeof prev], next[f]);
	}

	for (const [k, { taskId, key, owner }] of nextOwners) {
		const prev = prevOwners.get(k);
		if (prev && prev.role === owner.role) continue;
		const row = {
			roadmapId,
			taskId,
			ownerKey: key,
			organizationId: owner.kind === 'organization' ? owner.id : null,
			userId: owner.kind === 'user' ? owner.id : null,
			role: owner.role
		};
		if (prev) {
			await tx
				.update(taskOwners)
				.set({ role: owner.role })
				.where(
					and(
						eq(taskOwners.roadmapId, roadmapId),
						eq(taskOwners.taskId, taskId),
						eq(taskOwners.ownerKey, key)
					)
				);
			record(
				'owner',
				taskId,
				'role',
				{ owner: key, role: prev.role },
				{ owner: key, role: owner.role }
			);
		} else {
			await tx.insert(taskOwners).values(row);
			record('owner', taskId, 'assigned', null, { owner: key, role: owner.role });
		}
	}

	// Deleting a task cascades to its milestones and owners in SQL.
	for (const [id, prev] of prevTasks) {
		if (nextTasks.has(id)) continue;
		await tx.delete(tasks).where(and(eq(tasks.roadmapId, roadmapId), eq(tasks.id, id)));
		record('task', id, 'deleted', { titleKo: prev.titleKo, titleEn: prev.titleEn }, null);
	}

	const fresh = await coalesce(tx, roadmapId, userId, now, log);
	if (fresh.length) await tx.insert(activity).values(fresh);
	const state: ProjectionState = {
		overview: { ...data.overview },
		tasks: nextTasks,
		milestones: nextMilestones as ProjectionState['milestones'],
		owners: new Map(
			[...nextOwners].map(([k, { taskId, key, owner }]) => [
				k,
				{ taskId, ownerKey: key, role: owner.role }
			])
		),
		knownOwners: known
	};
	return { rejectedOwners, changes: fresh.length, state };
}

/**
 * Folds the rows of `log` that continue `userId`'s latest edit of the same field (within the
 * window, nobody else's edit of that field in between) into that edit, and returns the rest to be
 * inserted. One query finds the candidates and one statement updates them, however many fields
 * the batch touched.
 */
async function coalesce(
	tx: DbOrTx,
	roadmapId: string,
	userId: string | null,
	now: Date,
	log: ActivityRow[]
): Promise<ActivityRow[]> {
	const mergeable = log.filter(
		(r) => MERGEABLE_ENTITIES.has(r.entityType) && !UNMERGEABLE_FIELDS.has(r.field)
	);
	if (!userId || !mergeable.length) return log;
	const keyOf = (r: { entityType: string; entityId: string; field: string }) =>
		`${r.entityType}\u0000${r.entityId}\u0000${r.field}`;
	const wanted = new Set(mergeable.map(keyOf));
	// The latest row of each touched field in the window, whoever wrote it.
	const latest = await tx
		.selectDistinctOn([activity.entityType, activity.entityId, activity.field], {
			id: activity.id,
			userId: activity.userId,
			entityType: activity.entityType,
			entityId: activity.entityId,
			field: activity.field
		})
		.from(activity)
		.where(
			and(
				eq(activity.roadmapId, roadmapId),
				gte(activity.at, new Date(now.getTime() - COALESCE_WINDOW_MS)),
				inArray(activity.entityId, [...new Set(mergeable.map((r) => r.entityId))]),
				inArray(activity.field, [...new Set(mergeable.map((r) => r.field))])
			)
		)
		.orderBy(
			activity.entityType,
			activity.entityId,
			activity.field,
			sql`${activity.at} desc`,
			sql`${activity.id} desc`
		);
	const continued = new Map<string, number>();
	for (const row of latest)
		if (row.userId === userId && wanted.has(keyOf(row))) continued.set(keyOf(row), row.id);
	if (!continued.size) return log;
	const merged: { id: number; after: unknown }[] = [];
	const rest: ActivityRow[] = [];
	for (const r of log) {
		const id = MERGEABLE_ENTITIES.has(r.entityType) ? continued.get(keyOf(r)) : undefined;
		if (id === undefined || UNMERGEABLE_FIELDS.has(r.field)) rest.push(r);
		else merged.push({ id, after: r.after ?? null });
	}
	const values = sql.join(
		merged.map((m) => sql`(${m.id}::bigint, ${JSON.stringify(m.after)}::jsonb)`),
		sql`, `
	);
	await tx.execute(
		sql`update ${activity} set "after" = v.after, "at" = ${now.toISOString()}::timestamptz
			from (values ${values}) as v(id, after) where ${activity.id} = v.id`
	);
	return rest;
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
