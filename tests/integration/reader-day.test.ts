/**
 * A server render counts "overdue" in the reader's day, which the page tells the server with its
 * time zone cookie: the same milestone is overdue for a reader whose day has moved on and not for
 * one whose day has not, whatever zone the server itself runs in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/lib/report/dates';
import { addMilestone, addTask } from '../../src/lib/roadmap/doc';
import { dayIn } from '../../src/lib/roadmap/reader-day';
import { changeRoadmap } from '../../src/lib/server/roadmaps/change';
import { call, startTestApp, type TestApp } from '../helpers/app';
import { buildRoadmap, buildUser, type BuiltUser } from '../helpers/factories';

// 25 hours apart: at any instant Kiritimati's day is one or two days after Pago Pago's.
const AHEAD = 'Pacific/Kiritimati';
const BEHIND = 'Pacific/Pago_Pago';

describe("the plan's server render and the reader's day", () => {
	let app: TestApp;
	let owner: BuiltUser;
	let roadmapId: string;
	let milestoneId = '';

	const overdueHtml = (zoneCookie: string | null) => html(zoneCookie, '?due=overdue');
	const html = async (zoneCookie: string | null, query = '') => {
		const cookie = [owner.browser.cookie, zoneCookie && `tz=${zoneCookie}`]
			.filter(Boolean)
			.join('; ');
		const response = await call(app, { cookie }, `/roadmaps/${roadmapId}${query}`, {
			headers: { accept: 'text/html', 'accept-language': 'en' }
		});
		expect(response.status).toBe(200);
		return response.text();
	};

	beforeAll(async () => {
		app = await startTestApp('pglite');
		const db = app.services.database.db;
		owner = await buildUser(db, { name: 'Owner' });
		roadmapId = (await buildRoadmap(db, owner.id, { template: 'blank' })).id;
		// Due yesterday for the reader ahead: not yet due for the reader behind.
		const dueDate = addDays(dayIn(AHEAD)!, -1);
		await changeRoadmap(db, roadmapId, owner.id, (doc) => {
			const taskId = addTask(doc, { title: { en: 'Chips' } });
			milestoneId = addMilestone(doc, {
				taskId,
				title: { en: 'Fab line certified' },
				status: 'in_progress',
				dueDate
			});
		});
	});
	afterAll(() => app?.close());

	it('is overdue for the reader whose day has moved on, not for the one whose has not', async () => {
		expect(await overdueHtml(encodeURIComponent(AHEAD))).toContain(milestoneId);
		expect(await overdueHtml(encodeURIComponent(BEHIND))).not.toContain(milestoneId);
	});

	it('falls back to the server’s day for a zone it does not know, and still answers', async () => {
		// (Whether the milestone is overdue then depends on the hour: only the answer is checked.)
		for (const zone of ['Mars%2FOlympus', '%E0%A4%A', 'x'.repeat(300)]) {
			expect(await html(zone)).toContain('Fab line');
			await overdueHtml(zone);
		}
	});
});
