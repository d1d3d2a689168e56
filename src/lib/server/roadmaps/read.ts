/** Read models for pages, reports and the API: SQL only, never a live Y.Doc. */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../../db/client';
import {
	milestones,
	organizations,
	roadmaps,
	taskOwners,
	tasks,
	users
} from '../../../../db/schema';
import type { MilestoneStatus, OwnerRole, Sector, TaskStatus } from '../../roadmap/vocabulary';
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
	status: MilestoneStatus;
	dueDate: string | null;
}

export interface TaskView {
	id: string;
	titleKo: string;
	titleEn: string;
	summaryKo: string;
	summaryEn: string;
	status: TaskStatus;
	progress: number;
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
	tasks: TaskView[];
}

export async function findDemoRoadmapId(db: DbOrTx): Promise<string | null> {
	const [row] = await db
		.select({ id: roadmaps.id })
		.from(roadmaps)
		.where(and(eq(roadmaps.seedKey, 'demo:five-tasks'), isNull(roadmaps.archivedAt)));
	return row?.id ?? null;
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
			orgId: organizations.id,
			orgName: organizations.name,
			orgNameEn: organizations.nameEn,
			sector: organizations.sector,
			isExample: organizations.isExample,
			userId: users.id,
			userName: users.name
		})
		.from(taskOwners)
		.leftJoin(organizations, eq(organizations.id, taskOwners.organizationId))
		.leftJoin(users, eq(users.id, taskOwners.userId))
		.where(eq(taskOwners.roadmapId, roadmapId))
		.orderBy(asc(taskOwners.taskId), asc(taskOwners.ownerKey));
}

/**
 * The roadmap as its projection has it, including every commit made before the call (the
 * projector may trail commits by a moment; this catches it up first: see ensureProjected).
 */
export async function getRoadmapView(db: DbOrTx, roadmapId: string): Promise<RoadmapView | null> {
	await ensureProjected(db, roadmapId);
	const [roadmap] = await db.select().from(roadmaps).where(eq(roadmaps.id, roadmapId));
	if (!roadmap) return null;
	const [taskRows, milestoneRows, ownerRows] = await Promise.all([
		db
			.select()
			.from(tasks)
			.where(eq(tasks.roadmapId, roadmapId))
			.orderBy(asc(tasks.position), asc(tasks.id)),
		db
			.select()
			.from(milestones)
			.where(eq(milestones.roadmapId, roadmapId))
			.orderBy(asc(milestones.position), asc(milestones.id)),
		readOwnerRows(db, roadmapId)
	]);
	const roleOrder = { lead: 0, support: 1 } as const;
	return {
		id: roadmap.id,
		title: roadmap.title,
		titleEn: roadmap.titleEn,
		overviewKo: roadmap.overviewKo,
		overviewEn: roadmap.overviewEn,
		template: roadmap.template,
		publicRead: roadmap.publicRead,
		updatedAt: roadmap.updatedAt,
		tasks: taskRows.map((t) => ({
			id: t.id,
			titleKo: t.titleKo,
			titleEn: t.titleEn,
			summaryKo: t.summaryKo,
			summaryEn: t.summaryEn,
			status: t.status,
			progress: t.progress,
			suggestedSectors: t.suggestedSectors,
			startDate: t.startDate,
			dueDate: t.dueDate,
			milestones: milestoneRows
				.filter((m) => m.taskId === t.id)
				.map((m) => ({
					id: m.id,
					titleKo: m.titleKo,
					titleEn: m.titleEn,
					status: m.status,
					dueDate: m.dueDate
				})),
			owners: ownerRows
				.filter((o) => o.taskId === t.id)
				.map((o): OwnerView => ({
					key: o.key,
					kind: o.orgId ? 'organization' : 'user',
					id: (o.orgId ?? o.userId)!,
					name: o.orgName ?? o.userName ?? '',
					nameEn: o.orgNameEn,
					sector: o.sector,
					isExample: o.isExample ?? false,
					role: o.role
				}))
				.sort((a, b) => roleOrder[a.role] - roleOrder[b.role] || a.name.localeCompare(b.name))
		}))
	};
}
