/**
 * Shared helpers for the tabular exports (CSV, XLSX, Markdown): the words and values a row holds,
 * in the report's language, and the guard that keeps a cell from ever becoming a formula.
 */
import type { ReportData, ReportMilestone, ReportOwner } from '../../report/model';
import { asCell, pick, reportText } from '../../report/text';
import type { Locale } from '../../roadmap/vocabulary';

/**
 * Spreadsheet programs run a cell that starts with = + - @ (or tab / carriage return, which some
 * strip first) as a formula: "CSV injection". A leading apostrophe makes it text (OWASP's advice).
 */
export function defuse(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** "메모리 반도체 기업 (주관); 한국과학기술원 (협력)" */
export function ownersLabel(owners: ReportOwner[], locale: Locale): string {
	const t = reportText(locale);
	return owners.map((o) => `${pick(o.name, locale)} (${t.ownerRole[o.role]})`).join('; ');
}

export function milestoneStatusLabel(m: ReportMilestone, locale: Locale): string {
	return asCell(reportText(locale).milestoneStatus[m.status] ?? m.status);
}

/** Milestones in report order: by task (the five tasks first), then by their place in the task. */
export function milestonesInOrder(report: ReportData): ReportMilestone[] {
	const order = new Map(report.tasks.map((t) => [t.id, t.number]));
	return report.milestones
		.map((m, i) => ({ m, i }))
		.sort((a, b) => (order.get(a.m.taskId) ?? 0) - (order.get(b.m.taskId) ?? 0) || a.i - b.i)
		.map(({ m }) => m);
}

export function isOverdue(report: ReportData, m: ReportMilestone): boolean {
	return report.sections.overdue.includes(m.id);
}
