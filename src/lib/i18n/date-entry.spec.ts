import { describe, expect, it } from 'vitest';
import { datePattern, formatDateEntry, parseDateEntry } from './date-entry';

describe('dates typed in the page language', () => {
	it('shows a date in the page’s order', () => {
		expect(formatDateEntry('ko', '2026-04-30')).toBe('2026.04.30');
		expect(formatDateEntry('en', '2026-04-30')).toBe('30/04/2026');
		expect(formatDateEntry('en', null)).toBe('');
		expect(datePattern('ko')).toBe('YYYY.MM.DD');
		expect(datePattern('en')).toBe('DD/MM/YYYY');
	});

	it('reads the page’s order, ISO, and loose separators or zeros', () => {
		for (const text of ['2026.04.30', '2026. 4. 30.', '2026-04-30', '2026/4/30', ' 2026 04 30 '])
			expect(parseDateEntry('ko', text), text).toEqual({ ok: true, value: '2026-04-30' });
		for (const text of ['30/04/2026', '30.4.2026', '2026-04-30', '30-04-2026'])
			expect(parseDateEntry('en', text), text).toEqual({ ok: true, value: '2026-04-30' });
		// Day first on an English page: 04/05 is the 4th of May, never April 5th.
		expect(parseDateEntry('en', '04/05/2026')).toEqual({ ok: true, value: '2026-05-04' });
	});

	it('empty clears the date; anything else that is not a real date is refused', () => {
		expect(parseDateEntry('ko', '  ')).toEqual({ ok: true, value: null });
		for (const text of [
			'2026.02.30',
			'2026.13.01',
			'26.4.30',
			'0002.04.30',
			'tomorrow',
			'2026.04',
			'2026.04.30.1',
			'30/04/26',
			'12026-04-30'
		])
			expect(parseDateEntry('ko', text), text).toEqual({ ok: false });
		expect(parseDateEntry('en', '31/04/2026')).toEqual({ ok: false });
	});
});
