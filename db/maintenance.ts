/**
 * The routine upkeep Postgres's autovacuum does, done by the server for PGlite, which cannot do it
 * itself: PGlite is Postgres in one process with no background workers, so nothing ever vacuums
 * or analyzes its tables (its `autovacuum` setting says on; no launcher runs it).
 *
 * Without VACUUM, space that deleted and updated rows held is never reused. The update log is
 * written on every keystroke and emptied by compaction, so an embedded database grew by every
 * byte ever typed: a table taking 5,000 updates of 200 bytes and deleting them grew 1.36 MB each
 * round, round after round; after one VACUUM the next round reused the space (+0.1 MB). Without
 * ANALYZE the planner has no row counts at all: it guessed 47 rows for a roadmap's 10,000
 * milestones, and the plan page's first-screen query took 114 ms where it takes 73 with them.
 *
 * A pass vacuums and analyzes each table with a statement of its own, so the one connection is
 * held ~10–20 ms at a time (on a 5 × 2,000 plan) and a commit waits at most that long behind it.
 * Postgres proper keeps autovacuum; this runs on PGlite only (server/bootstrap.ts).
 */
import type { Database } from './client';

/** The first pass: a minute after start, when start-up's own work is usually over. */
export const FIRST_PASS_AFTER_MS = 60_000;
/** Then one pass this often: a few hundred ms of work in all, in steps of a table each. */
export const PASS_EVERY_MS = 10 * 60_000;

type Exec = { exec(sql: string): Promise<unknown> };
type Query = { query<T>(sql: string): Promise<{ rows: T[] }> };

/** Every table of ours (and drizzle's journal), schema-qualified and quoted. */
const TABLES_SQL = `select format('%I.%I', schemaname, tablename) as name from pg_catalog.pg_tables
	where schemaname not in ('pg_catalog', 'information_schema') order by 1`;

export interface PassResult {
	tables: number;
	/** Every table was done (a stop ends a pass between tables). */
	complete: boolean;
	ms: number;
}

/**
 * VACUUM (ANALYZE) of every table, one at a time; stops between tables once `stopped()` says so.
 * PGlite's client runs each statement outside any transaction (its statements wait for an open
 * transaction to end), which VACUUM needs.
 */
export async function vacuumAndAnalyze(
	database: Database,
	stopped: () => boolean = () => false
): Promise<PassResult> {
	if (database.driver.kind !== 'pglite') throw new Error('autovacuum looks after Postgres');
	const client = database.driver.client as unknown as Exec & Query;
	const started = performance.now();
	const { rows } = await client.query<{ name: string }>(TABLES_SQL);
	let tables = 0;
	for (const { name } of rows) {
		if (stopped()) break;
		await client.exec(`VACUUM (ANALYZE) ${name}`);
		tables++;
	}
	return { tables, complete: tables === rows.length, ms: performance.now() - started };
}

export interface Upkeep {
	/** Ends the schedule; resolves once a pass under way has finished its table. */
	stop(): Promise<void>;
}

export function startUpkeep(
	database: Database,
	options: {
		firstAfterMs?: number;
		/** From the end of one pass to the start of the next. */
		everyMs?: number;
		log?: (message: string) => void;
		/** Told of each pass that did every table (tests). */
		onPass?: (result: PassResult) => void;
	} = {}
): Upkeep {
	const log = options.log ?? (() => {});
	let stopped = false;
	let running: Promise<void> = Promise.resolve();
	let timer: NodeJS.Timeout | undefined;
	const schedule = (ms: number) => {
		if (stopped) return;
		timer = setTimeout(() => (running = pass()), ms);
		timer.unref(); // never what keeps a process alive
	};
	// Never rejects: a failure is logged and the next pass comes as planned.
	const pass = async () => {
		try {
			const result = await vacuumAndAnalyze(database, () => stopped);
			if (result.ms > 2_000)
				log(`vacuumed and analyzed ${result.tables} tables in ${Math.round(result.ms)} ms`);
			if (result.complete) options.onPass?.(result);
		} catch (error) {
			log(`vacuum failed (tried again next time): ${(error as Error)?.message ?? error}`);
		}
		schedule(options.everyMs ?? PASS_EVERY_MS);
	};
	schedule(options.firstAfterMs ?? FIRST_PASS_AFTER_MS);
	return {
		async stop() {
			stopped = true;
			clearTimeout(timer);
			await running;
		}
	};
}
