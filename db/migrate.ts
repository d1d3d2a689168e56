/**
 * Applies the committed drizzle-kit migrations. On Postgres several instances may start at once,
 * so the work runs under a session advisory lock; PGlite has a single connection and needs none.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { PGlite } from '@electric-sql/pglite';
import type { Database } from './client';

const MIGRATION_LOCK = 7_305_001;

/** Finds db/migrations from wherever this module was bundled to (source, build/, tests). */
export function migrationsFolder(): string {
	let dir = dirname(fileURLToPath(import.meta.url));
	for (let i = 0; i < 6; i++) {
		for (const candidate of [join(dir, 'migrations'), join(dir, 'db', 'migrations')]) {
			if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
		}
		dir = dirname(dir);
	}
	const fromCwd = resolve('db/migrations');
	if (existsSync(fromCwd)) return fromCwd;
	throw new Error('Cannot find db/migrations: run Ieum from its project folder.');
}

/** How many migrations the code ships, from drizzle-kit's journal. */
export function expectedMigrationCount(folder = migrationsFolder()): number {
	const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8'));
	return journal.entries.length;
}

export async function migrateDatabase(database: Database): Promise<void> {
	const migrationsFolderPath = migrationsFolder();
	const driver = database.driver;
	if (driver.kind === 'pglite') {
		await migratePglite(drizzlePglite(driver.client as PGlite), {
			migrationsFolder: migrationsFolderPath
		});
		return;
	}
	// The lock belongs to a connection, so take, use and release it on one client.
	const client = await driver.pool.connect();
	try {
		await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
		await migratePg(drizzlePg(client), { migrationsFolder: migrationsFolderPath });
	} finally {
		await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
		client.release();
	}
}

/** Number of migrations recorded as applied; 0 when none ever ran. */
export async function appliedMigrationCount(database: Database): Promise<number> {
	const exists = await database.db.execute<{ present: boolean }>(
		sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`
	);
	if (!exists.rows[0]?.present) return 0;
	const result = await database.db.execute<{ n: number }>(
		sql`select count(*)::int as n from drizzle.__drizzle_migrations`
	);
	return Number(result.rows[0]?.n ?? 0);
}
