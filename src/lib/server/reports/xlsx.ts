/**
 * The XLSX export, written with exceljs' streaming WorkbookWriter (rows are committed as they are
 * written, so a roadmap of thousands of milestones never sits in memory as a whole workbook).
 * Sheets Summary, Tasks, Milestones, Owners, Changes, named in the report's language; real date
 * cells (date-only values written as UTC midnight, so no time zone shifts them a day), percent
 * and number formats, frozen header rows, column widths and an autofilter on each table.
 *
 * Cells hold whole values: a milestone's description, a change's before and after (its sentence
 * alone shows excerpts), cut only beyond what an Excel cell holds (cells.ts, wholeCell).
 *
 * Every text cell is written as a plain string value: exceljs only writes a formula for a
 * `{ formula }` value, so a title like "=HYPERLINK(…)" stays text (0 formula cells).
 *
 * Data rows are written as XML here (rowXml), in exactly the markup exceljs' row and cell writers
 * make, with the style ids exceljs gives: going through exceljs' rows, cells and XML builder cost
 * ~13 µs a row under the profiler, half of a 20,000-row export's CPU. exceljs still writes
 * everything else (the workbook, styles, each sheet's columns, frozen pane, autofilter and header
 * row). report-exports.test.ts compares every part of the file, unzipped, with the one exceljs
 * writes row by row (the `exceljsRows` option, kept for that).
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ReportChange, ReportData } from '../../report/model';
import {
	changeValueText,
	describeChange,
	asCell,
	milestoneDescription,
	personLabel,
	pick,
	reportDay,
	reportText
} from '../../report/text';
import type { Locale } from '../../roadmap/vocabulary';
import {
	milestoneOwnersLabel,
	milestonesInOrder,
	milestoneStatusLabel,
	ownersLabel,
	wholeCell
} from './cells';
import { yieldToEventLoop } from '../event-loop';

const DATE = 'yyyy-mm-dd';
const DATE_TIME = 'yyyy-mm-dd hh:mm';
const PERCENT = '0%';
const INTEGER = '0';
/** Rows between pauses that let other work on the event loop run (and written in one piece). */
const YIELD_EVERY = 500;

/** A calendar day as the Date exceljs turns into that day's serial number (UTC midnight). */
const day = (value: string | null) => (value ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : null);
/** An instant as Korean wall-clock time, for a cell without a time zone. */
const kstWallClock = (iso: string) => new Date(new Date(iso).getTime() + 9 * 3_600_000);

interface Column {
	header: string;
	width: number;
	numFmt?: string;
}

