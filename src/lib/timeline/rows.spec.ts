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
