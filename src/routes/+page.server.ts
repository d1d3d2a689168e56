import type { PageServerLoad } from './$types';
import { db } from '$lib/server/context';
import { findDemoRoadmapId, getRoadmapView } from '$lib/server/roadmaps/read';

export const load: PageServerLoad = async () => {
	const demoId = await findDemoRoadmapId(db());
	return { demo: demoId ? await getRoadmapView(db(), demoId) : null };
};
