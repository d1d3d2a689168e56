/** Organizations (with a sector) and who belongs to them. */
import { and, asc, eq, ilike, notExists, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../../db/client';
import { organizationMembers, organizations, users } from '../../../../db/schema';
import type { Sector } from '../../roadmap/vocabulary';
import { DomainError } from '../errors';
import { normaliseEmail } from './users';

export interface NewOrganization {
	name: string;
	nameEn?: string | null;
	sector: Sector;
}

/** Anyone may create an organization; its creator becomes its admin. */
/**
 * Creates an organization. `join` makes its creator its admin (someone founding their own
 * organization); naming another body as an owner must not (`join: false`): the creator would
 * otherwise be shown as belonging to it in every report.
 */
export async function createOrganization(
	db: DbOrTx,
	userId: string,
	input: NewOrganization,
	{ join = true }: { join?: boolean } = {}
) {
	return db.transaction(async (tx) => {
		const [org] = await tx
			.insert(organizations)
			.values({
				name: input.name.trim(),
				nameEn: input.nameEn?.trim() || null,
				sector: input.sector,
				createdBy: userId
			})
			.returning();
		if (join)
			await tx
				.insert(organizationMembers)
				.values({ organizationId: org.id, userId, role: 'admin' });
		return org;
	});
}

export const listMyOrganizations = (db: DbOrTx, userId: string) =>
	db
		.select({
			id: organizations.id,
			name: organizations.name,
			nameEn: organizations.nameEn,
			sector: organizations.sector,
			isExample: organizations.isExample,
			role: organizationMembers.role
		})
		.from(organizationMembers)
		.innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
		.where(eq(organizationMembers.userId, userId))
		.orderBy(asc(organizations.name));

/**
 * Made by `userId` to name as an owner (the owner picker's inline "new organization"), which
 * nobody belongs to: its creator finds it again, and may correct it (updateOrganization).
 */
const addedBy = (db: DbOrTx, userId: string) =>
	and(
		eq(organizations.createdBy, userId),
		notExists(
			db
				.select({ one: sql`1` })
				.from(organizationMembers)
				.where(eq(organizationMembers.organizationId, organizations.id))
		)
	);

/** The organizations `userId` added as owners (see addedBy), listed apart from their own. */
export const listOrganizationsAddedBy = (db: DbOrTx, userId: string) =>
	db
		.select({
			id: organizations.id,
			name: organizations.name,
			nameEn: organizations.nameEn,
			sector: organizations.sector
		})
		.from(organizations)
		.where(addedBy(db, userId))
		.orderBy(asc(organizations.name));

/** An organization as pickers and filters offer it. */
const ORG_OPTION = {
	id: organizations.id,
	name: organizations.name,
	nameEn: organizations.nameEn,
	sector: organizations.sector,
	isExample: organizations.isExample
};

/** A name as people tell organizations apart: case, and spaces around and between words, aside. */
const sameName = (column: typeof organizations.name | typeof organizations.nameEn, name: string) =>
	// [[:space:]], not \s: a template literal would read "\s" as a plain "s".
	sql`lower(regexp_replace(trim(${column}), '[[:space:]]+', ' ', 'g')) = ${name.trim().replace(/\s+/g, ' ').toLowerCase()}`;

/**
 * A real organization (not one of the demo's examples) already going by `name`, in Korean or in
 * English: creating it again would put two of it in every picker and filter, with nothing to
 * tell them apart.
 */
export async function findOrganizationNamed(db: DbOrTx, name: string) {
	const [found] = await db
		.select(ORG_OPTION)
		.from(organizations)
		.where(
			and(
				eq(organizations.isExample, false),
				or(sameName(organizations.name, name), sameName(organizations.nameEn, name))
			)
		)
		.orderBy(asc(organizations.createdAt))
		.limit(1);
	return found ?? null;
}

/** Organizations anyone may assign as task owners, optionally filtered by name. */
export function searchOrganizations(db: DbOrTx, query = '', limit = 50) {
	const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	return db
		.select(ORG_OPTION)
		.from(organizations)
		.where(
			query
				? or(ilike(organizations.name, pattern), ilike(organizations.nameEn, pattern))
				: sql`true`
		)
		.orderBy(asc(organizations.name))
		.limit(limit);
}

/**
 * The organization with its members, for one of its members, or for whoever named it as an
 * owner without joining it (it has no members then: nobody could have added any); null otherwise.
 * `canEdit`: its admins, and that creator, may correct its names and sector.
 */
export async function getOrganizationForMember(db: DbOrTx, userId: string, organizationId: string) {
	const myRole = await membershipRole(db, organizationId, userId);
	const addedByMe = !myRole && (await isAddedBy(db, organizationId, userId));
	if (!myRole && !addedByMe) return null;
	const [org] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
	const members = await db
		.select({ id: users.id, name: users.name, email: users.email, role: organizationMembers.role })
		.from(organizationMembers)
		.innerJoin(users, eq(users.id, organizationMembers.userId))
		.where(eq(organizationMembers.organizationId, organizationId))
		.orderBy(asc(users.name));
	return { organization: org, members, myRole, canEdit: myRole === 'admin' || addedByMe };
}

async function isAddedBy(db: DbOrTx, organizationId: string, userId: string) {
	if (!/^[0-9a-f-]{36}$/i.test(organizationId)) return false;
	const [row] = await db
		.select({ id: organizations.id })
		.from(organizations)
		.where(and(eq(organizations.id, organizationId), addedBy(db, userId)));
	return !!row;
}

/**
 * Corrects an organization's names and sector: its admins may, and whoever added it as an owner
 * while nobody belongs to it (a typo in a partner's name, its English name for English reports).
 * Reports, owners and pickers read the names from here, so the change shows everywhere.
 */
export async function updateOrganization(
	db: DbOrTx,
	actorId: string,
	organizationId: string,
	input: NewOrganization
) {
	const role = await membershipRole(db, organizationId, actorId);
	if (role !== 'admin' && !(await isAddedBy(db, organizationId, actorId)))
		throw new DomainError('not_found', 404);
	await db
		.update(organizations)
		.set({ name: input.name.trim(), nameEn: input.nameEn?.trim() || null, sector: input.sector })
		.where(eq(organizations.id, organizationId));
}

async function membershipRole(db: DbOrTx, organizationId: string, userId: string) {
	if (!/^[0-9a-f-]{36}$/i.test(organizationId)) return null;
	const [row] = await db
		.select({ role: organizationMembers.role })
		.from(organizationMembers)
		.where(
			and(
				eq(organizationMembers.organizationId, organizationId),
				eq(organizationMembers.userId, userId)
			)
		);
	return row?.role ?? null;
}

/** An admin adds an existing user by email. */
export async function addOrganizationMember(
	db: DbOrTx,
	actorId: string,
	organizationId: string,
	email: string
) {
	if ((await membershipRole(db, organizationId, actorId)) !== 'admin') {
		throw new DomainError('not_found', 404);
	}
	const [user] = await db
		.select({ id: users.id })
		.from(users)
		.where(eq(users.email, normaliseEmail(email)));
	if (!user) throw new DomainError('org_user_not_found', 404);
	await db
		.insert(organizationMembers)
		.values({ organizationId, userId: user.id, role: 'member' })
		.onConflictDoNothing();
}

/** The organization's admins' ids. */
async function adminsOf(db: DbOrTx, organizationId: string) {
	const rows = await db
		.select({ userId: organizationMembers.userId })
		.from(organizationMembers)
		.where(
			and(
				eq(organizationMembers.organizationId, organizationId),
				eq(organizationMembers.role, 'admin')
			)
		);
	return rows.map((row) => row.userId);
}

/**
 * An admin makes a member an admin, or an admin a member (themselves included), so the last
 * admin can hand over before leaving; the last admin stays one.
 */
export async function setOrganizationMemberRole(
	db: DbOrTx,
	actorId: string,
	organizationId: string,
	userId: string,
	role: 'admin' | 'member'
) {
	if ((await membershipRole(db, organizationId, actorId)) !== 'admin') {
		throw new DomainError('not_found', 404);
	}
	if (!(await membershipRole(db, organizationId, userId))) throw new DomainError('not_found', 404);
	const admins = await adminsOf(db, organizationId);
	if (role === 'member' && admins.length === 1 && admins[0] === userId)
		throw new DomainError('last_owner', 409);
	await db
		.update(organizationMembers)
		.set({ role })
		.where(
			and(
				eq(organizationMembers.organizationId, organizationId),
				eq(organizationMembers.userId, userId)
			)
		);
}

/** An admin removes someone, or a member leaves; the last admin cannot leave. */
export async function removeOrganizationMember(
	db: DbOrTx,
	actorId: string,
	organizationId: string,
	userId: string
) {
	const actorRole = await membershipRole(db, organizationId, actorId);
	if (!actorRole || (actorRole !== 'admin' && actorId !== userId)) {
		throw new DomainError('not_found', 404);
	}
	const admins = await adminsOf(db, organizationId);
	if (admins.length === 1 && admins[0] === userId) throw new DomainError('last_owner', 409);
	await db
		.delete(organizationMembers)
		.where(
			and(
				eq(organizationMembers.organizationId, organizationId),
				eq(organizationMembers.userId, userId)
			)
		);
}
