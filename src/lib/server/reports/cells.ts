/**
 * Shared helpers for the tabular exports (CSV, XLSX, Markdown): the words and values a row holds,
 * in the report's language, and the guard that keeps a cell from ever becoming a formula.
 */
import type { ReportData, ReportMilestone, ReportOwner } from '../../report/model';
import { asCell, milestoneOwnersText, pick, reportText } from '../../report/text';
import type { Locale } from '../../roadmap/vocabulary';

/**
 * Spreadsheet programs run a cell that starts with = + - @ (or tab / carriage return, which some
 * strip first) as a formula: "CSV injection". A leading apostrophe makes it text (OWASP's advice).
 */
export function defuse(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The most characters (UTF-16 units) an Excel cell holds; a longer text is cut to it. */
export const CELL_LIMIT = 32_767;

/**
 * A text whole, as a spreadsheet cell holds it: cut (ending in "…") only beyond Excel's limit,
 * which Excel would otherwise enforce by refusing or truncating the file's cell. Never cuts a
 * surrogate pair in two.
 */
export function wholeCell(text: string, limit = CELL_LIMIT): string {
	if (text.length <= limit) return text;
	let end = limit - 1;
	const last = text.charCodeAt(end - 1);
	if (last >= 0xd800 && last <= 0xdbff) end--; // a high surrogate whose pair would be cut off
	return `${text.slice(0, end)}…`;
}

/** "메모리 반도체 기업 (주관); 한국과학기술원 (협력)" */
export function ownersLabel(owners: ReportOwner[], locale: Locale): string {
	const t = reportText(locale);
	return owners.map((o) => `${pick(o.name, locale)} (${t.ownerRole[o.role]})`).join('; ');
}

/** A milestone's owners, marked as its task's when it has none of its own. */
export const milestoneOwnersLabel = (m: ReportMilestone, locale: Locale): string =>
	milestoneOwnersText(m, ownersLabel(m.owners, locale), locale);

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
