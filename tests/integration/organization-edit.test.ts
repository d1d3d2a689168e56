/**
 * Correcting an organization: its admins may, and so may whoever added it as an owner (the
 * owner picker's inline "new organization", which nobody belongs to), to fix a partner's name or
 * give it an English one. Nobody else may, nor a plain member; a refused change leaves it as it
 * was.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations } from '../../db/schema';
import {
	addOrganizationMember,
	createOrganization
} from '../../src/lib/server/accounts/organizations';
import { call, startTestApp, type TestApp } from '../helpers/app';
import { databaseKinds } from '../helpers/databases';
import { buildUser } from '../helpers/factories';

describe.each(databaseKinds())('editing an organization on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await startTestApp(kind);
	});
	afterAll(() => app?.close());
	const db = () => app.services.database.db;
	const row = async (id: string) =>
		(
			await db()
				.select({
					name: organizations.name,
					nameEn: organizations.nameEn,
					sector: organizations.sector
				})
				.from(organizations)
				.where(eq(organizations.id, id))
		)[0];

	it('lets the person who added it as an owner open it and give it an English name', async () => {
		const officer = await buildUser(db(), { name: '김민지' });
		const stranger = await buildUser(db(), { name: 'Stranger' });
		const created = await call(app, officer.browser, '/api/v1/organizations', {
			json: { name: '삼성전자 메모리사업부', sector: 'industry' }
		});
		const { id } = (await created.json()) as { id: string };

		const page = await call(app, officer.browser, `/organizations/${id}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('data-testid="org-edit"');
		expect(html).toContain('value="삼성전자 메모리사업부"');
		// It has no people: no member list to manage, and a line saying why.
		expect(html).not.toContain('name="email"');

		const saved = await call(app, officer.browser, `/organizations/${id}?/update`, {
			form: { name: '삼성전자 메모리사업부', nameEn: 'Samsung Memory', sector: 'industry' }
		});
		expect(saved.status).toBe(200);
		expect(await row(id)).toEqual({
			name: '삼성전자 메모리사업부',
			nameEn: 'Samsung Memory',
			sector: 'industry'
		});

		// Someone else neither sees it nor changes it.
		expect((await call(app, stranger.browser, `/organizations/${id}`)).status).toBe(404);
		const refused = await call(app, stranger.browser, `/organizations/${id}?/update`, {
			form: { name: 'Hijacked', sector: 'other' }
		});
		expect(refused.status).toBe(404);
		expect((await row(id)).name).toBe('삼성전자 메모리사업부');

		// A bad form says what is wrong and changes nothing.
		const empty = await call(app, officer.browser, `/organizations/${id}?/update`, {
			form: { name: '  ', sector: 'industry' }
		});
		expect(empty.status).toBe(400);
		expect((await row(id)).nameEn).toBe('Samsung Memory');
	});

	it('answers a name already in use with the organization that has it, not a second one', async () => {
		const officer = await buildUser(db(), { name: '이정민' });
		const other = await buildUser(db(), { name: '박준호' });
		const first = await call(app, officer.browser, '/api/v1/organizations', {
			json: { name: '한국전자통신연구원', nameEn: 'ETRI', sector: 'academia' }
		});
		expect(first.status).toBe(201);
		const { id } = (await first.json()) as { id: string };
		for (const name of ['  한국전자통신연구원 ', 'etri', ' 한국전자통신연구원']) {
			const again = await call(app, other.browser, '/api/v1/organizations', {
				json: { name, sector: 'government' }
			});
			expect(again.status, name).toBe(200);
			expect(await again.json(), name).toMatchObject({ id, sector: 'academia', existing: true });
		}
		// Founding one's own organization under that name is refused, the form kept.
		const founded = await call(app, other.browser, '/organizations', {
			form: { name: '한국전자통신연구원', sector: 'academia' }
		});
		expect(founded.status).toBe(409);
		const html = await founded.text();
		// Said once, at the name (the page's data script aside); the summary above only points there.
		const shown = html.replace(/<script[\s\S]*?<\/script>/g, '');
		expect(shown.split('이미 있습니다').length - 1).toBe(1);
		expect(html).toContain('입력값을 확인해 주세요');
		expect(html).toContain('value="한국전자통신연구원"');
		const listed = await call(app, officer.browser, '/api/v1/organizations?q=ETRI', {
			headers: { accept: 'application/json' }
		});
		expect(((await listed.json()) as { organizations: unknown[] }).organizations).toHaveLength(1);
		// Spaces inside a name, and letters like "s", compare as written (a regex bug once read
		// every "s" as a space).
		const spaced = await call(app, officer.browser, '/api/v1/organizations', {
			json: { name: 'Samsung  Semiconductor Lab', sector: 'industry' }
		});
		expect(spaced.status).toBe(201);
		for (const [name, status] of [
			[' samsung semiconductor  LAB', 200],
			['Samung Semiconductor Lab', 201]
		] as const) {
			const response = await call(app, other.browser, '/api/v1/organizations', {
				json: { name, sector: 'industry' }
			});
			expect(response.status, name).toBe(status);
		}
		// Nor may another organization be renamed to it; renaming one to its own name is fine.
		const lab = await call(app, officer.browser, '/api/v1/organizations', {
			json: { name: '미래반도체연구소', sector: 'academia' }
		});
		const labId = ((await lab.json()) as { id: string }).id;
		const renamed = await call(app, officer.browser, `/organizations/${labId}?/update`, {
			form: { name: 'ETRI', sector: 'academia' }
		});
		expect(renamed.status).toBe(409);
		expect(await renamed.text()).toContain('이미 있습니다');
		const kept = await call(app, officer.browser, `/organizations/${id}?/update`, {
			form: { name: '한국전자통신연구원', nameEn: 'ETRI', sector: 'academia' }
		});
		expect(kept.status).toBe(200);
	});

	it('lets an admin correct their organization, and not a plain member', async () => {
		const admin = await buildUser(db(), { name: 'Admin' });
		const member = await buildUser(db(), { name: 'Member' });
		const org = await createOrganization(db(), admin.id, {
			name: '과학기술정보통신부',
			sector: 'government'
		});
		await addOrganizationMember(db(), admin.id, org.id, member.email);

		const memberPage = await (await call(app, member.browser, `/organizations/${org.id}`)).text();
		expect(memberPage).not.toContain('data-testid="org-edit"');
		const refused = await call(app, member.browser, `/organizations/${org.id}?/update`, {
			form: { name: 'Renamed by a member', sector: 'other' }
		});
		expect(refused.status).toBe(404);
		expect((await row(org.id)).name).toBe('과학기술정보통신부');

		const saved = await call(app, admin.browser, `/organizations/${org.id}?/update`, {
			form: {
				name: '과학기술정보통신부',
				nameEn: 'Ministry of Science and ICT',
				sector: 'government'
			}
		});
		expect(saved.status).toBe(200);
		expect((await row(org.id)).nameEn).toBe('Ministry of Science and ICT');
		// Once it has people, whoever created it is one of them: the admin, as above.
	});
	it('lets the only admin hand over to a member and then leave; the last admin stays one', async () => {
		const admin = await buildUser(db(), { name: '관리자' });
		const colleague = await buildUser(db(), { name: '동료' });
		const org = await createOrganization(db(), admin.id, {
			name: '국가AI위원회',
			sector: 'government'
		});
		await addOrganizationMember(db(), admin.id, org.id, colleague.email);
		const page = `/organizations/${org.id}`;
		const act = (who: typeof admin, action: string, form: Record<string, string>) =>
			call(app, who.browser, `${page}?/${action}`, { form });

		// The only admin is offered no way out, only the way to hand over.
		const before = await (await call(app, admin.browser, page)).text();
		expect(before).toContain('data-testid="sole-admin"');
		expect((await act(admin, 'remove', { userId: admin.id })).status).toBe(409);
		// Nor may a plain member change roles.
		expect((await act(colleague, 'role', { userId: colleague.id, role: 'admin' })).status).toBe(
			404
		);

		expect((await act(admin, 'role', { userId: colleague.id, role: 'admin' })).status).toBe(200);
		expect((await act(admin, 'remove', { userId: admin.id })).status).toBe(303);
		// Now the colleague is the only admin, and stays one.
		const refused = await act(colleague, 'role', { userId: colleague.id, role: 'member' });
		expect(refused.status).toBe(409);
		const after = await (await call(app, colleague.browser, page)).text();
		expect(after).toContain('data-testid="sole-admin"');
	});

	it('says how to add someone who has no account yet, and that someone with one was added', async () => {
		const admin = await buildUser(db(), { name: '관리자' });
		const org = await createOrganization(db(), admin.id, {
			name: '한국전력 AI팀',
			sector: 'industry'
		});
		const response = await call(app, admin.browser, `/organizations/${org.id}?/add`, {
			form: { email: 'nobody-yet@example.org' }
		});
		expect(response.status).toBe(404);
		expect(await response.text()).toContain('먼저 가입하도록 요청한 뒤 추가하세요');
		// Someone with an account is added, and the page says so.
		const colleague = await buildUser(db(), { name: '동료' });
		const added = await call(app, admin.browser, `/organizations/${org.id}?/add`, {
			form: { email: colleague.email }
		});
		expect(added.status).toBe(200);
		const html = await added.text();
		expect(html).toContain('구성원을 추가했습니다.');
		expect(html).toContain('동료');
	});
});
