/**
 * insertRowsAsJson (db/json-rows.ts): rows inserted as one JSON parameter read back exactly as
 * drizzle's own insert would have written them, on both databases: every digit of a position,
 * a timestamp's milliseconds, text with quotes, backslashes and line breaks, jsonb of every kind,
 * and NULLs, at a size past Postgres's 65,535-parameter limit for a statement.
 */
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRowsAsJson, updateRowsAsJson } from '../../db/json-rows';
import { activity, milestones, tasks } from '../../db/schema';
import { buildRoadmap, buildUser } from '../helpers/factories';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases';

describe.each(databaseKinds())('inserting rows as JSON on %s', (kind) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await createTestDatabase(kind);
	});
	afterAll(() => t?.dispose());
	/** A blank roadmap with one task, 't1', for milestones to belong to. */
	const roadmapWithTask = async (ownerId: string) => {
		const roadmap = await buildRoadmap(t.database.db, ownerId, { template: 'blank' });
		await t.database.db.insert(tasks).values({ roadmapId: roadmap.id, id: 't1', position: 1 });
		return roadmap;
	};
	const milestonesOf = (roadmapId: string) =>
		t.database.db
			.select()
			.from(milestones)
			.where(eq(milestones.roadmapId, roadmapId))
			.orderBy(asc(milestones.id));

	it('writes what drizzle would, value for value', async () => {
		const db = t.database.db;
		const user = await buildUser(db, { name: 'Writer' });
		const roadmap = await roadmapWithTask(user.id);
		const at = new Date(Date.UTC(2026, 2, 2, 9, 30, 15, 123));
		const rows = [
			{
				roadmapId: roadmap.id,
				id: 'm1',
				taskId: 't1',
				position: 0.1 + 0.2,
				titleKo: '반도체 "초격차" \\ 확보\n둘째 줄',
				titleEn: "It's a {json}-like [title]",
				descriptionKo: '',
				descriptionEn: '',
				status: 'at_risk' as const,
				progress: 35,
				startDate: '2026-03-02',
				dueDate: '2027-01-31',
				updatedAt: at,
				updatedBy: user.id
			},
			{
				roadmapId: roadmap.id,
				id: 'm2',
				taskId: 't1',
				position: 1 / 3,
				titleKo: '',
				titleEn: '',
				descriptionKo: '',
				descriptionEn: '',
				status: 'planned' as const,
				progress: 0,
				startDate: null,
				dueDate: null,
				updatedAt: at,
				updatedBy: null
			}
		];
		await db.execute(insertRowsAsJson(milestones, rows));
		const read = await milestonesOf(roadmap.id);
		expect(read).toEqual(rows);

		// Updated by key: only the rows of this roadmap with those ids change.
		const other = await roadmapWithTask(user.id);
		await db.execute(insertRowsAsJson(milestones, [{ ...rows[1], roadmapId: other.id }]));
		const edited = [
			{ ...rows[0], titleEn: 'Shifted "a week"', startDate: null, position: 2 / 3 },
			{ ...rows[1], status: 'done' as const, progress: 100, dueDate: '2026-12-31' }
		];
		await db.execute(updateRowsAsJson(milestones, ['roadmapId', 'id'], edited));
		const after = await milestonesOf(roadmap.id);
		expect(after).toEqual(edited);
		const [untouched] = await db
			.select()
			.from(milestones)
			.where(eq(milestones.roadmapId, other.id));
		expect(untouched).toEqual({ ...rows[1], roadmapId: other.id });

		const values = [{ organization: 'org:1', role: 'lead' }, 'plain text', 42, true, null, ['a']];
		await db.execute(
			insertRowsAsJson(
				activity,
				values.map((after, i) => ({
					roadmapId: roadmap.id,
					userId: i % 2 ? user.id : null,
					at,
					entityType: 'milestone',
					entityId: 'm1',
					field: `f${i}`,
					before: null,
					after
				}))
			)
		);
		const logged = await db
			.select({
				field: activity.field,
				after: activity.after,
				at: activity.at,
				before: activity.before
			})
			.from(activity)
			.where(eq(activity.roadmapId, roadmap.id))
			.orderBy(asc(activity.field));
		expect(logged.map((r) => r.after)).toEqual(values);
		expect(logged.every((r) => r.at.getTime() === at.getTime() && r.before === null)).toBe(true);
	});

	it('takes 10,000 rows in one statement (140,000 values: past the parameter limit)', async () => {
		const db = t.database.db;
		const user = await buildUser(db, { name: 'Bulk' });
		const roadmap = await roadmapWithTask(user.id);
		const rows = Array.from({ length: 10_000 }, (_, i) => ({
			roadmapId: roadmap.id,
			id: `m${i}`,
			taskId: 't1',
			position: i + 0.5,
			titleKo: `이정표 ${i}`,
			titleEn: `Milestone ${i}`,
			descriptionKo: '',
			descriptionEn: '',
			status: 'planned' as const,
			progress: i % 101,
			startDate: null,
			dueDate: null,
			updatedAt: new Date(),
			updatedBy: user.id
		}));
		await db.execute(insertRowsAsJson(milestones, rows));
		const [last] = await db
			.select({ titleKo: milestones.titleKo, position: milestones.position })
			.from(milestones)
			.where(eq(milestones.id, 'm9999'));
		expect(last).toEqual({ titleKo: '이정표 9999', position: 9999.5 });
		const counted = await db.$count(milestones, eq(milestones.roadmapId, roadmap.id));
		expect(counted).toBe(10_000);
	});
});
