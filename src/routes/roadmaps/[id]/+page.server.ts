import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { searchOrganizations } from '$lib/server/accounts/organizations';
import { can } from '$lib/server/auth/authorization';
import { db } from '$lib/server/context';
import { findDemoRoadmapId, getRoadmapView } from '$lib/server/roadmaps/read';
import { colorFor } from '$lib/collab/colors';

export const load: PageServerLoad = async ({ params, parent, locals }) => {
	const { access, roadmap } = await parent(); // authorization happens in the layout
	const [view, organizations, demoId] = await Promise.all([
		getRoadmapView(db(), params.id),
		searchOrganizations(db(), '', 500),
		findDemoRoadmapId(db())
	]);
	if (!view) error(404, 'Roadmap not found');
	return {
		view,
		organizations,
		isDemo: demoId === params.id,
		canEdit: can(access, 'edit') && !roadmap.archived,
		presence: {
			name: locals.user?.name ?? 'Guest',
			color: locals.user ? colorFor(locals.user.id) : '#6b7280'
		}
	};
};
