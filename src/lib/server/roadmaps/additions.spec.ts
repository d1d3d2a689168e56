import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addMilestone,
	addTask,
	assignMilestoneOwner,
	deleteMilestone,
	milestonesMap,
	milestoneTitleText,
	setMilestoneField,
	tasksMap
} from '../../roadmap/doc';
import { onlyAddsEntities } from './additions';

/** A doc with one task and one milestone, and the update `edit` makes to it (not applied). */
function rowOf(edit: (doc: Y.Doc, ids: { task: string; milestone: string }) => void) {
	const doc = new Y.Doc();
	const task = addTask(doc, { title: { ko: '과제', en: 'Task' } });
	const milestone = addMilestone(doc, { taskId: task, title: { en: 'Step' } });
	const writer = new Y.Doc();
	Y.applyUpdate(writer, Y.encodeStateAsUpdate(doc));
	const before = Y.encodeStateVector(writer);
	edit(writer, { task, milestone });
	return { doc, update: Y.encodeStateAsUpdate(writer, before) };
}

describe('onlyAddsEntities', () => {
	it('a new milestone, with its texts and an owner, only adds', () => {
		const { doc, update } = rowOf((d, { task }) => {
			const id = addMilestone(d, { taskId: task, title: { ko: '새 단계', en: 'New step' } });
			assignMilestoneOwner(d, id, { kind: 'user', id: 'u1', role: 'lead' });
		});
		expect(onlyAddsEntities(doc, update)).toBe(true);
	});

	it('several new milestones and a new task in one row only add', () => {
		const { doc, update } = rowOf((d, { task }) =>
			d.transact(() => {
				for (let i = 0; i < 3; i++) addMilestone(d, { taskId: task, title: { en: `S${i}` } });
				addTask(d, { title: { ko: '둘째', en: 'Second' } });
			})
		);
		expect(onlyAddsEntities(doc, update)).toBe(true);
	});

	it('typing into an existing title does not', () => {
		const { doc, update } = rowOf((d, { milestone }) =>
			milestoneTitleText(d, milestone, 'en')!.insert(4, 's')
		);
		expect(onlyAddsEntities(doc, update)).toBe(false);
	});

	it('a field of an existing milestone does not', () => {
		const { doc, update } = rowOf((d, { milestone }) =>
			setMilestoneField(d, milestone, 'status', 'done')
		);
		expect(onlyAddsEntities(doc, update)).toBe(false);
	});

	it('deleting, or replacing an entity under its id, does not', () => {
		const deleted = rowOf((d, { milestone }) => deleteMilestone(d, milestone));
		expect(onlyAddsEntities(deleted.doc, deleted.update)).toBe(false);
		const replaced = rowOf((d, { milestone }) => milestonesMap(d).set(milestone, new Y.Map()));
		expect(onlyAddsEntities(replaced.doc, replaced.update)).toBe(false);
	});

	it('re-adding an id the doc once held does not (it is a replacement)', () => {
		const { doc, update } = rowOf((d, { task }) => {
			tasksMap(d).delete(task);
		});
		Y.applyUpdate(doc, update);
		const writer = new Y.Doc();
		Y.applyUpdate(writer, Y.encodeStateAsUpdate(doc));
		const before = Y.encodeStateVector(writer);
		tasksMap(writer).set([...tasksMap(doc)._map.keys()][0], new Y.Map());
		expect(onlyAddsEntities(doc, Y.encodeStateAsUpdate(writer, before))).toBe(false);
	});

	it('a new milestone together with an edit of an existing one does not', () => {
		const { doc, update } = rowOf((d, { task, milestone }) =>
			d.transact(() => {
				addMilestone(d, { taskId: task, title: { en: 'New' } });
				setMilestoneField(d, milestone, 'progress', 30);
			})
		);
		expect(onlyAddsEntities(doc, update)).toBe(false);
	});

	it('the overview, and bytes that are no update, do not', () => {
		const { doc, update } = rowOf((d) => d.getMap('meta').set('overviewEn', new Y.Text('x')));
		expect(onlyAddsEntities(doc, update)).toBe(false);
		expect(onlyAddsEntities(doc, new Uint8Array([1, 2, 3]))).toBe(false);
	});
});
