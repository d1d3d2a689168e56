/**
 * Sessions as Lucia's guide builds them: a sliding 30-day expiry renewed when fewer than 15 days
 * remain, under an absolute cap of 90 days from sign-in. A fresh session at every sign-in.
 */
import { and, eq, lt, ne, or } from 'drizzle-orm';
import type { DbOrTx } from '../../../../db/client';
import { sessions, users } from '../../../../db/schema';
import { issueToken, parseToken, secretMatches } from './tokens';

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_TTL = 30 * DAY;
export const SESSION_RENEW_BEFORE = 15 * DAY;
export const SESSION_ABSOLUTE_TTL = 90 * DAY;

export interface SessionUser {
	id: string;
	email: string;
	name: string;
	locale: string | null;
}

export interface ValidSession {
	id: string;
	userId: string;
	expiresAt: Date;
	/** True when this validation pushed the expiry forward; the cookie should be re-sent. */
	renewed: boolean;
}

export async function createSession(db: DbOrTx, userId: string, now = new Date()) {
	const issued = issueToken();
	const expiresAt = new Date(now.getTime() + SESSION_TTL);
	const absoluteExpiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_TTL);
	await db.insert(sessions).values({
		id: issued.id,
		secretHash: issued.secretHash,
		userId,
		createdAt: now,
		expiresAt,
		absoluteExpiresAt
	});
	return { token: issued.token, id: issued.id, expiresAt };
}

/** The session and user for a presented token, or null for anything not currently valid. */
export async function validateSessionToken(
	db: DbOrTx,
	token: unknown,
	now = new Date()
): Promise<{ session: ValidSession; user: SessionUser } | null> {
	const parsed = parseToken(token);
	if (!parsed) return null;
	const [row] = await db
		.select({
			session: sessions,
			user: { id: users.id, email: users.email, name: users.name, locale: users.locale }
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(eq(sessions.id, parsed.id));
	if (!row || !secretMatches(parsed.secret, row.session.secretHash)) return null;
	const { session } = row;
	if (now >= session.expiresAt || now >= session.absoluteExpiresAt) {
		await db.delete(sessions).where(eq(sessions.id, session.id));
		return null;
	}
	let expiresAt = session.expiresAt;
	let renewed = false;
	if (expiresAt.getTime() - now.getTime() < SESSION_RENEW_BEFORE) {
		expiresAt = new Date(
			Math.min(now.getTime() + SESSION_TTL, session.absoluteExpiresAt.getTime())
		);
		renewed = expiresAt.getTime() > session.expiresAt.getTime();
		if (renewed) await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, session.id));
	}
	return {
		session: { id: session.id, userId: session.userId, expiresAt, renewed },
		user: row.user
	};
}

export const invalidateSession = (db: DbOrTx, sessionId: string) =>
	db.delete(sessions).where(eq(sessions.id, sessionId));

/** Ends every session of a user, or every one but `keep` (password change). */
export async function invalidateUserSessions(db: DbOrTx, userId: string, keep?: string) {
	const deleted = await db
		.delete(sessions)
		.where(
			keep ? and(eq(sessions.userId, userId), ne(sessions.id, keep)) : eq(sessions.userId, userId)
		)
		.returning({ id: sessions.id });
	return deleted.map((d) => d.id);
}

/** Housekeeping: drops sessions past either expiry. */
export const deleteExpiredSessions = (db: DbOrTx, now = new Date()) =>
	db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.absoluteExpiresAt, now)));
