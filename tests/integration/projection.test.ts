/**
 * The projection trails the log: commits only append, and the projector (or a reader that must
 * see its own writes) brings tasks, milestones, owners and activity up to date afterwards. These
 * tests hold the projector back exactly where a crash would (log committed, nothing projected)
 * and check that the catch-up is complete, attributes every change to its writer, and costs the
 * same on a 2,000-milestone roadmap as on a five-task one.
 */
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Db } from '../../db/client';
import {
	activity,
	milestones,
	roadmapProjections,
	roadmaps,
	roadmapUpdates
} from '../../db/schema';
import {
	addMilestone,
	addTask,
	assignMilestoneOwner,
	assignOwner,
	deleteMilestone,
	deleteTask,
	markEdited,
	milestonesMap,
	milestoneTitleText,
	readRoadmap,
	setMilestoneField,
	setTaskField,
	taskTitleText
} from '../../src/lib/roadmap/doc';
import { changeRoadmap } from '../../src/lib/server/roadmaps/change';
import { commitBatches } from '../../src/lib/server/roadmaps/commit';
import { compactRoadmap } from '../../src/lib/server/roadmaps/compact';
import { loadRoadmapDoc } from '../../src/lib/server/roadmaps/log';
import {
	catchUpProjection,
	ensureProjected,
	projectRoadmapsBehind
} from '../../src/lib/server/roadmaps/projector';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases';
import { buildRoadmap, buildUser, type BuiltUser } from '../helpers/factories';
import { expectedProjection, projectionOf } from '../helpers/projection-check';

/** A writer's edit committed to the log only, as if the server died before projecting it. */
async function commitOnly(db: Db, roadmapId: string, userId: string, edit: (doc: Y.Doc) => void) {
	const { doc, lastSeq } = await loadRoadmapDoc(db, roadmapId);
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	doc.transact(() => edit(doc));
	if (!updates.length) return null;
	return db.transaction((tx) =>
		commitBatches(tx, roadmapId, lastSeq, [{ userId, updates: [Y.mergeUpdates(updates)] }])
	);
}

const seqs = async (db: Db, roadmapId: string) => {
	const [row] = await db
		.select({ last: roadmaps.lastSeq, projected: roadmapProjections.projectedSeq })
		.from(roadmaps)
		.leftJoin(roadmapProjections, eq(roadmapProjections.roadmapId, roadmaps.id))
		.where(eq(roadmaps.id, roadmapId));
	return { last: row.last, projected: row.projected ?? 0 };
};

/**
 * The activity a catch-up at `at` wrote, with ids replaced by `labels` (two roadmaps given the
 * same script have different ids; payloads name them too, as a milestone's task).
 */
async function labelledActivity(db: Db, roadmapId: string, labels: Map<string, string>, at: Date) {
	return (
		await db
			.select()
			.from(activity)
			.where(eq(activity.roadmapId, roadmapId))
			.orderBy(asc(activity.id))
	)
		.filter((r) => r.at.getTime() === at.getTime())
		.map((r) => {
			let values = JSON.stringify([r.before, r.after]);
			for (const [id, label] of labels) values = values.replaceAll(id, label);
			return {
				userId: r.userId,
				entity: `${r.entityType} ${labels.get(r.entityId) ?? r.entityId}`,
				field: r.field,
				values
			};
		});
}

