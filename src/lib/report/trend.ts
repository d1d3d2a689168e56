/**
 * The trend chart of a report: overall and per-task progress across its trend points (saved
 * snapshots, then "now"). Pure layout in abstract units — x and y as fractions (0–1) of the plot,
 * y = 1 at 100 % — so the page's SVG and the PDF draw the same chart.
 */
import { dayNumber } from './dates';
import type { Bilingual, ReportData } from './model';

export interface TrendPointLayout {
	x: number;
	y: number;
	/** Progress 0–100, for labels. */
	value: number;
	date: string;
}

export interface TrendSeries {
	/** 'overall' or a task id. */
	key: string;
	/** The task's number (1-based), or 0 for the overall line. */
	number: number;
	title: Bilingual | null;
	points: TrendPointLayout[];
}

export interface TrendLayout {
	/** The overall line first, then one per task in roadmap order. */
	series: TrendSeries[];
	/** Distinct dates along the x axis. */
	xTicks: { x: number; date: string }[];
	/** Gridlines at 0, 25, 50, 75 and 100 %. */
	yTicks: { y: number; value: number }[];
	/** Fewer than two points: nothing to draw a line between; renderers say so. */
	tooFew: boolean;
}

/**
 * Whether a report's trend has too few points to draw a line between (fewer than two). Every
 * format follows it — the page and the PDF through layoutTrend's `tooFew`, the Markdown export
 * directly — so none shows a one-row "trend" the others call empty.
 */
export const trendTooFew = (report: Pick<ReportData, 'trend'>): boolean => report.trend.length < 2;

const clampPercent = (value: number) => Math.min(100, Math.max(0, value));

export function layoutTrend(report: ReportData): TrendLayout {
	const points = [...report.trend].sort((a, b) => a.date.localeCompare(b.date));
	const days = points.map((point) => dayNumber(point.date));
	const first = days[0] ?? 0;
	const last = days[days.length - 1] ?? 0;
	const xOf = (day: number) => (last === first ? 0.5 : (day - first) / (last - first));

	const line = (value: (index: number) => number | undefined) =>
		points.flatMap((point, index) => {
			const raw = value(index);
			if (raw === undefined) return []; // a task added after this snapshot has no point yet
			const v = clampPercent(raw);
			return [{ x: xOf(days[index]), y: v / 100, value: v, date: point.date }];
		});

	const series: TrendSeries[] = [
		{ key: 'overall', number: 0, title: null, points: line((i) => points[i].overall) },
		...report.tasks.map((task) => ({
			key: task.id,
			number: task.number,
			title: task.title,
			points: line((i) => points[i].tasks[task.id])
		}))
	];

	const seen = new Set<string>();
	const xTicks = points.flatMap((point, index) => {
		if (seen.has(point.date)) return [];
		seen.add(point.date);
		return [{ x: xOf(days[index]), date: point.date }];
	});

	return {
		series,
		xTicks,
		yTicks: [0, 25, 50, 75, 100].map((value) => ({ y: value / 100, value })),
		tooFew: trendTooFew(report)
	};
}
