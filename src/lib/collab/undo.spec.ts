import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addMilestone,
	addTask,
	assignMilestoneOwner,
	deleteMilestone,
	markEdited,
	milestoneTitleText,
	readRoadmap,
	setMilestoneField,
	setTaskField,
	taskTitleText
} from '../roadmap/doc';
import { moveMilestone } from '../roadmap/order';
import { TextBinding, type FieldLike } from './text-binding';
import { createPlanUndo, editorUndo, historyCommand } from './undo';

const REMOTE = Symbol('remote');

/** Two browsers on one roadmap: every update of one reaches the other at once, as a peer's. */
function twoPeople() {
	const seed = new Y.Doc();
	const taskId = addTask(seed, { title: { ko: '과제', en: 'Task' } }, 'task_1');
	const otherTask = addTask(seed, { title: { en: 'Other' } }, 'task_2');
	const msId = addMilestone(
		seed,
		{ taskId, title: { en: 'PIM prototype' }, startDate: '2026-03-02', dueDate: '2026-06-30' },
		'ms_1'
	);
	assignMilestoneOwner(seed, msId, { kind: 'user', id: 'u1', role: 'lead' });
	const me = new Y.Doc();
	const them = new Y.Doc();
	for (const d of [me, them]) Y.applyUpdate(d, Y.encodeStateAsUpdate(seed), REMOTE);
	me.on('update', (u: Uint8Array, origin: unknown) => {
		if (origin !== REMOTE) Y.applyUpdate(them, u, REMOTE);
	});
	them.on('update', (u: Uint8Array, origin: unknown) => {
		if (origin !== REMOTE) Y.applyUpdate(me, u, REMOTE);
	});
	return { me, them, taskId, otherTask, msId, undo: createPlanUndo(me, { captureTimeout: 0 }) };
}

const field = (value = ''): FieldLike & { value: string } => ({
	value,
	selectionStart: value.length,
	selectionEnd: value.length,
	setSelectionRange() {}
});

const task = (doc: Y.Doc, id: string) => readRoadmap(doc).tasks.find((t) => t.id === id)!;
const milestone = (doc: Y.Doc, id: string) => readRoadmap(doc).milestones.find((m) => m.id === id);

