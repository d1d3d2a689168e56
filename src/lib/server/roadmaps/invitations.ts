/**
 * Invitations by link: a role (never above the inviter's), an optional email, an expiry and a
 * use count. The link carries `<id>.<secret>`; only the secret's hash is stored.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../../db/client';
import { invitations, roadmapMembers, roadmaps, users } from '../../../../db/schema';
import type { RoadmapRole } from '../../roadmap/vocabulary';
import { normaliseEmail } from '../accounts/users';
import { canGrant, roleRank } from '../auth/authorization';
import { issueToken, parseToken, secretMatches } from '../auth/tokens';
import { DomainError } from '../errors';

const DAY = 24 * 60 * 60 * 1000;
export const INVITATION_DEFAULT_DAYS = 7;
export const INVITATION_MAX_DAYS = 90;
export const INVITATION_MAX_USES = 500;

export interface NewInvitation {
	roadmapId: string;
	createdBy: string;
	granterRole: RoadmapRole;
	role: RoadmapRole;
	email?: string | null;
	expiresInDays?: number;
	maxUses?: number;
}

export const invitationPath = (token: string) => `/invite/${token}`;

export async function createInvitation(db: DbOrTx, input: NewInvitation, now = new Date()) {
	if (!canGrant(input.granterRole, input.role)) throw new DomainError('role_too_high', 403);
	const days = input.expiresInDays ?? INVITATION_DEFAULT_DAYS;
	const maxUses = input.maxUses ?? 1;
	if (
		!(days >= 1 && days <= INVITATION_MAX_DAYS) ||
		!(maxUses >= 1 && maxUses <= INVITATION_MAX_USES)
	) {
		throw new DomainError('invalid_input', 400);
	}
	const issued = issueToken();
	const expiresAt = new Date(now.getTime() + days * DAY);
	await db.insert(invitations).values({
		id: issued.id,
		secretHash: issued.secretHash,
		roadmapId: input.roadmapId,
		role: input.role,
		email: input.email ? normaliseEmail(input.email) : null,
		expiresAt,
		maxUses: Math.floor(maxUses),
		createdBy: input.createdBy
	});
	return { id: issued.id, token: issued.token, expiresAt, path: invitationPath(issued.token) };
}

export type InvitationState = 'active' | 'expired' | 'revoked' | 'used_up';

function stateOf(row: typeof invitations.$inferSelect, now: Date): InvitationState {
	if (row.revokedAt) return 'revoked';
	if (now >= row.expiresAt) return 'expired';
	if (row.useCount >= row.maxUses) return 'used_up';
	return 'active';
}

export async function listInvitations(db: DbOrTx, roadmapId: string, now = new Date()) {
	const rows = await db
		.select({ invitation: invitations, createdByName: users.name })
		.from(invitations)
		.leftJoin(users, eq(users.id, invitations.createdBy))
		.where(eq(invitations.roadmapId, roadmapId))
		.orderBy(desc(invitations.createdAt));
	return rows.map(({ invitation: i, createdByName }) => ({
		id: i.id,
		role: i.role,
		email: i.email,
		expiresAt: i.expiresAt,
		maxUses: i.maxUses,
		useCount: i.useCount,
		createdAt: i.createdAt,
		createdByName,
		state: stateOf(i, now)
	}));
}

export async function revokeInvitation(db: DbOrTx, roadmapId: string, invitationId: string) {
	const rows = await db
		.update(invitations)
		.set({ revokedAt: new Date() })
		.where(and(eq(invitations.id, invitationId), eq(invitations.roadmapId, roadmapId)))
		.returning({ id: invitations.id });
	if (!rows.length) throw new DomainError('not_found', 404);
}

/** What the link offers, for the accept page; null for any token that does not check out. */
export async function inspectInvitation(db: DbOrTx, token: string, now = new Date()) {
	const parsed = parseToken(token);
	if (!parsed) return null;
	const [row] = await db
		.select({
			invitation: invitations,
			title: roadmaps.title,
			titleEn: roadmaps.titleEn,
			inviter: users.name
		})
		.from(invitations)
		.innerJoin(roadmaps, eq(roadmaps.id, invitations.roadmapId))
		.leftJoin(users, eq(users.id, invitations.createdBy))
		.where(eq(invitations.id, parsed.id));
	if (!row || !secretMatches(parsed.secret, row.invitation.secretHash)) return null;
	return {
		roadmapId: row.invitation.roadmapId,
		title: row.title,
		titleEn: row.titleEn,
		inviter: row.inviter,
		role: row.invitation.role,
		email: row.invitation.email,
		expiresAt: row.invitation.expiresAt,
		state: stateOf(row.invitation, now)
	};
}

/**
 * Accepts for `user`: checks everything under a row lock, counts one use, and grants the role —
 * never lowering a role the user already has.
 */
export async function acceptInvitation(
	db: DbOrTx,
	token: string,
	user: { id: string; email: string },
	now = new Date()
): Promise<{ roadmapId: string; role: RoadmapRole }> {
	const parsed = parseToken(token);
	if (!parsed) throw new DomainError('invitation_invalid', 404);
	return db.transaction(async (tx) => {
		const [row] = await tx
			.select()
			.from(invitations)
			.where(eq(invitations.id, parsed.id))
			.for('update');
		if (!row || !secretMatches(parsed.secret, row.secretHash) || stateOf(row, now) !== 'active') {
			throw new DomainError('invitation_invalid', 404);
		}
		if (row.email && row.email !== normaliseEmail(user.email)) {
			throw new DomainError('invitation_email_mismatch', 403);
		}
		const [existing] = await tx
			.select({ role: roadmapMembers.role })
			.from(roadmapMembers)
			.where(and(eq(roadmapMembers.roadmapId, row.roadmapId), eq(roadmapMembers.userId, user.id)));
		let role: RoadmapRole = row.role;
		if (!existing) {
			await tx.insert(roadmapMembers).values({ roadmapId: row.roadmapId, userId: user.id, role });
		} else if (roleRank(existing.role) < roleRank(row.role)) {
			await tx
				.update(roadmapMembers)
				.set({ role })
				.where(
					and(eq(roadmapMembers.roadmapId, row.roadmapId), eq(roadmapMembers.userId, user.id))
				);
		} else {
			role = existing.role;
		}
		await tx
			.update(invitations)
			.set({ useCount: sql`${invitations.useCount} + 1` })
			.where(eq(invitations.id, row.id));
		return { roadmapId: row.roadmapId, role };
	});
}
