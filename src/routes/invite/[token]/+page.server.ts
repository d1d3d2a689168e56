import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db, membersChanged, services } from '$lib/server/context';
import { failure } from '$lib/server/http/forms';
import { normaliseEmail } from '$lib/server/accounts/users';
import { roadmapAccess, roleRank } from '$lib/server/auth/authorization';
import { requireUser } from '$lib/server/http/guards';
import { acceptInvitation, inspectInvitation } from '$lib/server/roadmaps/invitations';

export const load: PageServerLoad = async ({ params, locals }) => {
	const invitation = await inspectInvitation(db(), params.token);
	if (invitation?.state !== 'active') return { invitation: null, fit: null };
	// Told before the click, not after it: an invitation for another address, or one that would
	// give a member no more than they have.
	const user = locals.user;
	const role = user && (await roadmapAccess(db(), user.id, invitation.roadmapId))?.role;
	const fit = !user
		? null
		: invitation.email && invitation.email !== normaliseEmail(user.email)
			? ({ kind: 'other-email', signedInAs: user.email } as const)
			: role && roleRank(role) >= roleRank(invitation.role)
				? ({ kind: 'member', role, roadmapId: invitation.roadmapId } as const)
				: role
					? ({ kind: 'raises', role } as const)
					: ({ kind: 'joins' } as const);
	return {
		invitation: {
			title: invitation.title,
			titleEn: invitation.titleEn,
			inviter: invitation.inviter,
			role: invitation.role,
			email: invitation.email
		},
		fit
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		let roadmapId: string;
		try {
			await services().throttle.consume('inviteAcceptIp', event.getClientAddress());
			({ roadmapId } = await acceptInvitation(db(), event.params.token, user));
			membersChanged(roadmapId);
		} catch (e) {
			return failure(e);
		}
		redirect(303, `/roadmaps/${roadmapId}`);
	}
};
