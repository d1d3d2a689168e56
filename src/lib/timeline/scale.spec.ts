import { describe, expect, it } from 'vitest';
import { dayNumber, fromDayNumber } from '$lib/report/dates';
import {
	clampToAxis,
	dayToX,
	nextUnit,
	parseZoom,
	PX_PER_DAY,
	snapDays,
	ticks,
	timeScale,
	unitStart,
	xToDay,
	YEAR_MIN_PX_PER_DAY,
	type Unit
} from './scale';

const day = dayNumber;

describe('parseZoom', () => {
	it('reads the three zooms and falls back to quarter for anything else', () => {
		expect(parseZoom('month')).toBe('month');
		expect(parseZoom('year')).toBe('year');
		expect(parseZoom('quarter')).toBe('quarter');
		expect(parseZoom('decade')).toBe('quarter');
		expect(parseZoom(null)).toBe('quarter');
	});
});

describe('units', () => {
	it('finds the Monday, month, quarter and year that hold a day', () => {
		const d = day('2026-03-05'); // a Thursday
		const start = (unit: Unit) => fromDayNumber(unitStart(d, unit));
		expect(start('week')).toBe('2026-03-02');
		expect(start('month')).toBe('2026-03-01');
		expect(start('quarter')).toBe('2026-01-01');
		expect(start('year')).toBe('2026-01-01');
		expect(fromDayNumber(unitStart(day('2026-03-02'), 'week'))).toBe('2026-03-02');
		expect(fromDayNumber(unitStart(day('2026-03-08'), 'week'))).toBe('2026-03-02');
	});

	it('steps to the next unit across year ends', () => {
		expect(fromDayNumber(nextUnit(day('2026-12-01'), 'month'))).toBe('2027-01-01');
		expect(fromDayNumber(nextUnit(day('2026-10-01'), 'quarter'))).toBe('2027-01-01');
		expect(fromDayNumber(nextUnit(day('2026-01-01'), 'year'))).toBe('2027-01-01');
		expect(fromDayNumber(nextUnit(day('2026-12-28'), 'week'))).toBe('2027-01-04');
	});
});

describe('timeScale', () => {
	it('spans one wide unit before the earliest date and after the latest (a quarter at year zoom)', () => {
		const dates = { min: '2026-03-10', max: '2026-11-20' };
		const q = timeScale('quarter', dates, '2026-05-01');
		expect(fromDayNumber(q.startDay)).toBe('2025-10-01');
		expect(fromDayNumber(q.endDay)).toBe('2027-04-01');
		expect(q.width).toBe((q.endDay - q.startDay) * 6);
		const m = timeScale('month', dates, '2026-05-01');
		expect(fromDayNumber(m.startDay)).toBe('2026-02-01');
		expect(fromDayNumber(m.endDay)).toBe('2027-01-01');
		const y = timeScale('year', dates, '2026-05-01');
		expect(fromDayNumber(y.startDay)).toBe('2025-10-01');
		expect(fromDayNumber(y.endDay)).toBe('2027-04-01');
		expect(y.pxPerDay).toBe(PX_PER_DAY.year);
	});

	it('always includes today, also with no dates at all', () => {
		const s = timeScale('month', { min: null, max: null }, '2026-07-15');
		expect(fromDayNumber(s.startDay)).toBe('2026-06-01');
		expect(fromDayNumber(s.endDay)).toBe('2026-09-01');
		const late = timeScale('month', { min: '2026-01-05', max: '2026-01-20' }, '2026-07-15');
		expect(late.endDay).toBeGreaterThan(day('2026-07-15'));
	});

	it('reaches no further than 30 years back and 60 ahead: a year-9999 date cannot hang the page', () => {
		const s = timeScale('month', { min: '1901-01-01', max: '9999-12-31' }, '2026-07-15');
		expect(fromDayNumber(s.startDay) >= '1996-01-01').toBe(true);
		expect(fromDayNumber(s.endDay) <= '2086-12-01').toBe(true);
		expect(ticks(s, 'week').length).toBeLessThan(5_000);
		// A plan that runs to 2050 keeps its whole span.
		const long = timeScale('year', { min: '2026-01-01', max: '2050-12-31' }, '2026-07-15');
		expect(fromDayNumber(long.endDay)).toBe('2051-04-01');
		// What lies beyond is drawn at the edge.
		expect(clampToAxis(s, day('9999-12-31'))).toBe(s.endDay - 1);
		expect(clampToAxis(s, day('1901-01-01'))).toBe(s.startDay);
		expect(clampToAxis(s, day('2027-01-01'))).toBe(day('2027-01-01'));
	});
});

