import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMilestone, addTask, ensureMilestoneShape, setMilestoneField } from '$lib/roadmap/doc';
import { NO_FILTER, type PlanFilter } from '$lib/roadmap/filter';
import { KeptHere } from './kept-here';

describe('what this page keeps in view under a filter', () => {
	const inProgress: PlanFilter = { ...NO_FILTER, status: 'in_progress' };

	it('notes what its own edits add or change, under the filter they were made under', () => {
		const doc = new Y.Doc();
		const taskId = addTask(doc, { title: { en: 'Task' } });
		const kept = new KeptHere();
		let filter = inProgress;
		const stop = kept.watch(doc, () => filter);
		const added = addMilestone(doc, { taskId, title: { en: 'New' } });
		expect(kept.for(inProgress)).toEqual(new Set([added]));
		expect(kept.for(NO_FILTER)).toEqual(new Set());

		filter = NO_FILTER;
		setMilestoneField(doc, added, 'status', 'done');
		expect(kept.for(inProgress)).toEqual(new Set());
		expect(kept.for(NO_FILTER)).toEqual(new Set([added]));
		stop();
		filter = inProgress;
		setMilestoneField(doc, added, 'status', 'planned');
		expect(kept.for(inProgress)).toEqual(new Set());
	});

	it('ignores the others’ edits and its own bookkeeping', () => {
		const theirs = new Y.Doc();
		const taskId = addTask(theirs, { title: { en: 'Task' } });
		const mine = new Y.Doc();
		const kept = new KeptHere();
		kept.watch(mine, () => inProgress);
		Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs));
		const later = Y.encodeStateVector(theirs);
		addMilestone(theirs, { taskId, title: { en: 'Theirs' } });
		// A milestone as docs stored it before descriptions and owners existed.
		const old = new Y.Map<unknown>();
		theirs.getMap('milestones').set('ms-old', old);
		old.set('taskId', taskId);
		Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs, later));
		expect(kept.for(inProgress)).toEqual(new Set());
		// Giving it its missing parts, as the editor does on binding, is not an edit of the plan.
		const before = Y.encodeStateVector(mine);
		ensureMilestoneShape(mine, 'ms-old');
		expect(Y.encodeStateAsUpdate(mine, before).length).toBeGreaterThan(2);
		expect(kept.for(inProgress)).toEqual(new Set());
	});
});
