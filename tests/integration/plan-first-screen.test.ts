/**
 * The plan's server render carries its first screen, not the whole plan: per task the first page
 * of milestones the filter shows, per board column its first page, and the counts those pages
 * cannot tell ("10 of 130" drawn, "show all 130", the filter's "N of M", a column's size). The
 * outline draws the first ten of each task's page, as the live outline's first frame does. The
 * no-JS "show all" link and the sector balance still get every milestone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMilestone, addTask } from '../../src/lib/roadmap/doc';
import { changeRoadmap } from '../../src/lib/server/roadmaps/change';
import { call, startTestApp, type TestApp } from '../helpers/app';
import { databaseKinds } from '../helpers/databases';
import { buildRoadmap, buildUser, type BuiltUser } from '../helpers/factories';

const LONG = 130; // milestones of the long task: 60 done, then 70 in progress
const DONE = 60;

describe.each(databaseKinds())('the plan first screen on %s', (kind) => {
	let app: TestApp;
	let owner: BuiltUser;
	let roadmapId: string;
	let long: string[] = [];
	let short: string[] = [];

	const page = async (path: string) => {
		const response = await call(app, owner.browser, path, {
			headers: { accept: 'text/html', 'accept-language': 'en' }
		});
		expect(response.status).toBe(200);
		return response.text();
	};
	const present = (html: string, ids: string[]) => ids.filter((id) => html.includes(id));

	beforeAll(async () => {
		app = await startTestApp(kind);
		const db = app.services.database.db;
		owner = await buildUser(db, { name: 'Owner' });
		roadmapId = (await buildRoadmap(db, owner.id, { template: 'blank' })).id;
		await changeRoadmap(db, roadmapId, owner.id, (doc) => {
			const longTask = addTask(doc, { title: { en: 'Long task' } });
			const shortTask = addTask(doc, { title: { en: 'Short task' } });
			long = Array.from({ length: LONG }, (_, i) =>
				addMilestone(doc, {
					taskId: longTask,
					title: { en: `Long ${i}` },
					status: i < DONE ? 'done' : 'in_progress',
					position: i
				})
			);
			short = Array.from({ length: 3 }, (_, i) =>
				addMilestone(doc, {
					taskId: shortTask,
					title: { en: `Short ${i}` },
					status: 'in_progress',
					position: i
				})
			);
		});
	});
	afterAll(() => app?.close());

	it('sends the outline a page per task and the counts of the whole', async () => {
		const html = await page(`/roadmaps/${roadmapId}`);
		// The first page of the long task, plus the in-progress column's first page (its 60th–109th
		// milestones minus those already in); never the ones past both.
		expect(present(html, long.slice(0, 50))).toHaveLength(50);
		expect(present(html, long.slice(DONE, DONE + 50))).toHaveLength(50);
		expect(present(html, long.slice(50, DONE))).toEqual([]);
		expect(present(html, long.slice(DONE + 50))).toEqual([]);
		expect(present(html, short)).toHaveLength(3);
		expect(html).toContain(`10 of ${LONG} milestones shown`);
		expect(html).toContain(`Show all ${LONG}`);
	});

	it('filters on the server before it cuts, and counts what the filter shows', async () => {
		const html = await page(`/roadmaps/${roadmapId}?status=in_progress`);
		expect(present(html, long.slice(0, DONE))).toEqual([]);
		expect(present(html, long.slice(DONE, DONE + 50))).toHaveLength(50);
		expect(present(html, long.slice(DONE + 50))).toEqual([]);
		expect(html).toContain(`10 of ${LONG - DONE} milestones shown`);
		expect(html).toContain(`Showing 2 of 2 tasks and ${LONG - DONE + 3} of ${LONG + 3} milestones`);
	});

	it('gives the board its columns’ sizes, and "show all" and the balance every milestone', async () => {
		const board = await page(`/roadmaps/${roadmapId}/board`);
		const counts = [...board.matchAll(/<span class="count[^"]*">(\d+)<\/span>/g)].map((m) =>
			Number(m[1])
		);
		expect(counts).toContain(DONE);
		expect(counts).toContain(LONG - DONE + 3);
		const all = await page(`/roadmaps/${roadmapId}?milestones=all`);
		expect(present(all, long)).toHaveLength(LONG);
		const balance = await page(`/roadmaps/${roadmapId}/balance`);
		expect(present(balance, long)).toHaveLength(LONG);
	});
});
