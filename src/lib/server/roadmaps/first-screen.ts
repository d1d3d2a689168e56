/**
 * The plan's first screen read in SQL, for a page with no filter. The page shows per task its
 * first page of milestones and per status (the board's columns) its first page in board order
 * ($lib/roadmap/first-screen); reading a 10,000-milestone plan whole to cut 250 rows from it was
 * most of the server's render (140 ms of queries on PGlite). Here the database picks those rows,
 * and counts and sums what they cannot tell: milestones per task and per status, each task's
 * progress rolled up from all its milestones, and every owner named on any milestone (the
 * filter's choices and the people and sectors the page knows). What it returns equals the whole
 * view cut by firstScreen (tests/integration/first-screen-read.test.ts).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../../db/client';
import { milestoneOwners, milestones, organizations, roadmaps, users } from '../../../../db/schema';
import type { PlanCounts } from '../../roadmap/first-screen';
import { MILESTONE_PAGE } from '../../roadmap/paging';
import { progressFromSum } from '../../roadmap/schedule';
import { MILESTONE_STATUSES, type MilestoneStatus } from '../../roadmap/vocabulary';
import { ensureProjected } from './projector';
import {
	assembleView,
	milestoneViewColumns,
	ownerWho,
	ownerWhoView,
	readMilestoneOwnerRows,
	readOwnerRows,
	readTaskRows,
	type OwnerView,
	type RoadmapView
} from './read';

export interface FirstScreenRead {
	/** Every task, each with its first-screen milestones only; progress rolled up from all. */
	view: RoadmapView;
	/** The counts of the whole plan (with no filter, what is shown is all of it). */
	counts: Omit<PlanCounts, 'choices'>;
	/** Everyone named as an owner of any milestone, once each (their roles are not read). */
	milestoneOwners: Omit<OwnerView, 'role' | 'key'>[];
}

export async function readFirstScreen(
	db: DbOrTx,
	roadmapId: string,
	page = MILESTONE_PAGE
): Promise<FirstScreenRead | null> {
	await ensureProjected(db, roadmapId);
	const [roadmap] = await db.select().from(roadmaps).where(eq(roadmaps.id, roadmapId));
	if (!roadmap) return null;
	const ofRoadmap = eq(milestones.roadmapId, roadmapId);
	// The first `page` milestones of each task, and of each status in board order (task order,
	// then the place in the task), as firstScreenIds counts them. Each page is read off an index
	// (milestones_task_order_idx, milestones_task_status_idx): a page per task and one per task
	// and status at most, where ranking every milestone sorted all of a big plan twice.
	const statuses = sql.join(
		MILESTONE_STATUSES.map((status) => sql`(${status}::text)`),
		sql`, `
	);
	const firstIds = sql`(
		select in_task.id from tasks t cross join lateral (
			select m.id from milestones m
			where m.roadmap_id = t.roadmap_id and m.task_id = t.id
			order by m.position, m.id limit ${page}
		) in_task
		where t.roadmap_id = ${roadmapId}
		union
		select in_status.id from (values ${statuses}) s (status) cross join lateral (
			select of_task.id from tasks t cross join lateral (
				select m.id, m.position from milestones m
				where m.roadmap_id = t.roadmap_id and m.task_id = t.id and m.status = s.status
				order by m.position, m.id limit ${page}
			) of_task
			where t.roadmap_id = ${roadmapId}
			order by t.position, t.id, of_task.position, of_task.id limit ${page}
		) in_status
	)`;
	const [taskRows, milestoneRows, ownerRows, msOwnerRows, perTaskAndStatus, ownerList] =
		await Promise.all([
			readTaskRows(db, roadmapId),
			db
				.select(milestoneViewColumns)
				.from(milestones)
				.where(and(ofRoadmap, inArray(milestones.id, firstIds)))
				.orderBy(asc(milestones.position), asc(milestones.id)),
			readOwnerRows(db, roadmapId),
			readMilestoneOwnerRows(db, roadmapId, firstIds),
			// One pass over the plan for both counts: per task (and its roll-up), per status.
			db
				.select({
					taskId: milestones.taskId,
					status: milestones.status,
					total: sql<number>`count(*)::int`,
					sum: sql<number>`coalesce(sum(case when ${milestones.status} = 'done' then 100 else ${milestones.progress} end), 0)::int`
				})
				.from(milestones)
				.where(ofRoadmap)
				.groupBy(milestones.taskId, milestones.status),
			db
				.selectDistinct(ownerWho)
				.from(milestoneOwners)
				.leftJoin(organizations, eq(organizations.id, milestoneOwners.organizationId))
				.leftJoin(users, eq(users.id, milestoneOwners.userId))
				.where(eq(milestoneOwners.roadmapId, roadmapId))
		]);
	const { perTask, perStatus, total } = tally(perTaskAndStatus);
	const view = assembleView(roadmap, taskRows, milestoneRows, ownerRows, msOwnerRows, (t) =>
		progressFromSum(t.progress, perTask.get(t.id)?.counted ?? 0, perTask.get(t.id)?.sum ?? 0)
	);
	return {
		view,
		counts: {
			milestones: total,
			shownMilestones: total,
			perTask: Object.fromEntries([...perTask].map(([taskId, task]) => [taskId, task.total])),
			perStatus
		},
		milestoneOwners: ownerList.map(ownerWhoView).sort((a, b) => a.name.localeCompare(b.name))
	};
}

/**
 * The (task, status) counts summed per task (its milestones, those that count toward progress,
 * which cancelled ones do not, and their progress), per status, and in all.
 */
function tally(rows: { taskId: string; status: MilestoneStatus; total: number; sum: number }[]) {
	const perTask = new Map<string, { total: number; counted: number; sum: number }>();
	const perStatus: Partial<Record<MilestoneStatus, number>> = {};
	let total = 0;
	for (const row of rows) {
		total += row.total;
		perStatus[row.status] = (perStatus[row.status] ?? 0) + row.total;
		const task = perTask.get(row.taskId) ?? { total: 0, counted: 0, sum: 0 };
		perTask.set(row.taskId, task);
		task.total += row.total;
		if (row.status === 'cancelled') continue;
		task.counted += row.total;
		task.sum += row.sum;
	}
	return { perTask, perStatus, total };
}
