import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMilestone, addTask, readRoadmap, taskTitleText } from './doc';
import { clampText, isEntityId, MAX_ENTITY_ID, TEXT_LIMITS } from './limits';

describe('text limits', () => {
	it('cuts only what is over the limit, never half a surrogate pair', () => {
		expect(clampText('taskTitle', 'short')).toBe('short');
		const emojiAtEdge = 'a'.repeat(TEXT_LIMITS.taskTitle - 1) + '😀';
		expect(clampText('taskTitle', emojiAtEdge)).toBe('a'.repeat(TEXT_LIMITS.taskTitle - 1));
	});

	it('keeps a 5,000-character title written past the editor out of every reader', () => {
		const doc = new Y.Doc();
		const id = addTask(doc, { title: { ko: '과제' } });
		taskTitleText(doc, id, 'ko')!.insert(2, '가'.repeat(5_000));
		const [task] = readRoadmap(doc).tasks;
		expect(task.title.ko).toHaveLength(TEXT_LIMITS.taskTitle);
		expect(task.title.en).toBe('');
	});

	it('drops U+0000, which Postgres text cannot store, before counting', () => {
		expect(clampText('taskTitle', '반도체\u0000 초격차\u0000')).toBe('반도체 초격차');
		expect(clampText('taskTitle', '\u0000'.repeat(500) + 'ok')).toBe('ok');
	});

	it('drops bidi overrides, which make a title read reversed, and keeps the marks that do not', () => {
		expect(clampText('taskTitle', 'Budget \u202Etxt.exe')).toBe('Budget txt.exe');
		expect(clampText('milestoneTitle', '\u202Dabc\u202C')).toBe('abc\u202C');
		expect(clampText('taskTitle', 'שלום \u200Fok')).toBe('שלום \u200Fok');
		const doc = new Y.Doc();
		addTask(doc, { title: { en: 'bat live ereh\u202E' } });
		expect(readRoadmap(doc).tasks[0].title.en).toBe('bat live ereh');
	});

	it('leaves out tasks and milestones whose ids no reader can show or store', () => {
		expect(isEntityId('task_0123456789abcd')).toBe(true);
		expect(['', 'a\u0000b', 'x'.repeat(MAX_ENTITY_ID + 1), 42, null].some(isEntityId)).toBe(false);
		const doc = new Y.Doc();
		const kept = addTask(doc, { title: { en: 'Kept' } });
		addTask(doc, { title: { en: 'NUL id' } }, 'task\u0000x');
		addTask(doc, { title: { en: 'Long id' } }, 'x'.repeat(MAX_ENTITY_ID + 1));
		addMilestone(doc, { taskId: kept, title: { en: 'Step' } }, 'ms\u0000y');
		addMilestone(doc, { taskId: kept, title: { en: 'Fine step' } });
		const data = readRoadmap(doc);
		expect(data.tasks.map((t) => t.title.en)).toEqual(['Kept']);
		expect(data.milestones.map((m) => m.title.en)).toEqual(['Fine step']);
	});
});
