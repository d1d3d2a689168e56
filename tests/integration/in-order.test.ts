/**
 * inOrder (db/in-order.ts): a transaction's statements issued together run in the order given
 * on both databases, and on Postgres without a second query on a busy client (pg 8 warns that
 * this is deprecated; pg 9 refuses it).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inOrder } from '../../db/in-order';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases';

describe.each(databaseKinds())('statements in order on %s', (kind) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await createTestDatabase(kind);
	});
	afterAll(() => t?.dispose());

	it('runs them in the order given, each seeing the ones before, with no warning', async () => {
		const warnings: string[] = [];
		const onWarning = (warning: Error) => warnings.push(warning.message);
		process.on('warning', onWarning);
		try {
			const seen = await t.database.db.transaction(async (tx) => {
				const [, , , counted] = await inOrder(tx, [
					tx.execute(sql`create temporary table in_order_steps (n int) on commit drop`),
					tx.execute(sql`insert into in_order_steps values (1)`),
					tx.execute(sql`insert into in_order_steps select count(*) + 1 from in_order_steps`),
					tx.execute(sql`select array_agg(n order by n) as steps from in_order_steps`)
				]);
				return counted.rows[0] as { steps: number[] };
			});
			expect(seen.steps).toEqual([1, 2]);
			await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on a tick
			expect(warnings.filter((w) => /already executing a query/.test(w))).toEqual([]);
		} finally {
			process.off('warning', onWarning);
		}
	});

	it('rejects with the first failure, and the transaction rolls back whole', async () => {
		const failed = await t.database.db
			.transaction(async (tx) => {
				await inOrder(tx, [
					tx.execute(sql`create temporary table in_order_kept (n int)`),
					tx.execute(sql`select 1 / 0`),
					tx.execute(sql`insert into in_order_kept values (1)`)
				]);
			})
			.catch((error: Error) => error);
		expect(failed).toBeInstanceOf(Error);
		expect(String((failed as Error & { cause?: Error }).cause ?? failed)).toMatch(
			/division by zero/
		);
		const left = await t.database.db.execute(
			sql`select count(*)::int as n from pg_tables where tablename = 'in_order_kept'`
		);
		expect(left.rows[0]).toEqual({ n: 0 });
	});
});
