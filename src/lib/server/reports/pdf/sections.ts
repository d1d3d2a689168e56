/**
 * The sections of the PDF, in reading order. Each draws at the flow's cursor and moves it down;
 * long lists and long descriptions are capped (the XLSX and CSV carry every row, whole), so a
 * report of thousands of milestones stays a document a minister can read.
 */
import type { Locale } from '../../../roadmap/vocabulary';
import { CHART_WORDS } from '../../../report/chart-words';
import type {
	ProgressGroup,
	ReportData,
	ReportMilestone,
	ReportOwner
} from '../../../report/model';
import { MILESTONE_COLORS, REPORT_COLORS, SECTOR_COLORS } from '../../../report/palette';
import {
	asCell,
	describeChange,
	milestoneDescription,
	otherLanguageTitles,
	personLabel,
	pick,
	readerDateTime,
	readerDay,
	reportText,
	milestonesByTask,
	taskMetaLine,
	milestoneOwnersText
} from '../../../report/text';
import { progressBar, timelineChart, trendChart } from './charts';
import { A4, type Flow } from './flow';

/** Rows a milestone section shows before pointing to the spreadsheet exports. */
export const SECTION_ROW_LIMIT = 120;
/** Changes shown per task, the latest ones. */
export const CHANGES_PER_TASK = 40;

export interface TocEntry {
	title: string;
	level: 1 | 2;
	page: number;
}

export function titlePage(flow: Flow, report: ReportData, locale: Locale) {
	const t = reportText(locale);
	const { ts, doc } = flow;
	doc.rect(0, 0, A4.width, 10).fill(REPORT_COLORS.accent);
	flow.y = 200;
	flow.text(t.report, { size: 14, color: REPORT_COLORS.accent, weight: 'bold' });
	flow.y += 8;
	flow.text(pick(report.roadmap.title, locale), {
		size: 26,
		weight: 'bold',
		color: REPORT_COLORS.ink,
		gap: 0.35
	});
	flow.y += 28;
	const rows: [string, string][] = [
		[
			t.period,
			`${readerDay(report.period.since, locale)} – ${readerDay(report.period.until, locale)}`
		],
		[t.generatedAt, readerDateTime(report.generatedAt, locale)],
		[t.generatedBy, generatedBy(report, locale)]
	];
	const otherLanguage = otherLanguageTitles(report, locale);
	if (otherLanguage) rows.push([t.otherLanguage, t.otherLanguageNote(otherLanguage)]);
	for (const [label, value] of rows) {
		ts.line(label, flow.left, flow.y, { size: 10.5, color: REPORT_COLORS.muted });
		flow.y += ts
			.wrap(value, flow.width - 90, { size: 10.5 })
			.reduce((y, line) => y + (ts.line(line, flow.left + 90, flow.y + y, { size: 10.5 }), 16), 0);
		flow.y += 4;
	}
	flow.y += 30;
	ts.line(t.overallProgress, flow.left, flow.y, { size: 11, color: REPORT_COLORS.muted });
	ts.line(`${Math.round(report.overall.progress)}%`, flow.left, flow.y - 4, {
		size: 22,
		weight: 'bold',
		color: REPORT_COLORS.ink,
		width: flow.width,
		align: 'right'
	});
	flow.y += 26;
	progressBar(
		flow,
		flow.left,
		flow.y,
		flow.width,
		report.overall.progress,
		REPORT_COLORS.accent,
		10
	);
}

export function generatedBy(report: ReportData, locale: Locale): string {
	return report.generatedBy
		? personLabel(report.generatedBy, locale)
		: reportText(locale).anonymous;
}

export function contentsPage(flow: Flow, entries: TocEntry[], locale: Locale) {
	const t = reportText(locale);
	flow.y = 64;
	flow.heading(t.contents, 1);
	for (const entry of entries) {
		const indent = entry.level === 1 ? 0 : 16;
		const style = {
			size: entry.level === 1 ? 11 : 10,
			weight: entry.level === 1 ? 'bold' : 'regular'
		} as const;
		const title = flow.ts.fit(entry.title, flow.width - indent - 40, style);
		flow.ts.line(title, flow.left + indent, flow.y, style);
		flow.ts.line(String(entry.page), flow.left, flow.y, {
			...style,
			width: flow.width,
			align: 'right'
		});
		flow.y += entry.level === 1 ? 20 : 16;
	}
}