export async function renderReportXlsx(
	report: ReportData,
	locale: Locale,
	/** exceljsRows: write data rows through exceljs' own row objects (the reference for tests). */
	{ exceljsRows = false }: { exceljsRows?: boolean } = {}
): Promise<Uint8Array> {
	const t = reportText(locale);
	const c = t.columns;
	const sink = new PassThrough();
	const chunks: Buffer[] = [];
	sink.on('data', (chunk: Buffer) => chunks.push(chunk));
	const finished = new Promise<void>((resolve, reject) => {
		sink.on('end', resolve);
		sink.on('error', reject);
	});
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
		stream: sink,
		useStyles: true,
		useSharedStrings: false
	});
	workbook.creator = 'Ieum';
	workbook.created = new Date(report.generatedAt);
	// Otherwise exceljs stamps the moment of writing: the same report (a saved one downloaded
	// again) would differ from one download to the next.
	workbook.modified = new Date(report.generatedAt);

	/**
	 * One style object per (number format, cell type), shared by every cell that has them. exceljs
	 * caches a style's id by object identity; its default of a fresh object per cell made it
	 * serialise and look up each cell's style again (a quarter of a 10,000-row export). The cell
	 * type is part of the key because exceljs picks a default format by type when none is given.
	 */
	const styles = new Map<string, Partial<ExcelJS.Style>>();
	const sharedStyle = (numFmt: string | undefined, type: ExcelJS.ValueType) => {
		const key = `${numFmt ?? ''}\u0000${type}`;
		let style = styles.get(key);
		if (!style) styles.set(key, (style = numFmt ? { numFmt } : {}));
		return style;
	};

	/** Rows have a style of their own too, a fresh empty one each unless shared like this. */
	const rowStyle: Partial<ExcelJS.Style> = {};
	/** The workbook's style ids, as exceljs registers them (first use first). */
	const styleRegistry = (workbook as unknown as WorkbookInternals).styles;
	const styleIds = new Map<Partial<ExcelJS.Style>, number>();
	const styleId = (style: Partial<ExcelJS.Style>, type: ExcelJS.ValueType) => {
		let id = styleIds.get(style);
		if (id === undefined) styleIds.set(style, (id = styleRegistry.addStyleModel(style, type)));
		return id;
	};

	let written = 0;
	/** `formats[r][i]` overrides column i's format in row r (a key–value sheet mixes kinds). */
	async function sheet(
		name: string,
		columns: Column[],
		rows: Iterable<unknown[]>,
		formats: (string | undefined)[][] = []
	) {
		const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
		ws.columns = columns.map((col, i) => ({
			key: String(i),
			width: col.width,
			style: col.numFmt ? { numFmt: col.numFmt } : {}
		}));
		const last = String.fromCharCode(64 + columns.length);
		ws.autoFilter = `A1:${last}1`;
		const header = ws.addRow(columns.map((col) => col.header));
		header.font = { bold: true };
		header.commit();
		let r = 0;
		if (!exceljsRows) {
			const raw = rawRows(ws);
			const rowStyleId = styleId(rowStyle, ExcelJS.ValueType.Number);
			let xml = '';
			for (const values of rows) {
				const override = formats[r++] ?? [];
				xml += rowXml(raw.next(), values, rowStyleId, (value, type, i) =>
					styleId(sharedStyle(override[i] ?? columns[i]?.numFmt, type), type)
				);
				if (++written % YIELD_EVERY === 0) {
					raw.write(xml);
					xml = '';
					await yieldToEventLoop();
				}
			}
			raw.write(xml);
			ws.commit();
			return;
		}
		for (const values of rows) {
			const row = ws.addRow(values);
			(row as unknown as { style: Partial<ExcelJS.Style> }).style = rowStyle; // untyped in exceljs
			const override = formats[r++] ?? [];
			values.forEach((_, i) => {
				const cell = row.getCell(i + 1);
				cell.style = sharedStyle(override[i] ?? columns[i]?.numFmt, cell.type);
			});
			row.commit();
			if (++written % YIELD_EVERY === 0) await yieldToEventLoop();
		}
		ws.commit();
	}

	const o = report.overall;
	await sheet(
		t.sheets.summary,
		[
			{ header: c.item, width: 28 },
			{ header: c.value, width: 60 }
		],
		[
			[t.summary.roadmap, pick(report.roadmap.title, locale)],
			[t.periodFrom, day(report.period.since)],
			[t.periodUntil, day(report.period.until)],
			[t.generatedAt, kstWallClock(report.generatedAt)],
			[t.generatedBy, report.generatedBy ? personLabel(report.generatedBy, locale) : t.anonymous],
			[t.overallProgress, o.progress / 100],
			[t.summary.tasks, o.tasks],
			[t.summary.milestones, o.milestones],
			[t.summary.milestonesDone, o.milestonesDone],
			[t.summary.milestonesOverdue, o.milestonesOverdue]
		],
		[
			[],
			[undefined, DATE],
			[undefined, DATE],
			[undefined, DATE_TIME],
			[],
			[undefined, PERCENT],
			[undefined, INTEGER],
			[undefined, INTEGER],
			[undefined, INTEGER],
			[undefined, INTEGER]
		]
	);

	await sheet(
		t.sheets.tasks,
		[
			{ header: c.number, width: 6, numFmt: INTEGER },
			{ header: c.task, width: 48 },
			{ header: c.status, width: 12 },
			{ header: c.progress, width: 10, numFmt: PERCENT },
			{ header: c.startDate, width: 12, numFmt: DATE },
			{ header: c.dueDate, width: 12, numFmt: DATE },
			{ header: c.milestones, width: 12, numFmt: INTEGER },
			{ header: c.done, width: 10, numFmt: INTEGER },
			{ header: c.overdue, width: 10, numFmt: INTEGER },
			{ header: c.owners, width: 48 }
		],
		report.tasks.map((task) => [
			task.number,
			pick(task.title, locale),
			asCell(t.taskStatus[task.status] ?? task.status),
			task.progress / 100,
			day(task.startDate),
			day(task.dueDate),
			task.milestones.total,
			task.milestones.done,
			task.milestones.overdue,
			ownersLabel(task.owners, locale)
		])
	);

	const tasks = new Map(report.tasks.map((task) => [task.id, task]));
	const overdue = new Set(report.sections.overdue);
	await sheet(
		t.sheets.milestones,
		[
			{ header: c.number, width: 6, numFmt: INTEGER },
			{ header: c.task, width: 36 },
			{ header: c.milestone, width: 48 },
			{ header: c.status, width: 12 },
			{ header: c.progress, width: 10, numFmt: PERCENT },
			{ header: c.startDate, width: 12, numFmt: DATE },
			{ header: c.dueDate, width: 12, numFmt: DATE },
			{ header: c.doneAt, width: 12, numFmt: DATE },
			{ header: c.overdue, width: 10 },
			{ header: c.owners, width: 48 },
			// Last, so the columns before keep their letters: at risk, blocked or late, it says why.
			{ header: c.description, width: 60 }
		],
		(function* () {
			for (const m of milestonesInOrder(report)) {
				const task = tasks.get(m.taskId);
				yield [
					task?.number ?? null,
					task ? pick(task.title, locale) : '',
					pick(m.title, locale),
					milestoneStatusLabel(m, locale),
					m.progress === null ? null : m.progress / 100,
					day(m.startDate),
					day(m.dueDate),
					m.doneAt ? day(reportDay(m.doneAt)) : null, // in KST, as the period counts days
					overdue.has(m.id) ? c.overdue : '',
					milestoneOwnersLabel(m, locale),
					wholeCell(milestoneDescription(m, locale))
				];
			}
		})()
	);

	await sheet(
		t.sheets.owners,
		// Organizations, then the sectors they add up to: the first column says which a row is.
		[
			{ header: c.kind, width: 10 },
			{ header: `${c.organization} / ${c.sector}`, width: 36 },
			{ header: c.sector, width: 12 },
			{ header: c.tasks, width: 10, numFmt: INTEGER },
			{ header: c.progress, width: 10, numFmt: PERCENT }
		],
		[
			...report.byOrganization.map((g) => [
				c.organization,
				pick(g.label, locale),
				g.sector ? t.sector[g.sector] : '',
				g.tasks,
				g.progress / 100
			]),
			...report.bySector.map((g) => [
				c.sector,
				g.sector ? t.sector[g.sector] : g.key,
				g.sector ? t.sector[g.sector] : '',
				g.tasks,
				g.tasks ? g.progress / 100 : null // no tasks: nothing to measure, not 0 %
			])
		]
	);

	// A before or after value as its own cell, whole (the sentence beside it shows excerpts): a
	// status starts with a capital there, as in the other sheets (the same words stay lower case
	// inside the sentence).
	const cellValue = (change: ReportChange, value: unknown) => {
		const text = changeValueText(change, value, locale);
		return wholeCell(change.field === 'status' ? asCell(text) : text);
	};

	await sheet(
		t.sheets.changes,
		[
			// The cells hold Korean wall-clock times (a spreadsheet's dates carry no zone): say so.
			{ header: `${c.when} (KST)`, width: 17, numFmt: DATE_TIME },
			{ header: c.who, width: 28 },
			{ header: c.task, width: 36 },
			{ header: c.change, width: 80 },
			{ header: c.before, width: 30 },
			{ header: c.after, width: 30 }
		],
		(function* () {
			for (const change of report.changes) {
				const task = change.taskId ? tasks.get(change.taskId) : undefined;
				yield [
					kstWallClock(change.at),
					personLabel(change.actor, locale),
					task ? pick(task.title, locale) : '',
					describeChange(change, locale, { day: false }),
					cellValue(change, change.before),
					cellValue(change, change.after)
				];
			}
		})()
	);

	await workbook.commit();
	await finished;
	return new Uint8Array(Buffer.concat(chunks));
}

