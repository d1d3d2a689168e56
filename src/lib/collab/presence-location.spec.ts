import { describe, expect, it } from 'vitest';
import { chipTitle, locationTitle, readLocation, sameLocation } from './presence-location';

describe('presence location', () => {
	it('reads a well-formed location and nothing else', () => {
		expect(readLocation({ kind: 'task', id: 'task_1' })).toEqual({ kind: 'task', id: 'task_1' });
		expect(readLocation({ kind: 'milestone', id: 'ms_1', extra: 1 })).toEqual({
			kind: 'milestone',
			id: 'ms_1'
		});
		expect(readLocation({ kind: 'task', id: 'task_1', commenting: true })).toEqual({
			kind: 'task',
			id: 'task_1',
			commenting: true
		});
		expect(readLocation({ kind: 'task', id: 'task_1', commenting: 'yes' })).toEqual({
			kind: 'task',
			id: 'task_1'
		});
		for (const bad of [
			null,
			'task_1',
			{ kind: 'roadmap', id: 'x' },
			{ kind: 'task', id: 7 },
			{ kind: 'task', id: '' },
			{ kind: 'task', id: 'x'.repeat(65) }
		])
			expect(readLocation(bad)).toBeNull();
	});

	it('names only what exists on this roadmap', () => {
		const titles = {
			tasks: new Map([['task_1', 'PIM']]),
			milestones: new Map([['ms_1', 'PIM 시제품']])
		};
		expect(locationTitle({ kind: 'milestone', id: 'ms_1' }, titles)).toBe('PIM 시제품');
		expect(locationTitle({ kind: 'task', id: 'ms_1' }, titles)).toBeNull();
		expect(locationTitle({ kind: 'task', id: 'task_gone' }, titles)).toBeNull();
		expect(locationTitle(null, titles)).toBeNull();
	});

	it('compares locations by value', () => {
		expect(sameLocation({ kind: 'task', id: 'a' }, { kind: 'task', id: 'a' })).toBe(true);
		expect(sameLocation({ kind: 'task', id: 'a' }, null)).toBe(false);
		expect(sameLocation(null, null)).toBe(true);
		expect(
			sameLocation({ kind: 'task', id: 'a' }, { kind: 'task', id: 'a', commenting: true })
		).toBe(false);
	});
});

describe('chipTitle', () => {
	it('keeps a short title and cuts a long one at a word, with an ellipsis', () => {
		expect(chipTitle('PIM 시제품')).toBe('PIM 시제품');
		expect(chipTitle('AI 반도체 팹리스 기업의 설계 역량 강화를 위한 공동 연구실 구축')).toBe(
			'AI 반도체 팹리스 기업의 설계…'
		);
		// No space near the end: cut at the limit, never inside a surrogate pair.
		const long = '가'.repeat(19) + '🌞나다';
		expect(chipTitle(long)).toBe('가'.repeat(19) + '🌞…');
	});
});
