/**
 * The API's answers to requests it cannot take, as a client reads them: always JSON in the
 * documented shape `{ error: { code, message, details? } }`, with a message a person can act on.
 * (HTTP behaviour, not the database's: PGlite alone.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestApp, type TestApp } from '../helpers/app';
import { buildApiClient, buildRoadmap, buildUser, type BuiltUser } from '../helpers/factories';

describe('API error answers', () => {
	let app: TestApp;
	let owner: BuiltUser;
	let roadmapId: string;
	beforeAll(async () => {
		app = await startTestApp('pglite');
		owner = await buildUser(app.services.database.db);
		roadmapId = (await buildRoadmap(app.services.database.db, owner.id)).id;
	});
	afterAll(() => app?.close());

	const errorOf = async (response: Response) =>
		((await response.json()) as { error: { code: string; message: string; details?: unknown } })
			.error;

	it('tells a refusal raised by its code in a sentence, not the code', async () => {
		const response = await call(app, owner.browser, `/api/v1/roadmaps/${roadmapId}/members`, {
			json: { email: 'nobody-here@example.org', role: 'viewer' }
		});
		expect(response.status).toBe(404);
		const error = await errorOf(response);
		expect(error.code).toBe('user_not_found');
		expect(error.message).not.toBe('user_not_found');
		expect(error.message).toMatch(/invitation|초대/i);
	});

	it('says a body is too large (413), not that it is not JSON', async () => {
		const big = JSON.stringify({ name: 'x'.repeat(600 * 1024), sector: 'industry' });
		const response = await call(app, owner.browser, '/api/v1/organizations', { rawJson: big });
		expect(response.status).toBe(413);
		expect((await errorOf(response)).code).toBe('too_large');
	});

	it('names what is wrong with a body that is not an object, or a choice left unmade', async () => {
		const client = await buildApiClient(app.services.database.db, owner.id);
		for (const rawJson of ['[1, 2]', 'null']) {
			const response = await call(app, client, '/api/v1/organizations', { rawJson });
			expect(response.status, rawJson).toBe(400);
			const error = await errorOf(response);
			expect(error.message, rawJson).toMatch(/expected object/);
			expect(error.details, rawJson).toEqual({ body: [error.message] });
		}
		const read = await call(app, client, '/api/v1/me/mentions/read', { json: { all: false } });
		expect(read.status).toBe(400);
		expect((await errorOf(read)).message).toMatch(/"ids".*"all": true/);
	});

	it('refuses a query value it does not know instead of reading it as false', async () => {
		const response = await call(app, owner.browser, '/api/v1/roadmaps?archived=yes', {
			headers: { accept: 'application/json' }
		});
		expect(response.status).toBe(400);
		expect((await errorOf(response)).message).toMatch(/true or false/);
	});

	it('answers an address no endpoint serves with a JSON 404', async () => {
		for (const method of ['GET', 'POST', 'DELETE']) {
			const response = await call(app, owner.browser, '/api/v1/roadmap-typo', {
				method,
				headers: { accept: 'application/json' }
			});
			expect(response.status, method).toBe(404);
			expect(response.headers.get('content-type'), method).toMatch(/application\/json/);
			expect((await errorOf(response)).message, method).toMatch(/docs\/API\.md/);
		}
	});

	it('keeps a refused API-token form as typed, the out-of-range days at their field', async () => {
		const response = await call(app, owner.browser, '/profile/tokens?/create', {
			form: { name: 'nightly export', expiresInDays: '5000' }
		});
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('value="nightly export"');
		expect(html).toContain('3650 이하의 수를 입력하세요');
	});
});
