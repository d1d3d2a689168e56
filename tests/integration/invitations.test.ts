import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { roadmapAccess } from '../../src/lib/server/auth/authorization';
import {
	acceptInvitation,
	createInvitation,
	revokeInvitation
} from '../../src/lib/server/roadmaps/invitations';
import { removeMember, setMemberRole } from '../../src/lib/server/roadmaps/members';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases';
import { buildRoadmap, buildUser, grantRole } from '../helpers/factories';

const DAY = 24 * 60 * 60 * 1000;

describe.each(databaseKinds())('invitations and membership on %s', (kind) => {
	let handle: TestDatabase;
	let db: Db;
	let owner: Awaited<ReturnType<typeof buildUser>>;
	let roadmapId: string;
	const invite = (overrides: Partial<Parameters<typeof createInvitation>[1]> = {}) =>
		createInvitation(db, {
			roadmapId,
			createdBy: owner.id,
			granterRole: 'owner',
			role: 'editor',
			...overrides
		});
	const roleOf = async (userId: string) =>
		(await roadmapAccess(db, userId, roadmapId))?.role ?? null;

	beforeEach(async () => {
		handle = await createTestDatabase(kind);
		db = handle.database.db;
		owner = await buildUser(db, { name: 'Owner' });
		roadmapId = (await buildRoadmap(db, owner.id)).id;
	});
	afterEach(() => handle.dispose());

	it('grants the invited role once, then refuses the used-up link', async () => {
		const { token } = await invite({ role: 'commenter' });
		const first = await buildUser(db);
		expect(await acceptInvitation(db, token, first)).toEqual({ roadmapId, role: 'commenter' });
		expect(await roleOf(first.id)).toBe('commenter');
		const second = await buildUser(db);
		await expect(acceptInvitation(db, token, second)).rejects.toMatchObject({
			code: 'invitation_invalid'
		});
		expect(await roleOf(second.id)).toBeNull();
	});

	it('counts uses on a multi-use link, even when accepted at the same moment', async () => {
		const { token } = await invite({ maxUses: 2 });
		const people = await Promise.all([buildUser(db), buildUser(db), buildUser(db)]);
		const results = await Promise.allSettled(people.map((p) => acceptInvitation(db, token, p)));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
	});

	it('refuses expired, revoked and tampered links', async () => {
		const expired = await invite({ expiresInDays: 1 });
		const user = await buildUser(db);
		await expect(
			acceptInvitation(db, expired.token, user, new Date(Date.now() + 2 * DAY))
		).rejects.toMatchObject({
			code: 'invitation_invalid'
		});

		const revoked = await invite();
		await revokeInvitation(db, roadmapId, revoked.id);
		await expect(acceptInvitation(db, revoked.token, user)).rejects.toMatchObject({
			code: 'invitation_invalid'
		});

		const valid = await invite();
		const [id, secret] = valid.token.split('.');
		const forged = `${id}.${secret.slice(0, -2)}${secret.endsWith('aa') ? 'bb' : 'aa'}`;
		for (const bad of [forged, `${id}.`, id, 'x'.repeat(400), `${id}.${secret}.extra`]) {
			await expect(acceptInvitation(db, bad, user)).rejects.toMatchObject({
				code: 'invitation_invalid'
			});
		}
		expect(await roleOf(user.id)).toBeNull();
		// The genuine link still works after all that.
		expect((await acceptInvitation(db, valid.token, user)).role).toBe('editor');
	});

	it('never grants a role above the inviter’s', async () => {
		const editor = await buildUser(db);
		await grantRole(db, roadmapId, editor.id, 'editor');
		await expect(
			createInvitation(db, {
				roadmapId,
				createdBy: editor.id,
				granterRole: 'editor',
				role: 'owner'
			})
		).rejects.toMatchObject({ code: 'role_too_high' });
		await expect(setMemberRole(db, roadmapId, 'editor', editor.id, 'owner')).rejects.toMatchObject({
			code: 'role_too_high'
		});
	});

	it('binds an email-addressed link to that address, and never lowers an existing role', async () => {
		const { token } = await invite({ role: 'viewer', email: 'Invitee@Example.org', maxUses: 3 });
		const stranger = await buildUser(db);
		await expect(acceptInvitation(db, token, stranger)).rejects.toMatchObject({
			code: 'invitation_email_mismatch'
		});
		const invitee = await buildUser(db, { email: 'invitee@example.org' });
		await grantRole(db, roadmapId, invitee.id, 'editor');
		expect((await acceptInvitation(db, token, invitee)).role).toBe('editor');
		expect(await roleOf(invitee.id)).toBe('editor');
	});

	it('keeps at least one owner', async () => {
		await expect(setMemberRole(db, roadmapId, 'owner', owner.id, 'editor')).rejects.toMatchObject({
			code: 'last_owner'
		});
		await expect(removeMember(db, roadmapId, owner.id)).rejects.toMatchObject({
			code: 'last_owner'
		});
		const second = await buildUser(db);
		await grantRole(db, roadmapId, second.id, 'owner');
		// Two owners demoting each other at once: one must win, one must be refused.
		const results = await Promise.allSettled([
			setMemberRole(db, roadmapId, 'owner', owner.id, 'viewer'),
			setMemberRole(db, roadmapId, 'owner', second.id, 'viewer')
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const roles = [await roleOf(owner.id), await roleOf(second.id)];
		expect(roles.filter((r) => r === 'owner')).toHaveLength(1);
	});
});
