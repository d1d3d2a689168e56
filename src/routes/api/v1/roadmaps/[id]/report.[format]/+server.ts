/**
 * GET /api/v1/roadmaps/:id/report.{pdf,xlsx,csv,md,json}?lang=ko|en&since=YYYY-MM-DD
 * The live report, built now. Same authorization as reading the roadmap (public links too).
 * The PDF comes from renderReportPdf in $lib/server/reports/pdf/index.ts (R2's module), loaded
 * through render.ts on first use.
 */
import { authorize } from '$lib/server/auth/authorization';
import { db } from '$lib/server/context';
import { apiRoute } from '$lib/server/http/api';
import { parseReportQuery, readReportPages, reportViewer } from '$lib/server/reports/build';
import { downloadResponse, renderFromSource, reportFormat } from '$lib/server/reports/http';

export const GET = apiRoute(async (event) => {
	const format = reportFormat(event.params.format);
	const userId = event.locals.user?.id ?? null;
	const { roadmap } = await authorize(db(), userId, event.params.id!, 'export');
	const { lang, since } = parseReportQuery(event.url, event.locals.locale);
	// Only the queries run here; the large tables stay JSON text until the worker pool parses
	// them, assembles the report and renders it.
	const source = await readReportPages(db(), roadmap.id, {
		since,
		viewer: await reportViewer(db(), userId)
	});
	return downloadResponse(await renderFromSource(source, format, lang));
});
