/** Read models for pages, reports and the API: SQL only, never a live Y.Doc. */
import { and, asc, eq, inArray, isNull, type SQLWrapper } from 'drizzle-orm';
import type { DbOrTx } from '../../../../db/client';
import {
	milestoneOwners,
	milestones,
	organizations,
	roadmaps,
	taskOwners,
	tasks,
	users
} from '../../../../db/schema';
import { roadmapProgress, taskProgress } from '../../roadmap/schedule';
import {
	OWNER_ROLES,
	type MilestoneStatus,
	type OwnerRole,
	type Sector,
	type TaskStatus
} from '../../roadmap/vocabulary';
import { ensureProjected } from './projector';

export interface OwnerView {
	key: string;
	kind: 'organization' | 'user';
	id: string;
	name: string;
	nameEn: string | null;
	sector: Sector | null;
	isExample: boolean;
	role: OwnerRole;
}

export interface MilestoneView {
	id: string;
	titleKo: string;
	titleEn: string;
	descriptionKo: string;
	descriptionEn: string;
	status: MilestoneStatus;
	progress: number;
	startDate: string | null;
	dueDate: string | null;
	owners: OwnerView[];
}

export interface TaskView {
	id: string;
	titleKo: string;
	titleEn: string;
	summaryKo: string;
	summaryEn: string;
	status: TaskStatus;
	/** Set by hand; counts only while the task has no milestone that counts (see rolledUpProgress). */
	progress: number;
	/** From the milestones (src/lib/roadmap/schedule.ts taskProgress). */
	rolledUpProgress: number;
	suggestedSectors: Sector[];
	startDate: string | null;
	dueDate: string | null;
	owners: OwnerView[];
	milestones: MilestoneView[];
}

export interface RoadmapView {
	id: string;
	title: string;
	titleEn: string | null;
	overviewKo: string;
	overviewEn: string;
	template: string;
	publicRead: boolean;
	updatedAt: Date;
	/** The mean of the tasks' rolled-up progress. */
	progress: number;
	tasks: TaskView[];
}

export async function findDemoRoadmapId(db: DbOrTx): Promise<string | null> {
	const [row] = await db
		.select({ id: roadmaps.id })
		.from(roadmaps)
		.where(and(eq(roadmaps.seedKey, 'demo:five-tasks'), isNull(roadmaps.archivedAt)));
	return row?.id ?? null;
}

/** Who an owner row names: its organization or its person (the other side is null). */
export const ownerWho = {
	orgId: organizations.id,
	orgName: organizations.name,
	orgNameEn: organizations.nameEn,
	sector: organizations.sector,
	isExample: organizations.isExample,
	userId: users.id,
	userName: users.name
};

/** A roadmap's tasks in their order. */
export function readTaskRows(db: DbOrTx, roadmapId: string) {
	return db
		.select()
		.from(tasks)
		.where(eq(tasks.roadmapId, roadmapId))
		.orderBy(asc(tasks.position), asc(tasks.id));
}

/**
 * The owners of a roadmap's tasks, each with its organization or person joined in (whichever the
 * owner is), ordered by task and owner key. The editor's view and the report both read them here.
 */
export function readOwnerRows(db: DbOrTx, roadmapId: string) {
	return db
		.select({
			taskId: taskOwners.taskId,
			key: taskOwners.ownerKey,
			role: taskOwners.role,
			...ownerWho
		})
		.from(taskOwners)
		.leftJoin(organizations, eq(organizations.id, taskOwners.organizationId))
		.leftJoin(users, eq(users.id, taskOwners.userId))
		.where(eq(taskOwners.roadmapId, roadmapId))
		.orderBy(asc(taskOwners.taskId), asc(taskOwners.ownerKey));
}

/**
 * The owners of a roadmap's milestones (of those whose ids `only` selects, when given), joined like
 * readOwnerRows, ordered by milestone and key.
 */
export function readMilestoneOwnerRows(db: DbOrTx, roadmapId: string, only?: SQLWrapper) {
	return db
		.select({
			milestoneId: milestoneOwners.milestoneId,
			key: milestoneOwners.ownerKey,
			role: milestoneOwners.role,
			...ownerWho
		})
		.from(milestoneOwners)
		.leftJoin(organizations, eq(organizations.id, milestoneOwners.organizationId))
		.leftJoin(users, eq(users.id, milestoneOwners.userId))
		.where(
			and(
				eq(milestoneOwners.roadmapId, roadmapId),
				only ? inArray(milestoneOwners.milestoneId, only) : undefined
			)
		)
		.orderBy(asc(milestoneOwners.milestoneId), asc(milestoneOwners.ownerKey));
}

/** What a milestone's view shows: ten of its fourteen columns. */
export const milestoneViewColumns = {
	id: milestones.id,
	taskId: milestones.taskId,
	titleKo: milestones.titleKo,
	titleEn: milestones.titleEn,
	descriptionKo: milestones.descriptionKo,
	descriptionEn: milestones.descriptionEn,
	status: milestones.status,
	progress: milestones.progress,
	startDate: milestones.startDate,
	dueDate: milestones.dueDate
};

