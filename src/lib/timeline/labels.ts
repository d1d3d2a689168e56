/**
 * What the timeline's header and the dates beside a dragged bar say, and where: how many of the
 * axis's ticks get a label, and in which form, so no two labels meet; and where the dates go so
 * they stay in view. Widths are estimated (see labelWidth) so the layout is known before it is
 * drawn and is the same on every machine.
 */
import type { Tick, Unit } from './scale';

/**
 * A label's width at the header's size (0.78rem), estimated: 9 px a Latin character or digit
 * and 13 px a Hangul one is at least what "Sept", "30" or "4분기" take.
 */
export function labelWidth(text: string): number {
	let px = 0;
	for (const ch of text) px += ch >= '\u1100' ? 13 : 9;
	return px;
}

/** A tick's padding either side (0.35rem) and its line: the least room around a label, px. */
export const LABEL_PAD_PX = 12;

/** How many ticks one label may stand for: it names the first, the others go unnamed. */
const STEPS: Record<Unit, number[]> = {
	week: [1, 2, 4, 8, 13],
	month: [1, 2, 3, 6, 12],
	quarter: [1, 2, 4],
	year: [1, 2, 5, 10, 20, 50]
};

const mod = (n: number, k: number) => ((n % k) + k) % k;

/**
 * Whether a tick is one that keeps its label when only every `step`-th one does: always the
 * same ones whatever the axis's extent (January, April, July, October for every third month;
 * even years for every second), so labels do not hop about as the plan grows.
 */
function keepsLabel(t: Tick, step: number): boolean {
	if (step === 1) return true;
	if (t.unit === 'week') return mod(Math.floor((t.day - 4) / 7), step) === 0; // day 4: a Monday
	if (t.unit === 'month') return mod(t.month, step) === 0;
	if (t.unit === 'quarter') return mod(Math.floor(t.month / 3), step) === 0;
	return mod(t.year, step) === 0;
}

/** One cell of a header row: a labelled tick and the unlabelled ones after it. */
export interface AxisCell {
	/** The first tick's first day, a stable key. */
	day: number;
	x: number;
	width: number;
	/** Empty for the unlabelled ticks before the first labelled one. */
	text: string;
	tick: Tick;
	/** How many ticks it holds. */
	ticks: number;
	/** Whether one of them is cut short by an end of the axis. */
	cut: boolean;
}

/**
 * How a unit is named: in full ("2026년 3월", "Mar 2026"), and, for a row with no row above it
 * to say the year, short ("3월", "Mar"), for when the full names have no room.
 */
export interface TickNames {
	long: (t: Tick) => string;
	short?: (t: Tick) => string;
}

export interface AxisLabels {
	cells: AxisCell[];
	/** Every how many ticks a label shows. */
	step: number;
	/** Whether some labels are in the short form. */
	short: boolean;
}

/**
 * The labels of one header row: each tick named in full if every name fits its tick with room
 * to spare (LABEL_PAD_PX); else named short (but a year's first and the row's first in full
 * where that fits); else only every second, third… tick named, each name's cell reaching to
 * the next named tick, at the first step where all fit (at none, the names that do not fit
 * are left out). The cells at the ends may be cut short by the axis's ends; they do not decide
 * the step (the page leaves out a name that does not fit).
 */
export function axisLabels(ticks: Tick[], names: TickNames): AxisLabels {
	if (ticks.length === 0) return { cells: [], step: 1, short: false };
	const steps = STEPS[ticks[0].unit];
	const tries: { step: number; short: boolean }[] = [{ step: 1, short: false }];
	if (names.short) tries.push(...steps.map((step) => ({ step, short: true })));
	else tries.push(...steps.slice(1).map((step) => ({ step, short: false })));
	let cells: AxisCell[] = [];
	for (const { step, short } of tries) {
		cells = cellsOf(ticks, step, short ? names : { long: names.long });
		if (fits(cells, step)) return { cells, step, short };
	}
	// Too narrow for any: the names that do not fit are left out.
	for (const cell of cells) if (!labelFits(cell)) cell.text = '';
	return { cells, step: tries[tries.length - 1].step, short: !!names.short };
}

function cellsOf(ticks: Tick[], step: number, names: TickNames): AxisCell[] {
	const cells: AxisCell[] = [];
	for (const t of ticks) {
		const open = cells[cells.length - 1];
		const labelled = keepsLabel(t, step);
		if (open && !labelled) {
			open.width = t.x + t.width - open.x;
			open.ticks++;
			open.cut ||= t.cut;
			continue;
		}
		cells.push({
			day: t.day,
			x: t.x,
			width: t.width,
			text: '',
			tick: t,
			ticks: 1,
			cut: t.cut
		});
	}
	// Short names leave the year unsaid: the row's first name and a year's first unit say it, in
	// full, where that fits.
	let first = true;
	for (const cell of cells) {
		if (!keepsLabel(cell.tick, step)) continue; // the unnamed ticks before the first named one
		const long = names.long(cell.tick);
		const yearStart = cell.tick.month === 0 && cell.tick.date === 1;
		cell.text =
			!names.short || ((first || yearStart) && labelFits({ text: long, width: cell.width }))
				? long
				: names.short(cell.tick);
		first = false;
	}
	return cells;
}

/**
 * Whether every name has room in its cell. The cells at the ends may be short (a tick cut by
 * the axis's end, or fewer than `step` ticks left): they do not decide, as long as others do.
 */
function fits(cells: AxisCell[], step: number): boolean {
	return cells.every((c, i) => {
		if (!c.text) return true;
		const edge = i === 0 || i === cells.length - 1;
		if (edge && cells.length > 2 && (c.cut || c.ticks < step)) return true;
		return labelFits(c);
	});
}

/** Whether a cell's name has room in it. */
export const labelFits = (cell: { text: string; width: number }) =>
	labelWidth(cell.text) + LABEL_PAD_PX <= cell.width;

/** Gap between a bar and its dates, px. */
const DATES_GAP_PX = 6;
/** The least gap between the dates and the edge of the view, px. */
const DATES_EDGE_PX = 4;

/**
 * Where the dates shown beside a bar (while it has focus or is dragged) start, in px along the
 * axis: after the bar's end when there is room in view; else before its start; else over the
 * bar, inside the view: a bar longer than the view, or dragged out of it, still says its dates
 * where they can be read. `view` is the stretch of the axis in view, px.
 */
export function datesLabelX(
	bar: { x: number; w: number },
	labelW: number,
	view: { from: number; to: number }
): number {
	const after = bar.x + bar.w + DATES_GAP_PX;
	if (after >= view.from && after + labelW <= view.to) return after;
	const before = bar.x - DATES_GAP_PX - labelW;
	if (before >= view.from && before + labelW <= view.to) return before;
	// Over the bar's end, moved as far as it takes to be in view.
	const over = bar.x + bar.w - DATES_EDGE_PX - labelW;
	return Math.max(view.from + DATES_EDGE_PX, Math.min(over, view.to - DATES_EDGE_PX - labelW));
}
