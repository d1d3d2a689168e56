/**
 * The timeline picture of a report: its milestones on a time axis, one row per task, with month
 * ticks and a today line. Pure layout in abstract units — x as a fraction (0–1) of the axis
 * width, y in lanes — so the page's SVG and the PDF's vector graphics draw the same picture,
 * each scaling it to its own size.
 */
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
	 * The window's own start, mid-month: the axis's left edge, named by its month. Renderers
	 * leave its name out when the days before the next month are too narrow for it (and then
	 * show the year on the next label that is drawn).
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
