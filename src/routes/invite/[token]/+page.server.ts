import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db, membersChanged, services } from '$lib/server/context';
import { failure } from '$lib/server/http/forms';
import { requireUser } from '$lib/server/http/guards';
import { acceptInvitation, inspectInvitation } from '$lib/server/roadmaps/invitations';

export const load: PageServerLoad = async ({ params }) => {
	const invitation = await inspectInvitation(db(), params.token);
	return {
		invitation:
			invitation?.state === 'active'
				? {
						title: invitation.title,
						titleEn: invitation.titleEn,
						inviter: invitation.inviter,
						role: invitation.role,
						email: invitation.email
					}
				: null
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