/** The parts of exceljs' streaming writers that rowXml's rows go through (exceljs 4.4). */
interface WorkbookInternals {
	styles: { addStyleModel(style: Partial<ExcelJS.Style>, type: ExcelJS.ValueType): number };
}
interface WorksheetWriterInternals {
	startedData: boolean;
	_rowZero: number;
	_rows: unknown[];
	_writeColumns(): void;
	_writeOpenSheetData(): void;
	_write(text: string): void;
}

/**
 * Writes rows to a sheet's stream the way its own row commits do (columns and <sheetData> first),
 * numbering them after the rows exceljs wrote (the header).
 */
function rawRows(ws: ExcelJS.Worksheet) {
	const w = ws as unknown as WorksheetWriterInternals;
	if (w._rows.length) throw new Error('rawRows: commit the rows exceljs holds first');
	return {
		next: () => w._rowZero++,
		write(xml: string) {
			if (!xml) return;
			if (!w.startedData) {
				w._writeColumns();
				w._writeOpenSheetData();
				w.startedData = true;
			}
			w._write(xml);
		}
	};
}

/** exceljs' type of a cell value (only the kinds the report writes). */
function valueType(value: unknown): ExcelJS.ValueType {
	if (value === null || value === undefined) return ExcelJS.ValueType.Null;
	if (typeof value === 'number') return ExcelJS.ValueType.Number;
	if (typeof value === 'string') return ExcelJS.ValueType.String;
	if (value instanceof Date) return ExcelJS.ValueType.Date;
	throw new Error(`xlsx: no cell type for ${typeof value}`);
}