describe.each(databaseKinds())('incremental projection on %s', (kind) => {
	let t: TestDatabase;
	let kim: BuiltUser;
	let lee: BuiltUser;
	const db = () => t.database.db;

	/**
	 * The same script on two new roadmaps: one projected after every commit, one in a single pass
	 * at the end. `script` returns the labels that stand for the ids it made (see labelledActivity).
	 */
	const bothWays = async (
		script: (roadmapId: string, afterEach: () => Promise<void>) => Promise<Map<string, string>>,
		now: Date
	) => {
		const stepwise = await buildRoadmap(db(), kim.id);
		const stepLabels = await script(stepwise.id, async () => {
			await catchUpProjection(db(), stepwise.id, null, now);
		});
		const onePass = await buildRoadmap(db(), kim.id);
		const passLabels = await script(onePass.id, async () => {});
		const result = await catchUpProjection(db(), onePass.id, null, now);
		return { stepwise, stepLabels, onePass, passLabels, result };
	};

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		kim = await buildUser(db(), { name: 'Kim' });
		lee = await buildUser(db(), { name: 'Lee' });
	});
	afterAll(() => t?.dispose());

	it('after a crash between log commit and projection, the next reader catches up with the right authors', async () => {
		const roadmap = await buildRoadmap(db(), kim.id);
		const before = await seqs(db(), roadmap.id);
		expect(before.projected).toBe(before.last);
		const { doc } = await loadRoadmapDoc(db(), roadmap.id);
		const taskId = readRoadmap(doc).tasks[0].id;
		const retitle = (text: string) => (d: Y.Doc) => {
			const title = taskTitleText(d, taskId, 'en')!;
			title.delete(0, title.length);
			title.insert(0, text);
		};
		await commitOnly(db(), roadmap.id, kim.id, retitle('Kim one'));
		await commitOnly(db(), roadmap.id, lee.id, retitle('Lee two'));
		await commitOnly(db(), roadmap.id, lee.id, (d) => setTaskField(d, taskId, 'progress', 40));
		await commitOnly(db(), roadmap.id, kim.id, retitle('Kim three'));
		// The crash was an hour ago: these are not two people typing together (projection.ts).
		await db()
			.update(roadmapUpdates)
			.set({ createdAt: new Date(Date.now() - 3_600_000) })
			.where(eq(roadmapUpdates.roadmapId, roadmap.id));

		const crashed = await seqs(db(), roadmap.id);
		expect(crashed.last).toBeGreaterThan(crashed.projected);
		const stale = await projectionOf(db(), roadmap.id);
		expect(stale.tasks.find((r) => r.id === taskId)?.titleEn).not.toBe('Kim three');

		await ensureProjected(db(), roadmap.id);
		const after = await seqs(db(), roadmap.id);
		expect(after.projected).toBe(after.last);
		const { doc: fresh } = await loadRoadmapDoc(db(), roadmap.id);
		expect(await projectionOf(db(), roadmap.id)).toEqual(expectedProjection(fresh));

		const titles = await db()
			.select({ userId: activity.userId, after: activity.after })
			.from(activity)
			.where(
				and(
					eq(activity.roadmapId, roadmap.id),
					eq(activity.entityId, taskId),
					eq(activity.field, 'titleEn')
				)
			)
			.orderBy(asc(activity.id));
		// Kim, then Lee, then Kim again: three rows, each with its own author (no coalescing
		// across another person's edit).
		expect(titles).toEqual([
			{ userId: kim.id, after: 'Kim one' },
			{ userId: lee.id, after: 'Lee two' },
			{ userId: kim.id, after: 'Kim three' }
		]);
		const [progress] = await db()
			.select({ userId: activity.userId, after: activity.after })
			.from(activity)
			.where(and(eq(activity.entityId, taskId), eq(activity.field, 'progress')));
		expect(progress).toEqual({ userId: lee.id, after: 40 });
	});

	it('the start-up sweep projects every roadmap a crash left behind, and only those', async () => {
		const [left, right, untouched] = await Promise.all([
			buildRoadmap(db(), kim.id),
			buildRoadmap(db(), kim.id),
			buildRoadmap(db(), kim.id)
		]);
		for (const roadmap of [left, right]) {
			const { doc } = await loadRoadmapDoc(db(), roadmap.id);
			const taskId = readRoadmap(doc).tasks[0].id;
			await commitOnly(db(), roadmap.id, lee.id, (d) => setTaskField(d, taskId, 'progress', 70));
		}
		const behindBefore = await Promise.all([left, right].map((r) => seqs(db(), r.id)));
		expect(behindBefore.every((s) => s.projected < s.last)).toBe(true);

		// A roadmap whose room is open is passed over (the room projects its own when it loads);
		// other tests' roadmaps may be behind too: the sweep takes all of them.
		const passedOver = (id: string) => id === right.id;
		expect(await projectRoadmapsBehind(db(), { skip: passedOver })).toBeGreaterThanOrEqual(1);
		const skipped = await seqs(db(), right.id);
		expect(skipped.projected).toBeLessThan(skipped.last);
		expect(await projectRoadmapsBehind(db())).toBe(1);
		for (const roadmap of [left, right, untouched]) {
			const after = await seqs(db(), roadmap.id);
			expect(after.projected).toBe(after.last);
			const { doc: fresh } = await loadRoadmapDoc(db(), roadmap.id);
			expect(await projectionOf(db(), roadmap.id)).toEqual(expectedProjection(fresh));
		}
		// A second sweep finds nothing left to do.
		expect(await projectRoadmapsBehind(db())).toBe(0);
	});

	it('concurrent writers on one roadmap get sequence numbers in commit order', async () => {
		const roadmap = await buildRoadmap(db(), kim.id);
		const start = await seqs(db(), roadmap.id);
		const { doc } = await loadRoadmapDoc(db(), roadmap.id);
		const taskId = readRoadmap(doc).tasks[0].id;
		const results = await Promise.all(
			Array.from({ length: 16 }, (_, i) =>
				commitOnly(db(), roadmap.id, i % 2 ? kim.id : lee.id, (d) =>
					taskTitleText(d, taskId, 'ko')!.insert(0, String(i % 10))
				)
			)
		);
		const committed = results.map((r) => r!).sort((a, b) => a.seq - b.seq);
		// Each commit starts where the one before it ended: one chain, no gaps, no forks.
		let previous = start.last;
		for (const c of committed) {
			expect(c.previousSeq).toBe(previous);
			previous = c.seq;
		}
		expect((await seqs(db(), roadmap.id)).last).toBe(previous);
		const log = await db()
			.select({ seq: roadmapUpdates.seq })
			.from(roadmapUpdates)
			.where(eq(roadmapUpdates.roadmapId, roadmap.id))
			.orderBy(asc(roadmapUpdates.seq));
		expect(log.at(-1)?.seq).toBe(previous);

		await ensureProjected(db(), roadmap.id);
		const { doc: fresh } = await loadRoadmapDoc(db(), roadmap.id);
		expect(await projectionOf(db(), roadmap.id)).toEqual(expectedProjection(fresh));
	});

	// PGlite has one connection: a second writer could not run beside an open transaction at all.
	it.runIf(kind === 'postgres')(
		"a projector pass that has not committed yet never holds up a writer's append",
		async () => {
			const roadmap = await buildRoadmap(db(), kim.id);
			const { doc } = await loadRoadmapDoc(db(), roadmap.id);
			const taskId = readRoadmap(doc).tasks[0].id;
			const type = (text: string) => (d: Y.Doc) => taskTitleText(d, taskId, 'ko')!.insert(0, text);
			await commitOnly(db(), roadmap.id, kim.id, type('가'));
			let appendedMeanwhile: unknown = null;
			let append: Promise<unknown> = Promise.resolve();
			await db().transaction(async (tx) => {
				// The pass has written its rows and moved projected_seq; its transaction is still open.
				const pass = await catchUpProjection(tx, roadmap.id);
				expect(pass.seq).toBeGreaterThan(0);
				append = commitOnly(db(), roadmap.id, lee.id, type('나'));
				let timer: ReturnType<typeof setTimeout> | undefined;
				const waited = new Promise(
					(resolve) => (timer = setTimeout(resolve, 3_000, 'still waiting'))
				);
				appendedMeanwhile = await Promise.race([append, waited]);
				clearTimeout(timer);
			});
			await append; // a writer held up by the pass goes on once it commits
			expect(appendedMeanwhile).not.toBe('still waiting');
			expect(appendedMeanwhile).toMatchObject({ seq: expect.any(Number) });
			await ensureProjected(db(), roadmap.id);
			const { doc: fresh } = await loadRoadmapDoc(db(), roadmap.id);
			expect(await projectionOf(db(), roadmap.id)).toEqual(expectedProjection(fresh));
		}
	);

	it('equals the doc after random edits by several writers, caught up at random moments', async () => {
		const roadmap = await buildRoadmap(db(), kim.id);
		const writers = [kim.id, lee.id, null];
		let seed = 7;
		const random = (n: number) => {
			seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
			return seed % n;
		};
		for (let step = 0; step < 60; step++) {
			const writer = writers[random(writers.length)];
			await commitOnly(db(), roadmap.id, writer ?? kim.id, (d) => {
				const data = readRoadmap(d);
				const task = data.tasks[random(Math.max(data.tasks.length, 1))];
				const milestone = data.milestones[random(Math.max(data.milestones.length, 1))];
				switch (random(8)) {
					case 0:
						if (task) taskTitleText(d, task.id, 'ko')!.insert(0, `${step}`);
						break;
					case 1:
						if (task) setTaskField(d, task.id, 'progress', random(101));
						break;
					case 2:
						if (task) addMilestone(d, { taskId: task.id, title: { ko: `단계 ${step}` } });
						break;
					case 3:
						if (milestone) deleteMilestone(d, milestone.id);
						break;
					case 4:
						if (milestone) setMilestoneField(d, milestone.id, 'status', 'done');
						break;
					case 5:
						if (task) assignOwner(d, task.id, { kind: 'user', id: lee.id, role: 'support' });
						break;
					case 6:
						if (task && data.tasks.length > 2 && random(3) === 0) deleteTask(d, task.id);
						else addTask(d, { title: { en: `Task ${step}` } });
						break;
					default:
						if (milestone) milestoneTitleText(d, milestone.id, 'en')!.insert(0, 'x');
				}
			});
			if (random(5) === 0) await ensureProjected(db(), roadmap.id);
			if (random(15) === 0) await compactRoadmap(db(), roadmap.id);
		}
		await ensureProjected(db(), roadmap.id);
		const { doc } = await loadRoadmapDoc(db(), roadmap.id);
		expect(await projectionOf(db(), roadmap.id)).toEqual(expectedProjection(doc));
	});

	it('a reader racing a compaction gets every committed change (never the old snapshot without its tail)', async () => {
		const roadmap = await buildRoadmap(db(), kim.id);
		const taskId = readRoadmap((await loadRoadmapDoc(db(), roadmap.id)).doc).tasks[0].id;
		const gaps: number[] = [];
		for (let round = 1; round <= 60; round++) {
			await commitOnly(db(), roadmap.id, lee.id, (d) => setTaskField(d, taskId, 'progress', round));
			await ensureProjected(db(), roadmap.id);
			// The read starts while the compaction is under way, at a different point each round.
			const compacting = compactRoadmap(db(), roadmap.id);
			await new Promise((r) => setTimeout(r, round % 4));
			const { doc } = await loadRoadmapDoc(db(), roadmap.id);
			await compacting;
			const seen = readRoadmap(doc).tasks[0].progress;
			if (seen !== round) gaps.push(round);
		}
		expect(gaps).toEqual([]);
	}, 60_000);

	it('a keystroke in one milestone of a 2,000-milestone roadmap writes one row, as on five tasks', async () => {
		const small = await buildRoadmap(db(), kim.id);
		const large = await buildRoadmap(db(), kim.id, { template: 'blank' });
		await changeRoadmap(db(), large.id, kim.id, (d) => {
			const taskIds = Array.from({ length: 5 }, (_, i) =>
				addTask(d, { title: { en: `Task ${i}` }, position: i })
			);
			for (let i = 0; i < 2000; i++)
				addMilestone(d, { taskId: taskIds[i % 5], title: { en: `Step ${i}` }, position: i });
		});
		const rowsPerKeystroke = async (roadmapId: string) => {
			const { doc } = await loadRoadmapDoc(db(), roadmapId);
			const data = readRoadmap(doc);
			const milestone = data.milestones[Math.floor(data.milestones.length / 2)];
			await commitOnly(db(), roadmapId, lee.id, (d) =>
				milestoneTitleText(d, milestone.id, 'en')!.insert(0, 'a')
			);
			const result = await catchUpProjection(db(), roadmapId);
			const { doc: fresh } = await loadRoadmapDoc(db(), roadmapId);
			expect(await projectionOf(db(), roadmapId)).toEqual(expectedProjection(fresh));
			return result.rowsWritten;
		};
		const largeCount = (await loadRoadmapDoc(db(), large.id)).doc;
		expect(readRoadmap(largeCount).milestones).toHaveLength(2000);
		expect(await rowsPerKeystroke(large.id)).toBe(1);
		expect(await rowsPerKeystroke(small.id)).toBe(1);
	}, 120_000);
	it('a plan shifted whole (many milestones changed in one commit) is projected as each one alone would be', async () => {
		const roadmap = await buildRoadmap(db(), kim.id, { template: 'blank' });
		let ids: string[] = [];
		let taskIds: string[] = [];
		await changeRoadmap(db(), roadmap.id, kim.id, (d) => {
			taskIds = [0, 1].map((i) => addTask(d, { title: { en: `Task ${i}` }, position: i }));
			ids = Array.from({ length: 40 }, (_, i) =>
				addMilestone(d, {
					taskId: taskIds[0],
					title: { en: `Step ${i}` },
					position: i,
					dueDate: '2026-06-30'
				})
			);
		});
		await ensureProjected(db(), roadmap.id);
		// Every date a month later; a quarter moved to the other task; one marked done.
		await commitOnly(db(), roadmap.id, lee.id, (d) => {
			ids.forEach((id, i) => {
				setMilestoneField(d, id, 'dueDate', '2026-07-31');
				if (i % 4 === 0) milestonesMap(d).get(id)!.set('taskId', taskIds[1]);
			});
			setMilestoneField(d, ids[1], 'status', 'done');
		});
		const result = await catchUpProjection(db(), roadmap.id);
		expect(result.rowsWritten).toBe(40);
		const { doc } = await loadRoadmapDoc(db(), roadmap.id);
		expect(await projectionOf(db(), roadmap.id)).toEqual(expectedProjection(doc));
		const rows = await db()
			.select({ taskId: milestones.taskId, updatedBy: milestones.updatedBy })
			.from(milestones)
			.where(eq(milestones.roadmapId, roadmap.id));
		expect(rows.filter((r) => r.taskId === taskIds[1])).toHaveLength(10);
		expect(rows.every((r) => r.updatedBy === lee.id)).toBe(true);
		const lines = await db()
			.select({ field: activity.field, userId: activity.userId })
			.from(activity)
			.where(and(eq(activity.roadmapId, roadmap.id), eq(activity.userId, lee.id)));
		const count = (field: string) => lines.filter((l) => l.field === field).length;
		expect([count('dueDate'), count('taskId'), count('status')]).toEqual([40, 10, 1]);
	});

	it('text Postgres cannot store and ids no index can hold, written by a hostile client, leave the projection working', async () => {
		const roadmap = await buildRoadmap(db(), kim.id);
		const { doc } = await loadRoadmapDoc(db(), roadmap.id);
		const taskId = readRoadmap(doc).tasks[0].id;
		let milestone = '';
		await commitOnly(db(), roadmap.id, lee.id, (d) => {
			taskTitleText(d, taskId, 'en')!.insert(0, 'Chips\u0000 ');
			milestone = addMilestone(d, {
				taskId,
				title: { ko: '반도체\u0000' },
				description: { ko: 'a\u0000b', en: '' }
			});
			// Entities a reader cannot store: a NUL in the id, an id longer than an index key can be,
			// and a milestone that names such a task.
			addTask(d, { title: { en: 'NUL id' } }, 'task\u0000x');
			addTask(d, { title: { en: 'Long id' } }, 'x'.repeat(5000));
			addMilestone(d, { taskId: 'task\u0000x', title: { en: 'Under a NUL task' } });
			// A task new to the projection with a milestone it cannot store (read with the task).
			const fresh = addTask(d, { title: { en: 'New task' } });
			addMilestone(d, { taskId: fresh, title: { en: 'NUL milestone' } }, 'ms\u0000z');
		});
		await ensureProjected(db(), roadmap.id);
		const { doc: fresh } = await loadRoadmapDoc(db(), roadmap.id);
		expect(await projectionOf(db(), roadmap.id)).toEqual(expectedProjection(fresh));
		const data = readRoadmap(fresh);
		expect(data.tasks).toHaveLength(6);
		expect(data.tasks.find((t) => t.id === taskId)!.title.en.startsWith('Chips ')).toBe(true);
		const ms = data.milestones.find((m) => m.id === milestone)!;
		expect([ms.title.ko, ms.description.ko]).toEqual(['반도체', 'ab']);
		expect(data.milestones.map((m) => m.title.en)).not.toContain('Under a NUL task');
		expect(data.milestones.map((m) => m.title.en)).not.toContain('NUL milestone');
		expect((await seqs(db(), roadmap.id)).projected).toBe((await seqs(db(), roadmap.id)).last);
	});

	it('a milestone marked done is projected at 100 %, with "status" in the activity and no progress line', async () => {
		const roadmap = await buildRoadmap(db(), kim.id);
		let ms = '';
		await changeRoadmap(db(), roadmap.id, kim.id, (d) => {
			const taskId = readRoadmap(d).tasks[0].id;
			ms = addMilestone(d, { taskId, title: { en: 'Fab line' }, progress: 40 });
		});
		await changeRoadmap(db(), roadmap.id, lee.id, (d) =>
			setMilestoneField(d, ms, 'status', 'done')
		);
		await ensureProjected(db(), roadmap.id);
		const row = async () => (await db().select().from(milestones).where(eq(milestones.id, ms)))[0];
		expect(await row()).toMatchObject({ status: 'done', progress: 100 });
		const fields = async () =>
			(
				await db()
					.select({ field: activity.field, userId: activity.userId })
					.from(activity)
					.where(and(eq(activity.roadmapId, roadmap.id), eq(activity.entityId, ms)))
					.orderBy(asc(activity.id))
			).map((r) => r.field);
		expect(await fields()).toEqual(['created', 'status']);
		// Reopened (by someone else: one person's quick changes of a field coalesce), it has its
		// own progress back, and again only the status is news.
		await changeRoadmap(db(), roadmap.id, kim.id, (d) =>
			setMilestoneField(d, ms, 'status', 'in_progress')
		);
		await ensureProjected(db(), roadmap.id);
		expect(await row()).toMatchObject({ status: 'in_progress', progress: 40 });
		expect(await fields()).toEqual(['created', 'status', 'status']);
	});

	it('one pass over many commits records the same activity as projecting each commit, and writes a typed title once', async () => {
		const now = new Date('2026-06-01T09:00:00Z');
		// The same script on two roadmaps: one projected after every commit, one in a single pass.
		const script = (roadmapId: string) => {
			const labels = new Map<string, string>();
			let taskIds: string[] = [];
			let milestone = '';
			const steps: [string, (d: Y.Doc) => void][] = [
				[kim.id, (d) => taskTitleText(d, taskIds[0], 'en')!.insert(0, 'a')],
				[kim.id, (d) => taskTitleText(d, taskIds[0], 'en')!.insert(0, 'b')],
				[kim.id, (d) => setTaskField(d, taskIds[0], 'progress', 40)],
				[
					kim.id,
					(d) => {
						milestone = addMilestone(d, { taskId: taskIds[0], title: { en: 'Step' } });
						labels.set(milestone, 'M');
					}
				],
				[kim.id, (d) => milestoneTitleText(d, milestone, 'en')!.insert(0, 'x')],
				[kim.id, (d) => milestoneTitleText(d, milestone, 'en')!.insert(0, 'y')],
				// Deletes what the run just edited: the edits keep their own activity.
				[kim.id, (d) => deleteMilestone(d, milestone)],
				[lee.id, (d) => taskTitleText(d, taskIds[0], 'en')!.insert(0, 'c')],
				[kim.id, (d) => taskTitleText(d, taskIds[1], 'ko')!.insert(0, '가')],
				// An owner for the task the run just retitled.
				[kim.id, (d) => assignOwner(d, taskIds[1], { kind: 'user', id: lee.id, role: 'support' })],
				[kim.id, (d) => taskTitleText(d, taskIds[1], 'ko')!.insert(0, '나')],
				[kim.id, (d) => setTaskField(d, taskIds[1], 'status', 'done')]
			];
			return {
				labels,
				async run(afterEach: () => Promise<void>) {
					const { doc } = await loadRoadmapDoc(db(), roadmapId);
					taskIds = readRoadmap(doc).tasks.map((t) => t.id);
					taskIds.forEach((id, i) => labels.set(id, String(i)));
					for (const [userId, edit] of steps) {
						await commitOnly(db(), roadmapId, userId, edit);
						await afterEach();
					}
				}
			};
		};
		const activityOf = (roadmapId: string, labels: Map<string, string>) =>
			labelledActivity(db(), roadmapId, labels, now);

		const stepwise = await buildRoadmap(db(), kim.id);
		const stepwiseScript = script(stepwise.id);
		await stepwiseScript.run(
			async () => void (await catchUpProjection(db(), stepwise.id, null, now))
		);
		const onePass = await buildRoadmap(db(), kim.id);
		const onePassScript = script(onePass.id);
		await onePassScript.run(async () => {});
		await catchUpProjection(db(), onePass.id, null, now);

		const expected = await activityOf(stepwise.id, stepwiseScript.labels);
		expect(expected.map((a) => `${a.entity} ${a.field}`)).toEqual([
			'task 0 titleEn',
			'task 0 progress',
			'milestone M created',
			'milestone M titleEn',
			'milestone M deleted',
			'task 0 titleEn',
			'task 1 titleKo',
			'owner 1 assigned',
			'task 1 status'
		]);
		expect(await activityOf(onePass.id, onePassScript.labels)).toEqual(expected);
		const { doc } = await loadRoadmapDoc(db(), onePass.id);
		expect(await projectionOf(db(), onePass.id)).toEqual(expectedProjection(doc));

		// Thirty keystrokes in one title, projected in one pass: the task row is written once.
		const typed = await buildRoadmap(db(), kim.id);
		const taskId = readRoadmap((await loadRoadmapDoc(db(), typed.id)).doc).tasks[0].id;
		for (let i = 0; i < 30; i++)
			await commitOnly(db(), typed.id, lee.id, (d) =>
				taskTitleText(d, taskId, 'en')!.insert(0, String(i % 10))
			);
		expect((await catchUpProjection(db(), typed.id, null, now)).rowsWritten).toBe(1);
	});

	it('two people taking turns in one pass: the same activity as pass by pass, each row written once', async () => {
		// Live (committed just now: typing together) and not (a catch-up an hour on): coalescing
		// differs, and the pass must match the commit-by-commit projection in both.
		for (const now of [new Date(Date.now() + 1_000), new Date(Date.now() + 3_600_000)]) {
			const script = async (roadmapId: string, afterEach: () => Promise<void>) => {
				const { doc } = await loadRoadmapDoc(db(), roadmapId);
				const data = readRoadmap(doc);
				const [t0, t1] = data.tasks.map((t) => t.id);
				const [m0, m1] = data.milestones.filter((m) => m.taskId === t0).map((m) => m.id);
				const labels = new Map([
					[t0, 't0'],
					[t1, 't1'],
					[m0, 'm0'],
					[m1, 'm1']
				]);
				const turns: [string, (d: Y.Doc) => void][] = [];
				for (let i = 0; i < 8; i++) {
					turns.push([kim.id, (d) => taskTitleText(d, t0, 'en')!.insert(0, `k${i}`)]);
					turns.push([lee.id, (d) => taskTitleText(d, t0, 'en')!.insert(0, `l${i}`)]);
					if (i % 3 === 0)
						turns.push([lee.id, (d) => milestoneTitleText(d, m0, 'ko')!.insert(0, `${i}`)]);
				}
				turns.push(
					[lee.id, (d) => setMilestoneField(d, m0, 'status', 'in_progress')],
					[kim.id, (d) => setMilestoneField(d, m0, 'status', 'done')],
					[lee.id, (d) => setTaskField(d, t1, 'progress', 30)],
					[kim.id, (d) => setTaskField(d, t1, 'progress', 35)],
					[lee.id, (d) => setTaskField(d, t1, 'progress', 40)],
					// Moved to another task, then its date moved by the other person.
					[kim.id, (d) => milestonesMap(d).get(m1)!.set('taskId', t1)],
					[lee.id, (d) => setMilestoneField(d, m1, 'dueDate', '2027-03-31')],
					// A change and its undo by the other: two rows, the value back where it was.
					[kim.id, (d) => setTaskField(d, t0, 'status', 'at_risk')],
					[lee.id, (d) => setTaskField(d, t0, 'status', data.tasks[0].status)]
				);
				for (const [userId, edit] of turns) {
					await commitOnly(db(), roadmapId, userId, edit);
					await afterEach();
				}
				return labels;
			};
			const described = (rows: Awaited<ReturnType<typeof labelledActivity>>) =>
				rows.map(
					(r) => `${r.userId === kim.id ? 'kim' : 'lee'} ${r.entity} ${r.field} ${r.values}`
				);
			const { stepwise, stepLabels, onePass, passLabels, result } = await bothWays(script, now);

			const expected = described(await labelledActivity(db(), stepwise.id, stepLabels, now));
			expect(expected.some((a) => a.startsWith('kim task t0 titleEn'))).toBe(true);
			expect(expected.some((a) => a.startsWith('lee task t0 titleEn'))).toBe(true);
			expect(expected.filter((a) => a.includes(' status ')).length).toBe(4);
			expect(described(await labelledActivity(db(), onePass.id, passLabels, now))).toEqual(
				expected
			);
			const { doc } = await loadRoadmapDoc(db(), onePass.id);
			expect(await projectionOf(db(), onePass.id)).toEqual(expectedProjection(doc));
			// Two tasks and two milestones changed, over 24 runs of two writers: four rows.
			expect(result.runs).toBe(24);
			expect(result.rowsWritten).toBe(4);
		}
	});

	it('plain edits of a task whose owner the projection refused still report it, writer by writer', async () => {
		const roadmap = await buildRoadmap(db(), kim.id);
		const { doc } = await loadRoadmapDoc(db(), roadmap.id);
		const taskId = readRoadmap(doc).tasks[0].id;
		const ghost = { kind: 'organization' as const, id: crypto.randomUUID(), role: 'lead' as const };
		await commitOnly(db(), roadmap.id, kim.id, (d) => assignOwner(d, taskId, ghost));
		const first = await catchUpProjection(db(), roadmap.id);
		expect(first.rejected.map((r) => r.userId)).toEqual([kim.id]);
		for (const userId of [lee.id, kim.id, lee.id])
			await commitOnly(db(), roadmap.id, userId, (d) =>
				taskTitleText(d, taskId, 'en')!.insert(0, 'x')
			);
		const result = await catchUpProjection(db(), roadmap.id);
		expect(result.rejected.map((r) => r.userId)).toEqual([lee.id, kim.id, lee.id]);
		// The edits are projected; the refused owner is not (expectedProjection would list it).
		const { doc: after } = await loadRoadmapDoc(db(), roadmap.id);
		const { tasks } = await projectionOf(db(), roadmap.id);
		expect(tasks).toEqual(expectedProjection(after).tasks);
		expect(tasks.find((t) => t.id === taskId)?.titleEn).toMatch(/^xxx/);
	});

	it('a task and a milestone added from a page are told as added and retitled, never as reordered or retitled from nothing', async () => {
		// As a page writes: each call its own transaction, so its own update and its own log row
		// (no transaction around them all, as commitOnly has).
		const roadmap = await buildRoadmap(db(), kim.id);
		const { doc, lastSeq } = await loadRoadmapDoc(db(), roadmap.id);
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		const taskId = addTask(doc, { title: { ko: '새 과제' } });
		const added = updates.length;
		// The page notes the placeholder as written in Korean, in a transaction of its own.
		markEdited(doc, { kind: 'task', id: taskId }, 'title', 'ko');
		const retype = (text: Y.Text | undefined, value: string) => {
			text!.delete(0, text!.length);
			text!.insert(0, value);
		};
		retype(taskTitleText(doc, taskId, 'ko'), '반도체 설계 인력 양성');
		const beforeMilestone = updates.length;
		const msId = addMilestone(doc, { taskId, title: { ko: '새 이정표' } });
		// The task and the milestone arrive whole: one update each.
		expect(added).toBe(1);
		expect(updates.length - beforeMilestone).toBe(1);
		markEdited(doc, { kind: 'milestone', id: msId }, 'title', 'ko');
		retype(milestoneTitleText(doc, msId, 'ko'), '공동 교육과정 설계');
		await db().transaction((tx) =>
			commitBatches(tx, roadmap.id, lastSeq, [{ userId: kim.id, updates }])
		);
		await ensureProjected(db(), roadmap.id);

		const told = await db()
			.select({ entityId: activity.entityId, field: activity.field, before: activity.before })
			.from(activity)
			.where(eq(activity.roadmapId, roadmap.id))
			.orderBy(asc(activity.id));
		const about = (id: string) => told.filter((r) => r.entityId === id);
		for (const id of [taskId, msId]) {
			expect(about(id).map((r) => r.field)).toEqual(['created', 'titleKo']);
			expect(about(id)[1].before).not.toBe('');
		}
		expect(about(taskId)[1].before).toBe('새 과제');
	});

	it('a burst of new milestones is projected in one run, with the activity row by row records', async () => {
		const now = new Date('2026-06-02T09:00:00Z');
		// Kim adds 20 milestones and a task, a commit each, then retitles one of the new
		// milestones; Lee adds two; Kim deletes one of hers.
		const script = async (roadmapId: string, afterEach: () => Promise<void>) => {
			const labels = new Map<string, string>();
			const { doc } = await loadRoadmapDoc(db(), roadmapId);
			const taskIds = readRoadmap(doc).tasks.map((t) => t.id);
			taskIds.forEach((id, i) => labels.set(id, `task${i}`));
			const add = (userId: string, label: string) =>
				commitOnly(db(), roadmapId, userId, (d) => {
					const id = addMilestone(d, { taskId: taskIds[0], title: { en: label } });
					if (label === 'S7')
						assignMilestoneOwner(d, id, { kind: 'user', id: lee.id, role: 'support' });
					labels.set(id, label);
				}).then(afterEach);
			for (let i = 0; i < 20; i++) await add(kim.id, `S${i}`);
			await commitOnly(db(), roadmapId, kim.id, (d) =>
				labels.set(addTask(d, { title: { ko: '새 과제', en: 'New task' } }), 'T')
			).then(afterEach);
			const idOf = (label: string) => [...labels].find(([, l]) => l === label)![0];
			await commitOnly(db(), roadmapId, kim.id, (d) =>
				milestoneTitleText(d, idOf('S3'), 'en')!.insert(2, ' revised')
			).then(afterEach);
			for (const label of ['L0', 'L1']) await add(lee.id, label);
			await commitOnly(db(), roadmapId, kim.id, (d) => deleteMilestone(d, idOf('S5'))).then(
				afterEach
			);
			return labels;
		};
		const sorted = (rows: Awaited<ReturnType<typeof labelledActivity>>) =>
			rows
				.map((r) => `${r.userId === kim.id ? 'kim' : 'lee'} ${r.entity} ${r.field} ${r.values}`)
				.sort();

		const { stepwise, stepLabels, onePass, passLabels, result } = await bothWays(script, now);

		// Kim's 21 additions, her edit, Lee's two additions, her deletion: four runs, not 25.
		expect(result.runs).toBe(4);
		const expected = sorted(await labelledActivity(db(), stepwise.id, stepLabels, now));
		expect(expected).toContain(`kim milestone S3 titleEn ${JSON.stringify(['S3', 'S3 revised'])}`);
		expect(expected.filter((a) => a.includes(' created ')).length).toBe(23);
		expect(expected.some((a) => a.startsWith('lee milestone L1 created'))).toBe(true);
		// The same entries, each by its writer (within a run of additions, tasks come first).
		expect(sorted(await labelledActivity(db(), onePass.id, passLabels, now))).toEqual(expected);
		const { doc } = await loadRoadmapDoc(db(), onePass.id);
		expect(await projectionOf(db(), onePass.id)).toEqual(expectedProjection(doc));
	});
});
