/**
 * GET /api/v1/roadmaps/:id/reports/:snapshotId.{pdf,xlsx,csv,md,json}?lang=ko|en
 * A saved report, rendered from its frozen copy: exactly as it was when saved.
 */
import { db } from '$lib/server/context';
import { apiRoute, routeRoadmap } from '$lib/server/http/api';
import { parseReportQuery } from '$lib/server/reports/build';
import { downloadResponse, render, reportFormat } from '$lib/server/reports/http';
import { getSnapshot } from '$lib/server/reports/snapshots';

export const GET = apiRoute(async (event) => {
	const format = reportFormat(event.params.format);
	const { roadmap } = await routeRoadmap(event, 'export');
	const { lang } = parseReportQuery(event.url, event.locals.locale);
	const snapshot = await getSnapshot(db(), roadmap.id, event.params.snapshotId!);
	return downloadResponse(await render(snapshot.report, format, lang));
});
