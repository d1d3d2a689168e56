/**
 * The report API over HTTP against the built app: downloads in every format, bad input, saving,
 * listing and comparing reports, and the promise that a saved report never changes.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	assignOwner,
	setMilestoneField,
	setTaskField,
	unassignOwner
} from '../../src/lib/roadmap/doc';
import { roadmaps } from '../../db/schema';
import { reportDay } from '../../src/lib/report/text';
import { changeRoadmap } from '../../src/lib/server/roadmaps/change';
import { call, startTestApp, type Actor, type TestApp } from '../helpers/app';
import { databaseKinds } from '../helpers/databases';
import { buildUser, grantRole, type BuiltUser } from '../helpers/factories';
import { buildReportRoadmap, IDS } from '../helpers/report-roadmap';

const FORMATS = ['pdf', 'xlsx', 'csv', 'md', 'json'] as const;

describe.each(databaseKinds())('report API on %s', (kind) => {
	let app: TestApp;
	let owner: BuiltUser;
	let editor: BuiltUser;
	let viewer: BuiltUser;
	let roadmapId: string;
	let taskIds: string[];
	const db = () => app.services.database.db;
	const get = (actor: Actor, path: string) =>
		call(app, actor, `/api/v1/roadmaps/${roadmapId}${path}`, {
			headers: { accept: 'application/json' }
		});
	const bytes = async (response: Response) => new Uint8Array(await response.arrayBuffer());
	async function sheetValues(data: Uint8Array) {
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer);
		return workbook.worksheets.map((ws) => ({
			name: ws.name,
			rows: ws.getSheetValues().map((row) => JSON.stringify(row))
		}));
	}

	beforeAll(async () => {
		app = await startTestApp(kind);
		owner = await buildUser(db(), { name: 'Owner' });
		roadmapId = randomUUID();
		({ taskIds } = await buildReportRoadmap(db(), { roadmapId, ownerId: owner.id }));
		editor = await buildUser(db(), { name: '편집자' });
		viewer = await buildUser(db(), { name: 'Viewer' });
		await grantRole(db(), roadmapId, editor.id, 'editor');
		await grantRole(db(), roadmapId, viewer.id, 'viewer');
	});
	afterAll(() => app?.close());

	it('downloads the live report in every format, named after the roadmap', async () => {
		for (const format of FORMATS) {
			const response = await get(viewer.browser, `/report.${format}?lang=en&since=2026-01-01`);
			expect(response.status, format).toBe(200);
			const disposition = response.headers.get('content-disposition')!;
			expect(disposition).toMatch(
				new RegExp(`filename\\*=UTF-8''Korea%20%28%E9%9F%93.*\\.${format}$`)
			);
			expect(response.headers.get('cache-control')).toBe('private, no-store');
			const body = await bytes(response);
			expect(body.length).toBeGreaterThan(200);
			if (format === 'pdf') expect(Buffer.from(body.slice(0, 5)).toString()).toBe('%PDF-');
			if (format === 'xlsx') expect(Buffer.from(body.slice(0, 2)).toString()).toBe('PK');
		}
	});

	it('answers bad input with 400 and a sentence, unknown formats with 404', async () => {
		for (const [query, pattern] of [
			['lang=fr', /lang=ko or lang=en/],
			['since=yesterday', /YYYY-MM-DD/],
			['since=2026-13-01', /does not exist/],
			['since=2999-01-01', /future/],
			['since=0000-01-01', /before 1900/]
		] as const) {
			const response = await get(editor.browser, `/report.csv?${query}`);
			expect(response.status, query).toBe(400);
			expect((await response.json()).error.message).toMatch(pattern);
		}
		const unknown = await get(editor.browser, '/report.docx');
		expect(unknown.status).toBe(404);
		expect((await unknown.json()).error.message).toMatch(/\.pdf, \.xlsx, \.csv, \.md, \.json/);
		const missing = await get(editor.browser, `/reports/${randomUUID()}.md`);
		expect(missing.status).toBe(404);
	});

	it('a saved report stays exactly as it was in every format; compare shows what moved', async () => {
		const viewerSave = await call(app, viewer.browser, `/api/v1/roadmaps/${roadmapId}/reports`, {
			json: {}
		});
		expect(viewerSave.status).toBe(403);
		const save = await call(
			app,
			editor.browser,
			`/api/v1/roadmaps/${roadmapId}/reports?since=2026-01-01`,
			{ json: {} }
		);
		expect(save.status).toBe(201);
		const first = (await save.json()) as { id: string; period: { since: string } };
		// The roadmap was made today, long after 2026-01-01: its report starts then, not before.
		const [made] = await db()
			.select({ at: roadmaps.createdAt })
			.from(roadmaps)
			.where(eq(roadmaps.id, roadmapId));
		expect(first.period.since).toBe(reportDay(made.at));

		const before: Record<string, Uint8Array> = {};
		for (const format of FORMATS)
			for (const lang of ['ko', 'en'])
				before[`${format}.${lang}`] = await bytes(
					await get(viewer.browser, `/reports/${first.id}.${format}?lang=${lang}`)
				);

		// Edit after saving: progress, a status, a slipped due date, owners.
		const [t1, t2] = taskIds;
		const m = taskIds[1].replace('task_2', 'ms_2_1');
		await changeRoadmap(db(), roadmapId, editor.id, (doc) => {
			// Task 1 rolls up from its milestones: done, 80 and 90 make 90 (from 40).
			setMilestoneField(doc, t1.replace('task_1', 'ms_1_2'), 'progress', 80);
			setMilestoneField(doc, t1.replace('task_1', 'ms_1_3'), 'progress', 90);
			setTaskField(doc, t2, 'status', 'in_progress');
			setMilestoneField(doc, m, 'dueDate', '2026-12-31');
			setMilestoneField(doc, taskIds[2].replace('task_3', 'ms_3_1'), 'status', 'done');
			unassignOwner(doc, t1, `org:${IDS.kaist}`);
			assignOwner(doc, t2, { kind: 'organization', id: IDS.chips, role: 'support' });
		});

		for (const format of FORMATS)
			for (const lang of ['ko', 'en']) {
				const after = await bytes(
					await get(viewer.browser, `/reports/${first.id}.${format}?lang=${lang}`)
				);
				if (format === 'xlsx')
					expect(await sheetValues(after)).toEqual(await sheetValues(before[`${format}.${lang}`]));
				else
					expect(Buffer.from(after).equals(Buffer.from(before[`${format}.${lang}`])), format).toBe(
						true
					);
			}
		// …while the live report shows the edit.
		const live = await (await get(viewer.browser, '/report.json')).json();
		expect(live.tasks[0].progress).toBe(90);
		const old = await (await get(viewer.browser, `/reports/${first.id}.json`)).json();
		expect(old.tasks[0].progress).toBe(40);

		const second = (await (
			await call(app, owner.browser, `/api/v1/roadmaps/${roadmapId}/reports`, { json: {} })
		).json()) as { id: string };
		const list = (await (await get(viewer.browser, '/reports')).json()).reports as {
			id: string;
		}[];
		expect(list.map((r) => r.id)).toEqual([second.id, first.id]);

		// Either order: compare reads older → newer.
		const diff = await (
			await get(viewer.browser, `/reports/compare?a=${second.id}&b=${first.id}`)
		).json();
		// Task 3 moved too: its milestone marked done rolls its progress up from 10 to 43.
		expect(diff.tasksMoved.map((t: { taskId: string }) => t.taskId).sort()).toEqual(
			[t1, t2, taskIds[2]].sort()
		);
		expect(diff.tasksMoved.find((t: { taskId: string }) => t.taskId === taskIds[2])).toMatchObject({
			before: { progress: 10 },
			after: { progress: 43 }
		});
		expect(diff.tasksMoved.find((t: { taskId: string }) => t.taskId === t1)).toMatchObject({
			before: { progress: 40 },
			after: { progress: 90 }
		});
		expect(diff.milestonesSlipped).toEqual([
			expect.objectContaining({ id: m, before: '2026-03-01', after: '2026-12-31' })
		]);
		expect(diff.milestonesCompleted).toHaveLength(1);
		expect(diff.milestonesAdded).toEqual([]);
		expect(diff.ownersChanged.map((o: { taskId: string }) => o.taskId).sort()).toEqual(
			[t1, t2].sort()
		);
		const bad = await get(viewer.browser, `/reports/compare?a=${first.id}`);
		expect(bad.status).toBe(400);
	});
});
