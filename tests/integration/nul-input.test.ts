/**
 * U+0000 in what people and scripts send. Postgres text cannot store it, and a statement that
 * names it fails whole: before, a sign-in with one in the address answered 500, and one in a
 * comment or a roadmap's title failed the write. Forms and JSON bodies drop it; query
 * parameters that reach SQL say what is wrong. Nothing answers 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRoadmap } from '../../src/lib/roadmap/doc';
import { loadRoadmapDoc } from '../../src/lib/server/roadmaps/log';
import { call, startTestApp, type TestApp } from '../helpers/app';
import { databaseKinds } from '../helpers/databases';
import { buildApiClient, buildRoadmap, buildUser, uniqueEmail } from '../helpers/factories';

describe.each(databaseKinds())('U+0000 in requests on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await startTestApp(kind);
	});
	afterAll(() => app?.close());
	const db = () => app.services.database.db;

	it('forms: signing up keeps the name without it; signing in with it is a wrong password, not a 500', async () => {
		const email = uniqueEmail('nul');
		const signup = await call(app, {}, '/signup', {
			form: { name: '김\u0000민지', email, password: '정책 로드맵 2026!' }
		});
		expect(signup.status).toBe(303);
		const cookie = signup.headers.getSetCookie()[0].split(';')[0];
		const me = await call(app, { cookie }, '/api/v1/me', {
			headers: { accept: 'application/json' }
		});
		expect(await me.json()).toMatchObject({ name: '김민지' });

		// Actions that read one field themselves (revoking a token) drop it too.
		const revoke = await call(app, { cookie }, '/profile/tokens?/revoke', {
			form: { id: 'a\u0000b' }
		});
		expect(revoke.status).toBeLessThan(500);

		const login = await call(app, {}, '/login', {
			form: { email: `x\u0000${email}`, password: 'wrong password' }
		});
		expect(login.status).toBe(400);
	});

	it('JSON: a roadmap, an organization and a comment are stored without it', async () => {
		const user = await buildUser(db(), { name: 'Script' });
		const api = await buildApiClient(db(), user.id);
		const created = await call(app, api, '/api/v1/roadmaps', {
			json: { title: '반도체\u0000 로드맵', titleEn: 'Chips\u0000 roadmap' }
		});
		expect(created.status).toBe(201);
		const roadmap = (await created.json()) as { id: string; title: string };
		expect(roadmap.title).toBe('반도체 로드맵');

		const organization = await call(app, api, '/api/v1/organizations', {
			json: { name: '과기정통부\u0000', sector: 'government' }
		});
		expect(organization.status).toBe(201);
		expect(await organization.json()).toMatchObject({ name: '과기정통부' });

		const { doc } = await loadRoadmapDoc(db(), roadmap.id);
		const taskId = readRoadmap(doc).tasks[0].id;
		const comment = await call(app, api, `/api/v1/roadmaps/${roadmap.id}/comments`, {
			json: { taskId, body: '확인\u0000 부탁드립니다' }
		});
		expect(comment.status).toBe(201);
		// A body nested deeper than it can be walked is refused like any unreadable one.
		const deep = await call(app, api, '/api/v1/roadmaps', {
			headers: { 'content-type': 'application/json' },
			method: 'POST'
		});
		expect(deep.status).toBe(400);
		expect(await comment.json()).toMatchObject({ comment: { body: '확인 부탁드립니다' } });
	});

	it('addresses: a search, a filter or an id with it is refused with a message, never a 500', async () => {
		const user = await buildUser(db(), { name: 'Reader' });
		const api = await buildApiClient(db(), user.id);
		const roadmap = await buildRoadmap(db(), user.id);
		const paths = [
			'/api/v1/organizations?q=%00',
			`/api/v1/roadmaps/${roadmap.id}/comments?taskId=a%00b`,
			`/api/v1/roadmaps/${roadmap.id}/report.json?since=2026-01-01%00`,
			`/api/v1/roadmaps/${roadmap.id}%00`
		];
		for (const path of paths) {
			const response = await call(app, api, path, { headers: { accept: 'application/json' } });
			expect({ path, status: response.status }).toEqual({ path, status: 400 });
			expect(await response.json()).toMatchObject({ error: { code: 'invalid_address' } });
		}
		// Pages answer with the app's own error page, in the reader's language.
		for (const [path, lang, words] of [
			[`/roadmaps/${roadmap.id}?person=%00`, 'ko', '주소에 쓸 수 없는 문자(U+0000)'],
			[`/roadmaps/${roadmap.id}%00/timeline`, 'en', 'The address contains a character (U+0000)'],
			['/organizations?q=%00', 'en', 'The address contains a character (U+0000)']
		]) {
			const page = await call(app, api, path, { headers: { cookie: `PARAGLIDE_LOCALE=${lang}` } });
			const html = await page.text();
			expect({ path, status: page.status }).toEqual({ path, status: 400 });
			expect(html).toContain(words);
			expect(html).toContain('<nav'); // the app's header: a page, not a bare line of text
		}
	});
});