describe('undo of one’s own changes', () => {
	it('restores my change and leaves the other person’s alone, on both sides', () => {
		const { me, them, taskId, undo } = twoPeople();
		setTaskField(me, taskId, 'status', 'in_progress');
		setTaskField(them, taskId, 'progress', 40);
		undo.undo();
		for (const d of [me, them]) {
			expect(task(d, taskId).status).toBe('planned');
			expect(task(d, taskId).progress).toBe(40);
		}
		undo.redo();
		expect(task(them, taskId).status).toBe('in_progress');
	});

	it('never undoes a peer’s later write to the same field', () => {
		const { me, them, taskId, undo } = twoPeople();
		setTaskField(me, taskId, 'status', 'in_progress');
		setTaskField(them, taskId, 'status', 'done');
		undo.undo();
		expect(task(me, taskId).status).toBe('done');
	});

	it('takes one step a press: a step others changed since is dropped, not passed over', () => {
		const { me, them, taskId, otherTask, msId, undo } = twoPeople();
		setTaskField(me, otherTask, 'status', 'in_progress');
		setMilestoneField(me, msId, 'dueDate', '2026-07-31');
		setMilestoneField(them, msId, 'dueDate', '2026-08-31');
		// My last step (the date) was overwritten: Yjs alone would go on and undo the status.
		expect(undo.undo()).toBeNull();
		for (const d of [me, them]) {
			expect(milestone(d, msId)?.dueDate).toBe('2026-08-31');
			expect(task(d, otherTask).status).toBe('in_progress');
		}
		expect(undo.undoStack).toHaveLength(1);
		// The next press takes the step before, and redo brings it back, one step too.
		expect(undo.undo()).not.toBeNull();
		expect(task(them, otherTask).status).toBe('planned');
		expect(undo.canUndo()).toBe(false);
		setTaskField(them, taskId, 'progress', 30);
		expect(undo.redo()).not.toBeNull();
		expect(task(them, otherTask).status).toBe('in_progress');
	});

	it('redoes one step a press: a step others changed since is dropped, not passed over', () => {
		const { me, them, otherTask, msId, undo } = twoPeople();
		setTaskField(me, otherTask, 'status', 'in_progress');
		setMilestoneField(me, msId, 'progress', 10);
		undo.undo();
		undo.undo();
		expect(undo.redoStack).toHaveLength(2);
		// The status step comes back first; someone else sets it meanwhile.
		setTaskField(them, otherTask, 'status', 'done');
		expect(undo.redo()).toBeNull();
		expect(task(me, otherTask).status).toBe('done');
		expect(milestone(me, msId)?.progress).toBe(0);
		expect(undo.redo()).not.toBeNull();
		expect(milestone(them, msId)?.progress).toBe(10);
	});

	it('undoes typing in a bound title field, not the other person’s typing in it', () => {
		const { me, them, taskId, undo } = twoPeople();
		const mine = field('Task');
		const binding = new TextBinding(taskTitleText(me, taskId, 'en')!, mine);
		mine.value = 'Task plan';
		binding.input();
		const theirs = taskTitleText(them, taskId, 'en')!;
		theirs.insert(0, 'Big ');
		expect(taskTitleText(me, taskId, 'en')!.toString()).toBe('Big Task plan');
		undo.undo();
		expect(taskTitleText(them, taskId, 'en')!.toString()).toBe('Big Task');
		expect(mine.value).toBe('Big Task');
		binding.destroy();
	});

	it('does not spend a step on edit times', () => {
		const { me, taskId, undo } = twoPeople();
		setTaskField(me, taskId, 'progress', 10);
		markEdited(me, { kind: 'task', id: taskId }, 'title', 'en');
		expect(undo.undoStack).toHaveLength(1);
	});

	it('brings back a deleted milestone with its owners, dates and texts', () => {
		const { me, them, msId, undo } = twoPeople();
		const before = milestone(me, msId);
		deleteMilestone(me, msId);
		expect(milestone(them, msId)).toBeUndefined();
		undo.undo();
		for (const d of [me, them]) {
			expect(milestone(d, msId)).toEqual(before);
			expect(milestoneTitleText(d, msId, 'en')?.toString()).toBe('PIM prototype');
		}
	});

	it('undoes a move to another task in one step', () => {
		const { me, them, msId, taskId, otherTask, undo } = twoPeople();
		moveMilestone(me, [], msId, otherTask, 0);
		expect(milestone(them, msId)?.taskId).toBe(otherTask);
		undo.undo();
		expect(milestone(them, msId)?.taskId).toBe(taskId);
	});

	it('groups quick edits into one step and separates them after stopCapturing', () => {
		const { me, msId } = twoPeople();
		const undo = createPlanUndo(me, { captureTimeout: 10_000 });
		setMilestoneField(me, msId, 'progress', 10);
		setMilestoneField(me, msId, 'progress', 20);
		undo.stopCapturing();
		setMilestoneField(me, msId, 'status', 'done');
		expect(undo.undoStack).toHaveLength(2);
		undo.undo();
		expect(milestone(me, msId)?.progress).toBe(20);
		undo.undo();
		expect(milestone(me, msId)?.progress).toBe(0);
	});

	it('keeps the page’s stack when an editor holding it is destroyed', () => {
		const { me, taskId, undo } = twoPeople();
		const held = editorUndo(undo);
		let added = 0;
		held.on('stack-item-added', () => added++);
		setTaskField(me, taskId, 'progress', 10);
		held.destroy();
		setTaskField(me, taskId, 'progress', 30);
		expect(added).toBe(1);
		expect(undo.undoStack.length).toBeGreaterThan(0);
		held.undo();
		expect(task(me, taskId).progress).toBe(10);
	});
});

describe('history keys', () => {
	const key = (k: string, mods: Partial<KeyboardEvent> = {}) =>
		historyCommand({
			key: k,
			code: `Key${k.toUpperCase()}`,
			ctrlKey: false,
			metaKey: false,
			shiftKey: false,
			altKey: false,
			...mods
		});
	it('reads Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z and Ctrl+Y, also with the Korean input method on', () => {
		expect(key('z', { ctrlKey: true })).toBe('undo');
		expect(key('Z', { metaKey: true, shiftKey: true })).toBe('redo');
		expect(key('y', { ctrlKey: true })).toBe('redo');
		expect(historyCommand({ key: 'ㅋ', code: 'KeyZ', ctrlKey: true } as KeyboardEvent)).toBe(
			'undo'
		);
		expect(key('z')).toBeNull();
		expect(key('z', { ctrlKey: true, altKey: true })).toBeNull();
	});
});
