// What a bench's server asked of Postgres, as a count rather than wall-clock (which other work on
// a shared machine distorts): the CPU the bench database's backends used between two readings.
// Only for a database on this machine (/proc is read). Not transactions: pg_stat_database learns
// of them up to 10 s late (a backend going idle reports its counts on a timer), so a reading
// taken after the sign-ups counted their transactions among the edits'.
import pg from 'pg';
import { cpuMs } from './lib.mjs';

/** A reading of `url`'s database now; null when `url` is not set. */
export async function readPostgresUsage(url) {
	if (!url) return null;
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		const { rows } = await client.query(
			`select array(select pid from pg_stat_activity
				where datname = current_database() and pid <> pg_backend_pid()) as pids`
		);
		const backends = new Map(rows[0].pids.map((pid) => [pid, cpuMs(pid)]));
		return { backends };
	} finally {
		await client.end();
	}
}

/**
 * Backend CPU between `before` and `after`. A backend that started in between counts from 0; one
 * that ended in between is lost (the server's pool keeps its connections while it is busy).
 */
export function postgresUsageBetween(before, after) {
	if (!before || !after) return null;
	let cpu = 0;
	for (const [pid, end] of after.backends) {
		const start = before.backends.get(pid) ?? 0;
		if (Number.isFinite(end) && Number.isFinite(start)) cpu += end - start;
	}
	return { cpuMs: cpu };
}
