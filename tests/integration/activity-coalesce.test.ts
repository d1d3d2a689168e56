/**
 * Activity is coalesced: a person typing commits a batch every few keystrokes, but a report must
 * read "Kim edited the summary", once — not hundreds of rows each holding the whole text.
 */
import { and, asc, count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { activity, roadmaps } from '../../db/schema';
import { readRoadmap, setTaskField, taskSummaryFragment } from '../../src/lib/roadmap/doc';
import { changeRoadmap } from '../../src/lib/server/roadmaps/change';
import { CO_EDITING_MS } from '../../src/lib/server/roadmaps/projection';
import { ensureProjected } from '../../src/lib/server/roadmaps/projector';
import { call, startTestApp, type TestApp } from '../helpers/app';
import { connect, eventually, synced, type TestClient } from '../helpers/collab-client';
import { databaseKinds } from '../helpers/databases';
import { buildRoadmap, buildUser, grantRole, type BuiltUser } from '../helpers/factories';

const TEXT = '국가 AI 컴퓨팅 인프라를 확충하고 전력망 특별법을 조속히 처리한다. '
	.repeat(20)
	.slice(0, 500);

describe.each(databaseKinds())('activity coalescing on %s', (kind) => {
	let app: TestApp;
	let owner: BuiltUser;
	const clients: TestClient[] = [];
	const db = () => app.services.database.db;
	const open = async (roadmapId: string, actor: BuiltUser) => {
		const client = connect(app, roadmapId, actor.browser);
		clients.push(client);
		await synced(client);
		return client;
	};
	// The projection trails "saved" by a moment: wait for it, as every reader of activity does.
	const rowsFor = async (roadmapId: string, entityId: string, field: string) => {
		await ensureProjected(db(), roadmapId);
		return db()
			.select()
			.from(activity)
			.where(
				and(
					eq(activity.roadmapId, roadmapId),
					eq(activity.entityId, entityId),
					eq(activity.field, field)
				)
			)
			.orderBy(asc(activity.id));
	};
	// Counted by the roadmap's sequence, not by log rows: compaction (every 200 commits) folds
	// rows into a snapshot while the person is still typing.
	const commits = async (roadmapId: string) =>
		(await db().select({ n: roadmaps.lastSeq }).from(roadmaps).where(eq(roadmaps.id, roadmapId)))[0]
			.n;

	/** Types `text` at the end of the summary's first paragraph, one character per keystroke. */
	async function type(client: TestClient, taskId: string, text: string) {
		const fragment = taskSummaryFragment(client.doc, taskId, 'ko')!;
		const paragraph = fragment.get(0) as Y.XmlElement;
		let t = paragraph.get(0) as Y.XmlText | undefined;
		if (!t) {
			t = new Y.XmlText();
			paragraph.insert(0, [t]);
		}
		for (const ch of text) {
			t.insert(t.length, ch);
			await new Promise((r) => setTimeout(r, 1));
		}
		await eventually(() => expect(client.isSaved()).toBe(true), 20_000);
	}

	beforeAll(async () => {
		app = await startTestApp(kind);
		owner = await buildUser(db(), { name: '김민지' });
	});
	afterEach(() => {
		for (const c of clients.splice(0)) c.destroy();
	});
	afterAll(() => app?.close());

	it('a 500-character summary typed key by key leaves one activity row, not hundreds', async () => {
		const roadmap = await buildRoadmap(db(), owner.id);
		const editor = await buildUser(db(), { name: 'Lee Jun' });
		await grantRole(db(), roadmap.id, editor.id, 'editor');
		const kim = await open(roadmap.id, owner);
		const task = readRoadmap(kim.doc).tasks[0];
		const before = await commits(roadmap.id);

		await type(kim, task.id, TEXT);
		const committed = (await commits(roadmap.id)) - before;
		// Many separate commits happened (typing is not one batch)…
		expect(committed).toBeGreaterThan(20);
		// …yet the summary has one row: the first `before`, the last `after`, by Kim.
		let rows = await rowsFor(roadmap.id, task.id, 'summaryKo');
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ userId: owner.id, before: task.summary.ko });
		expect(rows[0].after).toBe(`${task.summary.ko}${TEXT}`.trim());

		// Someone else edits the same field: their own row.
		const lee = await open(roadmap.id, editor);
		await eventually(() => expect(readRoadmap(lee.doc).tasks[0].summary.ko).toContain(TEXT.trim()));
		await type(lee, task.id, ' 검토 완료');
		rows = await rowsFor(roadmap.id, task.id, 'summaryKo');
		expect(rows.map((r) => r.userId)).toEqual([owner.id, editor.id]);
		// And Kim again, a turn later (not typing along with Lee): a third row.
		await eventually(() => expect(readRoadmap(kim.doc).tasks[0].summary.ko).toContain('검토 완료'));
		await new Promise((r) => setTimeout(r, CO_EDITING_MS + 200));
		await type(kim, task.id, '!');
		rows = await rowsFor(roadmap.id, task.id, 'summaryKo');
		expect(rows.map((r) => r.userId)).toEqual([owner.id, editor.id, owner.id]);
		expect(rows[2].before).toBe(rows[1].after);
	});

	it('two people typing in one summary together leave a row each, not one per turn', async () => {
		const roadmap = await buildRoadmap(db(), owner.id);
		const editor = await buildUser(db(), { name: 'Lee Jun' });
		await grantRole(db(), roadmap.id, editor.id, 'editor');
		const kim = await open(roadmap.id, owner);
		const lee = await open(roadmap.id, editor);
		const task = readRoadmap(kim.doc).tasks[0];
		const before = await commits(roadmap.id);
		// Turns of a few keystrokes each, as two people typing at once commit them.
		for (let turn = 0; turn < 8; turn++) {
			const [who, other] = turn % 2 ? [lee, kim] : [kim, lee];
			await type(who, task.id, turn % 2 ? 'ab' : '가나');
			await eventually(() =>
				expect(readRoadmap(other.doc).tasks[0].summary.ko).toBe(
					readRoadmap(who.doc).tasks[0].summary.ko
				)
			);
		}
		expect((await commits(roadmap.id)) - before).toBeGreaterThanOrEqual(8);
		const rows = await rowsFor(roadmap.id, task.id, 'summaryKo');
		expect(rows.map((r) => r.userId)).toEqual([owner.id, editor.id]);
		// Each row runs from before that person's first turn to after their last one.
		const final = readRoadmap(kim.doc).tasks[0].summary.ko;
		expect(rows[0].before).toBe(task.summary.ko);
		expect(rows[0].after).toBe(final.slice(0, -'ab'.length));
		expect(rows[1].before).toBe(`${task.summary.ko}가나`);
		expect(rows[1].after).toBe(final);
	});

	it('the same person after ten quiet minutes starts a new row', async () => {
		const roadmap = await buildRoadmap(db(), owner.id);
		const taskId = (
			await call(app, owner.browser, `/api/v1/roadmaps/${roadmap.id}`, {
				headers: { accept: 'application/json' }
			}).then((r) => r.json())
		).tasks[0].id as string;
		const t0 = new Date(Date.now() + 60 * 60_000);
		const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
		const progress = (value: number, minutes: number) =>
			changeRoadmap(
				db(),
				roadmap.id,
				owner.id,
				(doc) => setTaskField(doc, taskId, 'progress', value),
				at(minutes)
			);

		await progress(10, 0);
		await progress(20, 4);
		await progress(30, 13); // 9 minutes after the last edit: still the same change
		let rows = await rowsFor(roadmap.id, taskId, 'progress');
		expect(rows.map((r) => [r.before, r.after])).toEqual([[0, 30]]);
		expect(rows[0].at.toISOString()).toBe(at(13).toISOString());

		await progress(45, 24); // 11 quiet minutes: a new change
		rows = await rowsFor(roadmap.id, taskId, 'progress');
		expect(rows.map((r) => [r.before, r.after])).toEqual([
			[0, 30],
			[30, 45]
		]);
		// Whole-entity events are never merged.
		const created = await db()
			.select({ n: count() })
			.from(activity)
			.where(and(eq(activity.roadmapId, roadmap.id), eq(activity.field, 'created')));
		expect(created[0].n).toBeGreaterThan(5);
	});
});
