import type { LayoutServerLoad } from './$types';
import { can } from '$lib/server/auth/authorization';
import { requireRoadmap } from '$lib/server/http/guards';
import { ROADMAP_ACCESS } from '$lib/plan/dependencies';

export const load: LayoutServerLoad = async (event) => {
	// Read again when the server says the roadmap or its members changed (ROADMAP_ACCESS).
	event.depends(ROADMAP_ACCESS);
	const { roadmap, access } = await requireRoadmap(event, event.params.id, 'read');
	return {
		roadmap: {
			id: roadmap.id,
			title: roadmap.title,
			titleEn: roadmap.titleEn,
			publicRead: roadmap.publicRead,
			archived: roadmap.archivedAt !== null,
			isDemo: roadmap.seedKey !== null
		},
		access,
		canManage: can(access, 'manage'),
		/** Editing is also closed while the roadmap is archived. */
		canEdit: can(access, 'edit') && roadmap.archivedAt === null,
		isMember: access !== 'public'
	};
};