export function summary(flow: Flow, report: ReportData, locale: Locale) {
	const t = reportText(locale);
	const cells: [string, string][] = [
		[t.overallProgress, `${Math.round(report.overall.progress)}%`],
		[t.summary.tasks, String(report.overall.tasks)],
		[t.summary.milestones, String(report.overall.milestones)],
		[t.summary.milestonesDone, String(report.overall.milestonesDone)],
		[t.summary.milestonesOverdue, String(report.overall.milestonesOverdue)]
	];
	const cellWidth = flow.width / cells.length;
	flow.ensure(52);
	cells.forEach(([label, value], i) => {
		const x = flow.left + i * cellWidth;
		flow.ts.line(value, x, flow.y, {
			size: 18,
			weight: 'bold',
			color:
				i === 4 && report.overall.milestonesOverdue > 0 ? REPORT_COLORS.overdue : REPORT_COLORS.ink
		});
		flow.ts
			.wrap(label, cellWidth - 8, { size: 8.5 }, 2)
			.forEach((line, n) =>
				flow.ts.line(line, x, flow.y + 26 + n * 11, { size: 8.5, color: REPORT_COLORS.muted })
			);
	});
	flow.y += 52;
}

export async function byTask(flow: Flow, report: ReportData, locale: Locale) {
	const titleWidth = flow.width - 200;
	const milestonesOf = milestonesByTask(report.milestones);
	for (const task of report.tasks) {
		const style = { size: 10, weight: 'bold' as const };
		const lines = flow.ts.wrap(`${task.number}. ${pick(task.title, locale)}`, titleWidth, style, 3);
		const height = Math.max(lines.length * 14, 14) + 16;
		flow.ensure(height);
		lines.forEach((line, i) => flow.ts.line(line, flow.left, flow.y + i * 14, style));
		const meta = taskMetaLine(task, locale, milestonesOf.get(task.id));
		flow.ts.line(meta, flow.left, flow.y + lines.length * 14, {
			size: 8,
			color: REPORT_COLORS.muted
		});
		const barX = flow.left + titleWidth + 14;
		progressBar(flow, barX, flow.y + 4, 140, task.progress);
		flow.ts.line(`${Math.round(task.progress)}%`, barX, flow.y, {
			size: 10,
			weight: 'bold',
			width: 186,
			align: 'right'
		});
		flow.y += height;
		await flow.breathe();
	}
}

/** Progress per sector or organization; sectors are named in the report's language. */
export async function groups(
	flow: Flow,
	list: ProgressGroup[],
	locale: Locale,
	sectorNames = false
) {
	const t = reportText(locale);
	if (list.length === 0) {
		flow.text(sectorNames ? t.empty.sectors : t.empty.organizations, {
			size: 9.5,
			color: REPORT_COLORS.muted
		});
		return;
	}
	const labelWidth = flow.width - 230;
	for (const group of list) {
		const style = { size: 9.5 };
		const label = sectorNames && group.sector ? t.sector[group.sector] : pick(group.label, locale);
		const lines = flow.ts.wrap(label, labelWidth, style, 2);
		const height = lines.length * 13 + 6;
		flow.ensure(height);
		lines.forEach((line, i) => flow.ts.line(line, flow.left, flow.y + i * 13, style));
		const barX = flow.left + labelWidth + 10;
		flow.ts.line(`${t.columns.tasks} ${group.tasks}`, barX, flow.y, {
			size: 8,
			color: REPORT_COLORS.muted,
			width: 50,
			align: 'right'
		});
		const color = group.sector ? SECTOR_COLORS[group.sector] : REPORT_COLORS.accent;
		progressBar(flow, barX + 60, flow.y + 3.5, 120, group.progress, color);
		// A group with no tasks has no progress to show: a dash, not "0%".
		flow.ts.line(group.tasks ? `${Math.round(group.progress)}%` : '—', barX + 60, flow.y, {
			size: 9.5,
			weight: 'bold',
			width: 160,
			align: 'right'
		});
		flow.y += height;
		await flow.breathe();
	}
}

export { trendChart, timelineChart };

const ownerNames = (owners: ReportOwner[], locale: Locale) =>
	[...owners]
		.sort((a, b) => (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1))
		.map((owner) => pick(owner.name, locale))
		.join(', ');

/** Lines of a milestone's description a table row shows, at most (the spreadsheets hold it all). */
export const DESCRIPTION_LINES = 8;
const DESCRIPTION_STYLE = { size: 7.5, color: REPORT_COLORS.muted };
const DESCRIPTION_LEADING = 10;
/** Characters of one paragraph measured for its lines: more than DESCRIPTION_LINES can show. */
const DESCRIPTION_SCAN = 4000;

