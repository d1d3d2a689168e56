import { describe, expect, it } from 'vitest';
import { keyStep, sameSpan, shiftSpan } from './drag';

const bar = { startDate: '2026-03-02', dueDate: '2026-03-09' };
const diamond = { startDate: null, dueDate: '2026-03-09' };

describe('shiftSpan', () => {
	it('moves both dates of a bar, across month ends', () => {
		expect(shiftSpan(bar, 'move', 25)).toEqual({ startDate: '2026-03-27', dueDate: '2026-04-03' });
		expect(shiftSpan(bar, 'move', -2)).toEqual({ startDate: '2026-02-28', dueDate: '2026-03-07' });
	});

	it('resizes either end without letting the due date fall before the start', () => {
		expect(shiftSpan(bar, 'end', 3)).toEqual({ startDate: '2026-03-02', dueDate: '2026-03-12' });
		expect(shiftSpan(bar, 'end', -30)).toEqual({ startDate: '2026-03-02', dueDate: '2026-03-02' });
		expect(shiftSpan(bar, 'start', -1)).toEqual({ startDate: '2026-03-01', dueDate: '2026-03-09' });
		expect(shiftSpan(bar, 'start', 30)).toEqual({ startDate: '2026-03-09', dueDate: '2026-03-09' });
	});

	it('moves a diamond and keeps it one, until a resize opens it into a bar', () => {
		expect(shiftSpan(diamond, 'move', 7)).toEqual({ startDate: null, dueDate: '2026-03-16' });
		expect(shiftSpan(diamond, 'end', -3)).toEqual(diamond);
		expect(shiftSpan(diamond, 'start', 2)).toEqual(diamond);
		expect(shiftSpan(diamond, 'end', 2)).toEqual({
			startDate: '2026-03-09',
			dueDate: '2026-03-11'
		});
		expect(shiftSpan(diamond, 'start', -2)).toEqual({
			startDate: '2026-03-07',
			dueDate: '2026-03-09'
		});
	});

	it('keeps a start-only milestone start-only when moved, and leaves undated ones alone', () => {
		expect(shiftSpan({ startDate: '2026-03-02', dueDate: null }, 'move', 1)).toEqual({
			startDate: '2026-03-03',
			dueDate: null
		});
		const none = { startDate: null, dueDate: null };
		expect(shiftSpan(none, 'move', 5)).toBe(none);
	});

	it('never writes a due date before the start, whatever the steps', () => {
		for (const mode of ['move', 'start', 'end'] as const)
			for (let days = -40; days <= 40; days += 3) {
				const next = shiftSpan(bar, mode, days);
				expect(next.dueDate! >= next.startDate!).toBe(true);
			}
	});

	it('sameSpan compares both dates', () => {
		expect(sameSpan(bar, { ...bar })).toBe(true);
		expect(sameSpan(bar, shiftSpan(bar, 'move', 1))).toBe(false);
	});
});

describe('keyStep', () => {
	const key = (
		k: string,
		mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}
	) => keyStep({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });

	it('moves a day with the arrows and a week with PageUp/PageDown', () => {
		expect(key('ArrowRight')).toEqual({ mode: 'move', days: 1 });
		expect(key('ArrowLeft')).toEqual({ mode: 'move', days: -1 });
		expect(key('PageDown')).toEqual({ mode: 'move', days: 7 });
		expect(key('PageUp')).toEqual({ mode: 'move', days: -7 });
	});

	it('resizes the end with Shift and the start with Ctrl or ⌘', () => {
		expect(key('ArrowRight', { shiftKey: true })).toEqual({ mode: 'end', days: 1 });
		expect(key('PageUp', { shiftKey: true })).toEqual({ mode: 'end', days: -7 });
		expect(key('ArrowLeft', { ctrlKey: true })).toEqual({ mode: 'start', days: -1 });
		expect(key('ArrowLeft', { metaKey: true })).toEqual({ mode: 'start', days: -1 });
	});

	it('leaves other keys and Alt (the browser’s back) alone', () => {
		expect(key('ArrowUp')).toBeNull();
		expect(key('a')).toBeNull();
		expect(key('ArrowLeft', { altKey: true })).toBeNull();
	});
});
