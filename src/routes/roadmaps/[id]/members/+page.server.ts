import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db, membersChanged } from '$lib/server/context';
import { failure, parseForm } from '$lib/server/http/forms';
import { requireRoadmap, requireUser } from '$lib/server/http/guards';
import {
	createInvitation,
	listInvitations,
	revokeInvitation
} from '$lib/server/roadmaps/invitations';
import { addMember, listMembers, removeMember, setMemberRole } from '$lib/server/roadmaps/members';
import { ROADMAP_ROLES, type RoadmapRole } from '$lib/roadmap/vocabulary';
import { formField, invitationInput, memberInput, role } from '$lib/server/schemas';
import { z } from 'zod';

export const load: PageServerLoad = async (event) => {
	const { access } = await requireRoadmap(event, event.params.id, 'read');
	if (access === 'public') error(404, 'Roadmap not found');
	const manage = access === 'owner';
	const [members, invitations] = await Promise.all([
		listMembers(db(), event.params.id),
		manage ? listInvitations(db(), event.params.id) : Promise.resolve([])
	]);
	// Owners first, then editors, commenters and viewers (by name within each): who runs the
	// roadmap is what a newcomer to this page looks for first, and one's own row with them.
	const rank = (given: string) => ROADMAP_ROLES.indexOf(given as RoadmapRole);
	members.sort((a, b) => rank(a.role) - rank(b.role));
	return { members, invitations };
};

/** Owner-only actions authorize first; their role is what they may grant. */
const asOwner = async (event: Parameters<Actions[string]>[0]) => {
	const found = await requireRoadmap(event, event.params.id!, 'manage');
	return { user: requireUser(event), role: found.role! };
};

/** A member's name, for an answer that says who (a row of the refreshed list does not). */
const memberName = async (roadmapId: string, userId: string) =>
	(await listMembers(db(), roadmapId)).find((m) => m.userId === userId)?.name ?? '';

export const actions: Actions = {
	invite: async (event) => {
		const { user, role: granterRole } = await asOwner(event);
		const parsed = await parseForm(event.request, invitationInput, 'invite');
		if (!parsed.ok) return parsed.failure;
		try {
			const created = await createInvitation(db(), {
				roadmapId: event.params.id,
				createdBy: user.id,
				granterRole,
				...parsed.data
			});
			return { form: 'invite', inviteUrl: new URL(created.path, event.url.origin).toString() };
		} catch (e) {
			return failure(e, 'invite');
		}
	},
	revokeInvite: async (event) => {
		await asOwner(event);
		const id = formField(await event.request.formData(), 'id');
		try {
			await revokeInvitation(db(), event.params.id, id);
		} catch (e) {
			return failure(e, 'invitations');
		}
		return { form: 'invitations', saved: true };
	},
	add: async (event) => {
		const { role: granterRole } = await asOwner(event);
		const parsed = await parseForm(event.request, memberInput, 'add');
		if (!parsed.ok) return parsed.failure;
		try {
			await addMember(db(), event.params.id, granterRole, parsed.data.email, parsed.data.role);
			membersChanged(event.params.id);
		} catch (e) {
			return failure(e, 'add');
		}
		return { form: 'add', saved: true };
	},
	setRole: async (event) => {
		const { role: granterRole } = await asOwner(event);
		const parsed = await parseForm(event.request, z.object({ userId: z.uuid(), role }), 'members');
		if (!parsed.ok) return parsed.failure;
		let name: string;
		try {
			await setMemberRole(db(), event.params.id, granterRole, parsed.data.userId, parsed.data.role);
			membersChanged(event.params.id);
			// Named in the answer, with the role: a list of rows does not say which one changed.
			name = await memberName(event.params.id, parsed.data.userId);
		} catch (e) {
			return failure(e, 'members');
		}
		return { form: 'members', roleChanged: { name, role: parsed.data.role } };
	},
	remove: async (event) => {
		const user = requireUser(event);
		const userId = formField(await event.request.formData(), 'userId');
		// Anyone may leave; removing someone else is the owners' job.
		if (userId === user.id) await requireRoadmap(event, event.params.id, 'read');
		else await asOwner(event);
		// Named in the answer: the row is gone from the refreshed list, and "saved" alone does not
		// say who left.
		let removed: string;
		try {
			removed = await memberName(event.params.id, userId);
			await removeMember(db(), event.params.id, userId);
			membersChanged(event.params.id);
		} catch (e) {
			return failure(e, 'members');
		}
		if (userId === user.id) redirect(303, '/roadmaps');
		return { form: 'members', removed };
	}
};
