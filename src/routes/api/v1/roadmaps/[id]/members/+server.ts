import { json } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorization';
import { db, revalidateConnections } from '$lib/server/context';
import { ApiError, apiRoute, apiUser, readBody } from '$lib/server/http/api';
import { addMember, listMembers } from '$lib/server/roadmaps/members';
import { memberInput } from '$lib/server/schemas';

export const GET = apiRoute(async (event) => {
	const user = apiUser(event);
	const { access } = await authorize(db(), user.id, event.params.id!, 'read');
	// Public-link readers see the content, not who works on it.
	if (access === 'public') throw new ApiError(404, 'not_found', 'Roadmap not found');
	return json({ members: await listMembers(db(), event.params.id!) });
});

export const POST = apiRoute(async (event) => {
	const user = apiUser(event);
	const { role: granterRole } = await authorize(db(), user.id, event.params.id!, 'manage');
	const input = await readBody(event, memberInput);
	const userId = await addMember(db(), event.params.id!, granterRole!, input.email, input.role);
	revalidateConnections();
	return json({ userId, role: input.role }, { status: 201 });
});
