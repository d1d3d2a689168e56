import { describe, expect, it } from 'vitest';
import { dayNumber, fromDayNumber } from '$lib/report/dates';
import {
	axisLabels,
	datesLabelX,
	labelFits,
	labelWidth,
	type AxisCell,
	type TickNames
} from './labels';
import {
	ticks,
	timeScale,
	YEAR_MIN_PX_PER_DAY,
	type Tick,
	type TimeScale,
	type Unit
} from './scale';

const LOCALES = { ko: 'ko-KR', en: 'en-GB' } as const;
type Lang = keyof typeof LOCALES;

/** The names the timeline gives each unit (as Timeline.svelte does, with the messages' texts). */
function names(lang: Lang, unit: Unit, top: boolean): TickNames {
	const locale = LOCALES[lang];
	const monthYear = new Intl.DateTimeFormat(locale, {
		year: 'numeric',
		month: 'short',
		timeZone: 'UTC'
	});
	const monthOnly = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
	const date = (t: Tick) => new Date(t.day * 86_400_000);
	const q = (t: Tick) => Math.floor(t.month / 3) + 1;
	if (unit === 'year') return { long: (t) => (lang === 'ko' ? `${t.year}년` : `${t.year}`) };
	if (unit === 'week') return { long: (t) => String(t.date) };
	const short =
		unit === 'quarter'
			? (t: Tick) => (lang === 'ko' ? `${q(t)}분기` : `Q${q(t)}`)
			: (t: Tick) => monthOnly.format(date(t));
	if (!top) return { long: short };
	return unit === 'quarter'
		? { long: (t) => (lang === 'ko' ? `${t.year}년 ${q(t)}분기` : `Q${q(t)} ${t.year}`), short }
		: { long: (t) => monthYear.format(date(t)), short };
}

/** An axis of `unit` ticks at `pxPerDay` from 2025-10-01 to 2029-04-01. */
function axis(pxPerDay: number): TimeScale {
	const startDay = dayNumber('2025-10-01');
	const endDay = dayNumber('2029-04-01');
	return { zoom: 'year', startDay, endDay, pxPerDay, width: (endDay - startDay) * pxPerDay };
}

/** The labels' extents on the row: [left, right) of each label's text with its padding. */
function expectNoneMeet(cells: AxisCell[], where: string, someNamed = true) {
	const labelled = cells.filter((c) => c.text);
	for (let i = 0; i < cells.length; i++) {
		const c = cells[i];
		// Cells tile the row.
		if (i > 0) expect(c.x, where).toBeCloseTo(cells[i - 1].x + cells[i - 1].width, 6);
		// A label fits its cell with its padding, so it stops short of the next one's line; the
		// cells at the ends may be cut short by the axis (the page leaves out a name that does not fit).
		const end = i === 0 || i === cells.length - 1;
		if (c.text && !end) expect(labelFits(c), `${where}: "${c.text}" in ${c.width} px`).toBe(true);
	}
	if (someNamed) expect(labelled.length, where).toBeGreaterThan(0);
}

describe('labelWidth', () => {
	it('counts Hangul wider than Latin letters and digits', () => {
		expect(labelWidth('Mar')).toBe(27);
		expect(labelWidth('3월')).toBe(22);
		expect(labelWidth('2026년 3월')).toBe(4 * 9 + 13 + 9 + 9 + 13);
	});
});

