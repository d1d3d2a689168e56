/**
 * Decides a websocket upgrade before any Yjs byte is read: the path names a roadmap, the Origin
 * is ours, the credentials (session cookie or Bearer token) are valid, and the role allows
 * reading. Writers are owners and editors of a roadmap that is not archived.
 */
import type { IncomingMessage } from 'node:http';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { organizationMembers, organizations } from '../../db/schema';
import { validateApiToken } from '../../src/lib/server/auth/api-tokens';
import { can, roadmapAccess, type Access } from '../../src/lib/server/auth/authorization';
import { SESSION_COOKIE } from '../../src/lib/server/auth/cookies';
import { colorFor } from '../../src/lib/collab/colors';
import { validateSessionToken } from '../../src/lib/server/auth/sessions';

export interface Presence {
	name: string;
	organization: string | null;
	/** Its English name, if it has one: English readers see that (PresenceList). */
	organizationEn: string | null;
	sector: string | null;
	color: string;
}

export interface CollabIdentity {
	roadmapId: string;
	userId: string | null;
	sessionId: string | null;
	tokenId: string | null;
	access: Access;
	canWrite: boolean;
	readOnlyReason: 'role' | 'archived' | 'public' | null;
	presence: Presence;
	ip: string;
}

export type UpgradeDecision =
	| { ok: true; identity: CollabIdentity }
	| { ok: false; status: 400 | 401 | 403 | 404; message: string };

const PATH = /^\/collab\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

export const collabRoadmapId = (url: string | undefined) => {
	const path = (url ?? '').split('?')[0];
	return PATH.exec(path)?.[1]?.toLowerCase() ?? null;
};

function cookieValue(header: string | undefined, name: string): string | null {
	for (const part of (header ?? '').split(';')) {
		const [key, ...rest] = part.trim().split('=');
		if (key === name) {
			try {
				return decodeURIComponent(rest.join('='));
			} catch {
				return null;
			}
		}
	}
	return null;
}

async function presenceFor(db: Db, user: { id: string; name: string } | null): Promise<Presence> {
	if (!user)
		return {
			name: 'Guest',
			organization: null,
			organizationEn: null,
			sector: null,
			color: '#6b7280'
		};
	const [org] = await db
		.select({
			name: organizations.name,
			nameEn: organizations.nameEn,
			sector: organizations.sector
		})
		.from(organizationMembers)
		.innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
		.where(eq(organizationMembers.userId, user.id))
		.orderBy(asc(organizations.name))
		.limit(1);
	return {
		name: user.name,
		organization: org?.name ?? null,
		organizationEn: org?.nameEn ?? null,
		sector: org?.sector ?? null,
		color: colorFor(user.id)
	};
}

export interface AuthorizeOptions {
	/** Configured public origin; unset means "http://" + the request's Host. */
	origin: string | undefined;
	ip: string;
}

export async function authorizeUpgrade(
	db: Db,
	req: IncomingMessage,
	options: AuthorizeOptions
): Promise<UpgradeDecision> {
	const roadmapId = collabRoadmapId(req.url);
	if (!roadmapId) return { ok: false, status: 404, message: 'No such collaboration endpoint' };

	const authorization = req.headers.authorization;
	const bearer = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] : undefined;
	const requestOrigin = req.headers.origin;
	const expectedOrigin = options.origin ?? `http://${req.headers.host ?? ''}`;
	// Browsers always send Origin; a cookie without a matching Origin could be a cross-site page.
	if (requestOrigin !== undefined && requestOrigin !== expectedOrigin) {
		return { ok: false, status: 403, message: 'Origin not allowed' };
	}

	let user: { id: string; name: string } | null = null;
	let sessionId: string | null = null;
	let tokenId: string | null = null;
	if (bearer) {
		const found = await validateApiToken(db, bearer);
		if (!found) return { ok: false, status: 401, message: 'Invalid token' };
		user = found.user;
		tokenId = found.tokenId;
	} else {
		const token = cookieValue(req.headers.cookie, SESSION_COOKIE);
		if (token) {
			if (requestOrigin === undefined) {
				return { ok: false, status: 403, message: 'Origin required with a session cookie' };
			}
			const found = await validateSessionToken(db, token);
			if (found) {
				user = found.user;
				sessionId = found.session.id;
			}
		}
	}

	const found = await roadmapAccess(db, user?.id ?? null, roadmapId);
	if (!found) {
		return user
			? { ok: false, status: 404, message: 'Roadmap not found' }
			: { ok: false, status: 401, message: 'Sign in first' };
	}
	const writable = can(found.access, 'edit') && !found.roadmap.archivedAt;
	return {
		ok: true,
		identity: {
			roadmapId,
			userId: user?.id ?? null,
			sessionId,
			tokenId,
			access: found.access,
			canWrite: writable,
			readOnlyReason: writable
				? null
				: found.access === 'public'
					? 'public'
					: found.roadmap.archivedAt && can(found.access, 'edit')
						? 'archived'
						: 'role',
			presence: await presenceFor(db, user),
			ip: options.ip
		}
	};
}
