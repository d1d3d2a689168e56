import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addMilestone,
	addTask,
	deleteMilestone,
	milestoneTitleText,
	overviewText,
	readRoadmap,
	setMilestoneField,
	setTaskField
} from '../roadmap/doc';
import { stepSubjects, subjectName, type StepSubject } from './undo-subject';
import { createPlanUndo } from './undo';

function plan() {
	const doc = new Y.Doc();
	const taskId = addTask(doc, { title: { ko: 'AI 인재 육성', en: 'AI talent' } }, 'task_1');
	const msId = addMilestone(doc, { taskId, title: { ko: '', en: 'PIM prototype' } }, 'ms_1');
	const undo = createPlanUndo(doc, { captureTimeout: 0 });
	let subjects: StepSubject[] = [];
	undo.on('stack-item-popped', ({ changedParentTypes }) => {
		subjects = stepSubjects(doc, changedParentTypes);
	});
	return { doc, taskId, msId, undo, popped: () => subjects };
}

describe('what an undo step touched', () => {
	it('names the milestone whose field the step changed, not its task', () => {
		const { doc, msId, undo, popped } = plan();
		setMilestoneField(doc, msId, 'dueDate', '2026-06-30');
		undo.undo();
		expect(popped()).toEqual([{ kind: 'milestone', id: msId }]);
	});

	it('names a task once, however many of its fields and texts the step changed', () => {
		const { doc, taskId, undo, popped } = plan();
		doc.transact(() => {
			setTaskField(doc, taskId, 'status', 'at_risk');
			setTaskField(doc, taskId, 'progress', 40);
		});
		undo.undo();
		expect(popped()).toEqual([{ kind: 'task', id: taskId }]);
	});

	it('names a milestone typed into, deleted and brought back, and the overview', () => {
		const { doc, msId, undo, popped } = plan();
		milestoneTitleText(doc, msId, 'en')!.insert(0, 'New ');
		undo.undo();
		expect(popped()).toEqual([{ kind: 'milestone', id: msId }]);
		undo.stopCapturing();
		deleteMilestone(doc, msId);
		undo.undo();
		expect(popped()).toEqual([{ kind: 'milestone', id: msId }]);
		undo.stopCapturing();
		overviewText(doc, 'ko').insert(0, '개요');
		undo.undo();
		expect(popped()).toEqual([{ kind: 'overview' }]);
	});

	it('reads the name in the reader’s language, from the plan after the step or before it', () => {
		const { doc, taskId, msId } = plan();
		const before = readRoadmap(doc);
		deleteMilestone(doc, msId);
		const after = readRoadmap(doc);
		const milestone = { kind: 'milestone', id: msId } as const;
		expect(subjectName({ kind: 'task', id: taskId }, [after], 'ko', '개요')).toBe('AI 인재 육성');
		expect(subjectName({ kind: 'task', id: taskId }, [after], 'en', '')).toBe('AI talent');
		// Deleted by the step: only the plan before it knows the name. Korean empty: the English.
		expect(subjectName(milestone, [after], 'ko', '')).toBeNull();
		expect(subjectName(milestone, [after, before], 'ko', '')).toBe('PIM prototype');
		expect(subjectName({ kind: 'overview' }, [after], 'ko', '개요')).toBe('개요');
	});
});
