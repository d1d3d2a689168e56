/**
 * The timeline picture of a report: its milestones on a time axis, one row per task, with month
 * ticks and a today line. Pure layout in abstract units — x as a fraction (0–1) of the axis
 * width, y in lanes — so the page's SVG and the PDF's vector graphics draw the same picture,
 * each scaling it to its own size.
 */
import type { Locale } from '../roadmap/vocabulary';
import { monthLabel } from './chart-words';
import { addDays, dayNumber, monthStarts } from './dates';
import type { Bilingual, ReportData, ReportMilestoneStatus } from './model';

export interface TimelineBar {
	milestoneId: string;
	title: Bilingual;
	status: ReportMilestoneStatus;
	/** Overdue: not done and due before the report date. */
	overdue: boolean;
	dueDate: string;
	/** A milestone with a start date is a bar from start to due; without one, a point at due. */
	kind: 'bar' | 'point';
	x0: number;
	x1: number;
	/** Lane within its task's row, 0-based. */
	lane: number;
	/** The bar runs on past the window's start or end. */
	clippedStart: boolean;
	clippedEnd: boolean;
}

export interface TimelineRow {
	taskId: string;
	number: number;
	title: Bilingual;
	/** First lane of this row, counted from the top of the whole picture. */
	top: number;
	lanes: number;
	bars: TimelineBar[];
	/** Milestones in the window that did not fit within the lane limit. */
	hidden: number;
}

export interface TimelineTick {
	date: string;
	x: number;
	/** YYYY-MM; renderers format it for their language. */
	month: string;
	/** January (or the first tick): renderers show the year too. */
	showYear: boolean;
	/**
	 * The window's own start, mid-month: the axis's left edge, named by its month. Its name must
	 * fit in the days before the next month (placeMonthLabels): in full, else by the month alone,
	 * else left out; the next label drawn then shows the year.
	 */
	partial?: boolean;
}

export interface TimelineLayout {
	start: string;
	end: string;
	rows: TimelineRow[];
	/** Lanes in the whole picture: the sum of every row's lanes. */
	totalLanes: number;
	ticks: TimelineTick[];
	/** x of the report date, when inside the window. */
	today: number | null;
	/** Milestones left out because they have no due date. */
	undated: number;
	/** Milestones left out because they lie wholly before or after the window. */
	outside: number;
}

export interface TimelineOptions {
	/** Days after the report date the window reaches (the "due next" horizon). Default 90. */
	daysAhead?: number;
	/**
	 * Days before the report date the window reaches at least, however short the period. Default
	 * 30: a report made the day after the last one covers one day, and would leave out the
	 * milestones just overdue, which are what it is read for.
	 */
	daysBehind?: number;
	/** Most lanes a task row may take; the rest are counted in `hidden`. Default 6. */
	maxLanes?: number;
	/** Width a point or a short bar claims on the axis, so labels do not collide. Default 0.16. */
	minSpan?: number;
}

const fraction = (day: number, first: number, last: number) =>
	last === first ? 0.5 : (day - first) / (last - first);

/**
 * Lays out the milestones of the report's period: from its start (or `daysBehind` before its end,
 * if that is earlier) to `daysAhead` after its end.
 */
export function layoutTimeline(report: ReportData, options: TimelineOptions = {}): TimelineLayout {
	const daysAhead = options.daysAhead ?? 90;
	const daysBehind = options.daysBehind ?? 30;
	const maxLanes = options.maxLanes ?? 6;
	const minSpan = options.minSpan ?? 0.16;
	const atLeastFrom = addDays(report.period.until, -daysBehind);
	const start = report.period.since < atLeastFrom ? report.period.since : atLeastFrom;
	const end = addDays(report.period.until, daysAhead);
	const first = dayNumber(start);
	const last = dayNumber(end);
	const today = dayNumber(report.period.until);

	let undated = 0;
	let outside = 0;
	const byTask = new Map<string, TimelineBar[]>();
	for (const milestone of report.milestones) {
		if (!milestone.dueDate) {
			undated += 1;
			continue;
		}
		const due = dayNumber(milestone.dueDate);
		const begin = milestone.startDate ? Math.min(dayNumber(milestone.startDate), due) : due;
		if (due < first || begin > last) {
			outside += 1; // outside the window entirely: counted, so the chart can say so
			continue;
		}
		const kind = milestone.startDate && begin < due ? 'bar' : 'point';
		const bar: TimelineBar = {
			milestoneId: milestone.id,
			title: milestone.title,
			status: milestone.status,
			overdue: milestone.status !== 'done' && milestone.status !== 'cancelled' && due < today,
			dueDate: milestone.dueDate,
			kind,
			x0: fraction(Math.max(begin, first), first, last),
			x1: fraction(Math.min(due, last), first, last),
			lane: 0,
			clippedStart: begin < first,
			clippedEnd: due > last
		};
		const list = byTask.get(milestone.taskId) ?? [];
		list.push(bar);
		byTask.set(milestone.taskId, list);
	}

	const rows: TimelineRow[] = [];
	let top = 0;
	for (const task of report.tasks) {
		const candidates = (byTask.get(task.id) ?? []).sort(
			(a, b) => a.x0 - b.x0 || a.x1 - b.x1 || a.milestoneId.localeCompare(b.milestoneId)
		);
		const { placed, hidden, lanes } = packLanes(candidates, maxLanes, minSpan);
		rows.push({
			taskId: task.id,
			number: task.number,
			title: task.title,
			top,
			lanes,
			bars: placed,
			hidden
		});
		top += lanes;
	}

	// A window starting mid-month gets a tick at its start too: without it the days before the
	// first month's line read as part of the task names' column.
	const starts = monthStarts(start, end);
	const dates = starts[0] === start ? starts : [start, ...starts];
	const ticks: TimelineTick[] = dates.map((date, index) => ({
		date,
		x: fraction(dayNumber(date), first, last),
		month: date.slice(0, 7),
		showYear: index === 0 || date.slice(5, 7) === '01',
		...(date === start && starts[0] !== start ? { partial: true } : {})
	}));

	return {
		start,
		end,
		rows,
		totalLanes: top,
		ticks,
		today: today >= first && today <= last ? fraction(today, first, last) : null,
		undated,
		outside
	};
}

