/**
 * The CSV export: one row per milestone with its task, progress, owners and description (whole).
 * RFC 4180 (CRLF, quotes doubled), UTF-8 with a byte-order mark so Excel opens Korean as Korean,
 * and formula-looking cells defused.
 */
import { stringify } from 'csv-stringify/sync';
import type { ReportData } from '../../report/model';
import { milestoneDescription, pick, reportDay, reportText } from '../../report/text';
import type { Locale } from '../../roadmap/vocabulary';
import {
	defuse,
	milestoneOwnersLabel,
	milestonesInOrder,
	milestoneStatusLabel,
	wholeCell
} from './cells';

export function renderReportCsv(report: ReportData, locale: Locale): string {
	const t = reportText(locale);
	const c = t.columns;
	const tasks = new Map(report.tasks.map((task) => [task.id, task]));
	const overdue = new Set(report.sections.overdue);
	const rows = milestonesInOrder(report).map((m) => {
		const task = tasks.get(m.taskId);
		return [
			String(task?.number ?? ''),
			pick(task?.title ?? { ko: '', en: '' }, locale),
			pick(m.title, locale),
			milestoneStatusLabel(m, locale),
			m.progress === null ? '' : `${m.progress}%`,
			m.startDate ?? '',
			m.dueDate ?? '',
			m.doneAt ? reportDay(m.doneAt) : '', // the day in KST, as the report's period counts
			overdue.has(m.id) ? t.columns.overdue : '',
			milestoneOwnersLabel(m, locale),
			wholeCell(milestoneDescription(m, locale))
		].map(defuse);
	});
	return stringify(
		[
			[
				c.number,
				c.task,
				c.milestone,
				c.status,
				c.progress,
				c.startDate,
				c.dueDate,
				c.doneAt,
				c.overdue,
				c.owners,
				c.description
			],
			...rows
		],
		// A line break inside a cell (a description's paragraphs) is quoted too: csv-stringify
		// quotes only the record delimiter (CRLF), and a bare LF or CR would end the row for Excel.
		{ bom: true, record_delimiter: 'windows', quoted_match: /^[ \t]|[ \t]$|[\r\n]/ }
	);
}
