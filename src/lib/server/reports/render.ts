/**
 * One report in one format: the bytes, their media type and the download name. The API routes
 * for live and saved reports both answer through here, so a saved report renders exactly like a
 * live one built from the same data.
 */
import type { ReportData, ReportFormat } from '../../report/model';
import type { Locale } from '../../roadmap/vocabulary';
import { renderReportCsv } from './csv';
import { reportDownload, type ReportDownload } from './filename';
import { renderReportMarkdown } from './markdown';
import { renderReportXlsx } from './xlsx';

export interface RenderedReport extends ReportDownload {
	body: Uint8Array | string;
	contentType: string;
}

export const CONTENT_TYPES: Record<ReportFormat, string> = {
	pdf: 'application/pdf',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	csv: 'text/csv; charset=utf-8; header=present',
	md: 'text/markdown; charset=utf-8',
	json: 'application/json; charset=utf-8'
};

export function renderReportJson(report: ReportData): string {
	return JSON.stringify(report, null, 2) + '\n';
}

export async function renderReport(
	report: ReportData,
	format: ReportFormat,
	locale: Locale
): Promise<RenderedReport> {
	const download = reportDownload(report, format, locale);
	const contentType = CONTENT_TYPES[format];
	switch (format) {
		case 'csv':
			return { ...download, contentType, body: renderReportCsv(report, locale) };
		case 'md':
			return { ...download, contentType, body: renderReportMarkdown(report, locale) };
		case 'json':
			return { ...download, contentType, body: renderReportJson(report) };
		case 'xlsx':
			return { ...download, contentType, body: await renderReportXlsx(report, locale) };
		case 'pdf': {
			// The PDF renderer (pdf/index.ts) is loaded on first use: pdfkit and the fonts stay out of
			// memory for servers that never print.
			const { renderReportPdf } = await import('./pdf/index');
			return { ...download, contentType, body: await renderReportPdf(report, locale) };
		}
	}
}
