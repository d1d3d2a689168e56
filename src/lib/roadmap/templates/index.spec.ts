import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readRoadmap } from '../doc';
import { applyTemplate, isTemplateKey, TEMPLATES } from '.';

describe('roadmap templates', () => {
	it('writes the five tasks in both languages with undated starter milestones', () => {
		const doc = new Y.Doc();
		const ids = applyTemplate(doc, TEMPLATES['five-tasks']);
		const data = readRoadmap(doc);
		expect(ids).toHaveLength(5);
		expect(data.tasks.map((t) => t.title.ko)).toEqual([
			'차세대 메모리 반도체 기술 개발',
			'AI 알고리즘 및 소프트웨어 경쟁력 강화',
			'역동적인 AI 산업 생태계 조성',
			'AI 맞춤형 규제 및 정책 지원',
			'안정적인 전력 인프라 확충'
		]);
		for (const task of data.tasks) {
			expect(task.title.en).not.toBe('');
			expect(task.summary.ko).not.toBe('');
			expect(task.summary.en).not.toBe('');
			expect(task.owners).toEqual({});
		}
		expect(data.milestones.length).toBeGreaterThanOrEqual(15);
		expect(data.milestones.every((m) => m.dueDate === null && m.title.ko && m.title.en)).toBe(true);
		expect(data.overview.en).toContain('Stargate');
	});

	it('makes an empty roadmap from the blank template', () => {
		const doc = new Y.Doc();
		applyTemplate(doc, TEMPLATES.blank);
		expect(readRoadmap(doc).tasks).toEqual([]);
		expect(isTemplateKey('blank')).toBe(true);
		expect(isTemplateKey('__proto__')).toBe(false);
	});
});
