/**
 * GET  /api/v1/roadmaps/:id/reports            the saved reports, newest first (every reader)
 * POST /api/v1/roadmaps/:id/reports?since=…    save the report as it is now (owners and editors)
 */
import { json } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorization';
import { db } from '$lib/server/context';
import { apiRoute, routeRoadmap } from '$lib/server/http/api';
import { buildReport, parseReportQuery, reportViewer } from '$lib/server/reports/build';
import { listSnapshots, saveSnapshot } from '$lib/server/reports/snapshots';

export const GET = apiRoute(async (event) => {
	const { roadmap } = await routeRoadmap(event, 'read');
	return json({ reports: await listSnapshots(db(), roadmap.id) });
});

export const POST = apiRoute(async (event) => {
	const userId = event.locals.user?.id ?? null;
	const { roadmap } = await authorize(db(), userId, event.params.id!, 'edit');
	const { lang, since } = parseReportQuery(event.url, event.locals.locale);
	const report = await buildReport(db(), roadmap.id, {
		since,
		viewer: await reportViewer(db(), userId)
	});
	const saved = await saveSnapshot(db(), roadmap.id, userId, report, lang);
	return json(saved, { status: 201 });
});