/**
 * A description as the lines under a milestone's row: each paragraph (line break) wrapped on its
 * own, at most `max` lines, the last one kept ending in "…" when there was more.
 */
export function descriptionLines(
	ts: Flow['ts'],
	text: string,
	width: number,
	max = DESCRIPTION_LINES
): string[] {
	const lines: string[] = [];
	const more = () => {
		const last = lines.length - 1;
		if (last >= 0 && !lines[last].endsWith('…'))
			lines[last] = ts.fit(`${lines[last]}…`, width, DESCRIPTION_STYLE);
	};
	for (const paragraph of text.split(/\r\n|\r|\n/)) {
		if (!paragraph.trim()) continue;
		if (lines.length === max) {
			more();
			break;
		}
		const cut = paragraph.length > DESCRIPTION_SCAN;
		const head = cut
			? paragraph.slice(0, DESCRIPTION_SCAN).replace(/[\ud800-\udbff]$/, '')
			: paragraph;
		lines.push(...ts.wrap(head, width, DESCRIPTION_STYLE, max - lines.length));
		if (cut) more();
	}
	return lines;
}

/** The columns of a milestone table, in points: the owners take what the others leave. */
function milestoneColumns(flow: Flow) {
	// The due column holds the longest day as a reader writes it: "2026년 12월 31일", "30 Sept 2026".
	const cols = { task: 34, title: 186, due: 76, owners: 0, status: 62 };
	cols.owners = flow.width - cols.task - cols.title - cols.due - cols.status;
	return cols;
}
const ROW_STYLE = { size: 8.5 };
const ROW_LEADING = 11.5;
/** The table's header line and its rule. */
const HEADER_HEIGHT = 13;

/** A milestone's row laid out: its wrapped cells, its description's lines and its height. */
function milestoneRow(
	flow: Flow,
	milestone: ReportMilestone,
	locale: Locale,
	descriptions: boolean
) {
	const cols = milestoneColumns(flow);
	const title = flow.ts.wrap(pick(milestone.title, locale), cols.title - 8, ROW_STYLE, 3);
	const owners = flow.ts.wrap(
		milestoneOwnersText(milestone, ownerNames(milestone.owners, locale), locale) || '—',
		cols.owners - 8,
		ROW_STYLE,
		3
	);
	const lines = Math.max(title.length, owners.length);
	const description = descriptions
		? descriptionLines(
				flow.ts,
				milestoneDescription(milestone, locale),
				flow.width - cols.task - 8
			).filter(Boolean)
		: [];
	const height =
		lines * ROW_LEADING +
		7 +
		(description.length ? description.length * DESCRIPTION_LEADING + 2 : 0);
	return { title, owners, lines, description, height };
}

/**
 * The room a milestone table's start takes (its header and first row), for its section heading
 * to be kept with: a row with a description can be taller than a heading's usual 60 points.
 */
export function milestoneTableStart(
	flow: Flow,
	report: ReportData,
	ids: string[],
	locale: Locale,
	{ descriptions = false }: { descriptions?: boolean } = {}
): number {
	const first = report.milestones.find((m) => m.id === ids[0]);
	return first ? HEADER_HEIGHT + milestoneRow(flow, first, locale, descriptions).height : 0;
}

/**
 * One milestone section as a table: task, milestone, due date, owners, status. With
 * `descriptions` (the overdue and at-risk sections), each milestone's description follows its
 * row in smaller type, from the milestone's column to the table's right edge. A row is never
 * split across pages: one that does not fit starts the next page, under the header again.
 */
