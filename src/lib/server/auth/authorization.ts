/**
 * Who may do what on a roadmap: the one place that answers it. Every load function, form action,
 * API route and the websocket upgrade asks here; no route compares roles by hand.
 */
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../../db/client';
import { roadmapMembers, roadmaps } from '../../../../db/schema';
import type { RoadmapRole } from '../../roadmap/vocabulary';

/** A member's role, or 'public' for anyone reading a roadmap shared by public link. */
export type Access = RoadmapRole | 'public';
export type Action = 'read' | 'edit' | 'comment' | 'manage' | 'export';

const ALLOWED: Record<Access, readonly Action[]> = {
	owner: ['read', 'edit', 'comment', 'manage', 'export'],
	editor: ['read', 'edit', 'comment', 'export'],
	commenter: ['read', 'comment', 'export'],
	viewer: ['read', 'export'],
	public: ['read', 'export']
};

/** Actions an archived roadmap still allows (unarchiving is a 'manage'). */
const ARCHIVED_ALLOWS: readonly Action[] = ['read', 'export', 'manage'];

export const can = (access: Access, action: Action) => ALLOWED[access].includes(action);

const RANK: Record<RoadmapRole, number> = { viewer: 1, commenter: 2, editor: 3, owner: 4 };
export const roleRank = (role: RoadmapRole) => RANK[role];
/** A role may be granted only by someone holding at least that role. */
export const canGrant = (granter: RoadmapRole, role: RoadmapRole) => RANK[role] <= RANK[granter];
export { isRole } from '../../roadmap/vocabulary';

export type RoadmapRow = typeof roadmaps.$inferSelect;

export interface RoadmapAccess {
	roadmap: RoadmapRow;
	access: Access;
	/** The member role, when the actor is a member (also set when access is that role). */
	role: RoadmapRole | null;
}

export class AccessDenied extends Error {
	constructor(
		/** 401 sign in first, 403 visible but not allowed, 404 not visible (or not there). */
		public readonly status: 401 | 403 | 404,
		message: string
	) {
		super(message);
	}
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What `userId` (null: anonymous) may see of a roadmap; null when it may see nothing. */
export async function roadmapAccess(
	db: DbOrTx,
	userId: string | null,
	roadmapId: string
): Promise<RoadmapAccess | null> {
	if (!UUID.test(roadmapId)) return null;
	const [row] = await db
		.select({ roadmap: roadmaps, role: roadmapMembers.role })
		.from(roadmaps)
		.leftJoin(
			roadmapMembers,
			and(eq(roadmapMembers.roadmapId, roadmaps.id), eq(roadmapMembers.userId, userId ?? UUID_NONE))
		)
		.where(eq(roadmaps.id, roadmapId));
	if (!row) return null;
	if (row.role) return { roadmap: row.roadmap, access: row.role, role: row.role };
	if (row.roadmap.publicRead) return { roadmap: row.roadmap, access: 'public', role: null };
	return null;
}
const UUID_NONE = '00000000-0000-0000-0000-000000000000';

/**
 * Access for `action`, or AccessDenied: 404 when the roadmap is not visible to this actor (the
 * same answer as a roadmap that does not exist), 401 when signing in might help, 403 otherwise.
 */
export async function authorize(
	db: DbOrTx,
	userId: string | null,
	roadmapId: string,
	action: Action
): Promise<RoadmapAccess> {
	const found = await roadmapAccess(db, userId, roadmapId);
	if (!found) throw new AccessDenied(404, 'Roadmap not found');
	if (!can(found.access, action)) {
		if (!userId) throw new AccessDenied(401, 'Sign in to do this');
		throw new AccessDenied(403, `Your role (${found.access}) does not allow this`);
	}
	if (found.roadmap.archivedAt && !ARCHIVED_ALLOWS.includes(action)) {
		throw new AccessDenied(403, 'This roadmap is archived; unarchive it to change it');
	}
	return found;
}
