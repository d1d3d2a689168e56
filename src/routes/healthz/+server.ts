import { json, type RequestHandler } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import { appliedMigrationCount, expectedMigrationCount } from '$db/migrate';
import { services } from '$lib/server/context';

/** 200 when the database answers and every shipped migration is applied; 503 with a reason otherwise. */
export const GET: RequestHandler = async () => {
	let database: 'pglite' | 'postgres' | 'unknown' = 'unknown';
	try {
		const { database: handle } = services();
		database = handle.kind;
		const started = performance.now();
		await handle.db.execute(sql`select 1`);
		const latencyMs = Math.round((performance.now() - started) * 10) / 10;
		const [applied, expected] = [await appliedMigrationCount(handle), expectedMigrationCount()];
		if (applied < expected) {
			return unhealthy(database, `database has ${applied} of ${expected} migrations applied`);
		}
		return json(
			{ ok: true, database, migrations: applied, latencyMs },
			{ headers: { 'cache-control': 'no-store' } }
		);
	} catch (error) {
		return unhealthy(database, error instanceof Error ? error.message : String(error));
	}
};

const unhealthy = (database: string, reason: string) =>
	json({ ok: false, database, reason }, { status: 503, headers: { 'cache-control': 'no-store' } });
