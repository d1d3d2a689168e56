/**
 * Route plumbing shared by the report endpoints: the format from the URL, and the download
 * response with its name, type and caching rules.
 */
import { REPORT_FORMATS, type ReportData, type ReportFormat } from '../../report/model';
import { isOneOf, type Locale } from '../../roadmap/vocabulary';
import { services } from '../context';
import { DomainError } from '../errors';
import { assembleReport } from './assemble';
import type { RenderedReport } from './render';
import { parseSourcePages, type ReportSourcePages } from './source-pages';

/**
 * The renderers, loaded on first use: they pull in exceljs (~0.3 s to load on the 2-core machine),
 * which the server's main thread never needs when a worker pool renders (the first export after a
 * start held the event loop that long).
 */
const renderers = () => import('./render');

/** Renders on the worker pool when the process has one, else here. */
export async function render(
	report: ReportData,
	format: ReportFormat,
	locale: Locale
): Promise<RenderedReport> {
	const pool = services().reports;
	if (pool) return pool.render(report, format, locale);
	return (await renderers()).renderReport(report, format, locale);
}

/**
 * A live report from its rows (the large tables as JSON pages): parsed, assembled and rendered on
 * the worker pool when there is one.
 */
export async function renderFromSource(
	source: ReportSourcePages,
	format: ReportFormat,
	locale: Locale
): Promise<RenderedReport> {
	const pool = services().reports;
	if (pool) return pool.renderSource(source, format, locale);
	return (await renderers()).renderReport(assembleReport(parseSourcePages(source)), format, locale);
}

export function reportFormat(value: string | undefined): ReportFormat {
	if (isOneOf(REPORT_FORMATS, value)) return value;
	throw new DomainError(
		'not_found',
		404,
		`Reports come as ${REPORT_FORMATS.map((f) => `.${f}`).join(', ')}; "${String(value).slice(0, 20)}" is not one of them.`
	);
}

export function downloadResponse(rendered: RenderedReport): Response {
	return new Response(rendered.body as BodyInit, {
		headers: {
			'content-type': rendered.contentType,
			'content-disposition': rendered.disposition,
			// Reports can be private: never kept by shared caches, always rebuilt when asked again.
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}
