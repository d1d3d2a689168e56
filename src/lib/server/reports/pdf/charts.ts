/**
 * The PDF's vector graphics: progress bars, the trend chart and the timeline. The trend and the
 * timeline come from the same layouts the page's SVG draws (src/lib/report/{trend,timeline}.ts);
 * only the scaling to points happens here.
 */
import type { Locale } from '../../../roadmap/vocabulary';
import type { ReportData } from '../../../report/model';
import { MILESTONE_COLORS, REPORT_COLORS, seriesColor } from '../../../report/palette';
import { asCell, pick, readerDay, reportText } from '../../../report/text';
import { labelEnd, layoutTimeline } from '../../../report/timeline';
import { layoutTrend } from '../../../report/trend';
import type { Flow } from './flow';
import { CHART_WORDS, LEGEND_STATUSES, monthLabel } from '../../../report/chart-words';

/** A horizontal bar of `width` points, filled to `percent`. */
export function progressBar(
	flow: Flow,
	x: number,
	y: number,
	width: number,
	percent: number,
	color: string = REPORT_COLORS.accent,
	height = 7
) {
	const filled = (width * Math.max(0, Math.min(100, percent))) / 100;
	flow.doc.roundedRect(x, y, width, height, height / 2).fill(REPORT_COLORS.track);
	if (filled > 0)
		flow.doc.roundedRect(x, y, Math.max(filled, height), height, height / 2).fill(color);
}

export function trendChart(flow: Flow, report: ReportData, locale: Locale) {
	const t = reportText(locale);
	const layout = layoutTrend(report);
	if (layout.tooFew) {
		flow.text(t.empty.trend, { size: 9.5, color: REPORT_COLORS.muted });
		return;
	}
	const labelWidth = 30;
	const plot = { x: flow.left + labelWidth, w: flow.width - labelWidth - 12, h: 150 };
	flow.ensure(plot.h + 40 + 14 * layout.series.length);
	const top = flow.y + 6;
	const { doc, ts } = flow;
	for (const tick of layout.yTicks) {
		const y = top + plot.h * (1 - tick.y);
		doc
			.moveTo(plot.x, y)
			.lineTo(plot.x + plot.w, y)
			.lineWidth(0.4)
			.strokeColor(REPORT_COLORS.line)
			.stroke();
		ts.line(`${tick.value}%`, flow.left, y - 4, {
			size: 7,
			color: REPORT_COLORS.muted,
			width: labelWidth - 6,
			align: 'right'
		});
	}
	for (const tick of layout.xTicks) {
		// The first and last dates align inwards, so neither runs past the plot.
		const x = plot.x + plot.w * tick.x;
		const align = tick.x === 0 ? 'left' : tick.x === 1 ? 'right' : 'center';
		const left = align === 'left' ? x : align === 'right' ? x - 60 : x - 30;
		ts.line(readerDay(tick.date, locale), left, top + plot.h + 4, {
			size: 7,
			color: REPORT_COLORS.muted,
			width: 60,
			align
		});
	}
	// Task lines first, the overall line last so it stays on top.
	for (const series of [...layout.series.slice(1), layout.series[0]]) {
		const color = seriesColor(series.number);
		const points = series.points.map((p) => [plot.x + plot.w * p.x, top + plot.h * (1 - p.y)]);
		if (points.length === 0) continue;
		doc.moveTo(points[0][0], points[0][1]);
		for (const [x, y] of points.slice(1)) doc.lineTo(x, y);
		doc
			.lineWidth(series.number === 0 ? 2.2 : 1.1)
			.strokeColor(color)
			.stroke();
		for (const [x, y] of points) doc.circle(x, y, series.number === 0 ? 2.4 : 1.6).fill(color);
	}
	flow.y = top + plot.h + 20;
	// Legend: one line per series, so long Korean task titles stay readable.
	for (const series of layout.series) {
		flow.ensure(13);
		const last = series.points[series.points.length - 1];
		doc
			.rect(flow.left, flow.y + 3.5, 12, series.number === 0 ? 2.2 : 1.4)
			.fill(seriesColor(series.number));
		const label = series.title
			? `${series.number}. ${pick(series.title, locale)}`
			: t.columns.overall;
		ts.line(ts.fit(label, flow.width - 70, { size: 8.5 }), flow.left + 18, flow.y - 1, {
			size: 8.5,
			weight: series.number === 0 ? 'bold' : 'regular'
		});
		if (last)
			ts.line(`${Math.round(last.value)}%`, flow.left, flow.y - 1, {
				size: 8.5,
				width: flow.width,
				align: 'right'
			});
		flow.y += 13;
	}
}

