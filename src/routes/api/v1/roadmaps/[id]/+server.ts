import { json } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorization';
import { db } from '$lib/server/context';
import { apiRoute } from '$lib/server/http/api';
import { getRoadmapView } from '$lib/server/roadmaps/read';

export const GET = apiRoute(async (event) => {
	const { roadmap, access } = await authorize(
		db(),
		event.locals.user?.id ?? null,
		event.params.id!,
		'read'
	);
	const view = await getRoadmapView(db(), roadmap.id);
	return json({ ...view, access, archived: roadmap.archivedAt !== null });
});
