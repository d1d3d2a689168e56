import { sql } from 'drizzle-orm';
import {
	bigint,
	boolean,
	check,
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import { bytea, createdAt, ROADMAP_ROLES, sqlList } from './columns';
import { users } from './identity';

export const roadmaps = pgTable('roadmaps', {
	id: uuid('id').primaryKey().defaultRandom(),
	title: text('title').notNull(),
	/** Optional English title, shown to English readers when set. */
	titleEn: text('title_en'),
	/** Projected from the doc's overview texts (see src/lib/roadmap/doc.ts). */
	overviewKo: text('overview_ko').notNull().default(''),
	overviewEn: text('overview_en').notNull().default(''),
	/** Template the roadmap started from: 'five-tasks' or 'blank'. */
	template: text('template').notNull().default('blank'),
	/** Anyone with the link may read (and export) without signing in. */
	publicRead: boolean('public_read').notNull().default(false),
	/** Marks the seeded demo roadmap; unique so seeding is idempotent. */
	seedKey: text('seed_key').unique(),
	createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: createdAt(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
	/**
	 * Sequence number of the roadmap's last committed update. Writers lock this row while they
	 * append (append_to_logs, migration 0008), so an instance that knows an older value knows it
	 * missed something.
	 */
	lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
	archivedAt: timestamp('archived_at', { withTimezone: true })
});

/**
 * How far each roadmap's projection (tasks, milestones, task_owners, activity, the overview) has
 * caught up with its log: projected_seq <= roadmaps.last_seq; no row means nothing projected yet
 * (0). Commits only advance last_seq; the projector catches up after them (see
 * src/lib/server/roadmaps/projector.ts) and moves projected_seq here, in a row of its own: on
 * the roadmap's row (as until migration 0011) the projector's update held that row until its
 * transaction committed, and the writers' append, which locks the row to draw its sequence
 * numbers, waited for it (measured at 20 roadmaps × 50 peers on Postgres: appends waited up to
 * 13 ms on a projector's commit, a dozen times in 15 s).
 */
export const roadmapProjections = pgTable('roadmap_projections', {
	roadmapId: uuid('roadmap_id')
		.primaryKey()
		.references(() => roadmaps.id, { onDelete: 'cascade' }),
	projectedSeq: bigint('projected_seq', { mode: 'number' }).notNull().default(0)
});

export const roadmapMembers = pgTable(
	'roadmap_members',
	{
		roadmapId: uuid('roadmap_id')
			.notNull()
			.references(() => roadmaps.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ROADMAP_ROLES }).notNull(),
		createdAt: createdAt()
	},
	(t) => [
		primaryKey({ columns: [t.roadmapId, t.userId] }),
		index('roadmap_members_user_idx').on(t.userId),
		check('roadmap_members_role_check', sql.raw(`"role" in (${sqlList(ROADMAP_ROLES)})`))
	]
);

export const invitations = pgTable(
	'invitations',
	{
		/** Public half of the invitation token `<id>.<secret>`. */
		id: text('id').primaryKey(),
		roadmapId: uuid('roadmap_id')
			.notNull()
			.references(() => roadmaps.id, { onDelete: 'cascade' }),
		/** SHA-256 of the secret half, hex. */
		secretHash: text('secret_hash').notNull(),
		role: text('role', { enum: ROADMAP_ROLES }).notNull(),
		/** When set, only this address may accept. */
		email: text('email'),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		maxUses: integer('max_uses').notNull().default(1),
		useCount: integer('use_count').notNull().default(0),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [
		index('invitations_roadmap_idx').on(t.roadmapId),
		check('invitations_role_check', sql.raw(`"role" in (${sqlList(ROADMAP_ROLES)})`)),
		check('invitations_uses_check', sql`${t.useCount} <= ${t.maxUses} and ${t.maxUses} >= 1`)
	]
);

/**
 * Append-only write-ahead log of Yjs updates, one row per committed update.
 * `seq` is global and increasing, so instances catch up with "seq > last seen".
 */
export const roadmapUpdates = pgTable(
	'roadmap_updates',
	{
		seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		roadmapId: uuid('roadmap_id')
			.notNull()
			.references(() => roadmaps.id, { onDelete: 'cascade' }),
		data: bytea('data').notNull(),
		/** Who wrote it; null for server-origin writes (seeding, imports). */
		userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [index('roadmap_updates_roadmap_seq_idx').on(t.roadmapId, t.seq)]
);

/** Compacted state: the merge of every update up to and including `uptoSeq`. */
export const roadmapSnapshots = pgTable('roadmap_snapshots', {
	roadmapId: uuid('roadmap_id')
		.primaryKey()
		.references(() => roadmaps.id, { onDelete: 'cascade' }),
	state: bytea('state').notNull(),
	uptoSeq: bigint('upto_seq', { mode: 'number' }).notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});
