/**
 * Group commit: rooms that commit in the same moment share one statement (group-append.ts). Each
 * roadmap still gets its own rows in its own order and its own sequence numbers; a deleted
 * roadmap or one bad write in the group fails only its own caller. The appender is the server's
 * (groupAppenderFor): on Postgres its statement is a named, prepared one.
 */
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roadmapUpdates, roadmaps } from '../../db/schema';
import { GroupAppender, groupAppenderFor } from '../../src/lib/server/roadmaps/group-append';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases';
import { buildRoadmap, buildUser, type BuiltUser } from '../helpers/factories';

const bytes = (...values: number[]) => new Uint8Array(values);

describe.each(databaseKinds())('group append on %s', (kind) => {
	let t: TestDatabase;
	let kim: BuiltUser;
	let lee: BuiltUser;
	const db = () => t.database.db;
	const logOf = async (roadmapId: string) =>
		(
			await db()
				.select({ data: roadmapUpdates.data, userId: roadmapUpdates.userId })
				.from(roadmapUpdates)
				.where(eq(roadmapUpdates.roadmapId, roadmapId))
				.orderBy(asc(roadmapUpdates.seq))
		).map((r) => ({ data: [...r.data], userId: r.userId }));
	const lastSeqOf = async (roadmapId: string) =>
		(await db().select().from(roadmaps).where(eq(roadmaps.id, roadmapId)))[0].lastSeq;

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		kim = await buildUser(db(), { name: 'Kim' });
		lee = await buildUser(db(), { name: 'Lee' });
	});
	afterAll(() => t?.dispose());

	it('appends of several roadmaps asked at once go in one statement, each in its own order', async () => {
		const maps = await Promise.all([0, 1, 2].map(() => buildRoadmap(db(), kim.id)));
		const before = await Promise.all(maps.map((m) => lastSeqOf(m.id)));
		const logsBefore = await Promise.all(maps.map((m) => logOf(m.id)));
		const appender = groupAppenderFor(t.database);
		const answers = await Promise.all(
			maps.map((m, i) =>
				appender.append(m.id, [
					{ userId: kim.id, data: bytes(i, 1) },
					{ userId: lee.id, data: bytes(i, 2) },
					{ userId: null, data: bytes(i, 3) }
				])
			)
		);
		expect(appender.stats).toEqual({ statements: 1, appends: 3 });
		for (const [i, m] of maps.entries()) {
			expect(answers[i].previousSeq).toBe(before[i]);
			expect(answers[i].seq).toBe(await lastSeqOf(m.id));
			expect(answers[i].seq).toBeGreaterThan(before[i]);
			expect((await logOf(m.id)).slice(logsBefore[i].length)).toEqual([
				{ data: [i, 1], userId: kim.id },
				{ data: [i, 2], userId: lee.id },
				{ data: [i, 3], userId: null }
			]);
		}
	});

	it('a second append for a roadmap already in the group waits for the next statement', async () => {
		const map = await buildRoadmap(db(), kim.id);
		const before = await logOf(map.id);
		const appender = groupAppenderFor(t.database);
		const [first, second] = await Promise.all([
			appender.append(map.id, [{ userId: kim.id, data: bytes(7) }]),
			appender.append(map.id, [{ userId: lee.id, data: bytes(8) }])
		]);
		expect(appender.stats.statements).toBe(2);
		expect(second.previousSeq).toBe(first.seq);
		expect((await logOf(map.id)).slice(before.length).map((r) => r.data)).toEqual([[7], [8]]);
	});

	it('a statement carries a bounded number of rows; what does not fit goes in the next', async () => {
		const maps = await Promise.all([0, 1, 2].map(() => buildRoadmap(db(), kim.id)));
		const appender = groupAppenderFor(t.database, { maxRows: 3 });
		const two = (n: number) => [
			{ userId: kim.id, data: bytes(n, 1) },
			{ userId: kim.id, data: bytes(n, 2) }
		];
		const answers = await Promise.all(maps.map((m, i) => appender.append(m.id, two(i))));
		expect(appender.stats).toEqual({ statements: 3, appends: 3 });
		for (const [i, m] of maps.entries()) {
			expect(answers[i].seq).toBe(await lastSeqOf(m.id));
			expect((await logOf(m.id)).slice(-2).map((r) => r.data)).toEqual([
				[i, 1],
				[i, 2]
			]);
		}
	});

	it('a deleted roadmap or a bad write fails only its own append', async () => {
		const [kept, deleted, bad] = await Promise.all([0, 1, 2].map(() => buildRoadmap(db(), kim.id)));
		await db().delete(roadmaps).where(eq(roadmaps.id, deleted.id));
		const before = await logOf(kept.id);
		const appender = groupAppenderFor(t.database);
		const unknownUser = '00000000-0000-4000-8000-000000000000';
		const [ok, gone, refused] = await Promise.allSettled([
			appender.append(kept.id, [{ userId: kim.id, data: bytes(1) }]),
			appender.append(deleted.id, [{ userId: kim.id, data: bytes(2) }]),
			appender.append(bad.id, [{ userId: unknownUser, data: bytes(3) }])
		]);
		expect(ok).toMatchObject({ status: 'fulfilled', value: { previousSeq: expect.any(Number) } });
		expect(gone).toEqual({ status: 'fulfilled', value: { previousSeq: null, seq: 0 } });
		expect(refused.status).toBe('rejected');
		expect((await logOf(kept.id)).slice(before.length).map((r) => r.data)).toEqual([[1]]);
		// The group failed on the bad row, and each was tried again on its own.
		expect(appender.stats).toEqual({ statements: 4, appends: 6 });
	});

	it('a database that refuses named statements gets the statement unnamed, and no write is lost', async () => {
		const map = await buildRoadmap(db(), kim.id);
		const before = await logOf(map.id);
		let tried = 0;
		const told: string[] = [];
		// What Postgres answers through a pooler that gave the statement to another connection.
		const appender = new GroupAppender(db(), {
			maxGroup: 1,
			prepared: async () => {
				tried++;
				throw Object.assign(new Error('prepared statement "ieum_append_to_logs" does not exist'), {
					code: '26000'
				});
			},
			log: (message) => told.push(message)
		});
		// Two roadmaps at once, a statement each (maxGroup 1), both in flight when refused.
		const other = await buildRoadmap(db(), kim.id);
		const [first, beside] = await Promise.all([
			appender.append(map.id, [{ userId: kim.id, data: bytes(6) }]),
			appender.append(other.id, [{ userId: kim.id, data: bytes(9) }])
		]);
		const second = await appender.append(map.id, [{ userId: lee.id, data: bytes(7) }]);
		expect(second.previousSeq).toBe(first.seq);
		expect(beside.seq).toBe(await lastSeqOf(other.id));
		expect((await logOf(map.id)).slice(before.length).map((r) => r.data)).toEqual([[6], [7]]);
		expect((await logOf(other.id)).map((r) => r.data)).toContainEqual([9]);
		expect(tried).toBe(2);
		expect(told).toEqual([expect.stringContaining('commits go unnamed')]);
	});

	it.runIf(kind === 'postgres')(
		'on Postgres the statement is prepared once for the connection that ran it',
		async () => {
			const { driver } = t.database;
			if (driver.kind !== 'postgres') throw new Error('a Postgres database was expected');
			const map = await buildRoadmap(db(), kim.id);
			const appender = groupAppenderFor(t.database);
			const first = await appender.append(map.id, [{ userId: kim.id, data: bytes(4) }]);
			const second = await appender.append(map.id, [{ userId: lee.id, data: bytes(5) }]);
			expect(second.previousSeq).toBe(first.seq);
			expect((await logOf(map.id)).slice(-2).map((r) => r.data)).toEqual([[4], [5]]);
			// The pool hands out the client it got back last: the one that ran the second append.
			const client = await driver.pool.connect();
			try {
				const { rows } = await client.query<{ name: string }>(
					'select name from pg_prepared_statements'
				);
				expect(rows.map((r) => r.name)).toContain('ieum_append_to_logs');
			} finally {
				client.release();
			}
		}
	);
});
