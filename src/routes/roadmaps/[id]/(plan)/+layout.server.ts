import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { searchOrganizations } from '$lib/server/accounts/organizations';
import { can } from '$lib/server/auth/authorization';
import { db } from '$lib/server/context';
import { listMembers } from '$lib/server/roadmaps/members';
import { findDemoRoadmapId, getRoadmapView } from '$lib/server/roadmaps/read';
import { colorFor } from '$lib/collab/colors';

export const load: PageServerLoad = async ({ params, parent, locals }) => {
	const { access, roadmap } = await parent(); // authorization happens in the layout
	const [view, organizations, demoId, members] = await Promise.all([
		getRoadmapView(db(), params.id),
		searchOrganizations(db(), '', 500),
		findDemoRoadmapId(db()),
		// People are offered as owners to members only; public readers see no names but owners'.
		access === 'public' ? [] : listMembers(db(), params.id)
	]);
	if (!view) error(404, 'Roadmap not found');
	return {
		view,
		organizations,
		people: peopleOf(members, view),
		isDemo: demoId === params.id,
		canEdit: can(access, 'edit') && !roadmap.archived,
		presence: {
			name: locals.user?.name ?? 'Guest',
			color: locals.user ? colorFor(locals.user.id) : '#6b7280'
		}
	};
};

/**
 * Members (offered as owners) and the people already named as owners who are not members any
 * more (only so their names show).
 */
function peopleOf(
	members: { userId: string; name: string }[],
	view: NonNullable<Awaited<ReturnType<typeof getRoadmapView>>>
) {
	const people = new Map(
		members.map((p) => [p.userId, { id: p.userId, name: p.name, isMember: true }])
	);
	const owners = view.tasks.flatMap((t) => [
		...t.owners,
		...t.milestones.flatMap((ms) => ms.owners)
	]);
	for (const o of owners)
		if (o.kind === 'user' && !people.has(o.id))
			people.set(o.id, { id: o.id, name: o.name, isMember: false });
	return [...people.values()];
}
