import type { PageServerLoad } from './$types';
import { db } from '$lib/server/context';
import { requireUser } from '$lib/server/http/guards';
import { listMyRoadmaps } from '$lib/server/roadmaps/manage';
import { findDemoRoadmapId } from '$lib/server/roadmaps/read';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const [active, archived, demoId] = await Promise.all([
		listMyRoadmaps(db(), user.id),
		listMyRoadmaps(db(), user.id, { archived: true }),
		findDemoRoadmapId(db())
	]);
	return { active, archived, demoId };
};
