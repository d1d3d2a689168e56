import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addTask, readRoadmap, taskTitleText } from './doc';
import { clampText, TEXT_LIMITS } from './limits';

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
});
