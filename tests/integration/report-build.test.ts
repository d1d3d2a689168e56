import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { reportSnapshots } from '../../db/schema';
import {
	assignMilestoneOwner,
	readRoadmap,
	setMilestoneField,
	setTaskField
} from '../../src/lib/roadmap/doc';
import { commitBatches } from '../../src/lib/server/roadmaps/commit';
import { loadRoadmapDoc } from '../../src/lib/server/roadmaps/log';
import { changeRoadmap } from '../../src/lib/server/roadmaps/change';
import {
	buildReport,
	parseReportQuery,
	readReportPages,
	readReportSource
} from '../../src/lib/server/reports/build';
import { parseSourcePages } from '../../src/lib/server/reports/source-pages';
import { describeChange } from '../../src/lib/report/text';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases';
import { buildRoadmap, buildUser } from '../helpers/factories';
import { buildReportRoadmap, IDS, REPORT_NOW, REPORT_SINCE } from '../helpers/report-roadmap';

describe.each(databaseKinds())('building a report on %s', (kind) => {
	let handle: TestDatabase;
	beforeAll(async () => {
		handle = await createTestDatabase(kind);
		await buildReportRoadmap(handle.database.db);
	});
	afterAll(() => handle?.dispose());

	it('puts tasks in order, milestones in their sections and changes into sentences', async () => {
		const report = await buildReport(handle.database.db, IDS.roadmap, {
			since: REPORT_SINCE,
			now: REPORT_NOW
		});
		expect(report.period).toEqual({ since: '2026-02-01', until: '2026-03-15' });
		expect(report.tasks.map((t) => t.progress)).toEqual([40, 25, 10, 100, 55]);
		expect(report.overall.progress).toBe(46);
		expect(report.tasks[4].title.ko).toMatch(/^韓國 /);
		// Done in the period: the two milestones Lee marked done.
		expect(report.sections.doneInPeriod.sort()).toEqual(['ms_1_1', 'ms_4_1']);
		// Overdue: open, due before 2026-03-15.
		for (const id of report.sections.overdue) {
			const m = report.milestones.find((x) => x.id === id)!;
			expect(m.dueDate! < '2026-03-15' && m.status !== 'done').toBe(true);
		}
		expect(report.sections.overdue.length).toBeGreaterThan(0);
		// Due soon: within 90 days, sorted by due date.
		const soon = report.sections.dueNext90Days.map(
			(id) => report.milestones.find((m) => m.id === id)!.dueDate!
		);
		expect(soon).toEqual([...soon].sort());
		expect(soon.every((d) => d >= '2026-03-15' && d <= '2026-06-13')).toBe(true);
		// Open milestones of at-risk (task 2) and delayed (task 5) tasks.
		expect(report.sections.atRiskOrBlocked).toContain('ms_2_2');
		// Sectors: task 1 is owned by industry + academia.
		// Only owners count: tasks 3 and 5 have none, so no sector claims them (their template's
		// suggested sectors are a suggestion). Lee (a person) counts for his chip maker's sector.
		expect(Object.fromEntries(report.bySector.map((g) => [g.key, g.tasks]))).toEqual({
			government: 2,
			industry: 2,
			academia: 1,
			other: 0
		});
		expect(report.byOrganization[0].tasks).toBe(2);
		const sentences = report.changes.map((c) => describeChange(c, 'en'));
		expect(sentences).toContain(
			"김민지 (Ministry of Science and ICT) changed the status of 'Next-generation memory semiconductor technology' from planned to in progress, 2026-02-10"
		);
		expect(sentences.some((s) => s.includes('assigned Memory chip maker as lead'))).toBe(true);
		expect(report.changes.every((c) => c.at >= '2026-01-31T15:00:00.000Z')).toBe(true);
	});

	it('reads the same milestones and changes in pages of 3 rows as in one page', async () => {
		const opts = { since: REPORT_SINCE, now: REPORT_NOW };
		const whole = await readReportSource(handle.database.db, IDS.roadmap, opts);
		const pages = await readReportPages(handle.database.db, IDS.roadmap, { ...opts, pageRows: 3 });
		expect(pages.milestonePages.length).toBeGreaterThan(2);
		expect(pages.activityPages.length).toBeGreaterThan(2);
		const paged = parseSourcePages(pages);
		expect(paged.milestones.map((m) => m.id)).toEqual(whole.milestones.map((m) => m.id));
		expect(paged).toEqual(whole);
		// Values as the database holds them: dates as days, times as instants, JSON as values.
		expect(whole.milestones.some((m) => /^\d{4}-\d{2}-\d{2}$/.test(m.dueDate ?? ''))).toBe(true);
		expect(whole.activity.every((a) => a.at instanceof Date && !isNaN(a.at.getTime()))).toBe(true);
		expect(whole.activity.some((a) => a.after !== null && typeof a.after === 'object')).toBe(true);
	});

	it('includes a change committed before it was asked for but not yet projected', async () => {
		const db = handle.database.db;
		const park = await buildUser(db, { name: 'Park' });
		const roadmap = await buildRoadmap(db, park.id);
		// Committed to the log only, as when the projector lags behind the writers.
		const { doc, lastSeq } = await loadRoadmapDoc(db, roadmap.id);
		const taskId = readRoadmap(doc).tasks[0].id;
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		setTaskField(doc, taskId, 'progress', 35);
		await db.transaction((tx) =>
			commitBatches(tx, roadmap.id, lastSeq, [
				{ userId: park.id, updates: [Y.mergeUpdates(updates)] }
			])
		);
		const report = await buildReport(db, roadmap.id);
		expect(
			report.changes.filter((c) => c.field === 'progress').map((c) => [c.before, c.after])
		).toEqual([[0, 35]]);
	});

	it('starts the period no earlier than the day the roadmap was made', async () => {
		const db = handle.database.db;
		// Made on 2025-12-01 (the fixture): a start typed as 1900.01.01 would stretch the report's
		// timeline over a century of nothing.
		const early = await buildReport(db, IDS.roadmap, { since: '1900-01-01', now: REPORT_NOW });
		expect(early.period).toEqual({ since: '2025-12-01', until: '2026-03-15' });
		// The day it was made is in the period, with its template's rows.
		const madeThatDay = (r: typeof early) => r.changes.filter((c) => c.at < '2025-12-02').length;
		expect(madeThatDay(early)).toBeGreaterThan(0);
		const later = await buildReport(db, IDS.roadmap, { since: '2025-12-02', now: REPORT_NOW });
		expect(later.period.since).toBe('2025-12-02');
		expect(madeThatDay(later)).toBe(0);
		expect(later.changes.length).toBeLessThan(early.changes.length);
		// A report dated before the roadmap was made keeps a period of one day, not a reversed one.
		const before = await buildReport(db, IDS.roadmap, {
			since: '2025-01-01',
			now: new Date('2025-06-01T03:00:00Z')
		});
		expect(before.period).toEqual({ since: '2025-06-01', until: '2025-06-01' });
	});

	it('starts the period at the last saved report, else 90 days ago', async () => {
		const db = handle.database.db;
		const first = await buildReport(db, IDS.roadmap, { now: REPORT_NOW });
		expect(first.period.since).toBe('2025-12-15');
		await db.insert(reportSnapshots).values({
			roadmapId: IDS.roadmap,
			format: 'report',
			locale: 'ko',
			content: first,
			createdAt: new Date('2026-03-01T05:00:00Z')
		});
		const second = await buildReport(db, IDS.roadmap, { now: REPORT_NOW });
		expect(second.period.since).toBe('2026-03-01');
		expect(second.trend.map((p) => p.date)).toEqual(['2026-03-01', '2026-03-15']);
		expect(second.trend[0].tasks.task_1).toBe(40);
	});

	it("shows a milestone's own owners, start and progress, and rolls a task's progress up from them", async () => {
		await changeRoadmap(handle.database.db, IDS.roadmap, IDS.kim, (doc) => {
			assignMilestoneOwner(doc, 'ms_1_2', { kind: 'user', id: IDS.lee, role: 'consulted' });
			setMilestoneField(doc, 'ms_1_2', 'startDate', '2026-02-01');
			setMilestoneField(doc, 'ms_1_3', 'progress', 60);
		});
		const report = await buildReport(handle.database.db, IDS.roadmap, {
			since: REPORT_SINCE,
			now: REPORT_NOW
		});
		const byId = new Map(report.milestones.map((m) => [m.id, m]));
		expect(byId.get('ms_1_2')).toMatchObject({ startDate: '2026-02-01', progress: 20 });
		expect(byId.get('ms_1_2')!.owners).toEqual([
			expect.objectContaining({ kind: 'user', id: IDS.lee, role: 'consulted' })
		]);
		// Without owners of its own, a milestone is its task's responsibility.
		expect(byId.get('ms_1_3')!.owners.map((o) => o.role)).toEqual(['lead', 'support']);
		// Task 1: done (100), 20 and now 60 make 60; its hand-set 40 no longer counts.
		expect(report.tasks[0].progress).toBe(60);
		// People are not organizations: Lee is not listed beside them, but counts for his own, the
		// chip maker, which leads task 1 and is on task 4 only through him (support).
		expect(report.byOrganization.map((g) => g.key)).not.toContain(IDS.lee);
		expect(report.byOrganization.find((g) => g.key === IDS.chips)).toEqual({
			key: IDS.chips,
			label: { ko: '메모리 반도체 기업', en: 'Memory chip maker' },
			sector: 'industry',
			tasks: 2,
			progress: Math.round((report.tasks[0].progress + report.tasks[3].progress) / 2)
		});
	});

	it('leaves a cancelled milestone out of the counts, as the roadmap page does', async () => {
		const build = () =>
			buildReport(handle.database.db, IDS.roadmap, { since: REPORT_SINCE, now: REPORT_NOW });
		const before = await build();
		await changeRoadmap(handle.database.db, IDS.roadmap, IDS.kim, (doc) => {
			setMilestoneField(doc, 'ms_1_3', 'status', 'cancelled');
		});
		const after = await build();
		expect(after.tasks[0].milestones.total).toBe(before.tasks[0].milestones.total - 1);
		expect(after.tasks[0].milestones.done).toBe(before.tasks[0].milestones.done);
		expect(after.overall.milestones).toBe(before.overall.milestones - 1);
		// Still listed, with its state, for whoever looks for it.
		expect(after.milestones.find((m) => m.id === 'ms_1_3')?.status).toBe('cancelled');
	});
});

describe('report query', () => {
	const q = (s: string) => parseReportQuery(new URL(`http://x/r?${s}`), 'ko', REPORT_NOW);
	it('accepts a language and a past date', () => {
		expect(q('lang=en&since=2026-01-31')).toEqual({ lang: 'en', since: '2026-01-31' });
		expect(q('')).toEqual({ lang: 'ko', since: undefined });
	});
	it('refuses unknown languages and bad, impossible or future dates with a sentence', () => {
		expect(() => q('lang=fr')).toThrow(/use lang=ko or lang=en/);
		expect(() => q('since=31/01/2026')).toThrow(/YYYY-MM-DD/);
		expect(() => q('since=2026-02-30')).toThrow(/does not exist/);
		expect(() => q('since=2026-03-16')).toThrow(/future/);
		// Years the database's timestamps cannot hold were a 500 once.
		for (const since of ['0000-01-01', '0001-01-01', '1899-12-31'])
			expect(() => q(`since=${since}`), since).toThrow(/before 1900/);
		expect(q('since=1900-01-01').since).toBe('1900-01-01');
	});
});
