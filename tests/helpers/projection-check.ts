/**
 * What a caught-up projection must hold: every task, milestone and known owner of the doc, each
 * row equal to what the doc says, and nothing else.
 */
import { eq } from 'drizzle-orm';
import type * as Y from 'yjs';
import type { DbOrTx } from '../../db/client';
import { milestoneOwners, milestones, roadmaps, taskOwners, tasks } from '../../db/schema';
import { readRoadmap } from '../../src/lib/roadmap/doc';
import { milestoneRow, taskRow } from '../../src/lib/server/roadmaps/projection';

export async function projectionOf(db: DbOrTx, roadmapId: string) {
	const [roadmap] = await db
		.select({ ko: roadmaps.overviewKo, en: roadmaps.overviewEn })
		.from(roadmaps)
		.where(eq(roadmaps.id, roadmapId));
	const taskRows = await db.select().from(tasks).where(eq(tasks.roadmapId, roadmapId));
	const milestoneRows = await db
		.select()
		.from(milestones)
		.where(eq(milestones.roadmapId, roadmapId));
	const ownerRows = await db.select().from(taskOwners).where(eq(taskOwners.roadmapId, roadmapId));
	const msOwnerRows = await db
		.select()
		.from(milestoneOwners)
		.where(eq(milestoneOwners.roadmapId, roadmapId));
	return {
		overview: roadmap,
		tasks: taskRows.map((r) => pick(r, Object.keys(taskRowKeys))).sort(byId),
		milestones: milestoneRows.map((r) => pick(r, Object.keys(milestoneRowKeys))).sort(byId),
		owners: ownerRows.map((r) => `${r.taskId} ${r.ownerKey} ${r.role}`).sort(),
		milestoneOwners: msOwnerRows.map((r) => `${r.milestoneId} ${r.ownerKey} ${r.role}`).sort()
	};
}

/** The same shape, computed from the doc alone. */
export function expectedProjection(doc: Y.Doc) {
	const data = readRoadmap(doc);
	return {
		overview: data.overview,
		tasks: data.tasks.map((t) => pick(taskRow(t), Object.keys(taskRowKeys))).sort(byId),
		milestones: data.milestones
			.map((m) => pick(milestoneRow(m), Object.keys(milestoneRowKeys)))
			.sort(byId),
		owners: data.tasks
			.flatMap((t) => Object.entries(t.owners).map(([key, o]) => `${t.id} ${key} ${o.role}`))
			.sort(),
		milestoneOwners: data.milestones
			.flatMap((m) => Object.entries(m.owners).map(([key, o]) => `${m.id} ${key} ${o.role}`))
			.sort()
	};
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const taskRowKeys = {
	id: 1,
	position: 1,
	titleKo: 1,
	titleEn: 1,
	summaryKo: 1,
	summaryEn: 1,
	status: 1,
	progress: 1,
	suggestedSectors: 1,
	startDate: 1,
	dueDate: 1
};
const milestoneRowKeys = {
	id: 1,
	taskId: 1,
	position: 1,
	titleKo: 1,
	titleEn: 1,
	descriptionKo: 1,
	descriptionEn: 1,
	status: 1,
	progress: 1,
	startDate: 1,
	dueDate: 1
};

function pick(row: object, keys: string[]): { id: string } & Record<string, unknown> {
	const r = row as Record<string, unknown>;
	return Object.fromEntries(keys.map((k) => [k, r[k] ?? null])) as { id: string } & Record<
		string,
		unknown
	>;
}
