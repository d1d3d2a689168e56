import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	index,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uuid
} from 'drizzle-orm/pg-core';
import { createdAt, SECTORS, sqlList } from './columns';

export const users = pgTable(
	'users',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		/** Stored lower-cased; uniqueness is case-insensitive by construction. */
		email: text('email').notNull().unique(),
		name: text('name').notNull(),
		passwordHash: text('password_hash').notNull(),
		/** Preferred UI locale ('ko' | 'en'); null means "follow the browser". */
		locale: text('locale'),
		createdAt: createdAt(),
		passwordChangedAt: timestamp('password_changed_at', { withTimezone: true })
	},
	(t) => [check('users_locale_check', sql`${t.locale} is null or ${t.locale} in ('ko', 'en')`)]
);

export const sessions = pgTable(
	'sessions',
	{
		/** Public half of the token `<id>.<secret>`; the lookup key. */
		id: text('id').primaryKey(),
		/** SHA-256 of the secret half, hex; compared in constant time. The token is never stored. */
		secretHash: text('secret_hash').notNull(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: createdAt(),
		/** Sliding expiry, renewed on use. */
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		/** Hard cap no renewal can pass. */
		absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true }).notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

export const organizations = pgTable(
	'organizations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		name: text('name').notNull(),
		/** Optional English name, shown to English readers. */
		nameEn: text('name_en'),
		sector: text('sector', { enum: SECTORS }).notNull(),
		/** Demo organizations seeded with the example roadmap; shown with an "example" badge. */
		isExample: boolean('is_example').notNull().default(false),
		/** Set only on seeded rows, so seeding can find (and never duplicate) them. */
		seedKey: text('seed_key').unique(),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [
		check('organizations_sector_check', sql.raw(`"sector" in (${sqlList(SECTORS)})`)),
		index('organizations_name_idx').on(t.name)
	]
);

export const organizationMembers = pgTable(
	'organization_members',
	{
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ['admin', 'member'] })
			.notNull()
			.default('member'),
		createdAt: createdAt()
	},
	(t) => [
		primaryKey({ columns: [t.organizationId, t.userId] }),
		index('organization_members_user_idx').on(t.userId)
	]
);

export const apiTokens = pgTable(
	'api_tokens',
	{
		/** Public half of the token `ieum_<id>.<secret>`. */
		id: text('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		/** SHA-256 of the secret half, hex; the token is shown once and never stored. */
		secretHash: text('secret_hash').notNull(),
		createdAt: createdAt(),
		lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
		expiresAt: timestamp('expires_at', { withTimezone: true }),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [index('api_tokens_user_idx').on(t.userId)]
);
