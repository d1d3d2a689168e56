/**
 * Roadmap membership: list, add, change a role, remove. A roadmap always keeps at least one owner;
 * the check runs under the roadmap's lock so two concurrent demotions cannot both pass it.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../../db/client';
import { roadmapMembers, users } from '../../../../db/schema';
import type { RoadmapRole } from '../../roadmap/vocabulary';
import { normaliseEmail } from '../accounts/users';
import { canGrant } from '../auth/authorization';
import { DomainError } from '../errors';
import { lockRoadmap } from './lock';

export const listMembers = (db: DbOrTx, roadmapId: string) =>
	db
		.select({
			userId: users.id,
			name: users.name,
			email: users.email,
			role: roadmapMembers.role,
			since: roadmapMembers.createdAt
		})
		.from(roadmapMembers)
		.innerJoin(users, eq(users.id, roadmapMembers.userId))
		.where(eq(roadmapMembers.roadmapId, roadmapId))
		.orderBy(asc(users.name));

async function ownerIds(tx: DbOrTx, roadmapId: string) {
	const rows = await tx
		.select({ userId: roadmapMembers.userId })
		.from(roadmapMembers)
		.where(and(eq(roadmapMembers.roadmapId, roadmapId), eq(roadmapMembers.role, 'owner')));
	return rows.map((r) => r.userId);
}

async function currentRole(tx: DbOrTx, roadmapId: string, userId: string) {
	const [row] = await tx
		.select({ role: roadmapMembers.role })
		.from(roadmapMembers)
		.where(and(eq(roadmapMembers.roadmapId, roadmapId), eq(roadmapMembers.userId, userId)));
	return row?.role ?? null;
}

/** Adds an existing user by email, or changes their role if they are already a member. */
export async function addMember(
	db: DbOrTx,
	roadmapId: string,
	granterRole: RoadmapRole,
	email: string,
	role: RoadmapRole
) {
	if (!canGrant(granterRole, role)) throw new DomainError('role_too_high', 403);
	const [user] = await db
		.select({ id: users.id })
		.from(users)
		.where(eq(users.email, normaliseEmail(email)));
	if (!user) throw new DomainError('user_not_found', 404);
	await setMemberRole(db, roadmapId, granterRole, user.id, role, { createIfMissing: true });
	return user.id;
}

/** Changes a member's role; refuses to leave the roadmap without an owner. */
export async function setMemberRole(
	db: DbOrTx,
	roadmapId: string,
	granterRole: RoadmapRole,
	userId: string,
	role: RoadmapRole,
	options: { createIfMissing?: boolean } = {}
) {
	if (!canGrant(granterRole, role)) throw new DomainError('role_too_high', 403);
	await db.transaction(async (tx) => {
		await lockRoadmap(tx, roadmapId);
		const before = await currentRole(tx, roadmapId, userId);
		if (!before) {
			if (!options.createIfMissing) throw new DomainError('not_found', 404);
			await tx.insert(roadmapMembers).values({ roadmapId, userId, role });
			return;
		}
		if (before === 'owner' && role !== 'owner') {
			const owners = await ownerIds(tx, roadmapId);
			if (owners.length === 1 && owners[0] === userId) throw new DomainError('last_owner', 409);
		}
		await tx
			.update(roadmapMembers)
			.set({ role })
			.where(and(eq(roadmapMembers.roadmapId, roadmapId), eq(roadmapMembers.userId, userId)));
	});
}

/** Removes a member (or lets a member leave); the last owner stays. */
export async function removeMember(db: DbOrTx, roadmapId: string, userId: string) {
	await db.transaction(async (tx) => {
		await lockRoadmap(tx, roadmapId);
		const before = await currentRole(tx, roadmapId, userId);
		if (!before) throw new DomainError('not_found', 404);
		if (before === 'owner') {
			const owners = await ownerIds(tx, roadmapId);
			if (owners.length === 1) throw new DomainError('last_owner', 409);
		}
		await tx
			.delete(roadmapMembers)
			.where(and(eq(roadmapMembers.roadmapId, roadmapId), eq(roadmapMembers.userId, userId)));
	});
}
