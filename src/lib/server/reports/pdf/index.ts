/**
 * The PDF export of a progress report: A4, a title page, contents, the sections of the report
 * page with its bars, trend and timeline as vector graphics, and "n / N" page numbers. Text is
 * embedded as TrueType subsets with a ToUnicode map (pdfkit), so it can be searched and copied.
 *
 * The work is synchronous pdfkit calls with awaits in between (Flow.breathe), so rendering a large
 * roadmap never holds the event loop for long.
 */
import PDFDocument from 'pdfkit';
import type { Locale } from '../../../roadmap/vocabulary';
import { DESCRIBED_SECTIONS, type ReportData } from '../../../report/model';
import { REPORT_COLORS } from '../../../report/palette';
import { pick, readerDay, reportText } from '../../../report/text';
import { loadFonts } from './fonts';
import { A4, Flow, MARGIN } from './flow';
import {
	byTask,
	changes,
	CHANGES_HEADING_KEEP,
	contentsPage,
	groups,
	milestoneTable,
	milestoneTableStart,
	summary,
	timelineChart,
	titlePage,
	trendChart,
	type TocEntry
} from './sections';

export async function renderReportPdf(report: ReportData, locale: Locale): Promise<Uint8Array> {
	await loadFonts();
	const t = reportText(locale);
	const title = pick(report.roadmap.title, locale);
	const doc = new PDFDocument({
		size: 'A4',
		margin: 0,
		bufferPages: true,
		autoFirstPage: true,
		// No default font: pdfkit would open Helvetica (a font the PDF does not embed); every text
		// run selects one of ours first (Typesetter).
		font: null as unknown as string,
		lang: locale === 'ko' ? 'ko-KR' : 'en-GB',
		displayTitle: true,
		info: {
			Title: `${title} — ${t.report}`,
			Subject: `${t.period} ${readerDay(report.period.since, locale)} – ${readerDay(report.period.until, locale)}`,
			Creator: 'Ieum',
			// The generation time, not the render time: a saved report renders to the same document.
			CreationDate: new Date(report.generatedAt)
		}
	});
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const ended = new Promise<void>((resolve, reject) => {
		doc.on('end', resolve);
		doc.on('error', reject);
	});

	const flow = new Flow(doc);
	const toc: TocEntry[] = [];
	/** A heading kept on one page with at least `keep` points of its content. */
	const section = (name: string, level: 1 | 2 = 1, keep = 60) => {
		flow.heading(name, level, keep);
		// The heading may have moved to a new page: record the page it is on.
		toc.push({ title: name, level, page: flow.pageIndex + 1 });
		doc.outline.addItem(name);
	};

	titlePage(flow, report, locale);
	flow.newPage(); // contents, filled in at the end when the page numbers are known
	flow.newPage();

	section(t.sections.summary);
	summary(flow, report, locale);
	section(t.sections.byTask, 2);
	await byTask(flow, report, locale);
	section(t.sections.bySector, 2);
	await groups(flow, report.bySector, locale, true);
	section(t.sections.byOrganization, 2);
	await groups(flow, report.byOrganization, locale);

	section(t.sections.trend, 1, 150 + 40 + 14 * (report.tasks.length + 1));
	trendChart(flow, report, locale);
	section(t.sections.timeline, 1, 110);
	await timelineChart(flow, report, locale);

	// Its content starts with a subheading: kept with that and the subheading's own content.
	section(t.sections.milestones, 1, flow.headingSpace(2));
	for (const key of ['doneInPeriod', 'dueNext90Days', 'overdue', 'atRiskOrBlocked'] as const) {
		const ids = report.sections[key];
		const options = { descriptions: DESCRIBED_SECTIONS.has(key) };
		// Kept with the table's header and first row, which a long description makes taller.
		section(
			`${t.sections[key]} (${ids.length})`,
			2,
			Math.max(60, milestoneTableStart(flow, report, ids, locale, options))
		);
		await milestoneTable(flow, report, ids, locale, options);
	}

	section(
		t.sections.changes,
		1,
		report.changes.length ? flow.headingSpace(2, CHANGES_HEADING_KEEP, 2) : 60
	);
	await changes(flow, report, locale);

	doc.switchToPage(1);
	contentsPage(flow, toc, locale);

	const { start, count } = doc.bufferedPageRange();
	for (let page = start; page < start + count; page++) {
		doc.switchToPage(page);
		pageChrome(flow, title, t.report, t.pageOf(page + 1, count), page);
	}
	doc.end();
	await ended;
	return new Uint8Array(Buffer.concat(chunks));
}

/** Page number "n / N" at the foot of every page, and the report's name at the head of all
 * but the title page. */
function pageChrome(flow: Flow, title: string, label: string, pageOf: string, page: number) {
	const { ts } = flow;
	const foot = A4.height - MARGIN.bottom / 2 - 4;
	ts.line(pageOf, flow.left, foot, {
		size: 8.5,
		color: REPORT_COLORS.muted,
		width: flow.width,
		align: 'center'
	});
	if (page === 0) return;
	const style = { size: 7.5, color: REPORT_COLORS.muted };
	ts.line(ts.fit(title, flow.width - 120, style), flow.left, 30, style);
	ts.line(label, flow.left, 30, { ...style, width: flow.width, align: 'right' });
	flow.doc
		.moveTo(flow.left, 42)
		.lineTo(flow.left + flow.width, 42)
		.lineWidth(0.4)
		.strokeColor(REPORT_COLORS.line)
		.stroke();
}