/** exceljs' utils.xmlEncode: markup characters escaped, characters XML cannot hold dropped. */
// eslint-disable-next-line no-control-regex -- the control characters are what it drops
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/g;
const XML_ESCAPES: Record<string, string> = {
	'"': '&quot;',
	'&': '&amp;',
	"'": '&apos;',
	'<': '&lt;',
	'>': '&gt;'
};
const xmlText = (text: string) => text.replace(XML_SPECIAL, (c) => XML_ESCAPES[c] ?? '');

/**
 * One row as exceljs' RowXform and CellXform write it: spans over every cell (empty ones too), an
 * empty cell only when it has a style, strings inline as t="str", dates as serial days (exceljs'
 * utils.dateToExcel, 1900 system).
 */
function rowXml(
	number: number,
	values: unknown[],
	rowStyleId: number,
	styleOf: (value: unknown, type: ExcelJS.ValueType, index: number) => number
): string {
	if (values.length > 26) throw new Error('xlsx: rowXml writes columns A to Z only');
	let xml = `<row r="${number}"`;
	if (values.length) xml += ` spans="1:${values.length}"`;
	if (rowStyleId) xml += ` s="${rowStyleId}" customFormat="1"`;
	xml += ' x14ac:dyDescent="0.25">';
	for (let i = 0; i < values.length; i++) {
		const value = values[i];
		const type = valueType(value);
		const s = styleOf(value, type, i);
		if (type === ExcelJS.ValueType.Null && !s) continue;
		xml += `<c r="${String.fromCharCode(65 + i)}${number}"${s ? ` s="${s}"` : ''}`;
		if (type === ExcelJS.ValueType.Null) xml += '/>';
		else if (type === ExcelJS.ValueType.String)
			xml += ` t="str"><v>${xmlText(value as string)}</v></c>`;
		else if (type === ExcelJS.ValueType.Date)
			xml += `><v>${25569 + (value as Date).getTime() / (24 * 3600 * 1000)}</v></c>`;
		else xml += `><v>${xmlText(String(value))}</v></c>`;
	}
	return `${xml}</row>`;
}
