import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/context';
import { getRoadmapView } from '$lib/server/roadmaps/read';

export const load: PageServerLoad = async ({ params, parent }) => {
	await parent(); // authorization happens in the layout
	const view = await getRoadmapView(db(), params.id);
	if (!view) error(404, 'Roadmap not found');
	return { view };
};
