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
import { and, asc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../../db/client';
import {
	milestoneOwners,
	milestones,
	organizations,
	roadmaps,
	tasks,
	users
} from '../../../../db/schema';
import type { PlanCounts } from '../../roadmap/first-screen';
import { MILESTONE_PAGE } from '../../roadmap/paging';
import { progressFromSum } from '../../roadmap/schedule';
import type { MilestoneStatus } from '../../roadmap/vocabulary';
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
	// Each milestone's place in its task, and in its status column in board order (task order,
	// then its place in the task), as firstScreenIds counts them.
	const ranked = db.$with('ranked').as(
		db
			.select({
				id: milestones.id,
				inTask:
					sql<number>`row_number() over (partition by ${milestones.taskId} order by ${milestones.position}, ${milestones.id})`.as(
						'in_task'
					),
				inStatus:
					sql<number>`row_number() over (partition by ${milestones.status} order by ${tasks.position}, ${tasks.id}, ${milestones.position}, ${milestones.id})`.as(
						'in_status'
					)
			})
			.from(milestones)
			.innerJoin(
				tasks,
				and(eq(tasks.roadmapId, milestones.roadmapId), eq(tasks.id, milestones.taskId))
			)
			.where(ofRoadmap)
	);
	const firstIds = db
		.with(ranked)
		.select({ id: ranked.id })
		.from(ranked)
		.where(or(lte(ranked.inTask, page), lte(ranked.inStatus, page)));
	const counted = sql`${milestones.status} <> 'cancelled'`;
	const [taskRows, milestoneRows, ownerRows, msOwnerRows, perTaskRows, perStatusRows, ownerList] =
		await Promise.all([
			readTaskRows(db, roadmapId),
			db
				.select(milestoneViewColumns)
				.from(milestones)
				.where(and(ofRoadmap, inArray(milestones.id, firstIds)))
				.orderBy(asc(milestones.position), asc(milestones.id)),
			readOwnerRows(db, roadmapId),
			readMilestoneOwnerRows(db, roadmapId, firstIds),
			db
				.select({
					taskId: milestones.taskId,
					total: sql<number>`count(*)::int`,
					counted: sql<number>`(count(*) filter (where ${counted}))::int`,
					sum: sql<number>`coalesce(sum(case when ${milestones.status} = 'done' then 100 else ${milestones.progress} end) filter (where ${counted}), 0)::int`
				})
				.from(milestones)
				.where(ofRoadmap)
				.groupBy(milestones.taskId),
			db
				.select({ status: milestones.status, total: sql<number>`count(*)::int` })
				.from(milestones)
				.where(ofRoadmap)
				.groupBy(milestones.status),
			db
				.selectDistinct(ownerWho)
				.from(milestoneOwners)
				.leftJoin(organizations, eq(organizations.id, milestoneOwners.organizationId))
				.leftJoin(users, eq(users.id, milestoneOwners.userId))
				.where(eq(milestoneOwners.roadmapId, roadmapId))
		]);
	const sums = new Map(perTaskRows.map((r) => [r.taskId, r]));
	const view = assembleView(roadmap, taskRows, milestoneRows, ownerRows, msOwnerRows, (t) =>
		progressFromSum(t.progress, sums.get(t.id)?.counted ?? 0, sums.get(t.id)?.sum ?? 0)
	);
	const total = perTaskRows.reduce((n, r) => n + r.total, 0);
	return {
		view,
		counts: {
			milestones: total,
			shownMilestones: total,
			perTask: Object.fromEntries(perTaskRows.map((r) => [r.taskId, r.total])),
			perStatus: Object.fromEntries(perStatusRows.map((r) => [r.status, r.total])) as Partial<
				Record<MilestoneStatus, number>
			>
		},
		milestoneOwners: ownerList.map(ownerWhoView).sort((a, b) => a.name.localeCompare(b.name))
	};
}
