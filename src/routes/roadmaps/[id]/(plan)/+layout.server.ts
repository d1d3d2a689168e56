import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { searchOrganizations } from '$lib/server/accounts/organizations';
import { db } from '$lib/server/context';
import { firstOrganizations } from '$lib/server/reports/build';
import { listMembers } from '$lib/server/roadmaps/members';
import { readFirstScreen } from '$lib/server/roadmaps/first-screen';
import { findDemoRoadmapId, getRoadmapView } from '$lib/server/roadmaps/read';
import { colorFor } from '$lib/collab/colors';
import { filterSearch, ownerChoices, parseFilter, type PlanFilter } from '$lib/roadmap/filter';
import { firstScreen, type PlanCounts } from '$lib/roadmap/first-screen';
import { ownersIn, ownerSectorsOf, planDataOf } from '$lib/roadmap/plan-data';
import { READER_ZONE_COOKIE, readerToday } from '$lib/roadmap/reader-day';
import type { Sector } from '$lib/roadmap/vocabulary';

/**
 * What every view of the plan (outline, board, balance) starts from: the projection's view (the
 * no-JS outline renders it; the layout derives RoadmapData from it for the rest), and who may own
 * what. The page gets only the plan's first screen (see $lib/roadmap/first-screen) narrowed by
 * the filter in the URL, with the counts that screen needs. The query and the route are read
 * untracked: a filter or view change in the browser must not load the plan again (the live doc
 * has it by then).
 */
export const load: LayoutServerLoad = async ({
	params,
	parent,
	locals,
	url,
	route,
	untrack,
	cookies
}) => {
	const { access } = await parent(); // authorization happens in the layout
	const { filter, whole } = untrack(() => ({
		filter: parseFilter(url.searchParams),
		whole: url.searchParams.get('milestones') === 'all' || !!route.id?.endsWith('/balance')
	}));
	// With no filter the database cuts the first screen itself (first-screen.ts); a filter is
	// decided on the whole plan here.
	const firstScreenOnly = !whole && filterSearch(filter) === '';
	const [read, organizations, demoId, members] = await Promise.all([
		firstScreenOnly
			? readFirstScreen(db(), params.id)
			: getRoadmapView(db(), params.id).then(
					(view) => view && { view, counts: null, milestoneOwners: [] }
				),
		searchOrganizations(db(), '', 500),
		findDemoRoadmapId(db()),
		// People are offered as owners to members only; public readers see no names but owners'.
		access === 'public' ? [] : listMembers(db(), params.id)
	]);
	if (!read) error(404, 'Roadmap not found');
	const { view } = read;
	const owners = [...ownersIn(view), ...read.milestoneOwners];
	const people = peopleOf(members, owners);
	const homes = await firstOrganizations(
		db(),
		people.map((p) => p.id)
	);
	const sectors: Record<string, Sector> = Object.fromEntries([
		...organizations.map((o) => [o.id, o.sector]),
		...ownerSectorsOf(owners),
		...[...homes].map(([userId, home]) => [userId, home.sector])
	]);
	const directoryPeople = people.map((p) => ({
		...p,
		sector: homes.get(p.id)?.sector ?? null,
		organizationId: homes.get(p.id)?.id ?? null
	}));
	const personOrgs = new Map([...homes].map(([userId, home]) => [userId, home.id]));
	// "Overdue" and "due in 30 days" in the reader's calendar, as the browser will count them.
	const today = readerToday(cookies.get(READER_ZONE_COOKIE));
	const { firstView, counts } = read.counts
		? {
				firstView: view,
				counts: { ...read.counts, choices: ownerChoices(owners, directoryPeople) }
			}
		: boundedView(
				view,
				filter,
				whole,
				{
					today,
					orgSectors: new Map(Object.entries(sectors)),
					personOrgs
				},
				directoryPeople
			);
	return {
		view: firstView,
		/** The reader's day, as the server counted it (see reader-day.ts). */
		today,
		/** Null when `view` is the whole plan. */
		counts,
		organizations,
		people: directoryPeople,
		sectors,
		isDemo: demoId === params.id,
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
	owners: readonly { kind: string; id: string; name: string }[]
) {
	const people = new Map(
		members.map((p) => [p.userId, { id: p.userId, name: p.name, isMember: true }])
	);
	for (const o of owners)
		if (o.kind === 'user' && !people.has(o.id))
			people.set(o.id, { id: o.id, name: o.name, isMember: false });
	return [...people.values()];
}

type View = NonNullable<Awaited<ReturnType<typeof getRoadmapView>>>;

/**
 * The view with only its first screen of milestones, and that screen's counts; the whole view for
 * the no-JS outline's "show all" and for the sector balance, which sums every milestone.
 */
function boundedView(
	view: View,
	filter: PlanFilter,
	whole: boolean,
	ctx: Parameters<typeof firstScreen>[2],
	people: Parameters<typeof firstScreen>[3]
): { firstView: View; counts: PlanCounts | null } {
	if (whole) return { firstView: view, counts: null };
	const { ids, counts } = firstScreen(planDataOf(view), filter, ctx, people);
	return {
		firstView: {
			...view,
			tasks: view.tasks.map((t) => ({
				...t,
				milestones: t.milestones.filter((ms) => ids.has(ms.id))
			}))
		},
		counts
	};
}
