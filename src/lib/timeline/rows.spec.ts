import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMilestone, addTask, readRoadmap } from '$lib/roadmap/doc';
import { timelineRows, visibleRange } from './rows';

function roadmap() {
	const doc = new Y.Doc();
	const a = addTask(doc, { title: { ko: '가' } });
	const b = addTask(doc, { title: { ko: '나' } });
	addMilestone(doc, {
		taskId: a,
		title: { ko: '1' },
		startDate: '2026-03-02',
		dueDate: '2026-03-20'
	});
	addMilestone(doc, { taskId: a, title: { ko: '2' } });
	addMilestone(doc, {
		taskId: a,
		title: { ko: '3' },
		dueDate: '2026-01-10',
		status: 'in_progress'
	});
	addMilestone(doc, { taskId: b, title: { ko: '4' }, dueDate: '2026-01-10', status: 'done' });
	return readRoadmap(doc);
}

describe('timelineRows', () => {
	const { rows, min, max } = timelineRows(roadmap(), '2026-02-01');

	it('lists each task, its dated milestones, then its undated ones under a heading', () => {
		expect(rows.map((r) => r.kind)).toEqual([
			'task',
			'milestone',
			'milestone',
			'undated-head',
			'undated',
			'task',
			'milestone'
		]);
		expect(rows[3]).toMatchObject({ count: 1 });
	});

	it('spans each task from its milestones’ earliest date to their latest', () => {
		expect(rows[0]).toMatchObject({ number: 1, min: '2026-01-10', max: '2026-03-20' });
		expect(rows[5]).toMatchObject({ number: 2, min: '2026-01-10', max: '2026-01-10' });
		expect([min, max]).toEqual(['2026-01-10', '2026-03-20']);
	});

	it('reaches the axis to a task’s own dates beyond its milestones, keeping the task’s span theirs', () => {
		const doc = new Y.Doc();
		const task = addTask(doc, {
			title: { ko: '인력 양성' },
			startDate: '2027-01-01',
			dueDate: '2029-12-31'
		});
		addMilestone(doc, { taskId: task, title: { ko: '1' }, dueDate: '2027-02-17' });
		addMilestone(doc, { taskId: task, title: { ko: '2' }, dueDate: '2027-12-01' });
		const built = timelineRows(readRoadmap(doc), '2026-12-06');
		expect(built.rows[0]).toMatchObject({ min: '2027-02-17', max: '2027-12-01' });
		expect([built.min, built.max]).toEqual(['2027-01-01', '2029-12-31']);
		// A task with dates and no dated milestone still gives the axis its dates.
		const alone = new Y.Doc();
		addTask(alone, { title: { ko: '홀로' }, dueDate: '2028-06-30' });
		expect(timelineRows(readRoadmap(alone), '2026-12-06')).toMatchObject({
			min: '2028-06-30',
			max: '2028-06-30'
		});
	});

	it('marks open milestones due before today overdue, and done ones not', () => {
		const overdue = rows.flatMap((r) => (r.kind === 'milestone' ? [r.overdue] : []));
		expect(overdue).toEqual([false, true, false]);
	});
});

describe('visibleRange', () => {
	it('covers the viewport and a few rows either side, within the list', () => {
		expect(visibleRange(1000, 32, 3200, 640, 5)).toEqual({ from: 95, to: 125 });
		expect(visibleRange(1000, 32, 0, 640, 5)).toEqual({ from: 0, to: 25 });
		expect(visibleRange(10, 32, 0, 640, 5)).toEqual({ from: 0, to: 10 });
		expect(visibleRange(10, 32, 5000, 640, 5)).toEqual({ from: 10, to: 10 });
	});
});
