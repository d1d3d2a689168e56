/**
 * The timeline's time axis: which days it spans at a zoom, where a day sits in pixels and back,
 * and the two rows of ticks of its header. Days are whole numbers (days since 1970-01-01, UTC;
 * see report/dates.ts) so a layout never shifts with the reader's time zone.
 */
import { isOneOf } from '$lib/roadmap/vocabulary';
import { dayNumber } from '$lib/report/dates';

export const ZOOMS = ['month', 'quarter', 'year'] as const;
export type Zoom = (typeof ZOOMS)[number];
export const DEFAULT_ZOOM: Zoom = 'quarter';

/** A `?zoom=` value as the page uses it: anything unknown is the default. */
export const parseZoom = (value: string | null | undefined): Zoom =>
	isOneOf(ZOOMS, value) ? value : DEFAULT_ZOOM;

/**
 * Pixels per day at each zoom: a month about 720, 180 and 48 px wide. The year zoom's is its
 * widest: fitted to the view (fitYear), it draws a plan of several years whole.
 */
export const PX_PER_DAY: Record<Zoom, number> = { month: 24, quarter: 6, year: 1.6 };

/**
 * The year zoom's narrowest pixels per day: a year 91 px wide, a quarter 23. A plan too long to
 * fit the view at this scrolls (fifteen years or so at 1920 px).
 */
export const YEAR_MIN_PX_PER_DAY = 0.25;

export type Unit = 'week' | 'month' | 'quarter' | 'year';

/** The header's two tick rows at each zoom: the wide unit above, the narrow one below. */
export const TICK_UNITS: Record<Zoom, { major: Unit; minor: Unit }> = {
	month: { major: 'month', minor: 'week' },
	quarter: { major: 'quarter', minor: 'month' },
	year: { major: 'year', minor: 'quarter' }
};

export interface TimeScale {
	zoom: Zoom;
	/** First day drawn. */
	startDay: number;
	/** The day after the last one drawn. */
	endDay: number;
	pxPerDay: number;
	/** Width of the whole axis in px. */
	width: number;
}

const DAY_MS = 86_400_000;
const ymd = (day: number) => {
	const d = new Date(day * DAY_MS);
	return { year: d.getUTCFullYear(), month: d.getUTCMonth() };
};
const dayOf = (year: number, month: number) => Date.UTC(year, month, 1) / DAY_MS;

/** The first day of the unit that holds `day` (weeks start on Monday). */
export function unitStart(day: number, unit: Unit): number {
	if (unit === 'week') return day - ((new Date(day * DAY_MS).getUTCDay() + 6) % 7);
	const { year, month } = ymd(day);
	if (unit === 'month') return dayOf(year, month);
	if (unit === 'quarter') return dayOf(year, month - (month % 3));
	return dayOf(year, 0);
}

/** The first day of the unit after the one that starts on `start`. */
export function nextUnit(start: number, unit: Unit): number {
	if (unit === 'week') return start + 7;
	const { year, month } = ymd(start);
	return dayOf(year, month + (unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12));
}

/**
 * How far from today the axis reaches at most, in days (30 and 60 years): one date typed as
 * year 9999 (or written so by another client) would otherwise make an axis of eight thousand
 * years, a million tick elements at month zoom, and hang the page. Spans beyond it are drawn at
 * its edge (clampToAxis) and still say their dates.
 */
export const AXIS_DAYS_BEFORE = 30 * 366;
export const AXIS_DAYS_AFTER = 60 * 366;

/**
 * The unit of room the axis leaves before the earliest date and after the latest: one wide
 * unit, except at year zoom, where a year either side would take two fifths of a three-year
 * plan's width from the plan.
 */
const MARGIN_UNIT: Record<Zoom, Unit> = { month: 'month', quarter: 'quarter', year: 'quarter' };

/**
 * The axis for a zoom: from one unit (MARGIN_UNIT) before the earliest date to one after the
 * latest, always including today, so there is room to drag either way; never further from today
 * than AXIS_DAYS_BEFORE / AXIS_DAYS_AFTER. At year zoom, given the width of the axis in view
 * (`fitWidth`, px), the plan is drawn whole in it (see fitYear).
 */
