/**
 * Restoring deleted items over the JSON API: members list what was deleted and whether it can
 * come back; editors bring it back, and every refusal is a clear code that changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMilestone, deleteMilestone, deleteTask, readRoadmap } from '../../src/lib/roadmap/doc';
import { changeRoadmap } from '../../src/lib/server/roadmaps/change';
import { loadRoadmapDoc } from '../../src/lib/server/roadmaps/log';
import { call, startTestApp, type Actor, type TestApp } from '../helpers/app';
import { databaseKinds } from '../helpers/databases';
import {
	buildApiClient,
	buildRoadmap,
	buildUser,
	grantRole,
	type BuiltUser
} from '../helpers/factories';

describe.each(databaseKinds())('the restore API on %s', (kind) => {
	let app: TestApp;
	let owner: BuiltUser;
	let editor: BuiltUser;
	let viewer: BuiltUser;
	let editorToken: Actor;
	const db = () => app.services.database.db;
	const plan = async (roadmapId: string) =>
		readRoadmap((await loadRoadmapDoc(db(), roadmapId)).doc);
	const listed = async (actor: Actor, roadmapId: string) => {
		const response = await call(app, actor, `/api/v1/roadmaps/${roadmapId}/deleted`, {
			headers: { accept: 'application/json' }
		});
		expect(response.status).toBe(200);
		return (await response.json()).deleted as Record<string, unknown>[];
	};
	const restore = (actor: Actor, roadmapId: string, body: unknown) =>
		call(app, actor, `/api/v1/roadmaps/${roadmapId}/restore`, { json: body });
	const errorOf = async (response: Response) => (await response.json()).error;

	beforeAll(async () => {
		app = await startTestApp(kind);
		owner = await buildUser(db(), { name: '김민지' });
		editor = await buildUser(db(), { name: '박서준' });
		viewer = await buildUser(db(), { name: '이하늘' });
		editorToken = await buildApiClient(db(), editor.id);
	});
	afterAll(() => app?.close());

	async function sharedRoadmap() {
		const roadmap = await buildRoadmap(db(), owner.id);
		await grantRole(db(), roadmap.id, editor.id, 'editor');
		await grantRole(db(), roadmap.id, viewer.id, 'viewer');
		return { roadmapId: roadmap.id, before: await plan(roadmap.id) };
	}

	it('lists a deleted milestone for members, and an editor brings it back by token', async () => {
		const { roadmapId, before } = await sharedRoadmap();
		const milestone = before.milestones[0];
		await changeRoadmap(db(), roadmapId, editor.id, (doc) => deleteMilestone(doc, milestone.id));

		const deleted = await listed(viewer.browser, roadmapId);
		expect(deleted).toEqual([
			{
				kind: 'milestone',
				id: milestone.id,
				title: milestone.title,
				taskId: milestone.taskId,
				deletedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
				deletedBy: { id: editor.id, name: '박서준' },
				restorable: true,
				reason: null
			}
		]);
		// A viewer may read the list, not restore.
		const refused = await restore(viewer.browser, roadmapId, {
			kind: 'milestone',
			id: milestone.id
		});
		expect(refused.status).toBe(403);
		expect((await plan(roadmapId)).milestones.map((m) => m.id)).not.toContain(milestone.id);

		const restored = await restore(editorToken, roadmapId, { kind: 'milestone', id: milestone.id });
		expect(restored.status).toBe(200);
		expect(await restored.json()).toEqual({
			restored: { kind: 'milestone', id: milestone.id, title: milestone.title }
		});
		const back = (await plan(roadmapId)).milestones.find((m) => m.id === milestone.id);
		expect(back).toMatchObject({ title: milestone.title, taskId: milestone.taskId });
		expect(await listed(viewer.browser, roadmapId)).toEqual([]);
		// Twice: it is there already; nothing changes.
		const again = await restore(editorToken, roadmapId, { kind: 'milestone', id: milestone.id });
		expect(again.status).toBe(409);
		expect(await errorOf(again)).toMatchObject({
			code: 'already_present',
			details: { title: milestone.title }
		});
	});

	it('restores a task with its milestones; a milestone of a deleted task waits for it', async () => {
		const { roadmapId, before } = await sharedRoadmap();
		const task = before.tasks[1];
		const ofTask = before.milestones.filter((m) => m.taskId === task.id);
		let added = '';
		await changeRoadmap(db(), roadmapId, editor.id, (doc) => {
			added = addMilestone(doc, { taskId: task.id, title: { ko: '먼저 지운 것', en: 'First' } });
		});
		await changeRoadmap(db(), roadmapId, editor.id, (doc) => deleteMilestone(doc, added));
		await changeRoadmap(db(), roadmapId, owner.id, (doc) => deleteTask(doc, task.id));

		const deleted = await listed(editor.browser, roadmapId);
		expect(deleted.map((d) => [d.kind, d.id, d.restorable, d.reason])).toEqual([
			['task', task.id, true, null],
			['milestone', added, false, 'task-gone']
		]);
		const waits = await restore(editorToken, roadmapId, { kind: 'milestone', id: added });
		expect(waits.status).toBe(409);
		expect((await errorOf(waits)).code).toBe('task_gone');

		const restored = await restore(editorToken, roadmapId, { kind: 'task', id: task.id });
		expect(restored.status).toBe(200);
		const now = await plan(roadmapId);
		expect(now.tasks.map((t) => t.id)).toContain(task.id);
		expect(now.milestones.filter((m) => m.taskId === task.id).map((m) => m.id)).toEqual(
			ofTask.map((m) => m.id)
		);
		// Its task back, the milestone can come back too.
		expect((await listed(editor.browser, roadmapId)).map((d) => d.restorable)).toEqual([true]);
		expect((await restore(editorToken, roadmapId, { kind: 'milestone', id: added })).status).toBe(
			200
		);
	});

	it('answers bad requests with a clear code and changes nothing', async () => {
		const { roadmapId, before } = await sharedRoadmap();
		const unknown = await restore(editorToken, roadmapId, { kind: 'milestone', id: 'ms-nothing' });
		expect(unknown.status).toBe(404);
		expect((await errorOf(unknown)).code).toBe('not_found');
		for (const body of [
			{ kind: 'roadmap', id: 'x' },
			{ kind: 'task' },
			{ kind: 'task', id: '' },
			[]
		]) {
			const response = await restore(editorToken, roadmapId, body);
			expect(response.status, JSON.stringify(body)).toBe(400);
			expect((await errorOf(response)).code).toBe('invalid_input');
		}
		const notJson = await call(app, editorToken, `/api/v1/roadmaps/${roadmapId}/restore`, {
			rawJson: '{"kind": "task",'
		});
		expect(notJson.status).toBe(400);
		expect((await errorOf(notJson)).code).toBe('invalid_json');
		// Signed out: neither the list nor a restore.
		expect((await call(app, {}, `/api/v1/roadmaps/${roadmapId}/deleted`)).status).toBe(401);
		expect((await restore({}, roadmapId, { kind: 'task', id: before.tasks[0].id })).status).toBe(
			401
		);
		expect(await plan(roadmapId)).toEqual(before);
	});
});
