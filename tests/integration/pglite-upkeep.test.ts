/**
 * PGlite's upkeep (db/maintenance.ts): PGlite never vacuums or analyzes by itself, so the log's
 * deleted rows kept their space for good and the planner had no row counts. A pass frees the
 * space for reuse and gives the planner its counts, in-process and on the worker thread the
 * server uses; the schedule runs passes until stopped.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client';
import { startUpkeep, vacuumAndAnalyze, type PassResult } from '../../db/maintenance';
import { migrateDatabase } from '../../db/migrate';
import { roadmapUpdates, roadmaps } from '../../db/schema';
import { assertBuilt } from '../helpers/server-process';

assertBuilt();
const workerEntry = pathToFileURL(resolve('build/pglite-worker.js'));

const ROWS = 2_000;
const ROW_BYTES = 300;

describe.each([
	['in-process', undefined],
	['on the worker thread', workerEntry]
])('PGlite upkeep, %s', (_where, pgliteWorker) => {
	let database: Database;
	let roadmapId: string;
	beforeAll(async () => {
		database = await openDatabase({ dataDir: 'memory://', pgliteWorker });
		await migrateDatabase(database);
		const [row] = await database.db.insert(roadmaps).values({ title: '로그 정리' }).returning();
		roadmapId = row!.id;
	});
	afterAll(() => database?.close());

	const logBytes = async () => {
		const {
			rows: [row]
		} = await database.db.execute<{ bytes: number }>(
			sql`select pg_total_relation_size('roadmap_updates')::int as bytes`
		);
		return Number(row!.bytes);
	};
	/** A stretch of typing then a compaction: the log takes rows, then they are deleted. */
	const typeThenCompact = async () => {
		const data = new Uint8Array(ROW_BYTES).fill(7);
		for (let i = 0; i < ROWS; i += 500)
			await database.db
				.insert(roadmapUpdates)
				.values(Array.from({ length: 500 }, () => ({ roadmapId, data })));
		await database.db.delete(roadmapUpdates).where(eq(roadmapUpdates.roadmapId, roadmapId));
	};

	it('lets the log reuse the space of deleted rows, which it never did without a pass', async () => {
		await typeThenCompact();
		const first = await logBytes();
		await typeThenCompact();
		const grownWithout = (await logBytes()) - first;
		// The defect the pass is for: the second round took new space as if the first still held it.
		expect(grownWithout).toBeGreaterThan((ROWS * ROW_BYTES) / 2);

		const beforePass = await logBytes();
		const pass = await vacuumAndAnalyze(database);
		expect(pass.tables).toBeGreaterThan(10);
		// With a pass between rounds the log holds no more than it did before the pass.
		await typeThenCompact();
		expect(await logBytes()).toBeLessThanOrEqual(beforePass);
		await vacuumAndAnalyze(database);
		await typeThenCompact();
		expect(await logBytes()).toBeLessThanOrEqual(beforePass);
	});

	it('gives the planner the row counts it had none of', async () => {
		const reltuples = async () => {
			const {
				rows: [row]
			} = await database.db.execute<{ n: number }>(
				sql`select reltuples::int as n from pg_class where relname = 'roadmap_updates'`
			);
			return Number(row!.n);
		};
		const data = new Uint8Array(8);
		await database.db
			.insert(roadmapUpdates)
			.values(Array.from({ length: 700 }, () => ({ roadmapId, data })));
		// Left at the count of the last pass (0: the log was empty then) however many rows came.
		expect(await reltuples()).not.toBe(700);
		const columnStats = async () => {
			const {
				rows: [row]
			} = await database.db.execute<{ n: number }>(
				sql`select count(*)::int as n from pg_stats where tablename = 'roadmap_updates'`
			);
			return Number(row!.n);
		};
		expect(await columnStats()).toBe(0);
		await vacuumAndAnalyze(database);
		expect(await reltuples()).toBe(700);
		// ANALYZE's part: what the planner knows of each column's values.
		expect(await columnStats()).toBeGreaterThan(0);
	});

	it('waits for an open transaction instead of running inside it (VACUUM cannot)', async () => {
		let release = () => {};
		const held = new Promise<void>((r) => (release = r));
		let passDone = false;
		const transaction = database.db.transaction(async (tx) => {
			await tx.insert(roadmaps).values({ title: 'open while a pass starts' });
			await held;
		});
		await new Promise((r) => setTimeout(r, 50)); // the transaction is open
		const pass = vacuumAndAnalyze(database).then((result) => {
			passDone = true;
			return result;
		});
		await new Promise((r) => setTimeout(r, 200));
		expect(passDone).toBe(false);
		release();
		await transaction;
		expect((await pass).complete).toBe(true);
	});

	it('runs passes on its schedule until stopped, and never one after', async () => {
		const passes: PassResult[] = [];
		const upkeep = startUpkeep(database, {
			firstAfterMs: 10,
			everyMs: 10,
			onPass: (result) => passes.push(result)
		});
		await expect.poll(() => passes.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
		await upkeep.stop();
		const done = passes.length;
		await new Promise((r) => setTimeout(r, 200));
		expect(passes.length).toBe(done);
		expect(passes.every((p) => p.complete && p.tables > 10)).toBe(true);
	});
});