/**
 * The roadmap as its projection has it, including every commit made before the call (the
 * projector may trail commits by a moment; this catches it up first: see ensureProjected).
 */
export async function getRoadmapView(db: DbOrTx, roadmapId: string): Promise<RoadmapView | null> {
	await ensureProjected(db, roadmapId);
	const [roadmap] = await db.select().from(roadmaps).where(eq(roadmaps.id, roadmapId));
	if (!roadmap) return null;
	const [taskRows, milestoneRows, ownerRows, msOwnerRows] = await Promise.all([
		readTaskRows(db, roadmapId),
		db
			.select(milestoneViewColumns)
			.from(milestones)
			.where(eq(milestones.roadmapId, roadmapId))
			.orderBy(asc(milestones.position), asc(milestones.id)),
		readOwnerRows(db, roadmapId),
		readMilestoneOwnerRows(db, roadmapId)
	]);
	return assembleView(roadmap, taskRows, milestoneRows, ownerRows, msOwnerRows, (t, ms) =>
		taskProgress(t.progress, ms)
	);
}

/** A milestone as milestoneViewColumns reads it. */
type MilestoneRow = Omit<MilestoneView, 'owners'> & { taskId: string };

/**
 * The view from the rows read: tasks in order with their milestones (in the rows' order) and
 * owners; each task's rolled-up progress from `rolledUp`, given the task and the milestones here.
 */
export function assembleView(
	roadmap: typeof roadmaps.$inferSelect,
	taskRows: (typeof tasks.$inferSelect)[],
	milestoneRows: MilestoneRow[],
	ownerRows: (OwnerRow & { taskId: string })[],
	msOwnerRows: (OwnerRow & { milestoneId: string })[],
	rolledUp: (task: typeof tasks.$inferSelect, milestones: MilestoneView[]) => number
): RoadmapView {
	// Grouped once: filtering the whole list per task and per milestone grows with their product
	// (10,000 milestones × 10,000 owner rows on a large plan).
	const milestonesOf = groupRows(milestoneRows, (m) => m.taskId);
	const ownersOfTask = groupRows(ownerRows, (o) => o.taskId);
	const ownersOfMilestone = groupRows(msOwnerRows, (o) => o.milestoneId);
	const taskViews = taskRows.map((t): TaskView => {
		const ms = (milestonesOf.get(t.id) ?? []).map((m): MilestoneView => ({
			id: m.id,
			titleKo: m.titleKo,
			titleEn: m.titleEn,
			descriptionKo: m.descriptionKo,
			descriptionEn: m.descriptionEn,
			status: m.status,
			progress: m.progress,
			startDate: m.startDate,
			dueDate: m.dueDate,
			owners: ownerViews(ownersOfMilestone.get(m.id) ?? [])
		}));
		return {
			id: t.id,
			titleKo: t.titleKo,
			titleEn: t.titleEn,
			summaryKo: t.summaryKo,
			summaryEn: t.summaryEn,
			status: t.status,
			progress: t.progress,
			rolledUpProgress: rolledUp(t, ms),
			suggestedSectors: t.suggestedSectors,
			startDate: t.startDate,
			dueDate: t.dueDate,
			milestones: ms,
			owners: ownerViews(ownersOfTask.get(t.id) ?? [])
		};
	});
	return {
		id: roadmap.id,
		title: roadmap.title,
		titleEn: roadmap.titleEn,
		overviewKo: roadmap.overviewKo,
		overviewEn: roadmap.overviewEn,
		template: roadmap.template,
		publicRead: roadmap.publicRead,
		updatedAt: roadmap.updatedAt,
		progress: roadmapProgress(taskViews.map((t) => t.rolledUpProgress)),
		tasks: taskViews
	};
}

export type OwnerRow = {
	key: string;
	role: OwnerRole;
	orgId: string | null;
	orgName: string | null;
	orgNameEn: string | null;
	sector: Sector | null;
	isExample: boolean | null;
	userId: string | null;
	userName: string | null;
};

/** Owners as the API shows them: by role (lead first, as OWNER_ROLES orders them), then name. */
function ownerViews(rows: OwnerRow[]): OwnerView[] {
	return rows
		.map((o): OwnerView => ({ key: o.key, ...ownerWhoView(o), role: o.role }))
		.sort(
			(a, b) =>
				OWNER_ROLES.indexOf(a.role) - OWNER_ROLES.indexOf(b.role) || a.name.localeCompare(b.name)
		);
}

/** Who an owner row (ownerWho's columns) names, as the views show them. */
export function ownerWhoView(o: Omit<OwnerRow, 'key' | 'role'>): Omit<OwnerView, 'key' | 'role'> {
	return {
		kind: o.orgId ? 'organization' : 'user',
		id: (o.orgId ?? o.userId)!,
		name: o.orgName ?? o.userName ?? '',
		nameEn: o.orgNameEn,
		sector: o.sector,
		isExample: o.isExample ?? false
	};
}

/** Rows by a key, each group in the rows' order. */
function groupRows<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const row of rows) {
		const key = keyOf(row);
		const group = groups.get(key);
		if (group) group.push(row);
		else groups.set(key, [row]);
	}
	return groups;
}
