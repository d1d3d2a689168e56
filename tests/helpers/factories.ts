/** Small factories for test data, written straight to the database the app uses. */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client';
import { roadmapMembers } from '../../db/schema';
import type { RoadmapRole } from '../../src/lib/roadmap/vocabulary';
import { createApiToken } from '../../src/lib/server/auth/api-tokens';
import { SESSION_COOKIE } from '../../src/lib/server/auth/cookies';
import { createSession } from '../../src/lib/server/auth/sessions';
import { createUser } from '../../src/lib/server/accounts/users';
import { createRoadmap, type NewRoadmap } from '../../src/lib/server/roadmaps/manage';
import type { Actor } from './app';

export const uniqueEmail = (label = 'user') =>
	`${label}-${randomBytes(4).toString('hex')}@example.org`;

export interface BuiltUser {
	id: string;
	email: string;
	name: string;
	password: string;
	/** A signed-in browser. */
	browser: Actor;
	sessionId: string;
}

export async function buildUser(
	db: Db,
	overrides: Partial<{ name: string; email: string; password: string }> = {}
): Promise<BuiltUser> {
	const password = overrides.password ?? `pw-${randomBytes(6).toString('hex')}`;
	const user = await createUser(db, {
		name: overrides.name ?? 'Test User',
		email: overrides.email ?? uniqueEmail(),
		password
	});
	const session = await createSession(db, user.id);
	return {
		...user,
		password,
		browser: { cookie: `${SESSION_COOKIE}=${session.token}` },
		sessionId: session.id
	};
}

export async function buildApiClient(db: Db, userId: string): Promise<Actor> {
	const { token } = await createApiToken(db, userId, 'test');
	return { bearer: token };
}

export async function buildRoadmap(db: Db, ownerId: string, overrides: Partial<NewRoadmap> = {}) {
	return createRoadmap(db, ownerId, {
		title: 'Test roadmap',
		template: 'five-tasks',
		...overrides
	});
}

/** Makes `userId` a member with `role` directly (arranging a test, not testing membership). */
export async function grantRole(db: Db, roadmapId: string, userId: string, role: RoadmapRole) {
	await db.insert(roadmapMembers).values({ roadmapId, userId, role });
}
