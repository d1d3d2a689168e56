/**
 * Renaming a roadmap in its settings from a page that is out of date: the rename someone made
 * meanwhile is not overwritten unseen. The form says who won, keeps what this person typed,
 * and a second save (now from the current titles) goes through.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roadmaps } from '../../db/schema';
import { call, startTestApp, type TestApp } from '../helpers/app';
import { databaseKinds } from '../helpers/databases';
import { buildRoadmap, buildUser } from '../helpers/factories';

describe.each(databaseKinds())('renaming a roadmap on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await startTestApp(kind);
	});
	afterAll(() => app?.close());
	const db = () => app.services.database.db;

	it('refuses a save made from titles someone else has changed since, keeping what was typed', async () => {
		const owner = await buildUser(db(), { name: 'Owner' });
		const roadmap = await buildRoadmap(db(), owner.id, { title: '처음 제목', titleEn: null });
		const actor = { cookie: `${owner.browser.cookie}; PARAGLIDE_LOCALE=en` };
		const rename = (form: Record<string, string>) =>
			call(app, actor, `/roadmaps/${roadmap.id}/settings?/rename`, { form });
		const titles = async () =>
			(
				await db()
					.select({ title: roadmaps.title, titleEn: roadmaps.titleEn })
					.from(roadmaps)
					.where(eq(roadmaps.id, roadmap.id))
			)[0];

		// Tab A renames; tab B, still showing the first title, then saves its own.
		const first = await rename({ title: '탭 A 제목', seenTitle: '처음 제목', seenTitleEn: '' });
		expect(first.status).toBe(200);
		const refused = await rename({
			title: '탭 B 제목',
			titleEn: 'Tab B title',
			seenTitle: '처음 제목',
			seenTitleEn: ''
		});
		expect(refused.status).toBe(409);
		const html = await refused.text();
		expect(html).toContain(
			'Someone else renamed this roadmap to “탭 A 제목” while you were editing'
		);
		expect(html).toContain('value="탭 B 제목"');
		expect(html).toContain('value="Tab B title"');
		// The next save is made from what the page now shows: the other's title.
		expect(html).toContain('name="seenTitle" value="탭 A 제목"');
		expect(await titles()).toEqual({ title: '탭 A 제목', titleEn: null });

		const again = await rename({
			title: '탭 B 제목',
			titleEn: 'Tab B title',
			seenTitle: '탭 A 제목',
			seenTitleEn: ''
		});
		expect(again.status).toBe(200);
		expect(await titles()).toEqual({ title: '탭 B 제목', titleEn: 'Tab B title' });

		// Saving what is already there from a stale page is no conflict; a form without the seen
		// titles (an older page) renames as before.
		const same = await rename({ title: '탭 B 제목', titleEn: 'Tab B title', seenTitle: '옛 제목' });
		expect(same.status).toBe(200);
		expect((await rename({ title: '마지막 제목' })).status).toBe(200);
		expect(await titles()).toEqual({ title: '마지막 제목', titleEn: null });
	});
	it('refuses to rename an archived roadmap, keeping what was typed, and renames it once unarchived', async () => {
		const owner = await buildUser(db(), { name: 'Owner' });
		const roadmap = await buildRoadmap(db(), owner.id, { title: '보관할 로드맵', titleEn: null });
		const actor = { cookie: `${owner.browser.cookie}; PARAGLIDE_LOCALE=ko` };
		const post = (action: string, form: Record<string, string>) =>
			call(app, actor, `/roadmaps/${roadmap.id}/settings?/${action}`, { form });
		expect((await post('archive', { archived: 'true' })).status).toBe(200);
		const refused = await post('rename', { title: '새 이름', seenTitle: '보관할 로드맵' });
		expect(refused.status).toBe(409);
		const html = await refused.text();
		expect(html).toContain('보관된 로드맵은 이름을 바꿀 수 없습니다. 먼저 보관을 해제하세요.');
		expect(html).toContain('value="새 이름"');
		const [row] = await db()
			.select({ title: roadmaps.title })
			.from(roadmaps)
			.where(eq(roadmaps.id, roadmap.id));
		expect(row.title).toBe('보관할 로드맵');
		expect((await post('archive', { archived: 'false' })).status).toBe(200);
		expect((await post('rename', { title: '새 이름', seenTitle: '보관할 로드맵' })).status).toBe(
			200
		);
	});
	it('deletes on the title in either language, and nothing else', async () => {
		const owner = await buildUser(db(), { name: 'Owner' });
		const roadmap = await buildRoadmap(db(), owner.id, {
			title: 'AI 전략 실행계획',
			titleEn: 'AI strategy action plan'
		});
		const actor = { cookie: `${owner.browser.cookie}; PARAGLIDE_LOCALE=en` };
		const remove = (confirm: string) =>
			call(app, actor, `/roadmaps/${roadmap.id}/settings?/delete`, { form: { confirm } });
		const left = async () =>
			(await db().select().from(roadmaps).where(eq(roadmaps.id, roadmap.id))).length;
		for (const wrong of ['AI strategy', ' ', 'ai strategy action plan']) {
			expect((await remove(wrong)).status, wrong).toBe(400);
			expect(await left()).toBe(1);
		}
		const page = await call(app, actor, `/roadmaps/${roadmap.id}/settings`);
		expect(await page.text()).toContain('AI strategy action plan');
		expect((await remove('AI strategy action plan')).status).toBe(303);
		expect(await left()).toBe(0);
	});
});