export async function milestoneTable(
	flow: Flow,
	report: ReportData,
	ids: string[],
	locale: Locale,
	{ descriptions = false }: { descriptions?: boolean } = {}
) {
	const t = reportText(locale);
	if (ids.length === 0) {
		flow.text(t.empty.milestones, { size: 9.5, color: REPORT_COLORS.muted });
		return;
	}
	const byId = new Map(report.milestones.map((m) => [m.id, m]));
	const taskNumber = new Map(report.tasks.map((task) => [task.id, task.number]));
	const cols = milestoneColumns(flow);
	const header = () => {
		const style = { size: 8, weight: 'bold' as const, color: REPORT_COLORS.muted };
		let x = flow.left;
		for (const [key, label] of [
			['task', t.columns.task],
			['title', t.columns.milestone],
			['due', t.columns.dueDate],
			['owners', t.columns.owners],
			['status', t.columns.status]
		] as const) {
			flow.ts.line(label, x, flow.y, style);
			x += cols[key];
		}
		flow.y += HEADER_HEIGHT;
		rule(flow, REPORT_COLORS.ink);
	};
	// The header stays with the first row: never alone at a page's foot.
	flow.ensure(Math.max(30, milestoneTableStart(flow, report, ids, locale, { descriptions })));
	header();
	const shown = ids.slice(0, SECTION_ROW_LIMIT);
	for (const id of shown) {
		const milestone: ReportMilestone | undefined = byId.get(id);
		if (!milestone) continue;
		const row = milestoneRow(flow, milestone, locale, descriptions);
		if (flow.y + row.height > flow.bottom) {
			flow.newPage();
			header();
		}
		const y = flow.y + 3;
		let x = flow.left;
		flow.ts.line(String(taskNumber.get(milestone.taskId) ?? '—'), x, y, ROW_STYLE);
		x += cols.task;
		row.title.forEach((line, i) => flow.ts.line(line, x, y + i * ROW_LEADING, ROW_STYLE));
		x += cols.title;
		flow.ts.line(milestone.dueDate ? readerDay(milestone.dueDate, locale) : '—', x, y, ROW_STYLE);
		x += cols.due;
		row.owners.forEach((line, i) => flow.ts.line(line, x, y + i * ROW_LEADING, ROW_STYLE));
		x += cols.owners;
		flow.doc.circle(x + 3, y + 5.5, 2.6).fill(MILESTONE_COLORS[milestone.status]);
		flow.ts.line(asCell(t.milestoneStatus[milestone.status]), x + 9, y, ROW_STYLE);
		row.description.forEach((line, i) =>
			flow.ts.line(
				line,
				flow.left + cols.task,
				y + row.lines * ROW_LEADING + 1 + i * DESCRIPTION_LEADING,
				DESCRIPTION_STYLE
			)
		);
		flow.y += row.height;
		rule(flow, REPORT_COLORS.line);
		await flow.breathe();
	}
	if (ids.length > shown.length)
		flow.text(CHART_WORDS[locale].leftOut(ids.length - shown.length), {
			size: 8.5,
			color: REPORT_COLORS.muted
		});
}

function rule(flow: Flow, color: string) {
	flow.doc
		.moveTo(flow.left, flow.y)
		.lineTo(flow.left + flow.width, flow.y)
		.lineWidth(0.5)
		.strokeColor(color)
		.stroke();
}

/** How much of a task's changes its heading is kept with (a sentence or two). */
export const CHANGES_HEADING_KEEP = 30;

/** Changes grouped by task (roadmap-level ones last), each a sentence; the latest per task. */
export async function changes(flow: Flow, report: ReportData, locale: Locale) {
	const t = reportText(locale);
	if (report.changes.length === 0) {
		flow.text(t.empty.changes, { size: 9.5, color: REPORT_COLORS.muted });
		return;
	}
	const grouped = new Map<string | null, typeof report.changes>();
	for (const change of report.changes) {
		const list = grouped.get(change.taskId) ?? [];
		list.push(change);
		grouped.set(change.taskId, list);
	}
	const order: { key: string | null; title: string }[] = [
		...report.tasks.map((task) => ({
			key: task.id,
			title: `${task.number}. ${pick(task.title, locale)}`
		})),
		{ key: null, title: t.summary.roadmap }
	];
	for (const { key, title } of order) {
		const list = grouped.get(key);
		if (!list) continue;
		flow.heading(title, 2, CHANGES_HEADING_KEEP);
		const shown = list.slice(-CHANGES_PER_TASK);
		for (const change of shown) {
			const lines = flow.ts.wrap(
				describeChange(change, locale, { readerDates: true }),
				flow.width - 12,
				{ size: 9 }
			);
			flow.ensure(lines.length * 13 + 2);
			flow.doc.circle(flow.left + 3, flow.y + 6, 1.6).fill(REPORT_COLORS.muted);
			lines.forEach((line, i) => flow.ts.line(line, flow.left + 12, flow.y + i * 13, { size: 9 }));
			flow.y += lines.length * 13 + 2;
			await flow.breathe();
		}
		if (list.length > shown.length)
			flow.text(CHART_WORDS[locale].leftOut(list.length - shown.length), {
				size: 8.5,
				color: REPORT_COLORS.muted,
				indent: 12
			});
	}
}