describe('timeScale at year zoom, fitted to the view', () => {
	/** The axis in view at 1920 px: 1600 px of timeline, less its border, names and scroll bar. */
	const AT_1920 = 1600 - 2 - 300 - 15;
	const threeYears = { min: '2026-01-01', max: '2028-12-31' };

	it('draws a three-year plan whole in the width of a 1920 px window', () => {
		const s = timeScale('year', threeYears, '2026-12-06', AT_1920);
		expect(s.width).toBeLessThanOrEqual(AT_1920);
		expect(s.width).toBeGreaterThan(AT_1920 - 2);
		expect(fromDayNumber(s.startDay)).toBe('2025-10-01');
		expect(fromDayNumber(s.endDay)).toBe('2029-04-01');
		expect(s.pxPerDay).toBeGreaterThan(YEAR_MIN_PX_PER_DAY);
		expect(s.pxPerDay).toBeLessThan(PX_PER_DAY.year);
		// A year of it is still wide enough to name, and its quarters too.
		expect(365 * s.pxPerDay).toBeGreaterThan(300);
	});

	it('draws four years whole too, and the same plan whole at 1280 and 768 px', () => {
		const four = timeScale('year', { min: '2026-01-01', max: '2029-12-31' }, '2026-12-06', AT_1920);
		expect(four.width).toBeLessThanOrEqual(AT_1920);
		for (const view of [1200 - 2 - 300 - 15, 688 - 2 - 190 - 15]) {
			const s = timeScale('year', threeYears, '2026-12-06', view);
			expect(s.width).toBeLessThanOrEqual(view);
			expect(s.startDay).toBeLessThanOrEqual(day('2026-01-01'));
			expect(s.endDay).toBeGreaterThan(day('2028-12-31'));
		}
	});

	it('widens a short plan’s axis to fill the view, never zooming in past the year zoom’s most', () => {
		for (const dates of [
			{ min: null, max: null },
			{ min: '2026-11-01', max: '2027-02-01' }
		]) {
			const s = timeScale('year', dates, '2026-12-06', AT_1920);
			expect(s.pxPerDay).toBeLessThanOrEqual(PX_PER_DAY.year);
			expect(s.width).toBeLessThanOrEqual(AT_1920);
			expect(s.width).toBeGreaterThan(AT_1920 - 2);
			expect(s.startDay).toBeLessThan(day('2026-10-01'));
			expect(s.endDay).toBeGreaterThan(day('2027-04-01'));
			// Whole quarters, so the header starts and ends on a line.
			expect(unitStart(s.startDay, 'quarter')).toBe(s.startDay);
			expect(unitStart(s.endDay, 'quarter')).toBe(s.endDay);
		}
	});

	it('lets a plan too long for the view scroll, at the least pixels per day', () => {
		const s = timeScale('year', { min: '2026-01-01', max: '2055-12-31' }, '2026-12-06', AT_1920);
		expect(s.pxPerDay).toBe(YEAR_MIN_PX_PER_DAY);
		expect(s.width).toBeGreaterThan(AT_1920);
	});

	it('keeps month and quarter zoom at their own scale, and the year zoom’s when the view is unknown', () => {
		expect(timeScale('month', threeYears, '2026-12-06', AT_1920).pxPerDay).toBe(24);
		expect(timeScale('quarter', threeYears, '2026-12-06', AT_1920).pxPerDay).toBe(6);
		for (const unknown of [undefined, Infinity, 0])
			expect(timeScale('year', threeYears, '2026-12-06', unknown).pxPerDay).toBe(PX_PER_DAY.year);
	});
});

describe('day ↔ x', () => {
	const s = timeScale('month', { min: '2026-03-10', max: '2026-03-20' }, '2026-03-15');

	it('puts each day pxPerDay after the one before, and reads it back', () => {
		const d = day('2026-03-10');
		expect(dayToX(s, d + 1) - dayToX(s, d)).toBe(24);
		expect(xToDay(s, dayToX(s, d))).toBe(d);
		// Anywhere inside a day's width is that day.
		expect(xToDay(s, dayToX(s, d) + 23.9)).toBe(d);
	});

	it('clamps x outside the axis to its first and last day', () => {
		expect(xToDay(s, -500)).toBe(s.startDay);
		expect(xToDay(s, s.width + 500)).toBe(s.endDay - 1);
	});
});

describe('snapDays', () => {
	it('snaps a drag to the nearest whole day, either way', () => {
		expect(snapDays(11, 24)).toBe(0);
		expect(snapDays(13, 24)).toBe(1);
		expect(snapDays(-13, 24)).toBe(-1);
		expect(snapDays(-11, 24)).toBe(0);
		expect(Object.is(snapDays(-1, 24), 0)).toBe(true);
		expect(snapDays(6 * 10, 6)).toBe(10);
	});
});

describe('ticks', () => {
	it('covers the axis with adjacent ticks, the first and last clipped to it', () => {
		const s = timeScale('quarter', { min: '2026-03-10', max: '2026-05-20' }, '2026-04-01');
		for (const unit of ['month', 'quarter'] as const) {
			const row = ticks(s, unit);
			expect(row[0].x).toBe(0);
			for (let i = 1; i < row.length; i++) expect(row[i].x).toBe(row[i - 1].x + row[i - 1].width);
			const last = row[row.length - 1];
			expect(last.x + last.width).toBe(s.width);
		}
		const months = ticks(s, 'month');
		expect(months[0]).toMatchObject({ year: 2025, month: 9, date: 1 });
		expect(months).toHaveLength(12); // 2025-10 to 2026-09
	});

	it('clips a week that starts before the axis', () => {
		const s = timeScale('month', { min: '2026-03-10', max: '2026-03-20' }, '2026-03-15');
		const weeks = ticks(s, 'week');
		expect(fromDayNumber(weeks[0].day)).toBe('2026-01-26'); // the Monday before 1 February
		expect(weeks[0].width).toBe((day('2026-02-02') - s.startDay) * 24);
		expect(weeks[0].cut).toBe(true);
		expect(weeks[1].cut).toBe(false);
	});
});
