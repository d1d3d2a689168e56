import { describe, expect, it } from 'vitest';
import { datePattern, formatDateEntry, parseDateEntry, readsEitherWay } from './date-entry';

describe('dates typed in the page language', () => {
	it('shows a date in the page’s order', () => {
		expect(formatDateEntry('ko', '2026-04-30')).toBe('2026.04.30');
		expect(formatDateEntry('dmy', '2026-04-30')).toBe('30/04/2026');
		expect(formatDateEntry('dmy', null)).toBe('');
		expect(datePattern('ko')).toBe('YYYY.MM.DD');
		expect(datePattern('dmy')).toBe('DD/MM/YYYY');
	});

	it('reads the page’s order, ISO, and loose separators or zeros', () => {
		for (const text of ['2026.04.30', '2026. 4. 30.', '2026-04-30', '2026/4/30', ' 2026 04 30 '])
			expect(parseDateEntry('ko', text), text).toEqual({ ok: true, value: '2026-04-30' });
		for (const text of ['30/04/2026', '30.4.2026', '2026-04-30', '30-04-2026'])
			expect(parseDateEntry('dmy', text), text).toEqual({ ok: true, value: '2026-04-30' });
		// Day first on an English page: 04/05 is the 4th of May, never April 5th.
		expect(parseDateEntry('dmy', '04/05/2026')).toEqual({ ok: true, value: '2026-05-04' });
	});

	it('reads a date written out as the pages show them, on either page', () => {
		for (const locale of ['ko', 'dmy', 'mdy', 'ymd'] as const) {
			for (const text of [
				'2027년 3월 1일',
				'2027년3월1일',
				'2027년 03월 01일',
				'2027년 3월 1',
				'1 Mar 2027',
				'1 March 2027',
				'01 mar. 2027',
				'March 1, 2027',
				'Mar 1 2027',
				'1 MARCH 2027'
			])
				expect(parseDateEntry(locale, text), `${locale} ${text}`).toEqual({
					ok: true,
					value: '2027-03-01'
				});
			expect(parseDateEntry(locale, '30 Sept 2027')).toEqual({ ok: true, value: '2027-09-30' });
		}
	});

	it('empty clears the date; what is not written as a date is a format error', () => {
		expect(parseDateEntry('ko', '  ')).toEqual({ ok: true, value: null });
		for (const text of [
			'26.4.30',
			'tomorrow',
			'2026.04',
			'2026.04.30.1',
			'30/04/26',
			'12026-04-30',
			'1 Ma 2027',
			'1 Marchy 2027',
			'2027년 3월',
			'3월 1일'
		])
			expect(parseDateEntry('ko', text), text).toEqual({ ok: false, reason: 'format' });
	});

	it('a year before 1900 or after 2199 is refused as out of range, not as a format error', () => {
		for (const text of ['0002.04.30', '1899.12.31', '9999.12.31', '2200.01.01', '9999년 1월 1일'])
			expect(parseDateEntry('ko', text), text).toMatchObject({ ok: false, reason: 'range' });
		expect(parseDateEntry('dmy', '31/12/9999')).toEqual({
			ok: false,
			reason: 'range',
			value: '9999-12-31'
		});
		// The calendar's judgement comes first: 30 February 9999 is no day at all.
		expect(parseDateEntry('ko', '9999.02.30')).toEqual({ ok: false, reason: 'no-such-day' });
		expect(parseDateEntry('ko', '1900.01.01')).toEqual({ ok: true, value: '1900-01-01' });
		expect(parseDateEntry('dmy', '31/12/2199')).toEqual({ ok: true, value: '2199-12-31' });
	});

	it('a date the calendar does not have is told apart from a format error', () => {
		for (const text of ['2026.02.30', '2026.13.01', '2026년 2월 30일', '30 Feb 2026'])
			expect(parseDateEntry('ko', text), text).toEqual({ ok: false, reason: 'no-such-day' });
		expect(parseDateEntry('dmy', '31/04/2026')).toEqual({ ok: false, reason: 'no-such-day' });
		// Month first (the American order) on a DD/MM/YYYY page is a format slip.
		expect(parseDateEntry('dmy', '1/13/2027')).toEqual({ ok: false, reason: 'format' });
		expect(parseDateEntry('dmy', '31/13/2027')).toEqual({ ok: false, reason: 'no-such-day' });
	});

	it('tells when an English entry reads either way (day and month both 12 or less)', () => {
		for (const text of ['05/01/2026', '5/1/2026', '12-11-2026', '01.02.2026'])
			expect(readsEitherWay('dmy', text), text).toBe(true);
		for (const text of ['05/05/2026', '13/01/2026', '2026-05-01', '5 Jan 2026', '31/12/2026'])
			expect(readsEitherWay('dmy', text), text).toBe(false);
		expect(readsEitherWay('ko', '05/01/2026')).toBe(true);
		expect(readsEitherWay('ko', '2026.05.01')).toBe(false);
		expect(readsEitherWay('mdy', '05/01/2026')).toBe(true);
	});

	it('an American reader types and sees the month first', () => {
		expect(datePattern('mdy')).toBe('MM/DD/YYYY');
		expect(formatDateEntry('mdy', '2026-04-30')).toBe('04/30/2026');
		for (const text of ['04/30/2026', '4/30/2026', '4.30.2026', '2026-04-30', 'April 30, 2026'])
			expect(parseDateEntry('mdy', text), text).toEqual({ ok: true, value: '2026-04-30' });
		// 03/02 is March 2 here, where a British reader's field takes 3 February.
		expect(parseDateEntry('mdy', '03/02/2026')).toEqual({ ok: true, value: '2026-03-02' });
		expect(parseDateEntry('dmy', '03/02/2026')).toEqual({ ok: true, value: '2026-02-03' });
		// The day first on a month-first field is a slip of format; month 13 is no day.
		expect(parseDateEntry('mdy', '30/04/2026')).toEqual({ ok: false, reason: 'format' });
		expect(parseDateEntry('mdy', '13/31/2026')).toEqual({ ok: false, reason: 'no-such-day' });
		expect(parseDateEntry('mdy', '02/30/2026')).toEqual({ ok: false, reason: 'no-such-day' });
	});

	it('a year-first English reader (en-CA) sees ISO dates and may type the day first', () => {
		expect(datePattern('ymd')).toBe('YYYY-MM-DD');
		expect(formatDateEntry('ymd', '2026-04-30')).toBe('2026-04-30');
		expect(parseDateEntry('ymd', '2026/4/30')).toEqual({ ok: true, value: '2026-04-30' });
		expect(parseDateEntry('ymd', '30/04/2026')).toEqual({ ok: true, value: '2026-04-30' });
	});
});
