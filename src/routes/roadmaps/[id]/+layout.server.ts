import type { LayoutServerLoad } from './$types';
import { can } from '$lib/server/auth/authorization';
import { requireRoadmap } from '$lib/server/http/guards';

export const load: LayoutServerLoad = async (event) => {
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
		isMember: access !== 'public'
	};
};
