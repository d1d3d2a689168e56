/**
 * GET /api/v1/roadmaps/:id/reports/compare?a=<snapshotId>&b=<snapshotId|live>
 * What moved between two saved reports (or a saved one and the report as it is now).
 */
import { json } from '@sveltejs/kit';
import { db } from '$lib/server/context';
import { ApiError, apiRoute, routeRoadmap } from '$lib/server/http/api';
import { buildReport } from '$lib/server/reports/build';
import { compareReports } from '$lib/server/reports/compare';
import { getSnapshot } from '$lib/server/reports/snapshots';

export const GET = apiRoute(async (event) => {
	const { roadmap } = await routeRoadmap(event, 'read');
	const a = event.url.searchParams.get('a');
	const b = event.url.searchParams.get('b');
	if (!a || !b)
		throw new ApiError(
			400,
			'invalid_input',
			'Name the two reports to compare: ?a=<saved report id>&b=<saved report id or "live">.'
		);
	const load = async (id: string) =>
		id === 'live'
			? buildReport(db(), roadmap.id, {})
			: (await getSnapshot(db(), roadmap.id, id)).report;
	return json(compareReports(await load(a), await load(b)));
});
