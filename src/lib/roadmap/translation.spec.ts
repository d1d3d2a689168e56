import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addTask, markEdited, readRoadmap, taskTitleText } from './doc';
import { milestone, plan, task } from './test-plan';
import {
	milestoneNeedsTranslation,
	needsTranslation,
	taskNeedsTranslation,
	translationState,
	untranslatedCounts
} from './translation';

const never = { ko: null, en: null, inStep: null };

describe('translationState', () => {
	it('marks an empty language as missing while the other has text', () => {
		expect(translationState({ ko: '반도체', en: '' }, never, 'en')).toBe('missing');
		expect(translationState({ ko: '반도체', en: '' }, never, 'ko')).toBe('ok');
		expect(translationState({ ko: '', en: '  ' }, never, 'ko')).toBe('ok');
	});

	it('leaves texts from before edit tracking alone', () => {
		expect(needsTranslation({ ko: '제목', en: 'Title' }, never)).toBe(false);
	});
});

describe('what needs translation in the plan', () => {
	const HOUR = 3_600_000;
	const staleKo = { ko: HOUR, en: 2 * HOUR, inStep: HOUR };

	it('a task by its own title or summary, a milestone by its title; a description never', () => {
		expect(taskNeedsTranslation(task('t1'))).toBe(false);
		expect(taskNeedsTranslation(task('t2', { title: { ko: '', en: 'Only English' } }))).toBe(true);
		expect(
			taskNeedsTranslation(
				task('t3', {
					summary: { ko: '요약', en: 'Summary' },
					edited: { title: never, summary: staleKo }
				})
			)
		).toBe(true);
		expect(milestoneNeedsTranslation(milestone('m1', 't1'))).toBe(false);
		expect(
			milestoneNeedsTranslation(milestone('m2', 't1', { title: { ko: '한국어만', en: '' } }))
		).toBe(true);
		expect(
			milestoneNeedsTranslation(milestone('m3', 't1', { description: { ko: '설명', en: '' } }))
		).toBe(false);
	});

	it('counts tasks and milestones apart: a task is not counted for its milestones', () => {
		const data = plan(
			[task('t1'), task('t2', { title: { ko: '제목', en: '' } })],
			[
				milestone('m1', 't1', { title: { ko: '', en: 'A' } }),
				milestone('m2', 't1', { title: { ko: '', en: 'B' } }),
				milestone('m3', 't2')
			]
		);
		expect(untranslatedCounts(data)).toEqual({ tasks: 1, milestones: 2 });
	});
});

describe('editing one language, then the other', () => {
	const HOUR = 3_600_000;
	function text() {
		const doc = new Y.Doc();
		const id = addTask(doc, { title: { ko: '인공지능 반도체', en: 'AI chips' } });
		const edit = (locale: 'ko' | 'en', value: string, at: number) => {
			const t = taskTitleText(doc, id, locale)!;
			doc.transact(() => {
				t.delete(0, t.length);
				t.insert(0, value);
			});
			markEdited(doc, { kind: 'task', id }, 'title', locale, at);
		};
		const state = (locale: 'ko' | 'en') => {
			const task = readRoadmap(doc).tasks[0];
			return translationState(task.title, task.edited.title, locale);
		};
		return { edit, state };
	}

	it('flags the other language after a change and clears it once translated', () => {
		const { edit, state } = text();
		edit('ko', '인공지능 반도체 초격차', 1 * HOUR);
		expect(state('en')).toBe('stale');
		expect(state('ko')).toBe('ok');
		edit('en', 'AI chips: a lasting lead', 2 * HOUR);
		expect(state('en')).toBe('ok');
		expect(state('ko')).toBe('ok');
	});

	it('keeps both in step while the translator keeps typing', () => {
		const { edit, state } = text();
		edit('ko', '새 제목', 1 * HOUR);
		edit('en', 'New', 2 * HOUR);
		edit('en', 'New title', 2 * HOUR + 5_000);
		expect(state('ko')).toBe('ok');
		expect(state('en')).toBe('ok');
	});

	it('flags Korean when English changes later on its own', () => {
		const { edit, state } = text();
		edit('ko', '새 제목', 1 * HOUR);
		edit('en', 'New title', 2 * HOUR);
		edit('en', 'A different title', 5 * HOUR);
		expect(state('ko')).toBe('stale');
		expect(state('en')).toBe('ok');
	});
});
