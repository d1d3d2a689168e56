import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMilestone, addTask, deleteTask, milestonesMap, readRoadmap, tasksMap } from './doc';
import {
	milestoneSnapshotOf,
	RESTORED_KEY,
	restoreBlock,
	restoreMilestone,
	restoreTask,
	taskSnapshotOf
} from './restore';

describe('restoring from a stored copy', () => {
	it('reads a copy as the projection stored it, and refuses what cannot be an item', () => {
		expect(
			milestoneSnapshotOf('ms_1', {
				taskId: 'task_1',
				position: 2,
				titleKo: '착수',
				titleEn: 'Start',
				descriptionKo: '설명',
				status: 'blocked',
				progress: 30,
				startDate: '2027-01-01',
				dueDate: null,
				owners: [
					{ kind: 'user', id: 'u1', role: 'lead' },
					{ kind: 'team', id: 'x', role: 'lead' }, // no such kind
					{ kind: 'user', id: 'u2', role: 'boss' } // no such role
				]
			})
		).toEqual({
			id: 'ms_1',
			taskId: 'task_1',
			position: 2,
			title: { ko: '착수', en: 'Start' },
			description: { ko: '설명', en: '' },
			status: 'blocked',
			progress: 30,
			startDate: '2027-01-01',
			dueDate: null,
			owners: [{ kind: 'user', id: 'u1', role: 'lead' }]
		});
		expect(milestoneSnapshotOf('ms_1', { titleKo: 'no task' })).toBeNull();
		expect(milestoneSnapshotOf('ms_1', null)).toBeNull();
		expect(taskSnapshotOf('task_1', 'text')).toBeNull();
		expect(taskSnapshotOf('', {})).toBeNull();
		// Odd values fall back to defaults (readers normalise the rest).
		expect(
			taskSnapshotOf('task_1', { status: 'gone', progress: 'x', milestones: 'x' })
		).toMatchObject({
			status: 'planned',
			progress: 0,
			milestones: []
		});
	});

	it('puts a task back under its id with its milestones, and says when it cannot', () => {
		const doc = new Y.Doc();
		const taskId = addTask(doc, {
			title: { ko: '과제', en: 'Task' },
			summary: { ko: '요약', en: '' }
		});
		const msId = addMilestone(doc, { taskId, title: { ko: '이정표' }, progress: 20 });
		const whole = readRoadmap(doc);
		const copy = taskSnapshotOf(taskId, {
			titleKo: '과제',
			titleEn: 'Task',
			summaryKo: '요약',
			position: whole.tasks[0].position,
			milestones: [{ id: msId, titleKo: '이정표', position: 1, progress: 20 }]
		})!;
		expect(restoreBlock(doc, copy)).toBe('present');
		deleteTask(doc, taskId);
		expect(restoreBlock(doc, copy)).toBeNull();
		expect(restoreBlock(doc, copy.milestones[0])).toBe('task-gone');
		restoreTask(doc, copy);
		const back = readRoadmap(doc);
		expect(back.tasks.map((t) => [t.id, t.title, t.summary])).toEqual([
			[taskId, { ko: '과제', en: 'Task' }, { ko: '요약', en: '' }]
		]);
		expect(back.milestones.map((m) => [m.id, m.taskId, m.progress])).toEqual([[msId, taskId, 20]]);
		// The task is marked (its 'created' row says "restored"); its milestones came with it.
		expect(tasksMap(doc).get(taskId)!.get(RESTORED_KEY)).toBe(true);
		expect(milestonesMap(doc).get(msId)!.get(RESTORED_KEY)).toBeUndefined();
		expect(restoreBlock(doc, copy.milestones[0])).toBe('present');

		milestonesMap(doc).delete(msId);
		restoreMilestone(doc, copy.milestones[0]);
		expect(milestonesMap(doc).get(msId)!.get(RESTORED_KEY)).toBe(true);
	});
});
