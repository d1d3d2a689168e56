import { sql } from 'drizzle-orm';
import {
	bigint,
	index,
	jsonb,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { users } from './identity';
import { roadmaps } from './roadmaps';

/** One row per changed field: who changed what, when, from what to what. */
export const activity = pgTable(
	'activity',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		roadmapId: uuid('roadmap_id')
			.notNull()
			.references(() => roadmaps.id, { onDelete: 'cascade' }),
		userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		/** 'task' | 'milestone' | 'owner' */
		entityType: text('entity_type').notNull(),
		entityId: text('entity_id').notNull(),
		/** Field name, or 'created' / 'deleted' for whole entities. */
		field: text('field').notNull(),
		before: jsonb('before'),
		after: jsonb('after')
	},
	(t) => [
		index('activity_roadmap_at_idx').on(t.roadmapId, t.at),
		// Deletions by item: whether an item added under an id was deleted before (an undo or a
		// restore, told as such however long after), and the copy a restore reads. Partial: the
		// rows of keystrokes never enter it.
		index('activity_deletions_idx')
			.on(t.roadmapId, t.entityId)
			.where(sql`${t.field} = 'deleted'`)
	]
);

/**
 * Comments on a task, or on one of its milestones (`milestone_id` set): plain SQL, not part of the
 * doc. No foreign key to the projected tasks: the projection can be rebuilt from the log, and a
 * task deleted by mistake and restored keeps its discussion. Deleting keeps the row (shown as
 * "deleted") with its body and mentions cleared.
 */
export const comments = pgTable(
	'comments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		roadmapId: uuid('roadmap_id')
			.notNull()
			.references(() => roadmaps.id, { onDelete: 'cascade' }),
		taskId: text('task_id').notNull(),
		milestoneId: text('milestone_id'),
		userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
		/** Plain text; a mention is written `<@user-uuid>` and shown as the person's name. */
		body: text('body').notNull(),
		/** The members the body mentions, in order of first mention. */
		mentions: uuid('mentions')
			.array()
			.notNull()
			.default(sql`'{}'::uuid[]`),
		createdAt: createdAt(),
		editedAt: timestamp('edited_at', { withTimezone: true }),
		deletedAt: timestamp('deleted_at', { withTimezone: true }),
		deletedBy: uuid('deleted_by').references(() => users.id, { onDelete: 'set null' }),
		resolvedAt: timestamp('resolved_at', { withTimezone: true }),
		resolvedBy: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [
		index('comments_roadmap_created_idx').on(t.roadmapId, t.createdAt),
		index('comments_target_idx').on(t.roadmapId, t.taskId, t.milestoneId, t.createdAt)
	]
);

/** A frozen copy of what an exported progress report said, so it can be reproduced later. */
export const reportSnapshots = pgTable(
	'report_snapshots',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		roadmapId: uuid('roadmap_id')
			.notNull()
			.references(() => roadmaps.id, { onDelete: 'cascade' }),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		format: text('format').notNull(),
		locale: text('locale').notNull(),
		content: jsonb('content').notNull()
	},
	(t) => [index('report_snapshots_roadmap_idx').on(t.roadmapId, t.createdAt)]
);

/**
 * "Someone mentioned you in a comment": one row per mentioned member and comment, read in the
 * app (no mail server needed). Deleting the comment's row (or the member's account, or the
 * roadmap) takes the notice with it; a deleted comment takes its unread notices (see comments.ts).
 */
export const mentionNotifications = pgTable(
	'mention_notifications',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** Who is told: the only person who may read it. */
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		roadmapId: uuid('roadmap_id')
			.notNull()
			.references(() => roadmaps.id, { onDelete: 'cascade' }),
		commentId: uuid('comment_id')
			.notNull()
			.references(() => comments.id, { onDelete: 'cascade' }),
		createdAt: createdAt(),
		readAt: timestamp('read_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('mention_notifications_comment_user_idx').on(t.commentId, t.userId),
		index('mention_notifications_user_idx').on(t.userId, t.createdAt)
	]
);
