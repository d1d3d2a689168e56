/**
 * The report exports from a fixed roadmap at a fixed clock: golden files for CSV, Markdown and
 * JSON in both languages, the XLSX read back with exceljs, and the hostile cases (formulas, HTML).
 * Set UPDATE_GOLDEN=1 to rewrite the golden files after an intended change, then review the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportData } from '../../src/lib/report/model';
import { asCell, pick, REPORT_TEXT } from '../../src/lib/report/text';
import type { Locale } from '../../src/lib/roadmap/vocabulary';
import { buildReport, reportViewer } from '../../src/lib/server/reports/build';
import { renderReport } from '../../src/lib/server/reports/render';
import { renderReportXlsx } from '../../src/lib/server/reports/xlsx';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/databases';
import {
	buildReportRoadmap,
	HOSTILE,
	IDS,
	REPORT_NOW,
	REPORT_SINCE
} from '../helpers/report-roadmap';

const LANGS: Locale[] = ['ko', 'en'];
const text = (body: Uint8Array | string) =>
	typeof body === 'string' ? body : Buffer.from(body).toString('utf8');

describe.each(databaseKinds())('report exports on %s', (kind) => {
	let handle: TestDatabase;
	let report: ReportData;
	beforeAll(async () => {
		handle = await createTestDatabase(kind);
		const db = handle.database.db;
		await buildReportRoadmap(db);
		report = await buildReport(db, IDS.roadmap, {
			since: REPORT_SINCE,
			now: REPORT_NOW,
			viewer: await reportViewer(db, IDS.kim)
		});
	});
	afterAll(() => handle?.dispose());

	describe.each(LANGS)('in %s', (lang) => {
		it.each(['csv', 'md', 'json'] as const)('%s matches its golden file', async (format) => {
			const rendered = await renderReport(report, format, lang);
			const path = `tests/golden/report.${lang}.${format}`;
			if (process.env.UPDATE_GOLDEN || !existsSync(path)) writeFileSync(path, rendered.body);
			expect(text(rendered.body)).toBe(readFileSync(path, 'utf8'));
		});

		it('CSV: BOM, CRLF, one row per milestone, formulas defused', async () => {
			const csv = text((await renderReport(report, 'csv', lang)).body);
			expect(csv.startsWith('\ufeff')).toBe(true);
			const lines = csv.slice(1).split('\r\n').filter(Boolean);
			expect(lines).toHaveLength(1 + report.milestones.length);
			expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
			for (const cell of ["'+82 10 1234", "'-1 budget cut", "'@SUM(A1:A9)"])
				expect(csv).toContain(`,${cell},`);
			// Leading tab and carriage return are trimmed away with the rest of the outer whitespace.
			expect(csv).toContain(',indented,');
			expect(csv).toContain(',returned,');
			// No cell starts with a formula character.
			expect(csv).not.toMatch(/(^|,|\r\n)"?[=+\-@]/);
		});

		it('Markdown: HTML and script in titles are text', async () => {
			const md = text((await renderReport(report, 'md', lang)).body);
			expect(md).not.toMatch(/<script|<img|<b>/i);
			expect(md).toContain(lang === 'ko' ? '&lt;script&gt;' : '&lt;img src=x');
			expect(md).toContain('韓國');
			// NFD input comes out as NFC.
			if (lang === 'ko') expect(md).toContain('전력망 확충 특별법 통과'.normalize('NFC'));
			expect(md).not.toContain('전력망'.normalize('NFD'));
		});

		it('XLSX: every part of the file, unzipped, is what exceljs writes row by row', async () => {
			// Characters XML escapes or cannot hold, in a title that is written to two sheets.
			const odd = 'a\u0001b\u000bc\td\re <&> \'q\' "qq" \u007f끝';
			const tricky: ReportData = {
				...report,
				milestones: report.milestones.map((m, i) =>
					i === 0 ? { ...m, title: { ko: odd, en: odd } } : m
				)
			};
			const ours = await renderReportXlsx(tricky, lang);
			const reference = await renderReportXlsx(tricky, lang, { exceljsRows: true });
			const parts = async (bytes: Uint8Array) => {
				const zip = await JSZip.loadAsync(bytes);
				const names = Object.keys(zip.files).sort();
				return Promise.all(
					names.map(async (name) => [name, await zip.file(name)!.async('string')] as const)
				);
			};
			const [a, b] = await Promise.all([parts(ours), parts(reference)]);
			expect(a.map(([name]) => name)).toEqual(b.map(([name]) => name));
			for (const [i, [name, xml]] of a.entries()) expect(xml, name).toBe(b[i][1]);
			expect(a.find(([name]) => name === 'xl/worksheets/sheet3.xml')![1]).toContain(
				'abc\td\re &lt;&amp;&gt; &apos;q&apos; &quot;qq&quot; 끝'
			);
		});

		it('“Done on” is the day in Korea, as the report’s period counts days, in CSV and XLSX', async () => {
			// Done at 20:00 UTC on 30 March: 05:00 on 31 March in Seoul.
			// (One whose title a cell shows as it is: the other done one is the formula case.)
			const done = report.milestones.find(
				(m) => m.status === 'done' && /^[\p{L}\d]/u.test(pick(m.title, lang))
			)!;
			const late: ReportData = {
				...report,
				milestones: report.milestones.map((m) =>
					m.id === done.id ? { ...m, doneAt: '2026-03-30T20:00:00.000Z' } : m
				)
			};
			const csv = text((await renderReport(late, 'csv', lang)).body);
			const row = csv.split('\r\n').find((line) => line.includes(pick(done.title, lang)))!;
			expect(row).toContain(',2026-03-31,');
			expect(row).not.toContain('2026-03-30');
			const workbook = new ExcelJS.Workbook();
			const bytes = (await renderReport(late, 'xlsx', lang)).body as Uint8Array;
			await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
			const sheet = workbook.getWorksheet(REPORT_TEXT[lang].sheets.milestones)!;
			const doneCells = (sheet.getColumn(8).values as unknown[]).filter((v) => v instanceof Date);
			expect(doneCells).toContainEqual(new Date('2026-03-31T00:00:00Z'));
		});

		it('XLSX: sheets in the language, typed cells, frozen headers, no formula at all', async () => {
			const t = REPORT_TEXT[lang];
			const bytes = (await renderReport(report, 'xlsx', lang)).body as Uint8Array;
			const workbook = new ExcelJS.Workbook();
			await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
			expect(workbook.worksheets.map((w) => w.name)).toEqual([
				t.sheets.summary,
				t.sheets.tasks,
				t.sheets.milestones,
				t.sheets.owners,
				t.sheets.changes
			]);
			const tasks = workbook.getWorksheet(t.sheets.tasks)!;
			expect(tasks.getRow(1).getCell(2).value).toBe(t.columns.task);
			expect(tasks.getCell('D2').value).toBe(0.4);
			expect(tasks.getCell('D2').numFmt).toBe('0%');
			expect(tasks.getCell('E2').value).toEqual(new Date('2026-01-01T00:00:00Z'));
			expect(tasks.getCell('E2').numFmt).toBe('yyyy-mm-dd');
			expect(tasks.getCell('A2').type).toBe(ExcelJS.ValueType.Number);
			expect(tasks.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
			expect(tasks.getColumn(2).width).toBe(48);

			// A sector no task involves has no progress to show: an empty cell, not 0 %.
			const owners = workbook.getWorksheet(t.sheets.owners)!;
			const rows = owners.getSheetValues().filter(Array.isArray) as unknown[][];
			const other = rows.find((r) => r[1] === t.columns.sector && r[2] === t.sector.other)!;
			expect(other[4]).toBe(0);
			expect(other[5] ?? null).toBeNull();
			// Every row says whether it is an organization or a sector.
			const kinds = new Set(rows.slice(1).map((r) => r[1]));
			expect(kinds).toEqual(new Set([t.columns.organization, t.columns.sector]));

			const milestones = workbook.getWorksheet(t.sheets.milestones)!;
			const titles = milestones.getColumn(3).values as unknown[];
			for (const hostile of [HOSTILE.formula, HOSTILE.plus, HOSTILE.minus, HOSTILE.at])
				expect(titles).toContain(hostile);
			expect(milestones.rowCount).toBe(1 + report.milestones.length);
			// Each milestone's own progress, as a percentage cell.
			expect(milestones.getCell('E1').value).toBe(t.columns.progress);
			const progress = (milestones.getColumn(5).values as unknown[]).slice(2);
			expect(progress.every((v) => v === null || (typeof v === 'number' && v >= 0 && v <= 1))).toBe(
				true
			);
			expect(progress.some((v) => typeof v === 'number' && v > 0)).toBe(true);
			expect(milestones.getCell('E2').numFmt).toBe('0%');
			// The change sheet's before and after cells say it in words: labels, not codes.
			const changes = workbook.getWorksheet(t.sheets.changes)!;
			expect(changes.getCell('A1').value).toBe(`${t.columns.when} (KST)`);
			const values: unknown[] = [];
			changes.eachRow((row, n) => {
				if (n > 1) values.push(row.getCell(5).value, row.getCell(6).value);
			});
			expect(values).toEqual(
				expect.arrayContaining([
					asCell(t.milestoneStatus.planned),
					asCell(t.milestoneStatus.in_progress),
					'25%'
				])
			);
			for (const code of ['in_progress', 'at_risk']) expect(values).not.toContain(code);
			// The sentence leaves the date to the time column beside it.
			changes.eachRow((row, n) => {
				if (n > 1) expect(String(row.getCell(4).value)).not.toMatch(/, \d{4}-\d{2}-\d{2}$/);
			});
			const summary = workbook.getWorksheet(t.sheets.summary)!;
			expect(summary.getCell('B3').value).toEqual(new Date('2026-02-01T00:00:00Z'));
			expect(summary.getCell('B7').numFmt).toBe('0%');

			let formulas = 0;
			let strings = 0;
			for (const ws of workbook.worksheets)
				ws.eachRow((row) =>
					row.eachCell((cell) => {
						if (cell.type === ExcelJS.ValueType.Formula) formulas++;
						if (cell.type === ExcelJS.ValueType.String) strings++;
					})
				);
			expect(formulas).toBe(0);
			expect(strings).toBeGreaterThan(50);
			// And in the file itself: no <f> element in any sheet.
			const zip = await JSZip.loadAsync(bytes);
			const sheets = Object.keys(zip.files).filter((f) => f.startsWith('xl/worksheets/sheet'));
			expect(sheets).toHaveLength(5);
			for (const name of sheets) {
				const xml = await zip.file(name)!.async('string');
				expect(xml).not.toMatch(/<f[ >]/);
				expect(xml).toContain('<autoFilter');
			}
		});

		it('names the download after the roadmap and the date, Korean kept', async () => {
			const rendered = await renderReport(report, 'csv', lang);
			expect(rendered.filename).toMatch(
				lang === 'ko' ? / 이정표 2026-03-15\.csv$/ : / milestones 2026-03-15\.csv$/
			);
			expect(rendered.filename).not.toMatch(/[<>/\\"]/);
			expect(rendered.disposition).toMatch(
				/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/
			);
			const encoded = rendered.disposition.split("UTF-8''")[1];
			expect(decodeURIComponent(encoded)).toBe(rendered.filename);
			if (lang === 'ko') expect(rendered.filename).toContain('韓國 AI 전략 점검');
		});
	});

	it('JSON is the report itself, with its schema version', async () => {
		const json = JSON.parse(text((await renderReport(report, 'json', 'en')).body));
		expect(json.schema).toBe('ieum.report/v1');
		expect(json).toEqual(JSON.parse(JSON.stringify(report)));
	});
});
