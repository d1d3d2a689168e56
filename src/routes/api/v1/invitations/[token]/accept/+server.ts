import { json } from '@sveltejs/kit';
import { db, membersChanged, services } from '$lib/server/context';
import { apiRoute, apiUser } from '$lib/server/http/api';
import { acceptInvitation } from '$lib/server/roadmaps/invitations';

export const POST = apiRoute(async (event) => {
	const user = apiUser(event);
	await services().throttle.consume('inviteAcceptIp', event.getClientAddress());
	const accepted = await acceptInvitation(db(), event.params.token!, user);
	membersChanged(accepted.roadmapId);
	return json(accepted);
});