describe('axisLabels', () => {
	it('names every month in full at month zoom, with room to spare', () => {
		for (const lang of ['ko', 'en'] as const) {
			const s = timeScale('month', { min: '2026-01-01', max: '2028-12-31' }, '2026-12-06');
			const row = axisLabels(ticks(s, 'month'), names(lang, 'month', true));
			expect(row).toMatchObject({ step: 1, short: false });
			expect(row.cells[1].text).toBe(lang === 'ko' ? '2026년 1월' : 'Jan 2026');
			expectNoneMeet(row.cells, lang);
			// And every week under them by its first day.
			const weeks = axisLabels(ticks(s, 'week'), names(lang, 'week', false));
			expect(weeks.step).toBe(1);
			expect(weeks.cells.every((c) => c.text)).toBe(true);
		}
	});

	it('names months short when "2026년 3월" has no room, the year said where it fits', () => {
		// A month about 90 px: "Sept 2026" and "2025년 10월" do not fit it with their padding, "Sept"
		// and "10월" do; "Jan 2026" and "2026년 1월" fit a January.
		for (const [lang, px] of [
			['ko', 3],
			['en', 2.9]
		] as const) {
			const row = axisLabels(ticks(axis(px), 'month'), names(lang, 'month', true));
			expect(row).toMatchObject({ step: 1, short: true });
			const text = (date: string) => row.cells.find((c) => c.day === dayNumber(date))?.text;
			expect(text('2025-10-01')).toBe(lang === 'ko' ? '10월' : 'Oct 2025');
			expect(text('2025-11-01')).toBe(lang === 'ko' ? '11월' : 'Nov');
			expect(text('2026-01-01')).toBe(lang === 'ko' ? '2026년 1월' : 'Jan 2026');
			expect(text('2026-03-01')).toBe(lang === 'ko' ? '3월' : 'Mar');
			expect(text('2026-09-01')).toBe(lang === 'ko' ? '9월' : 'Sept');
			expectNoneMeet(row.cells, lang);
		}
	});

	it('names only every second, third… month when even the short names have no room', () => {
		for (const [px, step] of [
			[1.2, 2],
			[0.7, 3],
			[0.3, 6]
		] as const) {
			for (const lang of ['ko', 'en'] as const) {
				const row = axisLabels(ticks(axis(px), 'month'), names(lang, 'month', false));
				expect(row.step, `${lang} ${px}`).toBeGreaterThanOrEqual(step);
				expectNoneMeet(row.cells, `${lang} at ${px} px a day`);
				// Always the same months: January and every step-th month after it.
				for (const c of row.cells.filter((c) => c.text))
					expect(c.tick.month % row.step, fromDayNumber(c.day)).toBe(0);
			}
		}
	});

	it('never lets two labels meet, whatever the scale, for every unit in either language', () => {
		const rows: [Unit, boolean][] = [
			['week', false],
			['month', true],
			['month', false],
			['quarter', true],
			['quarter', false],
			['year', true]
		];
		for (const px of [24, 12, 6, 3, 1.6, 1, 0.6, 0.4, YEAR_MIN_PX_PER_DAY])
			for (const [unit, top] of rows)
				for (const lang of ['ko', 'en'] as const) {
					const where = `${unit} ${top ? 'top' : 'under'} ${lang} at ${px} px a day`;
					const row = axisLabels(ticks(axis(px), unit), names(lang, unit, top));
					// Weeks are drawn at month zoom only, 24 px a day: far narrower, none is named.
					expectNoneMeet(row.cells, where, unit !== 'week' || px >= 1);
				}
	});

	it('names every quarter and year of a three-year plan fitted to a 1920 px window', () => {
		const s = timeScale('year', { min: '2026-01-01', max: '2028-12-31' }, '2026-12-06', 1283);
		for (const lang of ['ko', 'en'] as const) {
			const quarters = axisLabels(ticks(s, 'quarter'), names(lang, 'quarter', false));
			expect(quarters.step).toBe(1);
			expect(quarters.cells.map((c) => c.text).slice(0, 3)).toEqual(
				lang === 'ko' ? ['4분기', '1분기', '2분기'] : ['Q4', 'Q1', 'Q2']
			);
			const years = axisLabels(ticks(s, 'year'), names(lang, 'year', true));
			expect(years.cells.map((c) => c.text)).toEqual(
				['2025', '2026', '2027', '2028', '2029'].map((y) => (lang === 'ko' ? `${y}년` : y))
			);
		}
	});

	it('leaves the ticks before the first named one in one unnamed cell', () => {
		// From February at every third month: February and March go unnamed, April is named.
		const s: TimeScale = {
			zoom: 'year',
			startDay: dayNumber('2026-02-01'),
			endDay: dayNumber('2027-02-01'),
			pxPerDay: 0.7,
			width: 365 * 0.7
		};
		const row = axisLabels(ticks(s, 'month'), names('en', 'month', false));
		expect(row.step).toBe(3);
		expect(row.cells[0]).toMatchObject({ text: '', x: 0 });
		expect(row.cells[0].width).toBeCloseTo((dayNumber('2026-04-01') - s.startDay) * 0.7, 6);
		expect(row.cells[1].text).toBe('Apr');
	});

	it('is empty for no ticks', () => {
		expect(axisLabels([], names('ko', 'month', true)).cells).toEqual([]);
	});
});

describe('datesLabelX', () => {
	const view = { from: 1000, to: 2000 };
	const w = 200;

	it('puts the dates after the bar when they fit in view, else before it', () => {
		expect(datesLabelX({ x: 1200, w: 100 }, w, view)).toBe(1306);
		expect(datesLabelX({ x: 1700, w: 200 }, w, view)).toBe(1700 - 6 - w);
	});

	it('keeps them in view over a bar running past either edge, or past both', () => {
		// Starts in view, too close to the left for "before", ends past the right edge.
		const right = datesLabelX({ x: 1100, w: 5000 }, w, view);
		expect(right + w).toBeLessThanOrEqual(view.to);
		expect(right).toBeGreaterThanOrEqual(view.from);
		// Longer than the view both ways.
		const both = datesLabelX({ x: 0, w: 9000 }, w, view);
		expect(both).toBeGreaterThanOrEqual(view.from);
		expect(both + w).toBeLessThanOrEqual(view.to);
	});

	it('keeps them in view for a bar dragged out of it on the left or the right', () => {
		const left = datesLabelX({ x: 700, w: 200 }, w, view);
		expect(left).toBeGreaterThanOrEqual(view.from);
		expect(left + w).toBeLessThanOrEqual(view.to);
		const right = datesLabelX({ x: 2300, w: 200 }, w, view);
		expect(right).toBeGreaterThanOrEqual(view.from);
		expect(right + w).toBeLessThanOrEqual(view.to);
	});
});
