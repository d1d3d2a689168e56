import type { PageServerLoad } from './$types';
import { colorFor } from '$lib/collab/colors';
import { can } from '$lib/server/auth/authorization';

// Only what the live timeline needs, as the roadmap page decides it: the timeline draws from the
// live doc, so the server sends no plan (with 10,000 milestones the roadmap page's server-rendered
// view alone is megabytes). The plan pages' group layout takes this over at merge.
export const load: PageServerLoad = async ({ parent, locals }) => {
	const { access, roadmap } = await parent(); // authorization happens in the layout
	return {
		canEdit: can(access, 'edit') && !roadmap.archived,
		presence: {
			name: locals.user?.name ?? 'Guest',
			color: locals.user ? colorFor(locals.user.id) : '#6b7280'
		}
	};
};
