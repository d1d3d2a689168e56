import { json } from '@sveltejs/kit';
import { db } from '$lib/server/context';
import { apiRoute, routeRoadmap } from '$lib/server/http/api';
import { getRoadmapView } from '$lib/server/roadmaps/read';

export const GET = apiRoute(async (event) => {
	const { roadmap, access } = await routeRoadmap(event, 'read');
	const view = await getRoadmapView(db(), roadmap.id);
	return json({ ...view, access, archived: roadmap.archivedAt !== null });
});
