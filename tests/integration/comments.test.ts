/**
 * Comments over HTTP against the built app: every role's rights, the limits, the soft delete, and
 * the "thread changed" notice reaching the pages on the roadmap (and, via Redis, on another
 * instance).
 */
import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_COMMENTS, type CommentsChanged } from '../../server/collab/messages';
import { addMilestone, addTask, readRoadmap, setTaskField } from '../../src/lib/roadmap/doc';
import type { CommentView } from '../../src/lib/comments/types';
import { changeRoadmap } from '../../src/lib/server/roadmaps/change';
import { removeMember } from '../../src/lib/server/roadmaps/members';
import { getRoadmapView } from '../../src/lib/server/roadmaps/read';
import { call, startTestApp, type Actor, type TestApp } from '../helpers/app';
import { useCollabInstances, withRedis } from '../helpers/collab-instance';
import { connect, eventually, synced, type TestClient } from '../helpers/collab-client';
import { databaseKinds } from '../helpers/databases';
import {
	buildApiClient,
	buildRoadmap,
	buildUser,
	grantRole,
	type BuiltUser
} from '../helpers/factories';

/** Records the comment notices a client receives. */
function hearComments(client: TestClient): CommentsChanged[] {
	const heard: CommentsChanged[] = [];
	client.provider.messageHandlers[MESSAGE_COMMENTS] = (_encoder, decoder) => {
		heard.push(JSON.parse(decoding.readVarString(decoder)) as CommentsChanged);
	};
	return heard;
}

