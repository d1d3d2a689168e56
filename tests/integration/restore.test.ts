/**
 * A deleted task or milestone comes back from the activity log whole: its fields, owners and
 * (for a task) milestones, under its own id so its comments are its own again; the feed offers
 * it only where it can work, tells the restore as one, and a report never carries the copy.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activity, organizations } from '../../db/schema';
import {
	addMilestone,
	assignMilestoneOwner,
	assignOwner,
	deleteMilestone,
	deleteTask,
	readRoadmap,
	setPlainParagraphs,
	taskSummaryFragment,
	type RoadmapData
} from '../../src/lib/roadmap/doc';
import { createComment, listComments } from '../../src/lib/server/comments/comments';
import { readActivityFeed } from '../../src/lib/server/reports/activity-feed';
import { changeRoadmap } from '../../src/lib/server/roadmaps/change';
import { loadRoadmapDoc } from '../../src/lib/server/roadmaps/log';
import { restoreDeleted } from '../../src/lib/server/roadmaps/restore';
import { buildReport } from '../../src/lib/server/reports/build';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases';
import { buildRoadmap, buildUser, type BuiltUser } from '../helpers/factories';

/** The plan as readers see it, without the edit times a restore starts afresh. */
const plain = (plan: RoadmapData) => ({
	tasks: plan.tasks.map((t) => ({ ...t, edited: null })),
	milestones: plan.milestones.map((m) => ({ ...m, edited: null }))
});

