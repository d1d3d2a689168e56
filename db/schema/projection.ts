/**
 * The relational projection of each roadmap's Y.Doc. Written only by the projector, in the same
 * transaction that appends the updates it reflects; read by reports, search and the JSON API.
 */
import { sql } from 'drizzle-orm';
import {
	check,
	date,
	type AnyPgColumn,
	doublePrecision,
	foreignKey,
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import {
	MILESTONE_STATUSES,
	OWNER_ROLES,
	SECTORS,
	TASK_STATUSES
} from '../../src/lib/roadmap/vocabulary';
import { sqlList } from './columns';
import { organizations, users } from './identity';
import { roadmaps } from './roadmaps';

export const tasks = pgTable(
	'tasks',
	{
		roadmapId: uuid('roadmap_id')
			.notNull()
			.references(() => roadmaps.id, { onDelete: 'cascade' }),
		/** The task's id inside the doc. */
		id: text('id').notNull(),
		position: doublePrecision('position').notNull(),
		titleKo: text('title_ko').notNull().default(''),
		titleEn: text('title_en').notNull().default(''),
		summaryKo: text('summary_ko').notNull().default(''),
		summaryEn: text('summary_en').notNull().default(''),
		status: text('status', { enum: TASK_STATUSES }).notNull().default('planned'),
		progress: integer('progress').notNull().default(0),
		/** Lead sectors the template suggests, until real owners are assigned. */
		suggestedSectors: text('suggested_sectors', { enum: SECTORS })
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		startDate: date('start_date'),
		dueDate: date('due_date'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [
		primaryKey({ columns: [t.roadmapId, t.id] }),
		check('tasks_status_check', sql.raw(`"status" in (${sqlList(TASK_STATUSES)})`)),
		check('tasks_progress_check', sql`${t.progress} between 0 and 100`),
		check(
			'tasks_suggested_sectors_check',
			sql.raw(`"suggested_sectors" <@ array[${sqlList(SECTORS)}]::text[]`)
		)
	]
);

export const milestones = pgTable(
	'milestones',
	{
		roadmapId: uuid('roadmap_id').notNull(),
		id: text('id').notNull(),
		taskId: text('task_id').notNull(),
		position: doublePrecision('position').notNull(),
		titleKo: text('title_ko').notNull().default(''),
		titleEn: text('title_en').notNull().default(''),
		descriptionKo: text('description_ko').notNull().default(''),
		descriptionEn: text('description_en').notNull().default(''),
		status: text('status', { enum: MILESTONE_STATUSES }).notNull().default('planned'),
		/** Set by hand, 0–100; tasks roll it up (src/lib/roadmap/schedule.ts). */
		progress: integer('progress').notNull().default(0),
		/** Readers drop a start after the due date before it gets here, so start ≤ due. */
		startDate: date('start_date'),
		/** No date until someone commits to one; the template never invents dates. */
		dueDate: date('due_date'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [
		primaryKey({ columns: [t.roadmapId, t.id] }),
		foreignKey({
			columns: [t.roadmapId, t.taskId],
			foreignColumns: [tasks.roadmapId, tasks.id]
		}).onDelete('cascade'),
		// A task's milestones in order, and a task's milestones of one status in order: the plan
		// page's first screen takes the first page of each by index alone (first-screen.ts), where
		// ranking every milestone sorted all 10,000 of a big plan twice (70 ms on PGlite). The
		// first also serves the task foreign key's lookups.
		index('milestones_task_order_idx').on(t.roadmapId, t.taskId, t.position, t.id),
		index('milestones_task_status_idx').on(t.roadmapId, t.taskId, t.status, t.position, t.id),
		// The roadmap's order: reports read milestones in pages by (position, id), and without this
		// every page sorted all of a roadmap's milestones again (18 ms a page at 10,000 on PGlite).
		index('milestones_order_idx').on(t.roadmapId, t.position, t.id),
		check('milestones_status_check', sql.raw(`"status" in (${sqlList(MILESTONE_STATUSES)})`)),
		check('milestones_progress_check', sql`${t.progress} between 0 and 100`),
		check(
			'milestones_span_check',
			sql`${t.startDate} is null or ${t.dueDate} is null or ${t.startDate} <= ${t.dueDate}`
		)
	]
);

/**
 * The columns every owner assignment has: its key inside the doc ("org:<uuid>" or
 * "user:<uuid>"), exactly one of an organization or a user, and a RACI role.
 */
const ownerColumns = () => ({
	ownerKey: text('owner_key').notNull(),
	organizationId: uuid('organization_id').references(() => organizations.id, {
		onDelete: 'cascade'
	}),
	userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
	role: text('role', { enum: OWNER_ROLES }).notNull().default('lead')
});

/** The indexes and checks of an owner table named `table`. */
const ownerConstraints = (
	table: string,
	t: { organizationId: AnyPgColumn; userId: AnyPgColumn }
) => [
	index(`${table}_org_idx`).on(t.organizationId),
	index(`${table}_user_idx`).on(t.userId),
	check(`${table}_one_owner_check`, sql`(${t.organizationId} is null) <> (${t.userId} is null)`),
	check(`${table}_role_check`, sql.raw(`"role" in (${sqlList(OWNER_ROLES)})`))
];

/** Who owns a task: an organization or a user, with a RACI role. */
export const taskOwners = pgTable(
	'task_owners',
	{
		roadmapId: uuid('roadmap_id').notNull(),
		taskId: text('task_id').notNull(),
		...ownerColumns()
	},
	(t) => [
		primaryKey({ columns: [t.roadmapId, t.taskId, t.ownerKey] }),
		foreignKey({
			columns: [t.roadmapId, t.taskId],
			foreignColumns: [tasks.roadmapId, tasks.id]
		}).onDelete('cascade'),
		...ownerConstraints('task_owners', t)
	]
);

/** Who owns a milestone: an organization or a user, with a RACI role (as task_owners). */
export const milestoneOwners = pgTable(
	'milestone_owners',
	{
		roadmapId: uuid('roadmap_id').notNull(),
		milestoneId: text('milestone_id').notNull(),
		...ownerColumns()
	},
	(t) => [
		primaryKey({ columns: [t.roadmapId, t.milestoneId, t.ownerKey] }),
		foreignKey({
			columns: [t.roadmapId, t.milestoneId],
			foreignColumns: [milestones.roadmapId, milestones.id]
		}).onDelete('cascade'),
		...ownerConstraints('milestone_owners', t)
	]
);
