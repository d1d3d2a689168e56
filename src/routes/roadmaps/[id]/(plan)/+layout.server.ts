import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { searchOrganizations } from '$lib/server/accounts/organizations';
import { can } from '$lib/server/auth/authorization';
import { db } from '$lib/server/context';
import { firstOrganizations } from '$lib/server/reports/build';
import { listMembers } from '$lib/server/roadmaps/members';
import { findDemoRoadmapId, getRoadmapView } from '$lib/server/roadmaps/read';
import { colorFor } from '$lib/collab/colors';
import { ownerSectorsOf } from '$lib/roadmap/plan-data';
import type { Sector } from '$lib/roadmap/vocabulary';

/**
 * What every view of the plan (outline, board, balance) starts from: the projection's view (the
 * no-JS outline renders it; the layout derives RoadmapData from it for the rest), and who may own
 * what. It must not
 * read the URL's query: the filter changes it, and the plan need not be loaded again for that.
 */
export const load: LayoutServerLoad = async ({ params, parent, locals }) => {
	const { access, roadmap } = await parent(); // authorization happens in the layout
	const [view, organizations, demoId, members] = await Promise.all([
		getRoadmapView(db(), params.id),
		searchOrganizations(db(), '', 500),
		findDemoRoadmapId(db()),
		// People are offered as owners to members only; public readers see no names but owners'.
		access === 'public' ? [] : listMembers(db(), params.id)
	]);
	if (!view) error(404, 'Roadmap not found');
	const people = peopleOf(members, view);
	const homes = await firstOrganizations(
		db(),
		people.map((p) => p.id)
	);
	const sectors: Record<string, Sector> = Object.fromEntries([
		...organizations.map((o) => [o.id, o.sector]),
		...ownerSectorsOf(view),
		...[...homes].map(([userId, home]) => [userId, home.sector])
	]);
	return {
		view,
		organizations,
		people: people.map((p) => ({
			...p,
			sector: homes.get(p.id)?.sector ?? null,
			organizationId: homes.get(p.id)?.id ?? null
		})),
		sectors,
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
