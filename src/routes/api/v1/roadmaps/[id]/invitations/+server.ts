import { json } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorization';
import { db } from '$lib/server/context';
import { apiRoute, apiUser, readBody } from '$lib/server/http/api';
import { createInvitation, listInvitations } from '$lib/server/roadmaps/invitations';
import { invitationInput } from '$lib/server/schemas';

export const GET = apiRoute(async (event) => {
	const user = apiUser(event);
	await authorize(db(), user.id, event.params.id!, 'manage');
	return json({ invitations: await listInvitations(db(), event.params.id!) });
});

export const POST = apiRoute(async (event) => {
	const user = apiUser(event);
	const { role: granterRole } = await authorize(db(), user.id, event.params.id!, 'manage');
	const input = await readBody(event, invitationInput);
	const created = await createInvitation(db(), {
		roadmapId: event.params.id!,
		createdBy: user.id,
		granterRole: granterRole!,
		...input
	});
	return json(
		{
			id: created.id,
			url: new URL(created.path, event.url.origin).toString(),
			token: created.token,
			expiresAt: created.expiresAt
		},
		{ status: 201 }
	);
});
