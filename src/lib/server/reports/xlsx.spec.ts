import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { reportFixture, withDescriptions } from '../../../../tests/helpers/report-fixture';
import { sampleChange } from '../../report/change-fixture';
import type { ReportChange, ReportData } from '../../report/model';
import { describeChange, REPORT_TEXT } from '../../report/text';
import type { Locale } from '../../roadmap/vocabulary';
import { CELL_LIMIT, wholeCell } from './cells';
import { renderReportCsv } from './csv';
import { renderReportXlsx } from './xlsx';

/** The workbook read back with exceljs, as a spreadsheet program would open it. */
async function workbookOf(report: ReportData, locale: Locale) {
	const workbook = new ExcelJS.Workbook();
	const bytes = await renderReportXlsx(report, locale);
	await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
	return workbook;
}

/** Each data row's cells (1-based, as exceljs numbers them) of a sheet. */
function rowsOf(workbook: ExcelJS.Workbook, name: string): unknown[][] {
	const sheet = workbook.getWorksheet(name)!;
	const rows: unknown[][] = [];
	sheet.eachRow((row, n) => {
		if (n > 1) rows.push(row.values as unknown[]);
	});
	return rows;
}

/** Words, 300 characters in all: a long summary or description as people write them. */
const words300 = (lead: string) =>
	`${lead} ${'budget execution and procurement review '.repeat(8)}`.slice(0, 300);

describe('the XLSX change sheet', () => {
	const long = words300('Before:');
	const longAfter = words300('After:');
	const template = 'Korean AI strategy: five core tasks';
	const longTask = `${'Semiconductor and AI infrastructure programme '.repeat(3)}(phase 2)`;
	const changes: ReportChange[] = [
		sampleChange({ field: 'descriptionEn', before: long, after: longAfter }),
		sampleChange({
			entityType: 'roadmap',
			entityId: 'roadmap-1',
			taskId: null,
			field: 'created',
			before: null,
			after: { template: { ko: template, en: template }, tasks: 5, milestones: 20 }
		}),
		sampleChange({
			field: 'taskId',
			before: { taskId: 'task-1', title: { ko: '', en: 'Short' } },
			after: { taskId: 'task-2', title: { ko: '', en: longTask } }
		}),
		sampleChange({ field: 'titleEn', before: 'x', after: 'y'.repeat(CELL_LIMIT + 10) })
	];

	it('holds a 300-character before and after value whole, the sentence keeping its excerpt', async () => {
		expect(long).toHaveLength(300);
		const t = REPORT_TEXT.en;
		const rows = rowsOf(await workbookOf(reportFixture({ changes }), 'en'), t.sheets.changes);
		const [text, creation, move, huge] = rows;
		expect(text[5]).toBe(long);
		expect(text[6]).toBe(longAfter);
		// The sentence beside them still shows what changed, short.
		expect(text[4]).toBe(describeChange(changes[0], 'en', { day: false }));
		expect(String(text[4]).length).toBeLessThan(200);
		expect(creation[6]).toBe(`${template} (5 tasks, 20 milestones)`);
		expect(move[6]).toBe(longTask);
		expect(longTask.length).toBeGreaterThan(60);
		// Only beyond what a cell of Excel holds is a value cut.
		expect(huge[6]).toBe(`${'y'.repeat(CELL_LIMIT - 1)}…`);
	});

	it('in Korean too, a status cell still starting as a label', async () => {
		const t = REPORT_TEXT.ko;
		const status = sampleChange({});
		const ko = words300('변경 전:');
		const rows = rowsOf(
			await workbookOf(
				reportFixture({
					changes: [status, sampleChange({ field: 'descriptionKo', before: ko, after: '' })]
				}),
				'ko'
			),
			t.sheets.changes
		);
		expect(rows[0][5]).toBe(t.milestoneStatus.planned);
		expect(rows[1][5]).toBe(ko);
		expect(rows[1][6] ?? '').toBe('');
	});
});

describe('milestone descriptions in the spreadsheets', () => {
	const why = {
		ko: '1차 점검 완료.\n예산 집행률 45%.',
		en: `Delayed by procurement; recovery plan agreed with KISTEP on 2026-09-20. ${words300('')}`
	};
	const described = () =>
		withDescriptions(reportFixture(), { 'm-4': why, 'm-5': { ko: '', en: '-1 budget cut' } });

	it('XLSX: a Description column, last, holding each milestone’s description whole', async () => {
		for (const locale of ['ko', 'en'] as const) {
			const t = REPORT_TEXT[locale];
			const workbook = await workbookOf(described(), locale);
			const sheet = workbook.getWorksheet(t.sheets.milestones)!;
			expect(sheet.getCell('K1').value).toBe(t.columns.description);
			// The columns before keep their letters.
			expect(sheet.getCell('C1').value).toBe(t.columns.milestone);
			expect(sheet.getCell('J1').value).toBe(t.columns.owners);
			const rows = rowsOf(workbook, t.sheets.milestones);
			const atRisk = rows.find((r) => String(r[3]).includes('韓國'))!;
			expect(atRisk[11]).toBe(why[locale]);
			// Written in English only: shown in Korean too; a cell is never a formula.
			const blocked = rows.find((r) => r[3] === described().milestones[4].title[locale])!;
			expect(blocked[11]).toBe('-1 budget cut');
			// No description: an empty cell.
			expect(rows.filter((r) => r[11]).length).toBe(2);
		}
	});

	it('CSV: a Description column, last, whole, a line break inside quotes and formulas defused', () => {
		const t = REPORT_TEXT.ko;
		const csv = renderReportCsv(described(), 'ko');
		const [header] = csv.slice(1).split('\r\n');
		expect(header.endsWith(`,${t.columns.owners},${t.columns.description}`)).toBe(true);
		expect(csv).toContain(`,"${why.ko}"\r\n`);
		expect(csv).toContain(`,'-1 budget cut\r\n`);
		// Every record still ends in CRLF: the quoted line break is the only bare LF.
		expect(csv.match(/(?<!\r)\n/g)).toHaveLength(1);
	});
});

describe('wholeCell', () => {
	it('keeps a text up to Excel’s cell limit and cuts beyond it, never inside a surrogate pair', () => {
		expect(wholeCell('짧다')).toBe('짧다');
		expect(wholeCell('a'.repeat(CELL_LIMIT))).toHaveLength(CELL_LIMIT);
		expect(wholeCell('abcdef', 4)).toBe('abc…');
		expect(wholeCell('ab😀def', 4)).toBe('ab…');
		expect(wholeCell('abc😀f', 5)).toBe('abc…');
	});
});