export function timeScale(
	zoom: Zoom,
	dates: { min: string | null; max: string | null },
	today: string,
	fitWidth?: number
): TimeScale {
	const unit = MARGIN_UNIT[zoom];
	const todayDay = dayNumber(today);
	const min = Math.max(
		todayDay - AXIS_DAYS_BEFORE,
		Math.min(todayDay, dates.min ? dayNumber(dates.min) : todayDay)
	);
	const max = Math.min(
		todayDay + AXIS_DAYS_AFTER,
		Math.max(todayDay, dates.max ? dayNumber(dates.max) : todayDay)
	);
	const startDay = unitStart(unitStart(min, unit) - 1, unit);
	const endDay = nextUnit(nextUnit(unitStart(max, unit), unit), unit);
	if (zoom === 'year' && fitWidth !== undefined && Number.isFinite(fitWidth) && fitWidth > 0)
		return fitYear(startDay, endDay, fitWidth);
	const pxPerDay = PX_PER_DAY[zoom];
	return { zoom, startDay, endDay, pxPerDay, width: (endDay - startDay) * pxPerDay };
}

/**
 * The year zoom fitted to `fitWidth` px: as many pixels a day as let the whole axis show, no
 * more than PX_PER_DAY.year and no fewer than YEAR_MIN_PX_PER_DAY (a longer plan scrolls). An
 * axis too short to fill the view even at the most is widened a quarter at a time, after and
 * before in turn, so the grid reaches the edge of the view. Never wider than `fitWidth` when it
 * fits (a sideways scroll bar for a fraction of a pixel would say there is more to see).
 */
function fitYear(startDay: number, endDay: number, fitWidth: number): TimeScale {
	const most = PX_PER_DAY.year;
	const reach = AXIS_DAYS_BEFORE + AXIS_DAYS_AFTER;
	for (let later = true; (endDay - startDay) * most < fitWidth && endDay - startDay < reach;) {
		if (later) endDay = nextUnit(endDay, 'quarter');
		else startDay = unitStart(startDay - 1, 'quarter');
		later = !later;
	}
	const days = endDay - startDay;
	const fitted = Math.floor((fitWidth / days) * 1000) / 1000;
	const pxPerDay = Math.min(most, Math.max(YEAR_MIN_PX_PER_DAY, fitted));
	return { zoom: 'year', startDay, endDay, pxPerDay, width: days * pxPerDay };
}

/** Left edge of a day on the axis, in px. */
export const dayToX = (scale: TimeScale, day: number) => (day - scale.startDay) * scale.pxPerDay;

/** A day, or the axis's first or last day when it lies beyond them. */
export const clampToAxis = (scale: TimeScale, day: number) =>
	Math.min(scale.endDay - 1, Math.max(scale.startDay, day));

/** The day under an x (px) on the axis, clamped to the axis. */
export const xToDay = (scale: TimeScale, x: number): number =>
	clampToAxis(scale, scale.startDay + Math.floor(x / scale.pxPerDay));

/** A pointer's horizontal travel as whole days (snapped to the nearest day; never -0). */
export const snapDays = (dx: number, pxPerDay: number) => Math.round(dx / pxPerDay) || 0;

export interface Tick {
	day: number;
	x: number;
	width: number;
	unit: Unit;
	year: number;
	/** 0-based month of the tick's first day. */
	month: number;
	/** Day of month of the tick's first day. */
	date: number;
	/** Whether an end of the axis cuts it short. */
	cut: boolean;
}

/** The ticks of one unit across the axis, each clipped to it. */
export function ticks(scale: TimeScale, unit: Unit): Tick[] {
	const out: Tick[] = [];
	for (let day = unitStart(scale.startDay, unit); day < scale.endDay; day = nextUnit(day, unit)) {
		const from = Math.max(day, scale.startDay);
		const to = Math.min(nextUnit(day, unit), scale.endDay);
		const d = new Date(day * DAY_MS);
		out.push({
			day,
			x: dayToX(scale, from),
			width: (to - from) * scale.pxPerDay,
			unit,
			year: d.getUTCFullYear(),
			month: d.getUTCMonth(),
			date: d.getUTCDate(),
			cut: from > day || to < nextUnit(day, unit)
		});
	}
	return out;
}
