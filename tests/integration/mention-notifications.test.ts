/**
 * Mention notices over HTTP against the built app: a mention tells the member mentioned (not the
 * author, not someone who has left), edits tell only the newly mentioned, deleting takes unread
 * notices back, only the recipient reads or marks theirs, and the live signal reaches only the
 * recipient's pages (and, via Redis, pages on another instance).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roadmapMembers } from '../../db/schema';
import type { CommentView, MentionNotice } from '../../src/lib/comments/types';
import { addMilestone } from '../../src/lib/roadmap/doc';
import { changeRoadmap } from '../../src/lib/server/roadmaps/change';
import { getRoadmapView } from '../../src/lib/server/roadmaps/read';
import { call, startTestApp, type Actor, type TestApp } from '../helpers/app';
import { useCollabInstances, withRedis } from '../helpers/collab-instance';
import {
	connect,
	eventually,
	hearSignals,
	synced,
	type TestClient
} from '../helpers/collab-client';
import { databaseKinds } from '../helpers/databases';
import {
	buildApiClient,
	buildRoadmap,
	buildUser,
	grantRole,
	type BuiltUser
} from '../helpers/factories';

type Inbox = { mentions: MentionNotice[]; unread: number };

describe.each(databaseKinds())('mention notices on %s', (kind) => {
	let app: TestApp;
	let author: BuiltUser;
	let minji: BuiltUser;
	let viewer: BuiltUser;
	let leaver: BuiltUser;
	let roadmapId: string;
	let taskId: string;
	let milestoneId: string;
	const clients: TestClient[] = [];
	const db = () => app.services.database.db;
	const base = () => `/api/v1/roadmaps/${roadmapId}/comments`;
	const json = { accept: 'application/json' };

	async function write(actor: Actor, body: Record<string, unknown>): Promise<CommentView> {
		const response = await call(app, actor, base(), { json: { taskId, ...body } });
		expect(response.status, await response.clone().text()).toBe(201);
		return ((await response.json()) as { comment: CommentView }).comment;
	}
	async function edit(actor: Actor, id: string, body: string) {
		const response = await call(app, actor, `${base()}/${id}`, { method: 'PATCH', json: { body } });
		expect(response.status, await response.clone().text()).toBe(200);
	}
	async function inbox(actor: Actor, query = ''): Promise<Inbox> {
		const response = await call(app, actor, `/api/v1/me/mentions${query}`, { headers: json });
		expect(response.status, await response.clone().text()).toBe(200);
		return (await response.json()) as Inbox;
	}
	const markRead = (actor: Actor, body: unknown) =>
		call(app, actor, '/api/v1/me/mentions/read', { json: body });

	beforeAll(async () => {
		app = await startTestApp(kind);
		author = await buildUser(db(), { name: '김민지 사무관' });
		minji = await buildUser(db(), { name: 'Minji Park' });
		viewer = await buildUser(db(), { name: 'Vera Viewer' });
		leaver = await buildUser(db(), { name: 'Leo Leaver' });
		roadmapId = (await buildRoadmap(db(), author.id, { title: '국가 AI 전략' })).id;
		await grantRole(db(), roadmapId, minji.id, 'commenter');
		await grantRole(db(), roadmapId, viewer.id, 'viewer');
		await grantRole(db(), roadmapId, leaver.id, 'editor');
		taskId = (await getRoadmapView(db(), roadmapId))!.tasks[0].id;
		await changeRoadmap(db(), roadmapId, author.id, (doc) => {
			milestoneId = addMilestone(doc, { taskId, title: { ko: '시범 사업', en: 'Pilot' } });
		});
	});
	afterAll(async () => {
		for (const c of clients) c.destroy();
		await app?.close();
	});

	it('tells each member mentioned, with who, where and a link target; never the author', async () => {
		const comment = await write(author.browser, {
			body: `<@${minji.id}> <@${author.id}> <@${viewer.id}> 확인 부탁드립니다`
		});
		const forMinji = await inbox(minji.browser);
		expect(forMinji.unread).toBe(1);
		const task = (await getRoadmapView(db(), roadmapId))!.tasks[0];
		expect(forMinji.mentions).toEqual([
			expect.objectContaining({
				commentId: comment.id,
				taskId,
				milestoneId: null,
				readAt: null,
				author: { id: author.id, name: '김민지 사무관' },
				roadmap: { id: roadmapId, title: { ko: '국가 AI 전략', en: '' } },
				target: { ko: task.titleKo, en: task.titleEn }
			})
		]);
		expect((await inbox(viewer.browser)).unread).toBe(1); // a viewer can be mentioned too
		expect(await inbox(author.browser)).toEqual({ mentions: [], unread: 0 });
	});

	it('a milestone comment names the milestone; a member who left sees nothing of it', async () => {
		await write(author.browser, { milestoneId, body: `<@${leaver.id}> <@${minji.id}> 일정?` });
		expect((await inbox(leaver.browser)).mentions[0]).toMatchObject({
			milestoneId,
			target: { ko: '시범 사업', en: 'Pilot' }
		});
		await db()
			.delete(roadmapMembers)
			.where(and(eq(roadmapMembers.roadmapId, roadmapId), eq(roadmapMembers.userId, leaver.id)));
		expect(await inbox(leaver.browser)).toEqual({ mentions: [], unread: 0 });
		expect((await inbox(minji.browser)).unread).toBe(2);
	});

	it('an edit tells only the newly mentioned; a mention taken out takes its unread notice', async () => {
		const other = await buildUser(db(), { name: 'Otto' });
		await grantRole(db(), roadmapId, other.id, 'viewer');
		const comment = await write(author.browser, { body: `<@${other.id}> 봐 주세요` });
		const [notice] = (await inbox(other.browser)).mentions;
		expect((await markRead(other.browser, { ids: [notice.id] })).status).toBe(200);

		// Mentioned again in the edit, plus Minji: Otto already has his (read) notice, Minji is new.
		const before = (await inbox(minji.browser)).unread;
		await edit(author.browser, comment.id, `<@${other.id}> <@${minji.id}> 봐 주세요`);
		const otto = await inbox(other.browser);
		expect(otto.mentions).toHaveLength(1);
		expect(otto.unread).toBe(0);
		expect((await inbox(minji.browser)).unread).toBe(before + 1);

		// Minji taken out again before she read it: her notice goes.
		await edit(author.browser, comment.id, `<@${other.id}> 봐 주세요`);
		const minjis = await inbox(minji.browser);
		expect(minjis.unread).toBe(before);
		expect(minjis.mentions.some((n) => n.commentId === comment.id)).toBe(false);
	});

	it('deleting the comment removes its unread notices', async () => {
		const comment = await write(author.browser, { body: `<@${viewer.id}> 삭제될 댓글` });
		const before = (await inbox(viewer.browser)).unread;
		const response = await call(app, author.browser, `${base()}/${comment.id}`, {
			method: 'DELETE',
			headers: json
		});
		expect(response.status).toBe(200);
		const after = await inbox(viewer.browser);
		expect(after.unread).toBe(before - 1);
		expect(after.mentions.some((n) => n.commentId === comment.id)).toBe(false);
	});

	it('only the recipient reads or marks their notices; bad input is refused clearly', async () => {
		const [notice] = (await inbox(minji.browser, '?unread=true')).mentions;
		expect(notice.readAt).toBeNull();
		// Someone else naming Minji's notice marks nothing and learns nothing.
		const foreign = await markRead(viewer.browser, { ids: [notice.id] });
		expect(foreign.status).toBe(200);
		expect((await inbox(minji.browser, '?unread=true')).mentions.map((n) => n.id)).toContain(
			notice.id
		);
		expect((await call(app, {}, '/api/v1/me/mentions', { headers: json })).status).toBe(401);
		expect((await markRead({}, { all: true })).status).toBe(401);
		for (const bad of [{}, { ids: [] }, { ids: ['nope'] }, { all: false }, 'x']) {
			const response = await markRead(minji.browser, bad);
			expect(response.status, JSON.stringify(bad)).toBe(400);
			expect(((await response.json()) as { error: { code: string } }).error.code).toBeTruthy();
		}
		expect(
			(await call(app, minji.browser, '/api/v1/me/mentions?unread=maybe', { headers: json })).status
		).toBe(400);

		// A token works as well as the browser; marking one, then all.
		const api = await buildApiClient(db(), minji.id);
		const one = await markRead(api, { ids: [notice.id] });
		const left = ((await one.json()) as { unread: number }).unread;
		expect(left).toBe((await inbox(minji.browser)).unread);
		expect(((await (await markRead(api, { all: true })).json()) as { unread: number }).unread).toBe(
			0
		);
		const all = await inbox(minji.browser);
		expect(all.unread).toBe(0);
		expect(all.mentions.every((n) => n.readAt)).toBe(true);
	});

	it('the live signal reaches the mentioned person’s pages only', async () => {
		const forMinji = connect(app, roadmapId, minji.browser);
		const forViewer = connect(app, roadmapId, viewer.browser);
		const forAuthor = connect(app, roadmapId, author.browser);
		clients.push(forMinji, forViewer, forAuthor);
		const [heardMinji, heardViewer, heardAuthor] = [forMinji, forViewer, forAuthor].map(
			hearSignals
		);
		await Promise.all([synced(forMinji), synced(forViewer), synced(forAuthor)]);
		await write(author.browser, { body: `<@${minji.id}> 지금 보세요` });
		await eventually(() => expect(heardMinji).toEqual(['mentions']));
		await new Promise((r) => setTimeout(r, 150));
		expect(heardViewer).toEqual([]);
		expect(heardAuthor).toEqual([]);
	});
});

describe.runIf(withRedis)('mention signals across instances', () => {
	const { db, instance, onStop } = useCollabInstances();

	it('a mention on one instance signals the person’s page on the other, and no one else', async () => {
		const owner = await buildUser(db());
		const other = await buildUser(db());
		const roadmap = await buildRoadmap(db(), owner.id);
		await grantRole(db(), roadmap.id, other.id, 'editor');
		const [one, two] = [await instance(), await instance()];
		const mine = connect({ url: two.url } as TestApp, roadmap.id, owner.browser);
		const theirs = connect({ url: two.url } as TestApp, roadmap.id, other.browser);
		onStop(() => {
			mine.destroy();
			theirs.destroy();
		});
		const [heardMine, heardTheirs] = [mine, theirs].map(hearSignals);
		await Promise.all([synced(mine), synced(theirs)]);
		await two.collab.whenListening(roadmap.id);
		one.collab.signal(roadmap.id, { kind: 'mentions', userIds: [other.id] });
		await eventually(() => expect(heardTheirs).toEqual(['mentions']));
		one.collab.signal(roadmap.id, { kind: 'members' });
		await eventually(() => expect(heardMine).toEqual(['members']));
		expect(heardTheirs).toEqual(['mentions', 'members']);
	});
});
