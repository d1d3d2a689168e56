/**
 * Large roadmaps' logs are merged on a worker thread (build/state-worker.js): compaction and a
 * room's answer to newcomers would otherwise build a doc of the whole roadmap on the event loop
 * that serves every other room and page (~300 ms for 5 × 2,000 milestones). These tests run the
 * built worker, and compaction with it on both databases, including a compaction that loses a
 * race to another while its merge is under way.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { roadmapSnapshots, roadmapUpdates } from '../../db/schema';
import { StateMergerWorker } from '../../server/collab/state-merger';
import { addMilestone, addTask, milestoneTitleText, readRoadmap } from '../../src/lib/roadmap/doc';
import { changeRoadmap } from '../../src/lib/server/roadmaps/change';
import { compactRoadmap } from '../../src/lib/server/roadmaps/compact';
import { loadRoadmapDoc } from '../../src/lib/server/roadmaps/log';
import {
	mergeInline,
	mergeStates,
	WORKER_MIN_BYTES
} from '../../src/lib/server/roadmaps/merge-state';
import { ensureProjected } from '../../src/lib/server/roadmaps/projector';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases';
import { buildRoadmap, buildUser, type BuiltUser } from '../helpers/factories';
import { assertBuilt } from '../helpers/server-process';

const workerEntry = () => pathToFileURL(resolve('build/state-worker.js'));

/** A log of a roadmap past WORKER_MIN_BYTES: 600 milestones, then edits that type and delete. */
function largeLog() {
	const doc = new Y.Doc();
	const parts: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => parts.push(u));
	doc.transact(() => {
		const taskId = addTask(doc, { title: { en: 'Task' } });
		for (let i = 0; i < 600; i++)
			addMilestone(doc, { taskId, title: { en: `Step ${i} ${'x'.repeat(400)}` } });
	});
	const first = readRoadmap(doc).milestones[0].id;
	const text = milestoneTitleText(doc, first, 'ko')!;
	for (let i = 0; i < 50; i++) {
		text.insert(0, 'y'.repeat(2000));
		text.delete(0, 2000);
	}
	return { doc, parts };
}

describe('the merge worker', () => {
	let merger: StateMergerWorker;
	beforeAll(() => {
		assertBuilt();
		merger = new StateMergerWorker(workerEntry(), { idleMs: 200 });
	});
	afterAll(() => merger?.close());

	it('merges a large log into the state the main thread would build, without its deleted text', async () => {
		const { doc, parts } = largeLog();
		const bytes = parts.reduce((n, p) => n + p.length, 0);
		expect(bytes).toBeGreaterThan(WORKER_MIN_BYTES);
		const before = merger.stats.jobs;
		const state = await merger.merge(parts);
		expect(merger.stats.jobs).toBe(before + 1);
		expect(state).toEqual(mergeStates(parts));
		expect(state.length).toBeLessThan(bytes - 90_000); // the 100 KB typed and deleted are gone
		const rebuilt = new Y.Doc();
		Y.applyUpdate(rebuilt, state);
		expect(readRoadmap(rebuilt)).toEqual(readRoadmap(doc));
		// Its caller's parts are untouched (the job travels as a copy).
		expect(parts.reduce((n, p) => n + p.length, 0)).toBe(bytes);
	});

	it('merges a small log inline, where a round trip would cost more', async () => {
		const before = merger.stats.jobs;
		const doc = new Y.Doc();
		const parts: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => parts.push(u));
		addMilestone(doc, { taskId: addTask(doc, { title: { en: 'Task' } }), title: { en: 'Small' } });
		expect(await merger.merge(parts)).toEqual(mergeStates(parts));
		expect(merger.stats.jobs).toBe(before);
	});

	it('fails the jobs of a worker that dies, and starts another for the next', async () => {
		const { parts } = largeLog();
		const job = merger.merge(parts);
		await (merger as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
		await expect(job).rejects.toThrow(/exited/);
		expect(await merger.merge(parts)).toEqual(mergeStates(parts));
	});

	it('ends its thread after a while without work, and starts one again when needed', async () => {
		const { parts } = largeLog();
		await merger.merge(parts);
		const internals = merger as unknown as { worker: unknown };
		expect(internals.worker).not.toBeNull();
		await new Promise((r) => setTimeout(r, 400));
		expect(internals.worker).toBeNull();
		expect(await merger.merge(parts)).toEqual(mergeStates(parts));
	});
});

