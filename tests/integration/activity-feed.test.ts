/**
 * Moving and reordering reach SQL and the activity feed: a milestone moved to another task is in
 * that task's rows, its activity says "moved … to the task …" (not also "reordered"), and the
 * feed pages and filters by person and task, in both languages.
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activity, milestones } from '../../db/schema';
import { readRoadmap, setMilestoneField } from '../../src/lib/roadmap/doc';
import { moveMilestone, moveTask } from '../../src/lib/roadmap/order';
import { changeRoadmap } from '../../src/lib/server/roadmaps/change';
import { loadRoadmapDoc } from '../../src/lib/server/roadmaps/log';
import {
	FEED_PAGE,
	parseFeedQuery,
	readActivityFeed
} from '../../src/lib/server/reports/activity-feed';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases';
import { buildRoadmap, buildUser, type BuiltUser } from '../helpers/factories';

describe.each(databaseKinds())('activity of moves, and the feed, on %s', (kind) => {
	let t: TestDatabase;
	let kim: BuiltUser;
	let lee: BuiltUser;
	const db = () => t.database.db;

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		kim = await buildUser(db(), { name: '김민지' });
		lee = await buildUser(db(), { name: '이서연' });
	});
	afterAll(() => t?.dispose());

	it('projects a move to another task and tells it in sentences, filtered and paged', async () => {
		const roadmap = await buildRoadmap(db(), kim.id);
		const { doc } = await loadRoadmapDoc(db(), roadmap.id);
		const plan = readRoadmap(doc);
		const [from, to] = plan.tasks;
		const moved = plan.milestones.find((m) => m.taskId === from.id)!;
		const into = plan.milestones.filter((m) => m.taskId === to.id);
		await changeRoadmap(db(), roadmap.id, kim.id, (d) =>
			moveMilestone(d, into, moved.id, to.id, into.length)
		);
		await changeRoadmap(db(), roadmap.id, lee.id, (d) =>
			moveTask(d, readRoadmap(d).tasks, plan.tasks[4].id, 0)
		);

		const [row] = await db()
			.select({ taskId: milestones.taskId })
			.from(milestones)
			.where(and(eq(milestones.roadmapId, roadmap.id), eq(milestones.id, moved.id)));
		expect(row.taskId).toBe(to.id);
		const fields = await db()
			.select({ field: activity.field, before: activity.before, after: activity.after })
			.from(activity)
			.where(and(eq(activity.roadmapId, roadmap.id), eq(activity.entityId, moved.id)));
		expect(fields.filter((f) => f.field !== 'created')).toEqual([
			{ field: 'taskId', before: from.id, after: to.id }
		]);

		const filter = { person: null, task: null, page: 1 };
		const ko = await readActivityFeed(db(), roadmap.id, filter, 'ko');
		expect(ko.entries[0].text).toBe(`이서연님이 '${plan.tasks[4].title.ko}'의 순서를 바꿨습니다`);
		expect(ko.entries[1].text).toContain(`'${to.title.ko}' 과제로 옮겼습니다`);
		expect(ko.entries[1].text).toMatch(
			new RegExp(`^김민지님이 이정표 '.+'[을를] '.+' 과제로 옮겼습니다$`)
		);
		const en = await readActivityFeed(db(), roadmap.id, filter, 'en');
		expect(en.entries[1].text).toBe(
			`김민지 moved the milestone '${moved.title.en}' to the task '${to.title.en}'`
		);
		expect(new Date(en.entries[0].at).getTime()).toBeGreaterThanOrEqual(
			new Date(en.entries[1].at).getTime()
		);

		// By person: only Lee's reorder.
		const byLee = await readActivityFeed(db(), roadmap.id, { ...filter, person: lee.id }, 'en');
		expect(byLee.entries.map((e) => e.text)).toEqual([
			`이서연 reordered '${plan.tasks[4].title.en}'`
		]);
		expect(ko.people.map((p) => p.name).sort()).toEqual(['김민지', '이서연']);

		// By task: the task the milestone went to shows the move; the one it left does too.
		for (const task of [to.id, from.id]) {
			const feed = await readActivityFeed(db(), roadmap.id, { ...filter, task }, 'en');
			expect(feed.entries[0].text).toContain('moved the milestone');
			expect(feed.entries.every((e) => !e.text.includes('reordered'))).toBe(true);
		}

		// Pages: every row once, the template's additions and the two moves among them.
		const [{ all }] = await db()
			.select({ all: count() })
			.from(activity)
			.where(eq(activity.roadmapId, roadmap.id));
		expect(all).toBeGreaterThanOrEqual(plan.tasks.length + plan.milestones.length + 2);
		expect(ko.hasMore).toBe(all > FEED_PAGE);
		const last = await readActivityFeed(
			db(),
			roadmap.id,
			{ ...filter, page: Math.ceil(all / FEED_PAGE) },
			'ko'
		);
		expect(last.hasMore).toBe(false);
		expect(last.entries.length).toBe(all - (Math.ceil(all / FEED_PAGE) - 1) * FEED_PAGE);
	});

	it('writes the dates of a rescheduled milestone as the reader does', async () => {
		const roadmap = await buildRoadmap(db(), kim.id);
		const { doc } = await loadRoadmapDoc(db(), roadmap.id);
		const milestone = readRoadmap(doc).milestones[0];
		await changeRoadmap(db(), roadmap.id, kim.id, (d) =>
			setMilestoneField(d, milestone.id, 'dueDate', '2027-03-01')
		);
		const filter = { person: null, task: null, page: 1 };
		const [ko] = (await readActivityFeed(db(), roadmap.id, filter, 'ko')).entries;
		expect(ko.text).toMatch(/마감일을 2027년 3월 1일로 정했습니다$/);
		expect(ko.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
		const [en] = (await readActivityFeed(db(), roadmap.id, filter, 'en')).entries;
		expect(en.text).toMatch(/due date of '.+' to 1 Mar 2027$/);
		expect(en.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
	});

	it('reads a start and a due date set in one go as one scheduling', async () => {
		const roadmap = await buildRoadmap(db(), kim.id);
		const { doc } = await loadRoadmapDoc(db(), roadmap.id);
		const milestone = readRoadmap(doc).milestones[0];
		// As the timeline's "schedule a week from today" writes them: one commit, two fields.
		await changeRoadmap(db(), roadmap.id, kim.id, (d) =>
			d.transact(() => {
				setMilestoneField(d, milestone.id, 'startDate', '2027-03-01');
				setMilestoneField(d, milestone.id, 'dueDate', '2027-03-07');
			})
		);
		const filter = { person: null, task: null, page: 1 };
		const ko = (await readActivityFeed(db(), roadmap.id, filter, 'ko')).entries;
		expect(ko[0].text).toMatch(/일정을 2027년 3월 1일 – 2027년 3월 7일로 정했습니다$/);
		expect(ko[1].text).not.toMatch(/시작일|마감일/);
		const [en] = (await readActivityFeed(db(), roadmap.id, filter, 'en')).entries;
		expect(en.text).toMatch(/set the schedule of '.+' to 1 Mar 2027 – 7 Mar 2027$/);
	});

	it('reads a bad filter in the address as no filter, and says which part was bad', () => {
		const url = new URL('http://x/roadmaps/r/activity?person=1%27%20or%201=1&page=-2&task=t_1');
		expect(parseFeedQuery(url)).toEqual({
			filter: { person: null, task: 't_1', page: 1 },
			invalid: ['page', 'person']
		});
	});
});
