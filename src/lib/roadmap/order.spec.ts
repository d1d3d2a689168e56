import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMilestone, addTask, milestonesMap, readRoadmap, tasksMap } from './doc';
import { moveMilestone, moveTask, placeAt, positionBetween } from './order';

const titles = (doc: Y.Doc) => readRoadmap(doc).tasks.map((t) => t.title.en);
const msTitles = (doc: Y.Doc, taskId: string) =>
	readRoadmap(doc)
		.milestones.filter((m) => m.taskId === taskId)
		.map((m) => m.title.en);

function threeTasks() {
	const doc = new Y.Doc();
	const ids = ['A', 'B', 'C'].map((en, i) =>
		addTask(doc, { title: { en }, position: i + 1 }, `task_${en}`)
	);
	return { doc, ids };
}

/** Two docs that exchange every update at once, like two browsers on one roadmap. */
function syncedPair(seed: Y.Doc) {
	const a = new Y.Doc();
	const b = new Y.Doc();
	Y.applyUpdate(a, Y.encodeStateAsUpdate(seed));
	Y.applyUpdate(b, Y.encodeStateAsUpdate(seed));
	return { a, b };
}
const exchange = (a: Y.Doc, b: Y.Doc) => {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

describe('positions between neighbours', () => {
	it('lands strictly between, before the first or after the last', () => {
		expect(positionBetween(1, 2)).toBe(1.5);
		expect(positionBetween(null, 1)).toBe(0);
		expect(positionBetween(3, null)).toBe(4);
		expect(positionBetween(null, null)).toBe(1);
	});

	it('says when there is no room, and placeAt renumbers instead', () => {
		expect(positionBetween(1, 1)).toBeNull();
		expect(positionBetween(1, 1 + Number.EPSILON)).toBeNull();
		const placed = placeAt(
			[
				{ id: 'a', position: 1 },
				{ id: 'b', position: 1 },
				{ id: 'c', position: 2 }
			],
			'c',
			1
		);
		expect([...placed.renumber!]).toEqual([
			['a', 1],
			['c', 2],
			['b', 3]
		]);
	});

	it('survives a hundred moves into the same gap', () => {
		const { doc } = threeTasks();
		for (let i = 0; i < 100; i++) {
			const tasks = readRoadmap(doc).tasks;
			const last = tasks[tasks.length - 1];
			moveTask(doc, tasks, last.id, 1);
		}
		// Each move halves the gap before the second place: long before 100 there is no room and
		// the tasks are renumbered, never left on equal positions.
		expect(new Set(readRoadmap(doc).tasks.map((t) => t.position)).size).toBe(3);
		expect(titles(doc)).toHaveLength(3);
	});
});

describe('moving', () => {
	it('writes only the moved task’s position', () => {
		const { doc, ids } = threeTasks();
		const changed: string[] = [];
		tasksMap(doc).observeDeep((events) => {
			for (const e of events)
				for (const key of (e as Y.YMapEvent<unknown>).keysChanged ?? []) changed.push(key);
		});
		moveTask(doc, readRoadmap(doc).tasks, ids[2], 0);
		expect(titles(doc)).toEqual(['C', 'A', 'B']);
		expect(changed).toEqual(['position']);
	});

	it('moves a milestone to another task, keeping its texts, in one update', () => {
		const { doc, ids } = threeTasks();
		const ms = addMilestone(doc, { taskId: ids[0], title: { en: 'PIM', ko: 'PIM 시제품' } });
		addMilestone(doc, { taskId: ids[1], title: { en: 'Fab' } });
		let updates = 0;
		doc.on('update', () => updates++);
		const siblings = readRoadmap(doc).milestones.filter((m) => m.taskId === ids[1]);
		moveMilestone(doc, siblings, ms, ids[1], 0);
		expect(updates).toBe(1);
		expect(msTitles(doc, ids[1])).toEqual(['PIM', 'Fab']);
		expect(msTitles(doc, ids[0])).toEqual([]);
		expect(readRoadmap(doc).milestones.find((m) => m.id === ms)?.title.ko).toBe('PIM 시제품');
	});

	it('refuses to move a milestone into a task that does not exist', () => {
		const { doc, ids } = threeTasks();
		const ms = addMilestone(doc, { taskId: ids[0], title: { en: 'PIM' } });
		moveMilestone(doc, [], ms, 'task_gone', 0);
		expect(milestonesMap(doc).get(ms)?.get('taskId')).toBe(ids[0]);
	});

	it('converges when two people move items at the same time', () => {
		const { doc, ids } = threeTasks();
		const { a, b } = syncedPair(doc);
		// Both move a different task into the same gap, and both move task A.
		moveTask(a, readRoadmap(a).tasks, ids[2], 0);
		moveTask(b, readRoadmap(b).tasks, ids[1], 0);
		exchange(a, b);
		expect(titles(a)).toEqual(titles(b));
		moveTask(a, readRoadmap(a).tasks, ids[0], 2);
		moveTask(b, readRoadmap(b).tasks, ids[0], 0);
		exchange(a, b);
		expect(titles(a)).toEqual(titles(b));
		expect([...titles(a)].sort()).toEqual(['A', 'B', 'C']);
	});
});
