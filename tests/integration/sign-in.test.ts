import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/lib/server/auth/api-tokens';
import { createThrottle, THROTTLE_RULES, Throttled } from '../../src/lib/server/auth/throttle';
import { call, startTestApp, type TestApp } from '../helpers/app';
import { databaseKinds } from '../helpers/databases';
import { buildUser, uniqueEmail } from '../helpers/factories';

const sessionCookie = (response: Response) =>
	response.headers.getSetCookie().find((c) => c.startsWith('ieum_session=')) ?? '';

describe.each(databaseKinds())('signing up and in over HTTP on %s', (kind) => {
	let app: TestApp;
	beforeAll(async () => {
		app = await startTestApp(kind, {
			rules: {
				...THROTTLE_RULES,
				signInAccount: { points: 3, duration: 60 },
				tokenGuessIp: { points: 5, duration: 60 },
				signUpIp: { points: 3, duration: 60 * 60 }
			}
		});
	});
	afterAll(() => app?.close());

	it('signs up with a safe cookie and lands on the roadmaps page', async () => {
		const response = await call(app, {}, '/signup', {
			form: { name: '김민지', email: uniqueEmail('signup'), password: '정책 로드맵 2026!' }
		});
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/roadmaps');
		const cookie = sessionCookie(response);
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect(cookie).toMatch(/Path=\//);
		expect(cookie).not.toMatch(/Secure/i); // plain http here; https adds Secure
		const me = await call(app, { cookie: cookie.split(';')[0] }, '/api/v1/me', {
			headers: { accept: 'application/json' }
		});
		expect(await me.json()).toMatchObject({ name: '김민지' });
	});

	it('keeps what a signed-in person sees out of the browser’s cache, and only that', async () => {
		const { cookie } = (await buildUser(app.services.database.db)).browser;
		for (const path of ['/roadmaps', '/', '/profile', '/api/v1/me']) {
			const response = await call(app, { cookie }, path);
			expect(response.headers.get('cache-control'), path).toBe('private, no-store');
		}
		const anonymous = await call(app, {}, '/');
		expect(anonymous.headers.get('cache-control')).not.toBe('private, no-store');
	});

	it('gives back the name and address typed when the address already has an account', async () => {
		// The account exists already (made directly: the suite's sign-up limit is 3 an hour).
		const email = uniqueEmail('taken');
		await buildUser(app.services.database.db, { email });
		const form = { name: '박서준 책임', email, password: '정책 로드맵 2026!' };
		const again = await call(app, {}, '/signup', { form });
		expect(again.status).toBe(409);
		const html = await again.text();
		expect(html).toContain('이미 계정이 있다면 로그인하세요');
		expect(html).toContain('value="박서준 책임"');
		expect(html).toContain(`value="${email}"`);
		expect(html).not.toContain('value="정책 로드맵 2026!"');
	});

	it('refuses short passwords and bad emails with messages, keeping what was typed', async () => {
		const response = await call(app, {}, '/signup', {
			form: { name: 'Lee', email: 'not-an-email', password: 'short' }
		});
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('8자 이상');
		expect(html).toContain('올바른 이메일');
		expect(html).toContain('value="Lee"');
		expect(html).not.toContain('value="short"');
	});

	it('limits the accounts one address makes, not the forms it gets back to correct', async () => {
		const signUp = (password: string) =>
			call(app, {}, '/signup', {
				form: { name: '박서준', email: uniqueEmail('office'), password }
			});
		// An office behind one address, typing short passwords: more than the limit, all refused.
		for (let i = 0; i < 4; i++) expect((await signUp('short')).status).toBe(400);
		const made: number[] = [];
		for (let i = 0; i < 4 && made.at(-1) !== 429; i++)
			made.push((await signUp('정책 로드맵 2026!')).status);
		// Three accounts an hour (this app's rule), one of them maybe by an earlier test here.
		expect(made[0]).toBe(303);
		expect(made.at(-1)).toBe(429);
		expect(made.filter((status) => status === 303).length).toBeLessThanOrEqual(3);
		const refused = await signUp('정책 로드맵 2026!');
		expect(refused.status).toBe(429);
		// An hour's wait is said in minutes, not in thousands of seconds.
		expect(await refused.text()).toMatch(/\d+분 뒤에 다시 시도하세요/);
	});

	it('shows a language chosen on the profile from the next page, and forgets it for "follow my browser"', async () => {
		const user = await buildUser(app.services.database.db);
		const save = (locale: string, cookie = user.browser.cookie) =>
			call(app, { cookie }, '/profile?/profile', { form: { name: user.name, locale } });
		const chosen = await save('en');
		expect(chosen.status).toBe(303);
		expect(chosen.headers.get('location')).toBe('/profile?saved=profile');
		const set = chosen.headers.getSetCookie().find((c) => c.startsWith('PARAGLIDE_LOCALE='));
		expect(set).toMatch(/^PARAGLIDE_LOCALE=en;/);
		const withEnglish = `${user.browser.cookie}; PARAGLIDE_LOCALE=en`;
		const shown = await call(app, { cookie: withEnglish }, '/profile?saved=profile');
		expect(await shown.text()).toContain('lang="en"');
		// Saving again with nothing changed stays on the page, saying so.
		expect((await save('en', withEnglish)).status).toBe(200);
		const follow = await save('', withEnglish);
		expect(follow.status).toBe(303);
		const forgot = follow.headers.getSetCookie().find((c) => c.startsWith('PARAGLIDE_LOCALE='));
		expect(forgot).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
	});

	it('refuses a new password that is the current one, or one anyone would guess', async () => {
		const user = await buildUser(app.services.database.db);
		const change = (next: string) =>
			call(app, user.browser, '/profile?/password', { form: { current: user.password, next } });
		const same = await change(user.password);
		expect(same.status).toBe(400);
		expect(await same.text()).toContain('지금 비밀번호와 같습니다');
		const guessable = await change('Password1!');
		expect(guessable.status).toBe(400);
		expect(await guessable.text()).toContain('누구나 먼저 시도해 볼 만한 비밀번호');
		const changed = await change('a different long phrase');
		expect(changed.status).toBe(200);
		expect(await changed.text()).not.toContain('그대로 동작합니다');
	});

	it('says, on a password change, that API tokens keep working', async () => {
		const user = await buildUser(app.services.database.db);
		await createApiToken(app.services.database.db, user.id, 'nightly export');
		const changed = await call(app, user.browser, '/profile?/password', {
			form: { current: user.password, next: 'a different long phrase' }
		});
		expect(changed.status).toBe(200);
		expect(await changed.text()).toContain('API 토큰 1개는 그대로 동작합니다');
	});

	it('gives one generic answer for a wrong password and an unknown account, and a fresh session on success', async () => {
		const user = await buildUser(app.services.database.db);
		const wrong = await call(app, {}, '/login', {
			form: { email: user.email, password: 'wrong password' }
		});
		const unknown = await call(app, {}, '/login', {
			form: { email: uniqueEmail('nobody'), password: 'wrong password' }
		});
		expect(wrong.status).toBe(400);
		expect(unknown.status).toBe(400);
		const message = (html: string) => /<p class="alert"[^>]*>([^<]+)</.exec(html)?.[1];
		const [wrongHtml, unknownHtml] = [await wrong.text(), await unknown.text()];
		expect(message(wrongHtml)).toBe(message(unknownHtml));
		// The email stays in its field: a mistyped password costs retyping only the password.
		expect(wrongHtml).toContain(`value="${user.email}"`);
		expect(wrongHtml).not.toContain('value="wrong password"');

		const ok = await call(app, user.browser, '/login', {
			form: { email: user.email.toUpperCase(), password: user.password }
		});
		// Signed in already: the page sends them on. Signed out: a new session each time.
		expect(ok.status).toBe(303);
		const first = await call(app, {}, '/login?next=/profile', {
			form: { email: user.email, password: user.password }
		});
		const second = await call(app, {}, '/login', {
			form: { email: user.email, password: user.password }
		});
		expect(first.headers.get('location')).toBe('/profile');
		expect(sessionCookie(first)).not.toBe(sessionCookie(second));
		const evil = await call(app, {}, '/login?next=//evil.example', {
			form: { email: user.email, password: user.password }
		});
		expect(evil.headers.get('location')).toBe('/roadmaps');
	});

	it('throttles guessing one account, and still lets others in', async () => {
		const victim = await buildUser(app.services.database.db);
		const statuses: number[] = [];
		for (let i = 0; i < 5; i++) {
			statuses.push(
				(await call(app, {}, '/login', { form: { email: victim.email, password: `guess ${i}` } }))
					.status
			);
		}
		expect(statuses).toEqual([400, 400, 400, 429, 429]);
		// Even the right password waits until the block ends.
		const right = await call(app, {}, '/login', {
			form: { email: victim.email, password: victim.password }
		});
		expect(right.status).toBe(429);
		expect(await right.text()).toContain('초 뒤에 다시 시도하세요');
		const other = await buildUser(app.services.database.db);
		expect(
			(await call(app, {}, '/login', { form: { email: other.email, password: other.password } }))
				.status
		).toBe(303);
	});

	it('remembers a signed-in user’s language choice on the account', async () => {
		const user = await buildUser(app.services.database.db);
		expect((await call(app, user.browser, '/locale', { form: { locale: 'en' } })).status).toBe(303);
		const me = await call(app, user.browser, '/api/v1/me', {
			headers: { accept: 'application/json' }
		});
		expect((await me.json()).locale).toBe('en');
		// A new sign-in elsewhere brings the language back with it.
		const login = await call(app, {}, '/login', {
			form: { email: user.email, password: user.password }
		});
		expect(login.headers.getSetCookie().some((c) => c.startsWith('PARAGLIDE_LOCALE=en'))).toBe(
			true
		);
	});

	it('signs out by ending the session, not just the cookie', async () => {
		const user = await buildUser(app.services.database.db);
		expect(
			(await call(app, user.browser, '/api/v1/me', { headers: { accept: 'application/json' } }))
				.status
		).toBe(200);
		expect((await call(app, user.browser, '/logout', { form: {} })).status).toBe(303);
		expect(
			(await call(app, user.browser, '/api/v1/me', { headers: { accept: 'application/json' } }))
				.status
		).toBe(401);
	});

	it('refuses cross-site form posts and cookie-authenticated cross-origin JSON writes', async () => {
		const user = await buildUser(app.services.database.db);
		const form = await call(app, user.browser, '/roadmaps/new', {
			form: { title: 'CSRF' },
			headers: { origin: 'https://evil.example' }
		});
		expect(form.status).toBe(403);
		const api = await call(app, user.browser, '/api/v1/roadmaps', {
			json: { title: 'CSRF' },
			headers: { origin: 'https://evil.example' }
		});
		expect(api.status).toBe(403);
	});

	it('answers 401 for bad Bearer tokens, then 429 for a flood of them', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 7; i++) {
			const r = await call(
				app,
				{ bearer: `ieum_${'a'.repeat(16)}.${'b'.repeat(32)}` },
				'/api/v1/me',
				{
					headers: { accept: 'application/json' }
				}
			);
			statuses.push(r.status);
		}
		expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
		expect(statuses.slice(5)).toEqual([429, 429]);
	});
});

describe.runIf(process.env.REDIS_URL)('throttling shared between instances through Redis', () => {
	let redis: Redis;
	beforeAll(() => {
		redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: 1 });
	});
	afterAll(() => redis?.quit());

	it('counts attempts on one instance against the other', async () => {
		const rules = { ...THROTTLE_RULES, signInAccount: { points: 2, duration: 30 } };
		const a = createThrottle({ redis, rules });
		const b = createThrottle({ redis, rules });
		const key = `test-${Date.now()}-${Math.random()}`;
		await a.consume('signInAccount', key);
		await b.consume('signInAccount', key);
		await expect(a.consume('signInAccount', key)).rejects.toBeInstanceOf(Throttled);
		await expect(b.check('signInAccount', key)).rejects.toBeInstanceOf(Throttled);
		await a.reset('signInAccount', key);
		await expect(b.check('signInAccount', key)).resolves.toBeUndefined();
	});
});