describe.each(databaseKinds())('comments on %s', (kind) => {
	let app: TestApp;
	let owner: BuiltUser;
	let editor: BuiltUser;
	let commenter: BuiltUser;
	let viewer: BuiltUser;
	let outsider: BuiltUser;
	let roadmapId: string;
	let taskId: string;
	let otherTaskId: string;
	let milestoneId: string;
	const clients: TestClient[] = [];
	const db = () => app.services.database.db;
	const base = () => `/api/v1/roadmaps/${roadmapId}/comments`;
	const json = { accept: 'application/json' };
	const list = (actor: Actor, query = '') => call(app, actor, base() + query, { headers: json });
	const post = (actor: Actor, body: unknown) => call(app, actor, base(), { json: body });
	const patch = (actor: Actor, id: string, body: unknown) =>
		call(app, actor, `${base()}/${id}`, { method: 'PATCH', json: body });
	const remove = (actor: Actor, id: string) =>
		call(app, actor, `${base()}/${id}`, { method: 'DELETE', headers: json });
	async function write(actor: Actor, body: Record<string, unknown>): Promise<CommentView> {
		const response = await post(actor, { taskId, ...body });
		expect(response.status, await response.clone().text()).toBe(201);
		return ((await response.json()) as { comment: CommentView }).comment;
	}
	const errorOf = async (response: Response) =>
		((await response.json()) as { error: { code: string; message: string } }).error;

	beforeAll(async () => {
		app = await startTestApp(kind);
		owner = await buildUser(db(), { name: 'Owner' });
		editor = await buildUser(db(), { name: '김편집' });
		commenter = await buildUser(db(), { name: 'Chris Commenter' });
		viewer = await buildUser(db(), { name: 'Vera Viewer' });
		outsider = await buildUser(db(), { name: 'Outsider' });
		roadmapId = (await buildRoadmap(db(), owner.id)).id;
		await grantRole(db(), roadmapId, editor.id, 'editor');
		await grantRole(db(), roadmapId, commenter.id, 'commenter');
		await grantRole(db(), roadmapId, viewer.id, 'viewer');
		const view = await getRoadmapView(db(), roadmapId);
		[taskId, otherTaskId] = view!.tasks.map((t) => t.id);
		await changeRoadmap(db(), roadmapId, owner.id, (doc) => {
			milestoneId = addMilestone(doc, { taskId, title: { ko: '시범 사업' } });
		});
	});
	afterAll(async () => {
		for (const c of clients) c.destroy();
		await app?.close();
	});

	it('a commenter writes on a task and on its milestone; members read them with names', async () => {
		const onTask = await write(commenter.browser, { body: '  일정 확인 부탁드립니다  ' });
		expect(onTask).toMatchObject({
			taskId,
			milestoneId: null,
			body: '일정 확인 부탁드립니다', // trimmed
			author: { id: commenter.id, name: 'Chris Commenter' },
			editedAt: null,
			resolvedAt: null,
			deletedAt: null
		});
		const onMilestone = await write(editor.browser, {
			milestoneId,
			body: `<@${viewer.id}> 확인해 주세요`
		});
		expect(onMilestone.mentions).toEqual([{ id: viewer.id, name: 'Vera Viewer' }]);

		const response = await list(viewer.browser, `?taskId=${taskId}`);
		expect(response.status).toBe(200);
		const body = (await response.json()) as {
			comments: CommentView[];
			you: { id: string; canComment: boolean; archived: boolean; canDeleteAny: boolean };
		};
		expect(body.you).toEqual({
			id: viewer.id,
			canComment: false,
			archived: false,
			canDeleteAny: false
		});
		expect(body.comments.map((c) => c.id)).toEqual([onTask.id, onMilestone.id]);
		const onlyMilestone = await (await list(viewer.browser, `?milestoneId=${milestoneId}`)).json();
		expect(onlyMilestone.comments.map((c: CommentView) => c.id)).toEqual([onMilestone.id]);
		const other = await (await list(owner.browser, `?taskId=${otherTaskId}`)).json();
		expect(other.comments).toEqual([]);
		expect(other.you.canDeleteAny).toBe(true);
	});

	it('viewers read but cannot write; outsiders and public-link readers are not told', async () => {
		expect((await post(viewer.browser, { taskId, body: 'hi' })).status).toBe(403);
		expect((await list(outsider.browser)).status).toBe(404);
		expect((await post(outsider.browser, { taskId, body: 'hi' })).status).toBe(404);
		expect((await list({})).status).toBe(401);
		expect((await post({}, { taskId, body: 'hi' })).status).toBe(401);
		// The public demo roadmap: anyone may read the plan, nobody outside sees its discussion.
		const demo = `/api/v1/roadmaps/${app.demoRoadmapId}/comments`;
		expect((await call(app, outsider.browser, demo, { headers: json })).status).toBe(404);
		// A Bearer token acts as its person.
		const token = await buildApiClient(db(), commenter.id);
		expect((await post(token, { taskId, body: 'via a script' })).status).toBe(201);
		expect((await list(await buildApiClient(db(), viewer.id))).status).toBe(200);
	});

	it('refuses empty, too long and malformed bodies, unknown targets and non-member mentions', async () => {
		const empty = await post(commenter.browser, { taskId, body: ' \n ' });
		expect(empty.status).toBe(400);
		expect((await errorOf(empty)).code).toBe('empty_body');
		const long = await post(commenter.browser, { taskId, body: '가'.repeat(4001) });
		expect(long.status).toBe(400);
		expect(await errorOf(long)).toEqual({
			code: 'too_long',
			message: 'A comment may have at most 4000 characters (this one has 4001)'
		});
		expect((await post(commenter.browser, { taskId, body: '가'.repeat(4000) })).status).toBe(201);
		const noTask = await post(commenter.browser, { taskId: 'task-nope', body: 'x' });
		expect(noTask.status).toBe(400);
		expect((await errorOf(noTask)).code).toBe('unknown_target');
		// A milestone named under a task it does not belong to.
		const wrongTask = await post(commenter.browser, {
			taskId: otherTaskId,
			milestoneId,
			body: 'x'
		});
		expect((await errorOf(wrongTask)).code).toBe('unknown_target');
		const stranger = await post(commenter.browser, { taskId, body: `<@${outsider.id}> ?` });
		expect(stranger.status).toBe(400);
		expect((await errorOf(stranger)).code).toBe('unknown_mention');
		const notJson = await call(app, commenter.browser, base(), {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' }
		});
		expect(notJson.status).toBe(400);
		expect((await post(commenter.browser, { body: 'no target' })).status).toBe(400);
		expect((await list(viewer.browser, '?state=maybe')).status).toBe(400);
		expect((await patch(commenter.browser, 'not-a-uuid', { body: 'x' })).status).toBe(404);
		const both = await patch(commenter.browser, crypto.randomUUID(), { body: 'x', resolved: true });
		expect(both.status).toBe(400);
	});

	it('a task made a moment ago can be commented on at once', async () => {
		let fresh = '';
		await changeRoadmap(db(), roadmapId, owner.id, (doc) => {
			fresh = addTask(doc, { title: { ko: '새 과제' } });
		});
		expect((await post(commenter.browser, { taskId: fresh, body: '첫 댓글' })).status).toBe(201);
	});

	it('only the author edits; the author or an owner deletes, and the comment stays as deleted', async () => {
		const mine = await write(commenter.browser, { body: 'first words' });
		expect((await patch(editor.browser, mine.id, { body: 'hijacked' })).status).toBe(403);
		expect((await patch(owner.browser, mine.id, { body: 'hijacked' })).status).toBe(403);
		expect((await patch(viewer.browser, mine.id, { body: 'hijacked' })).status).toBe(403);
		const edited = await patch(commenter.browser, mine.id, { body: `better, <@${editor.id}>` });
		expect(edited.status).toBe(200);
		const after = ((await edited.json()) as { comment: CommentView }).comment;
		expect(after.body).toBe(`better, <@${editor.id}>`);
		expect(after.editedAt).not.toBeNull();
		expect(after.mentions).toEqual([{ id: editor.id, name: '김편집' }]);
		expect((await patch(commenter.browser, mine.id, { body: '' })).status).toBe(400);

		expect((await remove(editor.browser, mine.id)).status).toBe(403);
		expect((await remove(viewer.browser, mine.id)).status).toBe(403);
		const byOwner = await remove(owner.browser, mine.id);
		expect(byOwner.status).toBe(200);
		const gone = ((await byOwner.json()) as { comment: CommentView }).comment;
		expect(gone).toMatchObject({ id: mine.id, body: '', mentions: [] });
		expect(gone.deletedAt).not.toBeNull();
		// Still listed, in its place, without its words.
		const listed = (await (await list(viewer.browser)).json()).comments as CommentView[];
		expect(listed.find((c) => c.id === mine.id)).toMatchObject({ body: '' });
		expect((await patch(commenter.browser, mine.id, { body: 'again' })).status).toBe(404);
		expect((await remove(commenter.browser, mine.id)).status).toBe(404);

		const own = await write(editor.browser, { body: 'mine to delete' });
		expect((await remove(editor.browser, own.id)).status).toBe(200);
	});

	it('an edit keeps a mention of someone who has left, and refuses a new one, naming whom', async () => {
		const leaving = await buildUser(db(), { name: '떠날 사람' });
		await grantRole(db(), roadmapId, leaving.id, 'viewer');
		const mine = await write(commenter.browser, { body: `ask <@${leaving.id}>` });
		await removeMember(db(), roadmapId, leaving.id);
		const edited = await patch(commenter.browser, mine.id, { body: `please ask <@${leaving.id}>` });
		expect(edited.status).toBe(200);
		expect(((await edited.json()) as { comment: CommentView }).comment.body).toBe(
			`please ask <@${leaving.id}>`
		);
		const added = await patch(commenter.browser, mine.id, {
			body: `please ask <@${leaving.id}> and <@${outsider.id}>`
		});
		expect(added.status).toBe(400);
		expect(await errorOf(added)).toMatchObject({
			code: 'unknown_mention',
			details: { userIds: [outsider.id] }
		});
	});

	it('commenters and above resolve and reopen; the open filter follows', async () => {
		const question = await write(editor.browser, { body: 'resolve me' });
		expect((await patch(viewer.browser, question.id, { resolved: true })).status).toBe(403);
		const resolved = await patch(commenter.browser, question.id, { resolved: true });
		expect(resolved.status).toBe(200);
		expect(((await resolved.json()) as { comment: CommentView }).comment).toMatchObject({
			resolvedBy: { id: commenter.id, name: 'Chris Commenter' }
		});
		const ids = async (state: string) =>
			(
				(await (await list(viewer.browser, `?state=${state}`)).json()).comments as CommentView[]
			).map((c) => c.id);
		expect(await ids('open')).not.toContain(question.id);
		expect(await ids('resolved')).toContain(question.id);
		const reopened = await patch(owner.browser, question.id, { resolved: false });
		expect(((await reopened.json()) as { comment: CommentView }).comment.resolvedAt).toBeNull();
		expect(await ids('open')).toContain(question.id);
	});

	it('tells every member on the page which thread changed, and not public-link readers', async () => {
		const forCommenter = connect(app, roadmapId, commenter.browser);
		const forViewer = connect(app, roadmapId, viewer.browser);
		clients.push(forCommenter, forViewer);
		const heardByCommenter = hearComments(forCommenter);
		const heardByViewer = hearComments(forViewer);
		await Promise.all([synced(forCommenter), synced(forViewer)]);
		await write(editor.browser, { milestoneId, body: 'live' });
		const expected = { taskId, milestoneId };
		await eventually(() => expect(heardByCommenter).toContainEqual(expected));
		await eventually(() => expect(heardByViewer).toContainEqual(expected));
		// A stock y-websocket client knows nothing of 103: it logs it and keeps syncing.
		const stock = connect(app, roadmapId, viewer.browser);
		clients.push(stock);
		await synced(stock);
		const quiet = console.error;
		console.error = () => {};
		try {
			await write(editor.browser, { body: 'unheard' });
			await new Promise((r) => setTimeout(r, 100));
			await app.services.collab.change(roadmapId, owner.id, (doc) =>
				setTaskField(doc, otherTaskId, 'status', 'done')
			);
			await eventually(() =>
				expect(readRoadmap(stock.doc).tasks.find((t) => t.id === otherTaskId)?.status).toBe('done')
			);
		} finally {
			console.error = quiet;
		}
		const resolvedBefore = heardByViewer.length;
		const c = await write(commenter.browser, { body: 'then resolved' });
		await patch(owner.browser, c.id, { resolved: true });
		await eventually(() => expect(heardByViewer.length).toBe(resolvedBefore + 2));

		// An anonymous reader of the public demo hears nothing about its comments.
		const demoOwner = await buildUser(db());
		await grantRole(db(), app.demoRoadmapId, demoOwner.id, 'owner');
		const reader = connect(app, app.demoRoadmapId, {});
		const member = connect(app, app.demoRoadmapId, demoOwner.browser);
		clients.push(reader, member);
		const heardByReader = hearComments(reader);
		const heardByMember = hearComments(member);
		await Promise.all([synced(reader), synced(member)]);
		const demoTask = (await getRoadmapView(db(), app.demoRoadmapId))!.tasks[0].id;
		const demoPost = await call(
			app,
			demoOwner.browser,
			`/api/v1/roadmaps/${app.demoRoadmapId}/comments`,
			{
				json: { taskId: demoTask, body: 'members only' }
			}
		);
		expect(demoPost.status).toBe(201);
		await eventually(() => expect(heardByMember).toHaveLength(1));
		await new Promise((r) => setTimeout(r, 100));
		expect(heardByReader).toEqual([]);
	});
});

describe.runIf(withRedis)('comment notices across instances', () => {
	const { db, instance, onStop } = useCollabInstances();

	it('a thread changed on one instance reaches the pages on the other', async () => {
		const owner = await buildUser(db());
		const roadmap = await buildRoadmap(db(), owner.id);
		const [one, two] = [await instance(), await instance()];
		const there = connect({ url: two.url } as TestApp, roadmap.id, owner.browser);
		onStop(() => there.destroy());
		const heard = hearComments(there);
		await synced(there);
		await two.collab.whenListening(roadmap.id);
		one.collab.commentsChanged(roadmap.id, { taskId: 't1', milestoneId: null });
		await eventually(() => expect(heard).toEqual([{ taskId: 't1', milestoneId: null }]));
	});
});
