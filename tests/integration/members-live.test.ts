/**
 * The member list, live: whoever joins (an accepted invitation, added by an owner) or leaves (removed
 * on the members page) or changes role makes the server tell the members' open pages to read the list again, which
 * then names the newcomer with their organization. Public-link readers are never told.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roadmaps } from '../../db/schema';
import { createOrganization } from '../../src/lib/server/accounts/organizations';
import { call, startTestApp, type Actor, type TestApp } from '../helpers/app';
import {
	connect,
	eventually,
	hearSignals,
	synced,
	type TestClient
} from '../helpers/collab-client';
import { databaseKinds } from '../helpers/databases';
import { buildRoadmap, buildUser, grantRole, type BuiltUser } from '../helpers/factories';

type Listed = {
	userId: string;
	role: string;
	organization: { id: string; sector: string } | null;
};

describe.each(databaseKinds())('member list signals on %s', (kind) => {
	let app: TestApp;
	let owner: BuiltUser;
	let editor: BuiltUser;
	let roadmapId: string;
	const clients: TestClient[] = [];
	const db = () => app.services.database.db;
	const json = { accept: 'application/json' };

	async function members(actor: Actor): Promise<Listed[]> {
		const response = await call(app, actor, `/api/v1/roadmaps/${roadmapId}/members`, {
			headers: json
		});
		expect(response.status).toBe(200);
		return ((await response.json()) as { members: Listed[] }).members;
	}

	/** Pages of the owner, an editor and a public-link reader, with what each hears. */
	async function openPages() {
		const pages = [owner.browser, editor.browser, {}].map((actor) => {
			const client = connect(app, roadmapId, actor);
			clients.push(client);
			return client;
		});
		const heard = pages.map(hearSignals);
		await Promise.all(pages.map((p) => synced(p)));
		return { forOwner: heard[0], forEditor: heard[1], forReader: heard[2] };
	}

	beforeAll(async () => {
		app = await startTestApp(kind);
		owner = await buildUser(db(), { name: 'Owner' });
		editor = await buildUser(db(), { name: 'Editor' });
		roadmapId = (await buildRoadmap(db(), owner.id)).id;
		await db().update(roadmaps).set({ publicRead: true }).where(eq(roadmaps.id, roadmapId));
		await grantRole(db(), roadmapId, editor.id, 'editor');
	});
	afterAll(async () => {
		for (const c of clients) c.destroy();
		await app?.close();
	});

	it('an accepted invitation tells the members’ pages, and the list names the newcomer’s organization', async () => {
		const { forOwner, forEditor, forReader } = await openPages();
		const newcomer = await buildUser(db(), { name: 'Newcomer' });
		// A member of an organization, as the organizations page makes one.
		await createOrganization(db(), newcomer.id, { name: '한국전자통신연구원', sector: 'academia' });
		const invitation = await call(app, owner.browser, `/api/v1/roadmaps/${roadmapId}/invitations`, {
			json: { role: 'commenter' }
		});
		const { token } = (await invitation.json()) as { token: string };
		const accepted = await call(app, newcomer.browser, `/api/v1/invitations/${token}/accept`, {
			method: 'POST',
			headers: json
		});
		expect(accepted.status).toBe(200);
		await eventually(() => expect(forOwner).toEqual(['members']));
		await eventually(() => expect(forEditor).toEqual(['members']));
		const listed = (await members(editor.browser)).find((m) => m.userId === newcomer.id);
		expect(listed?.organization).toMatchObject({ sector: 'academia' });

		// Added by an owner through the API, then removed on the members page: told each time.
		const other = await buildUser(db(), { name: 'Other' });
		const added = await call(app, owner.browser, `/api/v1/roadmaps/${roadmapId}/members`, {
			json: { email: other.email, role: 'viewer' }
		});
		expect(added.status).toBe(201);
		await eventually(() => expect(forEditor).toEqual(['members', 'members']));
		const removed = await call(app, owner.browser, `/roadmaps/${roadmapId}/members?/remove`, {
			form: { userId: newcomer.id }
		});
		expect(removed.status).toBe(200);
		await eventually(() => expect(forEditor).toEqual(['members', 'members', 'members']));
		expect((await members(editor.browser)).map((m) => m.userId)).not.toContain(newcomer.id);

		// A role changed on the members page: told too, and the list shows the new role.
		const promoted = await call(app, owner.browser, `/roadmaps/${roadmapId}/members?/setRole`, {
			form: { userId: other.id, role: 'editor' }
		});
		expect(promoted.status).toBe(200);
		await eventually(() => expect(forEditor).toEqual(['members', 'members', 'members', 'members']));
		const otherListed = (await members(editor.browser)).find((m) => m.userId === other.id);
		expect(otherListed).toMatchObject({ role: 'editor' });
		await new Promise((r) => setTimeout(r, 150));
		expect(forReader).toEqual([]);
	});
});