const LANE = 15;
/** Width of the arrowhead on a timeline bar that runs past the window's edge. */
const ARROW = 4.5;

export async function timelineChart(flow: Flow, report: ReportData, locale: Locale) {
	const layout = layoutTimeline(report);
	const { doc, ts } = flow;
	const labelWidth = 118;
	const axis = { x: flow.left + labelWidth, w: flow.width - labelWidth };
	const xOf = (fraction: number) => axis.x + axis.w * fraction;

	/** Month ticks and their labels above the rows; drawn again on each page the chart spans. */
	const drawAxis = () => {
		flow.ensure(24 + LANE * 2);
		let yearShown = false; // the first label drawn always names its year
		layout.ticks.forEach((tick, i) => {
			const withYear = tick.showYear || !yearShown;
			const text = monthLabel(tick.month, withYear, locale);
			const style = { size: 7, color: REPORT_COLORS.muted };
			// The window's mid-month start is named only when its days leave room before the next.
			const next = layout.ticks[i + 1];
			const end = xOf(tick.x) + 2 + ts.width(text, style);
			if (tick.partial && next && end > xOf(next.x) - 3) return;
			// Nor is a month that starts too near the window's end for its name (it was cut off).
			if (end > axis.x + axis.w) return;
			ts.line(text, xOf(tick.x) + 2, flow.y, style);
			yearShown ||= withYear;
		});
		flow.y += 12;
		return flow.y;
	};
	const drawGrid = (from: number, to: number) => {
		for (const tick of layout.ticks)
			doc
				.moveTo(xOf(tick.x), from - 12)
				.lineTo(xOf(tick.x), to)
				.lineWidth(0.4)
				.strokeColor(REPORT_COLORS.line)
				.stroke();
		// Below the month names (month lines reach up between them; this one would cross one).
		if (layout.today !== null) {
			doc
				.moveTo(xOf(layout.today), from - 1)
				.lineTo(xOf(layout.today), to)
				.dash(2, { space: 2 })
				.lineWidth(0.9)
				.strokeColor(REPORT_COLORS.today)
				.stroke()
				.undash();
		}
	};

	// Milestone names go on last, each on a white ground: the month lines and the report-date line
	// (drawn once a page's rows are laid out) would otherwise cross a long name.
	let names: (() => void)[] = [];
	const drawNames = () => {
		for (const draw of names) draw();
		names = [];
	};
	const name = (text: string, x: number, y: number, style: NameStyle) => {
		names.push(() => {
			const width = ts.width(text, style);
			const left =
				style.align === 'right' && style.width !== undefined ? x + style.width - width : x;
			doc.rect(left - 1, y - 0.5, width + 2, style.size + 1.5).fill('#ffffff');
			ts.line(text, x, y, style);
		});
	};

	let blockTop = drawAxis();
	for (const row of layout.rows) {
		// At least two lines of title, even for a task with one lane.
		const height = Math.max(row.lanes * LANE, 22) + (row.hidden > 0 ? 11 : 0) + 6;
		if (flow.y + height > flow.bottom) {
			drawGrid(blockTop, flow.y);
			drawNames();
			flow.newPage();
			blockTop = drawAxis();
		}
		const top = flow.y;
		doc
			.moveTo(flow.left, top)
			.lineTo(flow.left + flow.width, top)
			.lineWidth(0.5)
			.strokeColor(REPORT_COLORS.line)
			.stroke();
		const titleStyle = { size: 7.5, weight: 'bold' as const };
		const titleLines = ts.wrap(
			`${row.number}. ${pick(row.title, locale)}`,
			labelWidth - 8,
			titleStyle,
			Math.max(1, Math.floor((height - 4) / 10))
		);
		titleLines.forEach((line, i) => ts.line(line, flow.left, top + 3 + i * 10, titleStyle));
		for (const bar of row.bars) {
			const y = top + 3 + bar.lane * LANE;
			const color = MILESTONE_COLORS[bar.status];
			const x0 = xOf(bar.x0);
			const x1 = xOf(bar.x1);
			if (bar.kind === 'bar') {
				// It began before the window, or ends after it: an arrowhead at that edge.
				const from = x0 + (bar.clippedStart ? ARROW : 0);
				const to = x1 - (bar.clippedEnd ? ARROW : 0);
				doc.roundedRect(from, y + 2, Math.max(to - from, 3), 5, 2).fill(color);
				/** A triangle with its tip at `tip`, opening toward the bar (`toward`: +1 or -1). */
				const arrowhead = (tip: number, toward: number) =>
					doc
						.moveTo(tip, y + 4.5)
						.lineTo(tip + toward * ARROW, y + 1)
						.lineTo(tip + toward * ARROW, y + 8)
						.closePath()
						.fill(color);
				if (bar.clippedStart) arrowhead(x0, 1);
				if (bar.clippedEnd) arrowhead(x1, -1);
			} else {
				doc
					.moveTo(x1, y)
					.lineTo(x1 + 4.5, y + 4.5)
					.lineTo(x1, y + 9)
					.lineTo(x1 - 4.5, y + 4.5)
					.closePath()
					.fill(color);
			}
			if (bar.overdue)
				doc
					.circle(x1, y + 4.5, 6)
					.lineWidth(0.8)
					.strokeColor(REPORT_COLORS.overdue)
					.stroke();
			const labelX = (bar.kind === 'bar' ? x0 : x1) + 6;
			const label = { size: 6.5, color: REPORT_COLORS.text };
			// Up to the next milestone in the lane (a point's diamond starts 4.5 before it), or the end.
			const room = Math.min(xOf(labelEnd(row, bar)) - 8, axis.x + axis.w) - labelX;
			if (room > 14) name(ts.fit(pick(bar.title, locale), room, label), labelX, y + 7.5, label);
			else {
				// At the window's end there is no room after it: the name goes before it instead,
				// clear of the lane's other bars and their names (an arrow alone names nothing).
				const end = (bar.kind === 'bar' ? x0 : x1 - 4.5) - 4;
				const free = row.bars
					.filter((other) => other !== bar && other.lane === bar.lane && xOf(other.x0) < end)
					.reduce(
						(from, other) => Math.max(from, xOf(other.x1) + 6, xOf(other.x0) + axis.w * 0.16),
						axis.x + 2
					);
				const before = Math.min(axis.w * 0.16 - 8, end - free);
				if (before > 14)
					name(ts.fit(pick(bar.title, locale), before, label), end - before, y + 7.5, {
						...label,
						width: before,
						align: 'right'
					});
			}
		}
		if (row.hidden > 0)
			ts.line(CHART_WORDS[locale].more(row.hidden), axis.x, top + row.lanes * LANE + 2, {
				size: 7,
				color: REPORT_COLORS.muted
			});
		flow.y = top + height;
		await flow.breathe();
	}
	drawGrid(blockTop, flow.y);
	drawNames();
	doc
		.moveTo(flow.left, flow.y)
		.lineTo(flow.left + flow.width, flow.y)
		.lineWidth(0.5)
		.strokeColor(REPORT_COLORS.line)
		.stroke();
	flow.y += 8;
	legend(flow, locale, layout.undated, layout.outside);
}