describe.each(databaseKinds())('compaction through the merge worker on %s', (kind) => {
	let t: TestDatabase;
	let kim: BuiltUser;
	let merger: StateMergerWorker;
	const db = () => t.database.db;
	const logCount = async (roadmapId: string) =>
		(
			await db()
				.select({ n: count() })
				.from(roadmapUpdates)
				.where(eq(roadmapUpdates.roadmapId, roadmapId))
		)[0].n;
	const snapshotSeq = async (roadmapId: string) =>
		(
			await db()
				.select({ uptoSeq: roadmapSnapshots.uptoSeq })
				.from(roadmapSnapshots)
				.where(eq(roadmapSnapshots.roadmapId, roadmapId))
		)[0]?.uptoSeq;

	/** A roadmap past WORKER_MIN_BYTES, its log a row per change, all projected. */
	async function largeRoadmap() {
		const roadmap = await buildRoadmap(db(), kim.id, { template: 'blank' });
		let taskId = '';
		await changeRoadmap(db(), roadmap.id, kim.id, (d) => {
			taskId = addTask(d, { title: { en: 'Task' } });
		});
		for (let batch = 0; batch < 4; batch++) {
			await changeRoadmap(db(), roadmap.id, kim.id, (d) => {
				for (let i = 0; i < 150; i++)
					addMilestone(d, { taskId, title: { en: `Step ${batch}.${i} ${'x'.repeat(400)}` } });
			});
		}
		await ensureProjected(db(), roadmap.id);
		return { ...roadmap, taskId };
	}

	beforeAll(async () => {
		assertBuilt();
		t = await createTestDatabase(kind);
		kim = await buildUser(db(), { name: 'Kim' });
		merger = new StateMergerWorker(workerEntry());
	});
	afterAll(async () => {
		await merger?.close();
		await t?.dispose();
	});

	it('writes the merged snapshot and deletes the rows it holds', async () => {
		const roadmap = await largeRoadmap();
		const before = readRoadmap((await loadRoadmapDoc(db(), roadmap.id)).doc);
		const jobs = merger.stats.jobs;
		const result = await compactRoadmap(db(), roadmap.id, { merge: merger.merge });
		expect(merger.stats.jobs).toBe(jobs + 1);
		expect(result.merged).toBeGreaterThanOrEqual(5);
		expect(await logCount(roadmap.id)).toBe(0);
		expect(await snapshotSeq(roadmap.id)).toBe(result.uptoSeq);
		expect(readRoadmap((await loadRoadmapDoc(db(), roadmap.id)).doc)).toEqual(before);
	});

	it('drops its own work when another compaction replaced the snapshot while it merged', async () => {
		const roadmap = await largeRoadmap();
		const before = readRoadmap((await loadRoadmapDoc(db(), roadmap.id)).doc);
		let rival: Awaited<ReturnType<typeof compactRoadmap>> | undefined;
		const result = await compactRoadmap(db(), roadmap.id, {
			merge: async (parts) => {
				// Another instance compacts the same rows meanwhile, and one more change lands.
				rival = await compactRoadmap(db(), roadmap.id);
				await changeRoadmap(db(), roadmap.id, kim.id, (d) =>
					addMilestone(d, { taskId: roadmap.taskId, title: { en: 'After the rival' } })
				);
				return mergeInline(parts);
			}
		});
		expect(rival!.merged).toBeGreaterThanOrEqual(5);
		expect(result.merged).toBe(0);
		expect(await snapshotSeq(roadmap.id)).toBe(rival!.uptoSeq);
		expect(await logCount(roadmap.id)).toBe(1); // the later change, kept
		const after = readRoadmap((await loadRoadmapDoc(db(), roadmap.id)).doc);
		expect(after.milestones).toHaveLength(before.milestones.length + 1);
	});

	it('leaves the log as it was when the merge fails', async () => {
		const roadmap = await largeRoadmap();
		const before = readRoadmap((await loadRoadmapDoc(db(), roadmap.id)).doc);
		const rows = await logCount(roadmap.id);
		await expect(
			compactRoadmap(db(), roadmap.id, {
				merge: () => Promise.reject(new Error('worker gone'))
			})
		).rejects.toThrow('worker gone');
		expect(await logCount(roadmap.id)).toBe(rows);
		expect(readRoadmap((await loadRoadmapDoc(db(), roadmap.id)).doc)).toEqual(before);
	});
});