/** A month's name on the axis: its text, where it is anchored, and which of its ends that is. */
export interface MonthLabel {
	text: string;
	x: number;
	anchor: 'start' | 'end';
}

export interface MonthLabelOptions {
	/** The axis's ends, in the renderer's units: x = 0 and x = 1 of the layout. */
	left: number;
	right: number;
	/** A label's width as drawn (an estimate should err wide: a label must not collide). */
	width: (text: string) => number;
	/** Space between a month's line and its name. Default 3. */
	pad?: number;
	/** Space a name keeps before the next month's line. Default 4. */
	gap?: number;
}

/**
 * Where each tick's month name goes: right of its line; left of it when it would run past the
 * axis's end (a month starting near the window's end); nowhere when it fits neither way. The
 * first label drawn names its year, as does January's.
 *
 * The window's mid-month start is named within its own days, before the next month's line: in
 * full ("2026년 9월"), or, when only a few weeks are left of it, by the month alone ("9월", the
 * next label carrying the year) — leaving it out made September's days read as October's. Days
 * too narrow for even that (about five at the page's scale) go unnamed.
 */
export function placeMonthLabels(
	ticks: readonly TimelineTick[],
	locale: Locale,
	options: MonthLabelOptions
): (MonthLabel | null)[] {
	const { left, right, width } = options;
	const pad = options.pad ?? 3;
	const gap = options.gap ?? 4;
	const xOf = (x: number) => left + (right - left) * x;
	let taken = left; // right edge of the last label drawn
	let yearShown = false;
	return ticks.map((tick, i) => {
		const x = xOf(tick.x);
		const withYear = tick.showYear || !yearShown;
		const full = monthLabel(tick.month, withYear, locale);
		const next = ticks[i + 1];
		if (tick.partial && next) {
			const room = xOf(next.x) - gap - (x + pad);
			const short = monthLabel(tick.month, false, locale);
			const text = width(full) <= room ? full : width(short) <= room ? short : null;
			if (text === null) return null;
			taken = x + pad + width(text);
			yearShown ||= withYear && text === full;
			return { text, x: x + pad, anchor: 'start' };
		}
		if (x + pad + width(full) <= right) {
			taken = x + pad + width(full);
			yearShown ||= withYear;
			return { text: full, x: x + pad, anchor: 'start' };
		}
		if (x - pad - width(full) >= taken + 6) {
			taken = x - pad;
			yearShown ||= withYear;
			return { text: full, x: x - pad, anchor: 'end' };
		}
		return null;
	});
}

/**
 * Where the name under `bar` may run to, as a fraction of the axis: up to the next milestone in
 * its lane, else the window's end. Lanes keep each item's start `minSpan` clear of the next
 * (packLanes), so a name always has that much; a long bar or an empty stretch after it gives it
 * more ("Focused invest…" under a bar from November to March said less than the room allowed).
 */
export function labelEnd(row: Pick<TimelineRow, 'bars'>, bar: TimelineBar): number {
	let end = 1;
	for (const other of row.bars)
		if (other !== bar && other.lane === bar.lane && other.x0 > bar.x0)
			end = Math.min(end, other.x0);
	return end;
}

/**
 * Greedy interval packing: each item goes to the first lane whose last item ends before it
 * starts (with `minSpan` reserved for its label). Items that fit no lane within the limit are
 * counted, not drawn. Every row has at least one lane, so an empty task still shows.
 */
function packLanes(items: TimelineBar[], maxLanes: number, minSpan: number) {
	const laneEnds: number[] = [];
	const placed: TimelineBar[] = [];
	let hidden = 0;
	for (const item of items) {
		const claimEnd = Math.max(item.x1, item.x0 + minSpan);
		let lane = laneEnds.findIndex((end) => end <= item.x0);
		if (lane === -1 && laneEnds.length < maxLanes) lane = laneEnds.length;
		if (lane === -1) {
			hidden += 1;
			continue;
		}
		laneEnds[lane] = claimEnd;
		placed.push({ ...item, lane });
	}
	return { placed, hidden, lanes: Math.max(1, laneEnds.length) };
}
