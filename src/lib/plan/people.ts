/**
 * The plan's people after the member list changed while the page was open: the members as the
 * server lists them now, and everyone the page knew before who is no longer a member, kept (not
 * offered) so the names of people still named as owners keep showing.
 */
import type { PersonOption } from '$lib/components/plan/types';
import type { Sector } from '$lib/roadmap/vocabulary';

/** A member as `GET /api/v1/roadmaps/:id/members` lists them (the fields the plan needs). */
export interface ListedMember {
	userId: string;
	name: string;
	organization: { id: string; sector: Sector } | null;
}

export function peopleAfterMembersChanged(
	before: readonly PersonOption[],
	members: readonly ListedMember[]
): PersonOption[] {
	const now: PersonOption[] = members.map((m) => ({
		id: m.userId,
		name: m.name,
		isMember: true,
		sector: m.organization?.sector ?? null,
		organizationId: m.organization?.id ?? null
	}));
	const current = new Set(now.map((p) => p.id));
	const former = before.filter((p) => !current.has(p.id)).map((p) => ({ ...p, isMember: false }));
	return [...now, ...former];
}
