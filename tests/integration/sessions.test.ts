import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiTokens, sessions, users } from '../../db/schema';
import {
	createApiToken,
	revokeApiToken,
	validateApiToken
} from '../../src/lib/server/auth/api-tokens';
import {
	createSession,
	SESSION_ABSOLUTE_TTL,
	SESSION_TTL,
	validateSessionToken
} from '../../src/lib/server/auth/sessions';
import { changePassword } from '../../src/lib/server/accounts/users';
import { DomainError } from '../../src/lib/server/errors';
import type { Db } from '../../db/client';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases';
import { buildUser } from '../helpers/factories';

const DAY = 24 * 60 * 60 * 1000;

describe.each(databaseKinds())('sessions, passwords and API tokens on %s', (kind) => {
	let handle: TestDatabase;
	let db: Db;
	beforeEach(async () => {
		handle = await createTestDatabase(kind);
		db = handle.database.db;
	});
	afterEach(() => handle.dispose());

	it('stores passwords as argon2id with 19 MiB, 2 iterations, parallelism 1', async () => {
		const user = await buildUser(db, { password: '비밀번호는 길수록 좋다 🙂' });
		const [row] = await db.select().from(users).where(eq(users.id, user.id));
		expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(row.passwordHash).not.toContain(user.password);
	});

	it('issues 160-bit tokens and keeps only a hash of the secret', async () => {
		const user = await buildUser(db);
		const { token } = await createSession(db, user.id);
		const [id, secret] = token.split('.');
		expect(secret).toMatch(/^[a-z2-7]{32}$/); // 32 base32 characters = 160 bits
		const rows = await db.select().from(sessions).where(eq(sessions.id, id));
		expect(rows).toHaveLength(1);
		expect(JSON.stringify(rows)).not.toContain(secret);
		expect(rows[0].secretHash).toMatch(/^[0-9a-f]{64}$/);
	});

	it('treats unknown, malformed and tampered tokens as signed out', async () => {
		const user = await buildUser(db);
		const { token } = await createSession(db, user.id);
		expect(await validateSessionToken(db, token)).not.toBeNull();
		const tampered = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a');
		for (const bad of [tampered, 'nonsense', '', `${token}.x`, 'a'.repeat(5000), null, 42]) {
			expect(await validateSessionToken(db, bad)).toBeNull();
		}
	});

	it('slides the expiry forward once fewer than 15 days remain, never past the absolute cap', async () => {
		const user = await buildUser(db);
		const start = new Date('2026-01-01T00:00:00Z');
		const { token } = await createSession(db, user.id, start);

		const day10 = await validateSessionToken(db, token, new Date(start.getTime() + 10 * DAY));
		expect(day10?.session.renewed).toBe(false);
		expect(day10?.session.expiresAt.getTime()).toBe(start.getTime() + SESSION_TTL);

		const day16 = new Date(start.getTime() + 16 * DAY);
		const renewed = await validateSessionToken(db, token, day16);
		expect(renewed?.session.renewed).toBe(true);
		expect(renewed?.session.expiresAt.getTime()).toBe(day16.getTime() + SESSION_TTL);

		// Keep using it every 16 days: it lives until the absolute cap, then ends.
		let now = day16;
		while (now.getTime() + 16 * DAY < start.getTime() + SESSION_ABSOLUTE_TTL) {
			now = new Date(now.getTime() + 16 * DAY);
			const s = await validateSessionToken(db, token, now);
			expect(s?.session.expiresAt.getTime()).toBeLessThanOrEqual(
				start.getTime() + SESSION_ABSOLUTE_TTL
			);
		}
		expect(
			await validateSessionToken(db, token, new Date(start.getTime() + SESSION_ABSOLUTE_TTL))
		).toBeNull();
	});

	it('ends an unused session after 30 days and deletes it', async () => {
		const user = await buildUser(db);
		const start = new Date('2026-01-01T00:00:00Z');
		const { token, id } = await createSession(db, user.id, start);
		expect(
			await validateSessionToken(db, token, new Date(start.getTime() + SESSION_TTL + 1))
		).toBeNull();
		expect(await db.select().from(sessions).where(eq(sessions.id, id))).toHaveLength(0);
	});

	it('a password change ends every other session of that user, and needs the current password', async () => {
		const user = await buildUser(db);
		const other = await createSession(db, user.id);
		const bystander = await buildUser(db);
		await expect(
			changePassword(db, user.id, 'wrong', 'new password 123', user.sessionId)
		).rejects.toThrow(DomainError);
		const ended = await changePassword(
			db,
			user.id,
			user.password,
			'new password 123',
			user.sessionId
		);
		expect(ended).toEqual([other.id]);
		expect(await validateSessionToken(db, other.token)).toBeNull();
		const kept = user.browser.cookie!.split('=')[1];
		expect(await validateSessionToken(db, kept)).not.toBeNull();
		expect(await validateSessionToken(db, bystander.browser.cookie!.split('=')[1])).not.toBeNull();
	});

	it('API tokens: shown once, stored hashed, revocable, expiring', async () => {
		const user = await buildUser(db);
		const { token, id } = await createApiToken(db, user.id, 'script');
		expect(token.startsWith('ieum_')).toBe(true);
		const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
		expect(JSON.stringify(row)).not.toContain(token.split('.')[1]);
		expect((await validateApiToken(db, token))?.user.id).toBe(user.id);
		expect(await validateApiToken(db, token.replace('ieum_', ''))).toBeNull();
		expect(await revokeApiToken(db, user.id, id)).toBe(true);
		expect(await validateApiToken(db, token)).toBeNull();

		const expiring = await createApiToken(db, user.id, 'short', new Date(Date.now() + DAY));
		expect(await validateApiToken(db, expiring.token)).not.toBeNull();
		expect(await validateApiToken(db, expiring.token, new Date(Date.now() + 2 * DAY))).toBeNull();
	});
});
