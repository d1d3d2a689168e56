import { json, type RequestHandler } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import { appliedMigrationCount, expectedMigrationCount } from '$db/migrate';
import { services } from '$lib/server/context';

/**
 * 200 when the database answers and every shipped migration is applied; 503 with a reason
 * otherwise, and while the instance is stopping (so a balancer sends no one new). Redis being
 * away is reported (`redis: "away"`) but is no reason for 503: every instance keeps serving and
 * committing, and edits still cross instances through the log within seconds.
 */
export const GET: RequestHandler = async () => {
	let database: 'pglite' | 'postgres' | 'unknown' = 'unknown';
	try {
		const { database: handle, collab } = services();
		database = handle.kind;
		const status = collab?.status?.();
		if (status?.stopping) return unhealthy(database, 'stopping');
		const started = performance.now();
		await handle.db.execute(sql`select 1`);
		const latencyMs = Math.round((performance.now() - started) * 10) / 10;
		const [applied, expected] = [await appliedMigrationCount(handle), expectedMigrationCount()];
		if (applied < expected) {
			return unhealthy(database, `database has ${applied} of ${expected} migrations applied`);
		}
		return json(
			{ ok: true, database, migrations: applied, latencyMs, redis: status?.redis ?? 'unused' },
			{ headers: { 'cache-control': 'no-store' } }
		);
	} catch (error) {
		return unhealthy(database, error instanceof Error ? error.message : String(error));
	}
};

const unhealthy = (database: string, reason: string) =>
	json({ ok: false, database, reason }, { status: 503, headers: { 'cache-control': 'no-store' } });
