/**
 * Fresh databases for integration tests: an in-memory PGlite always, and a brand-new Postgres
 * database when DATABASE_URL names a server (the URL is only used to create and drop our own
 * databases; nothing in it is read or written).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseKind } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';

const adminUrl = process.env.DATABASE_URL?.trim() || undefined;

/** The database kinds this run covers; says out loud when Postgres is left out. */
export function databaseKinds(): DatabaseKind[] {
	if (!adminUrl) {
		if (!warned) {
			console.warn('[tests] DATABASE_URL is not set: the Postgres leg is SKIPPED, PGlite only.');
			warned = true;
		}
		return ['pglite'];
	}
	return ['pglite', 'postgres'];
}
let warned = false;

export interface TestDatabase {
	database: Database;
	/** For Postgres: a connection string to this database (to hand to a child process). */
	url?: string;
	/** Closes the handle and drops the database. */
	dispose(): Promise<void>;
}

/** A new, empty Postgres database; returns its URL and a function that drops it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
	if (!adminUrl) throw new Error('DATABASE_URL is not set');
	const name = `ieum_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	try {
		await admin.query(`create database "${name}"`);
	} finally {
		await admin.end();
	}
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		async drop() {
			const client = new pg.Client({ connectionString: adminUrl });
			await client.connect();
			try {
				await client.query(`drop database if exists "${name}" with (force)`);
			} finally {
				await client.end();
			}
		}
	};
}

export async function createTestDatabase(
	kind: DatabaseKind,
	options: { migrate?: boolean } = {}
): Promise<TestDatabase> {
	let result: TestDatabase;
	if (kind === 'pglite') {
		const database = await openDatabase({ dataDir: 'memory://' });
		result = { database, dispose: () => database.close() };
	} else {
		const created = await createPostgresDatabase();
		const database = await openDatabase({ url: created.url, poolSize: 4 });
		result = {
			database,
			url: created.url,
			async dispose() {
				await database.close().catch(() => {});
				await created.drop();
			}
		};
	}
	if (options.migrate !== false) await migrateDatabase(result.database);
	return result;
}
