/** Accounts: sign-up, sign-in, profile and password. */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../../db/client';
import { users } from '../../../../db/schema';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../auth/password';
import { invalidateUserSessions } from '../auth/sessions';
import { DomainError } from '../errors';

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export interface NewUser {
	name: string;
	email: string;
	password: string;
	locale?: 'ko' | 'en' | null;
}

export async function createUser(db: DbOrTx, input: NewUser) {
	const passwordHash = await hashPassword(input.password);
	const rows = await db
		.insert(users)
		.values({
			name: input.name.trim(),
			email: normaliseEmail(input.email),
			passwordHash,
			locale: input.locale ?? null
		})
		.onConflictDoNothing({ target: users.email })
		.returning({ id: users.id, name: users.name, email: users.email });
	// Same message whether or not the address is taken, so sign-up does not confirm accounts.
	if (!rows.length) throw new DomainError('signup_refused', 409);
	return rows[0];
}

/** The user for this email and password, or null; takes as long whether or not the email exists. */
export async function authenticate(db: DbOrTx, email: string, password: string) {
	const [user] = await db
		.select()
		.from(users)
		.where(eq(users.email, normaliseEmail(email)));
	if (!user) return verifyAgainstDummy(password).then(() => null);
	return (await verifyPassword(user.passwordHash, password)) ? user : null;
}

export async function getUser(db: DbOrTx, userId: string) {
	const [user] = await db
		.select({
			id: users.id,
			name: users.name,
			email: users.email,
			locale: users.locale,
			createdAt: users.createdAt
		})
		.from(users)
		.where(eq(users.id, userId));
	return user ?? null;
}

export async function updateProfile(
	db: DbOrTx,
	userId: string,
	profile: { name: string; locale: 'ko' | 'en' | null }
) {
	await db
		.update(users)
		.set({ name: profile.name.trim(), locale: profile.locale })
		.where(eq(users.id, userId));
}

/**
 * Changes the password after checking the current one, and ends every other session of the user.
 * Returns the ids of the sessions it ended (their live connections must close too).
 */
export async function changePassword(
	db: DbOrTx,
	userId: string,
	current: string,
	next: string,
	keepSessionId: string | null
): Promise<string[]> {
	const [user] = await db.select().from(users).where(eq(users.id, userId));
	if (!user || !(await verifyPassword(user.passwordHash, current))) {
		throw new DomainError('wrong_password', 400);
	}
	const passwordHash = await hashPassword(next);
	await db
		.update(users)
		.set({ passwordHash, passwordChangedAt: new Date() })
		.where(eq(users.id, userId));
	return invalidateUserSessions(db, userId, keepSessionId ?? undefined);
}

/** Saves the interface language a signed-in user picked with the switcher. */
export async function setUserLocale(db: DbOrTx, userId: string, locale: 'ko' | 'en') {
	await db.update(users).set({ locale }).where(eq(users.id, userId));
}
