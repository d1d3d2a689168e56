import { count, eq, isNull } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase } from '../../db/client';
import { appliedMigrationCount, expectedMigrationCount, migrateDatabase } from '../../db/migrate';
import {
	milestones,
	organizations,
	roadmaps,
	roadmapUpdates,
	taskOwners,
	tasks
} from '../../db/schema';
import { seedDatabase } from '../../db/seed';
import { fiveTasks } from '../../src/lib/roadmap/templates/five-tasks';
import { readRoadmap } from '../../src/lib/roadmap/doc';
import { applyTemplate } from '../../src/lib/roadmap/templates';
import { loadRoadmapDoc } from '../../src/lib/server/roadmaps/log';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases';

describe.each(databaseKinds())('migrations and seed on %s', (kind) => {
	let handles: TestDatabase[] = [];
	const fresh = async (options?: { migrate?: boolean }) => {
		const handle = await createTestDatabase(kind, options);
		handles.push(handle);
		return handle.database;
	};
	afterEach(async () => {
		await Promise.all(handles.map((h) => h.dispose()));
		handles = [];
	});

	it('applies every migration once, and again is a no-op', async () => {
		const database = await fresh({ migrate: false });
		expect(await appliedMigrationCount(database)).toBe(0);
		await migrateDatabase(database);
		expect(await appliedMigrationCount(database)).toBe(expectedMigrationCount());
		await migrateDatabase(database);
		expect(await appliedMigrationCount(database)).toBe(expectedMigrationCount());
	});

	it('seeds the five-task demo roadmap in both languages, its dates marked as examples (the template has none)', async () => {
		const database = await fresh();
		const { created, demoRoadmapId } = await seedDatabase(database);
		expect(created).toBe(true);

		const [roadmap] = await database.db
			.select()
			.from(roadmaps)
			.where(eq(roadmaps.id, demoRoadmapId));
		expect(roadmap.publicRead).toBe(true);
		expect(roadmap.overviewKo).toContain('딥시크');
		expect(roadmap.overviewEn).toContain('DeepSeek');

		const taskRows = await database.db
			.select()
			.from(tasks)
			.where(eq(tasks.roadmapId, demoRoadmapId))
			.orderBy(tasks.position);
		expect(taskRows.map((t) => t.titleKo)).toEqual(fiveTasks.tasks.map((t) => t.title.ko));
		expect(taskRows.map((t) => t.titleEn)).toEqual(fiveTasks.tasks.map((t) => t.title.en));
		expect(taskRows[0].titleKo).toBe('차세대 메모리 반도체 기술 개발');
		for (const task of taskRows) {
			expect(task.summaryKo.length).toBeGreaterThan(20);
			expect(task.summaryEn.length).toBeGreaterThan(20);
			expect(task.startDate).toBeNull();
			expect(task.dueDate).toBeNull();
			expect(task.suggestedSectors.length).toBeGreaterThan(0);
		}
		expect(taskRows[0].suggestedSectors).toEqual(['industry', 'academia']);
		expect(taskRows[3].suggestedSectors).toEqual(['government']);
		expect(taskRows[4].suggestedSectors).toEqual(['government']);

		const milestoneRows = await database.db
			.select()
			.from(milestones)
			.where(eq(milestones.roadmapId, demoRoadmapId));
		const expectedMilestones = fiveTasks.tasks.reduce((n, t) => n + t.milestones.length, 0);
		expect(milestoneRows).toHaveLength(expectedMilestones);
		expect(milestoneRows.every((m) => m.titleKo && m.titleEn)).toBe(true);
		// The demo's dates are examples, and each dated step says so; nothing starts out overdue.
		const today = new Date().toISOString().slice(0, 10);
		for (const m of milestoneRows) {
			expect(m.startDate! < m.dueDate!).toBe(true);
			expect(m.dueDate! >= today).toBe(true);
			expect(m.descriptionKo).toContain('예시 일정');
			expect(m.descriptionEn).toContain('Example dates');
		}
		expect(new Set(milestoneRows.map((m) => m.status))).toEqual(
			new Set(['in_progress', 'planned', 'at_risk'])
		);
		// A roadmap made from the template starts undated: the source gives no dates.
		const fromTemplate = new Y.Doc();
		applyTemplate(fromTemplate, fiveTasks);
		expect(
			readRoadmap(fromTemplate).milestones.every((m) => m.startDate === null && m.dueDate === null)
		).toBe(true);
		expect(milestoneRows.map((m) => m.titleKo)).toContain(
			'PIM(Processing-in-Memory) 기술 경쟁력 확보'
		);

		const orgs = await database.db.select().from(organizations);
		expect(new Set(orgs.map((o) => o.sector))).toEqual(
			new Set(['government', 'industry', 'academia'])
		);
		expect(orgs.every((o) => o.isExample)).toBe(true);

		const owners = await database.db
			.select()
			.from(taskOwners)
			.where(eq(taskOwners.roadmapId, demoRoadmapId));
		expect(owners.filter((o) => o.role === 'lead')).toHaveLength(5);
	});

	it('keeps the projection equal to the doc rebuilt from the log', async () => {
		const database = await fresh();
		const { demoRoadmapId } = await seedDatabase(database);
		const { doc, lastSeq } = await loadRoadmapDoc(database.db, demoRoadmapId);
		expect(lastSeq).toBeGreaterThan(0);
		const fromDoc = readRoadmap(doc);
		const taskRows = await database.db
			.select()
			.from(tasks)
			.where(eq(tasks.roadmapId, demoRoadmapId))
			.orderBy(tasks.position);
		expect(taskRows.map((t) => [t.id, t.titleKo, t.titleEn, t.summaryEn])).toEqual(
			fromDoc.tasks.map((t) => [t.id, t.title.ko, t.title.en, t.summary.en])
		);
		const ownerCount = fromDoc.tasks.reduce((n, t) => n + Object.keys(t.owners).length, 0);
		const [{ n }] = await database.db
			.select({ n: count() })
			.from(taskOwners)
			.where(eq(taskOwners.roadmapId, demoRoadmapId));
		expect(n).toBe(ownerCount);
	});

	it('seeds only once, however often it runs', async () => {
		const database = await fresh();
		const first = await seedDatabase(database);
		const second = await seedDatabase(database);
		expect(second).toEqual({ created: false, demoRoadmapId: first.demoRoadmapId });
		const counts = async () => ({
			roadmaps: (await database.db.select({ n: count() }).from(roadmaps))[0].n,
			orgs: (await database.db.select({ n: count() }).from(organizations))[0].n,
			tasks: (await database.db.select({ n: count() }).from(tasks))[0].n,
			updates: (await database.db.select({ n: count() }).from(roadmapUpdates))[0].n
		});
		expect(await counts()).toEqual({ roadmaps: 1, orgs: 6, tasks: 5, updates: 1 });
		expect(
			(
				await database.db.select({ n: count() }).from(roadmaps).where(isNull(roadmaps.archivedAt))
			)[0].n
		).toBe(1);
	});

	it.runIf(kind === 'postgres')('is safe when two instances start at once', async () => {
		const primary = await createTestDatabase(kind, { migrate: false });
		handles.push(primary);
		const other = await openDatabase({ url: primary.url, poolSize: 2 });
		try {
			await Promise.all([migrateDatabase(primary.database), migrateDatabase(other)]);
			const results = await Promise.all([seedDatabase(primary.database), seedDatabase(other)]);
			expect(results.filter((r) => r.created)).toHaveLength(1);
			expect(results[0].demoRoadmapId).toBe(results[1].demoRoadmapId);
			expect((await other.db.select({ n: count() }).from(roadmaps))[0].n).toBe(1);
		} finally {
			await other.close();
		}
	});
});