describe.each(databaseKinds())('restoring deleted items on %s', (kind) => {
	let t: TestDatabase;
	let kim: BuiltUser;
	let lee: BuiltUser;
	const orgId = randomUUID();
	const db = () => t.database.db;
	const plan = async (roadmapId: string) =>
		readRoadmap((await loadRoadmapDoc(db(), roadmapId)).doc);
	const feed = (roadmapId: string, locale: 'ko' | 'en' = 'en') =>
		readActivityFeed(db(), roadmapId, { person: null, task: null, page: 1 }, locale);

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		kim = await buildUser(db(), { name: '김민지' });
		lee = await buildUser(db(), { name: '이서연' });
		await db()
			.insert(organizations)
			.values({ id: orgId, name: '과학기술정보통신부', nameEn: 'MSIT', sector: 'government' });
	});
	afterAll(() => t?.dispose());

	/** A five-task roadmap whose first task has owners, a milestone with everything set, and comments. */
	async function setUp() {
		const roadmap = await buildRoadmap(db(), kim.id);
		const before = await plan(roadmap.id);
		const task = before.tasks[0];
		let milestoneId = '';
		await changeRoadmap(db(), roadmap.id, kim.id, (doc) => {
			assignOwner(doc, task.id, { kind: 'organization', id: orgId, role: 'lead' });
			setPlainParagraphs(taskSummaryFragment(doc, task.id, 'ko')!, '첫 줄\n둘째 줄');
			milestoneId = addMilestone(doc, {
				taskId: task.id,
				title: { ko: '시범 사업 착수', en: 'Pilot starts' },
				description: { ko: '세 개 지역', en: 'Three regions' },
				status: 'at_risk',
				progress: 40,
				startDate: '2027-01-04',
				dueDate: '2027-06-30'
			});
			assignMilestoneOwner(doc, milestoneId, { kind: 'user', id: lee.id, role: 'support' });
		});
		await createComment(db(), roadmap.id, kim.id, {
			taskId: task.id,
			milestoneId,
			body: '일정 확인 부탁드립니다'
		});
		return { roadmapId: roadmap.id, taskId: task.id, milestoneId, whole: await plan(roadmap.id) };
	}

	it('brings a deleted milestone back as it was, with its owners and comments', async () => {
		const { roadmapId, milestoneId, whole } = await setUp();
		await changeRoadmap(db(), roadmapId, kim.id, (doc) => deleteMilestone(doc, milestoneId));
		expect((await plan(roadmapId)).milestones.some((m) => m.id === milestoneId)).toBe(false);

		// The feed offers it to be restored, on the deletion's entry.
		const deleted = (await feed(roadmapId)).entries[0];
		expect(deleted.text).toBe("김민지 deleted the milestone 'Pilot starts'");
		expect(deleted.restore).toEqual({ kind: 'milestone', id: milestoneId, taskGone: false });

		const outcome = await restoreDeleted(db(), roadmapId, lee.id, 'milestone', milestoneId);
		expect(outcome).toEqual({
			ok: true,
			title: { ko: '시범 사업 착수', en: 'Pilot starts' },
			plainSummary: false
		});
		expect(plain(await plan(roadmapId))).toEqual(plain(whole));
		const thread = await listComments(db(), roadmapId, { milestoneId });
		expect(thread.map((c) => c.body)).toEqual(['일정 확인 부탁드립니다']);

		// Told as a restore, by whoever restored it; the deletion no longer offers it.
		const after = await feed(roadmapId, 'ko');
		expect(after.entries[0].text).toBe("이서연님이 삭제된 이정표 '시범 사업 착수'를 복원했습니다");
		expect(after.entries.every((e) => !e.restore)).toBe(true);

		// A second restore (another page still showing the button) changes nothing.
		expect(await restoreDeleted(db(), roadmapId, lee.id, 'milestone', milestoneId)).toEqual({
			ok: false,
			reason: 'present',
			title: { ko: '시범 사업 착수', en: 'Pilot starts' }
		});
	});

	it('brings a deleted task back with its milestones; its milestones alone wait for it', async () => {
		const { roadmapId, taskId, milestoneId, whole } = await setUp();
		// The milestone deleted first, then its task: the milestone's entry says to restore the task.
		await changeRoadmap(db(), roadmapId, kim.id, (doc) => deleteTask(doc, taskId));
		const deleted = await feed(roadmapId);
		const entries = deleted.entries;
		expect(entries[0].restore).toEqual({ kind: 'task', id: taskId, taskGone: false });
		// The task filter still offers it, among the deleted ones, to find what it went through.
		expect(deleted.tasks.filter((t) => t.deleted).map((t) => t.id)).toEqual([taskId]);
		expect(deleted.tasks.filter((t) => !t.deleted)).toHaveLength(4);
		const ofTask = await readActivityFeed(
			db(),
			roadmapId,
			{ person: null, task: taskId, page: 1 },
			'en'
		);
		expect(ofTask.entries[0].text).toMatch(/^김민지 deleted the task '.+'$/);
		expect(await restoreDeleted(db(), roadmapId, lee.id, 'milestone', milestoneId)).toMatchObject({
			ok: false
		});

		expect(await restoreDeleted(db(), roadmapId, lee.id, 'task', taskId)).toMatchObject({
			ok: true
		});
		const back = await plan(roadmapId);
		expect(plain(back)).toEqual(plain(whole));
		expect(back.tasks[0].summary.ko).toBe('첫 줄\n둘째 줄');
		expect(back.tasks[0].owners).toEqual({
			[`org:${orgId}`]: { kind: 'organization', id: orgId, role: 'lead' }
		});
		expect((await listComments(db(), roadmapId, { taskId })).length).toBe(1);
		const restored = await feed(roadmapId);
		expect(restored.entries[0].text).toMatch(/^이서연 restored the deleted task '.+'$/);
		expect(restored.tasks.some((t) => t.deleted)).toBe(false);
	});

	it("gives a task's summary back with its formatting; an older copy's as plain paragraphs", async () => {
		const { roadmapId, taskId } = await setUp();
		// Written as the page's editor writes it: a bold word and a list, in Korean.
		await changeRoadmap(db(), roadmapId, kim.id, (doc) => {
			const fragment = taskSummaryFragment(doc, taskId, 'ko')!;
			fragment.delete(0, fragment.length);
			const paragraph = new Y.XmlElement('paragraph');
			const list = new Y.XmlElement('bulletList');
			fragment.insert(0, [paragraph, list]);
			const text = new Y.XmlText();
			paragraph.insert(0, [text]);
			text.insert(0, '핵심: ');
			text.insert(4, '메모리 반도체', { bold: {} });
			const item = new Y.XmlElement('listItem');
			const inner = new Y.XmlElement('paragraph');
			list.insert(0, [item]);
			item.insert(0, [inner]);
			inner.insert(0, [new Y.XmlText('HBM 양산')]);
		});
		const summaryXml = async () =>
			taskSummaryFragment((await loadRoadmapDoc(db(), roadmapId)).doc, taskId, 'ko')!.toString();
		const written = await summaryXml();
		expect(written).toContain('<bold>메모리 반도체</bold>');

		await changeRoadmap(db(), roadmapId, kim.id, (doc) => deleteTask(doc, taskId));
		expect(await restoreDeleted(db(), roadmapId, lee.id, 'task', taskId)).toEqual({
			ok: true,
			title: expect.anything(),
			plainSummary: false
		});
		expect(await summaryXml()).toBe(written);

		// A copy kept before copies held the rich text: the text comes back, and the page says the
		// formatting did not.
		await changeRoadmap(db(), roadmapId, kim.id, (doc) => deleteTask(doc, taskId));
		await db()
			.update(activity)
			.set({ before: sql`${activity.before} #- '{snapshot,summaryRich}'` })
			.where(and(eq(activity.entityId, taskId), eq(activity.field, 'deleted')));
		expect(await restoreDeleted(db(), roadmapId, lee.id, 'task', taskId)).toMatchObject({
			ok: true,
			plainSummary: true
		});
		expect(await summaryXml()).not.toContain('<bold>');
		expect((await plan(roadmapId)).tasks[0].summary.ko).toBe('핵심: 메모리 반도체\nHBM 양산');
	});

	it('a task restored is one change, even with a milestone that was deleted and restored before', async () => {
		const { roadmapId, taskId, milestoneId } = await setUp();
		await changeRoadmap(db(), roadmapId, kim.id, (doc) => deleteMilestone(doc, milestoneId));
		await restoreDeleted(db(), roadmapId, lee.id, 'milestone', milestoneId);
		await changeRoadmap(db(), roadmapId, kim.id, (doc) => deleteTask(doc, taskId));
		await restoreDeleted(db(), roadmapId, lee.id, 'task', taskId);
		const texts = (await feed(roadmapId)).entries.map((e) => e.text);
		expect(texts[0]).toMatch(/^이서연 restored the deleted task '.+'$/);
		expect(texts[1]).toMatch(/^김민지 deleted the task '.+'$/);
		expect(texts[2]).toBe("이서연 restored the deleted milestone 'Pilot starts'");
	});

	it('offers only what can work: a milestone of a deleted task, a deletion without a copy', async () => {
		const { roadmapId, taskId, milestoneId } = await setUp();
		await changeRoadmap(db(), roadmapId, kim.id, (doc) => deleteMilestone(doc, milestoneId));
		await changeRoadmap(db(), roadmapId, kim.id, (doc) => deleteTask(doc, taskId));
		const entries = (await feed(roadmapId)).entries;
		const msEntry = entries.find((e) => e.restore?.kind === 'milestone');
		expect(msEntry?.restore).toEqual({ kind: 'milestone', id: milestoneId, taskGone: true });
		expect(await restoreDeleted(db(), roadmapId, lee.id, 'milestone', milestoneId)).toMatchObject({
			ok: false,
			reason: 'task-gone'
		});
		// The task comes back without the milestone deleted before it; that one can follow.
		await restoreDeleted(db(), roadmapId, lee.id, 'task', taskId);
		expect((await plan(roadmapId)).milestones.some((m) => m.id === milestoneId)).toBe(false);
		expect((await restoreDeleted(db(), roadmapId, lee.id, 'milestone', milestoneId)).ok).toBe(true);

		// A deletion recorded before copies were kept (titles only) is told, not offered.
		await db()
			.update(activity)
			.set({ before: { titleKo: '옛 이정표', titleEn: 'Old milestone' } })
			.where(and(eq(activity.roadmapId, roadmapId), eq(activity.field, 'deleted')));
		await changeRoadmap(db(), roadmapId, kim.id, (doc) => deleteMilestone(doc, milestoneId));
		await db()
			.update(activity)
			.set({ before: { titleKo: '옛 이정표', titleEn: 'Old milestone' } })
			.where(and(eq(activity.roadmapId, roadmapId), eq(activity.field, 'deleted')));
		expect((await feed(roadmapId)).entries.every((e) => !e.restore)).toBe(true);
		expect(await restoreDeleted(db(), roadmapId, lee.id, 'milestone', milestoneId)).toEqual({
			ok: false,
			reason: 'no-copy',
			title: { ko: '옛 이정표', en: 'Old milestone' }
		});
		// Nothing of the kind deleted here (another roadmap's item, or made up).
		expect(await restoreDeleted(db(), roadmapId, lee.id, 'task', 'task_nothere')).toEqual({
			ok: false,
			reason: 'unknown',
			title: null
		});
	});

	it('tells an undone deletion as a restore too: the same id back soon after', async () => {
		const { roadmapId, taskId, milestoneId, whole } = await setUp();
		const copy = whole.milestones.find((m) => m.id === milestoneId)!;
		await changeRoadmap(db(), roadmapId, kim.id, (doc) => deleteMilestone(doc, milestoneId));
		// What the deleter's undo writes: the milestone again, under its id (Y.UndoManager).
		await changeRoadmap(db(), roadmapId, kim.id, (doc) =>
			addMilestone(doc, { ...copy, taskId }, milestoneId)
		);
		const entries = (await feed(roadmapId)).entries;
		expect(entries[0].text).toBe("김민지 restored the deleted milestone 'Pilot starts'");
		expect(entries[1].text).toBe("김민지 deleted the milestone 'Pilot starts'");
	});

	it('tells an undo long after the deletion as a restore, and a new item as added', async () => {
		const { roadmapId, taskId, milestoneId, whole } = await setUp();
		const copy = whole.milestones.find((m) => m.id === milestoneId)!;
		await changeRoadmap(db(), roadmapId, kim.id, (doc) => deleteMilestone(doc, milestoneId));
		// The deletion is a day old: past the window of rows a pass reads anyway.
		await db()
			.update(activity)
			.set({ at: new Date(Date.now() - 24 * 60 * 60 * 1000) })
			.where(and(eq(activity.entityId, milestoneId), eq(activity.field, 'deleted')));
		await changeRoadmap(db(), roadmapId, kim.id, (doc) => {
			addMilestone(doc, { ...copy, taskId }, milestoneId);
			addMilestone(doc, { taskId, title: { ko: '새 이정표', en: 'A new one' } });
		});
		const texts = (await feed(roadmapId)).entries.map((e) => e.text);
		expect(texts).toContain("김민지 restored the deleted milestone 'Pilot starts'");
		expect(texts).toContain("김민지 added the milestone 'A new one'");
		// Added once: when it was first made, not again by the undo.
		expect(
			texts.filter((text) => text === "김민지 added the milestone 'Pilot starts'")
		).toHaveLength(1);
	});

	it("keeps the copy out of a report's changes", async () => {
		const { roadmapId, taskId } = await setUp();
		await changeRoadmap(db(), roadmapId, kim.id, (doc) => deleteTask(doc, taskId));
		const report = await buildReport(db(), roadmapId);
		const deletion = report.changes.find((c) => c.field === 'deleted');
		expect(deletion?.before).toEqual({ titleKo: expect.any(String), titleEn: expect.any(String) });
	});
});