type NameStyle = { size: number; color: string; width?: number; align?: 'right' };

function legend(flow: Flow, locale: Locale, undated: number, outside: number) {
	const t = reportText(locale);
	const { doc, ts } = flow;
	flow.ensure(14);
	let x = flow.left;
	const y = flow.y;
	for (const status of LEGEND_STATUSES) {
		doc.roundedRect(x, y + 3, 10, 5, 2).fill(MILESTONE_COLORS[status]);
		const label = asCell(t.milestoneStatus[status]);
		x += 14 + ts.line(label, x + 14, y, { size: 7.5, color: REPORT_COLORS.muted });
		x += 10;
	}
	doc
		.moveTo(x + 4, y - 1)
		.lineTo(x + 4, y + 11)
		.dash(2, { space: 2 })
		.lineWidth(0.9)
		.strokeColor(REPORT_COLORS.today)
		.stroke()
		.undash();
	ts.line(CHART_WORDS[locale].reportDate, x + 10, y, { size: 7.5, color: REPORT_COLORS.muted });
	flow.y += 14;
	if (undated > 0)
		flow.text(CHART_WORDS[locale].undated(undated), { size: 7.5, color: REPORT_COLORS.muted });
	if (outside > 0)
		flow.text(CHART_WORDS[locale].outside(outside), { size: 7.5, color: REPORT_COLORS.muted });
}
