/**
 * The Markdown export: every section of the report as headings, tables and sentences. Anything a
 * person typed is escaped, so a title holding HTML or script is text in every Markdown viewer, and
 * one holding | * _ [ ] cannot break a table or turn into a link.
 */
import {
	DESCRIBED_SECTIONS,
	type ProgressGroup,
	type ReportData,
	type ReportMilestone
} from '../../report/model';
import {
	asCell,
	describeChange,
	milestoneDescription,
	otherLanguageTitles,
	personLabel,
	pick,
	readerDateTime,
	readerDay,
	reportText
} from '../../report/text';
import { trendTooFew } from '../../report/trend';
import type { Locale } from '../../roadmap/vocabulary';
import { milestoneOwnersLabel, milestoneStatusLabel, ownersLabel } from './cells';

/**
 * Escapes HTML (as entities) and Markdown punctuation (with backslashes); one line. An `&` is
 * escaped only where a viewer would read an entity (`&lt;`, `&#60;`): "R&D" and "Semiconductor &
 * AI" stay as typed for whoever reads the file as text.
 */
export function escapeMarkdown(text: string): string {
	return text
		.normalize('NFC')
		.replace(/[\r\n\t]+/g, ' ')
		.replace(/&(?=#?[a-z0-9]+;)/gi, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
		.trim()
		.replace(/^[-=+#]/, (c) => `\\${c}`)
		.replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A ten-cell text bar, so progress reads at a glance even in plain text. */
export function textBar(progress: number): string {
	const filled = Math.round(Math.max(0, Math.min(100, progress)) / 10);
	return '█'.repeat(filled) + '░'.repeat(10 - filled);
}

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const table = (header: string[], rows: (string | number)[][], align?: string[]) => [
	row(header),
	row(align ?? header.map(() => '---')),
	...rows.map(row)
];

export function renderReportMarkdown(report: ReportData, locale: Locale): string {
	const t = reportText(locale);
	const c = t.columns;
	const e = (value: { ko: string; en: string }) => escapeMarkdown(pick(value, locale));
	const taskById = new Map(report.tasks.map((task) => [task.id, task]));
	const milestoneById = new Map(report.milestones.map((m) => [m.id, m]));
	const out: string[] = [];
	const blank = () => out.push('');

	out.push(`# ${e(report.roadmap.title)} — ${t.report}`);
	blank();
	out.push(
		`- ${t.period}: ${readerDay(report.period.since, locale)} – ${readerDay(report.period.until, locale)}`
	);
	out.push(`- ${t.generatedAt}: ${readerDateTime(report.generatedAt, locale)}`);
	out.push(
		`- ${t.generatedBy}: ${report.generatedBy ? escapeMarkdown(personLabel(report.generatedBy, locale)) : t.anonymous}`
	);
	const otherLanguage = otherLanguageTitles(report, locale);
	if (otherLanguage) out.push(`- ${t.otherLanguage}: ${t.otherLanguageNote(otherLanguage)}`);
	out.push(
		`- ${t.overallProgress}: ${report.overall.progress}% ${textBar(report.overall.progress)}`
	);
	out.push(
		`- ${t.summary.tasks}: ${report.overall.tasks} · ${t.summary.milestones}: ${report.overall.milestones} · ${t.summary.milestonesDone}: ${report.overall.milestonesDone} · ${t.summary.milestonesOverdue}: ${report.overall.milestonesOverdue}`
	);
	blank();

	out.push(`## ${t.sections.byTask}`);
	blank();
	out.push(
		...table(
			[c.number, c.task, c.status, c.progress, c.doneOfTotal, c.owners],
			report.tasks.map((task) => [
				task.number,
				e(task.title),
				asCell(t.taskStatus[task.status] ?? task.status),
				`${task.progress}% ${textBar(task.progress)}`,
				`${task.milestones.done}/${task.milestones.total}`,
				escapeMarkdown(ownersLabel(task.owners, locale)) || '—'
			]),
			['--:', '---', '---', '---', '--:', '---']
		)
	);
	blank();

	const groups = (title: string, label: string, list: ProgressGroup[], sector: boolean) => {
		out.push(`## ${title}`);
		blank();
		if (!list.length) {
			out.push(sector ? t.empty.sectors : t.empty.organizations);
			blank();
			return;
		}
		out.push(
			...table(
				[label, c.tasks, c.progress],
				list.map((g) => [
					sector && g.sector ? t.sector[g.sector] : e(g.label),
					g.tasks,
					g.tasks ? `${g.progress}% ${textBar(g.progress)}` : '—'
				]),
				['---', '--:', '---']
			)
		);
		blank();
	};
	groups(t.sections.bySector, c.sector, report.bySector, true);
	groups(t.sections.byOrganization, c.organization, report.byOrganization, false);

	out.push(`## ${t.sections.trend}`);
	blank();
	// One point is no trend: say so, as the page and the PDF do (the same rule, trend.ts).
	if (trendTooFew(report)) out.push(t.empty.trend);
	else
		out.push(
			...table(
				[c.date, c.overall, ...report.tasks.map((task) => String(task.number))],
				report.trend.map((p) => [
					readerDay(p.date, locale),
					`${p.overall}%`,
					...report.tasks.map((task) =>
						p.tasks[task.id] === undefined ? '—' : `${p.tasks[task.id]}%`
					)
				])
			)
		);
	blank();
	out.push(`## ${t.sections.milestones}`);
	blank();
	const section = (key: keyof ReportData['sections']) => {
		const ids = report.sections[key];
		out.push(`### ${t.sections[key]} (${ids.length})`);
		blank();
		const list = ids.map((id) => milestoneById.get(id)).filter((m): m is ReportMilestone => !!m);
		// Late and troubled milestones say why in their description (the page and the PDF show it
		// under the title; a Markdown table cell holds one line, so it is a column of its own).
		const described = DESCRIBED_SECTIONS.has(key);
		if (!list.length) out.push(t.empty.milestones);
		else
			out.push(
				...table(
					// The columns of the report's page and PDF, in their order.
					[
						c.task,
						c.milestone,
						c.dueDate,
						c.owners,
						c.status,
						...(described ? [c.description] : [])
					],
					list.map((m) => [
						`${taskById.get(m.taskId)?.number ?? ''}. ${e(taskById.get(m.taskId)?.title ?? { ko: '', en: '' })}`,
						e(m.title),
						m.dueDate ? readerDay(m.dueDate, locale) : '—',
						escapeMarkdown(milestoneOwnersLabel(m, locale)) || '—',
						milestoneStatusLabel(m, locale),
						...(described ? [escapeMarkdown(milestoneDescription(m, locale)) || '—'] : [])
					])
				)
			);
		blank();
	};
	section('doneInPeriod');
	section('dueNext90Days');
	section('overdue');
	section('atRiskOrBlocked');

	out.push(`## ${t.sections.changes}`);
	blank();
	if (!report.changes.length) {
		out.push(t.empty.changes);
		blank();
	}
	const byTask = new Map<string | null, typeof report.changes>();
	for (const change of report.changes) {
		const key = change.taskId && taskById.has(change.taskId) ? change.taskId : null;
		byTask.set(key, [...(byTask.get(key) ?? []), change]);
	}
	const groupsInOrder = [...report.tasks.map((task) => task.id as string | null), null];
	for (const key of groupsInOrder) {
		const list = byTask.get(key);
		if (!list?.length) continue;
		const task = key ? taskById.get(key) : null;
		out.push(`### ${task ? `${task.number}. ${e(task.title)}` : t.summary.roadmap}`);
		blank();
		for (const change of list)
			out.push(`- ${escapeMarkdown(describeChange(change, locale, { readerDates: true }))}`);
		blank();
	}

	return out.join('\n');
}
