/** Personal API tokens for `Authorization: Bearer ieum_<id>.<secret>`: shown once, stored hashed. */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../../db/client';
import { apiTokens, users } from '../../../../db/schema';
import type { SessionUser } from './sessions';
import { issueToken, parseToken, secretMatches } from './tokens';

export const API_TOKEN_PREFIX = 'ieum_';

export async function createApiToken(
	db: DbOrTx,
	userId: string,
	name: string,
	expiresAt: Date | null = null
) {
	const issued = issueToken(API_TOKEN_PREFIX);
	await db
		.insert(apiTokens)
		.values({ id: issued.id, secretHash: issued.secretHash, userId, name, expiresAt });
	return { id: issued.id, token: issued.token };
}

export const listApiTokens = (db: DbOrTx, userId: string) =>
	db
		.select({
			id: apiTokens.id,
			name: apiTokens.name,
			createdAt: apiTokens.createdAt,
			lastUsedAt: apiTokens.lastUsedAt,
			expiresAt: apiTokens.expiresAt
		})
		.from(apiTokens)
		.where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
		.orderBy(desc(apiTokens.createdAt));

/** Revokes one of the user's own tokens; false when there was none to revoke. */
export async function revokeApiToken(db: DbOrTx, userId: string, tokenId: string) {
	const rows = await db
		.update(apiTokens)
		.set({ revokedAt: new Date() })
		.where(
			and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt))
		)
		.returning({ id: apiTokens.id });
	return rows.length > 0;
}

/** The token's user, or null for anything not currently valid. */
export async function validateApiToken(
	db: DbOrTx,
	token: unknown,
	now = new Date()
): Promise<{ tokenId: string; user: SessionUser } | null> {
	const parsed = parseToken(token, API_TOKEN_PREFIX);
	if (!parsed) return null;
	const [row] = await db
		.select({
			token: apiTokens,
			user: { id: users.id, email: users.email, name: users.name, locale: users.locale }
		})
		.from(apiTokens)
		.innerJoin(users, eq(users.id, apiTokens.userId))
		.where(eq(apiTokens.id, parsed.id));
	if (!row || !secretMatches(parsed.secret, row.token.secretHash)) return null;
	if (row.token.revokedAt || (row.token.expiresAt && now >= row.token.expiresAt)) return null;
	await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, parsed.id));
	return { tokenId: parsed.id, user: row.user };
}
