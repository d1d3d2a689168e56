import { json } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorization';
import { db, membersChanged } from '$lib/server/context';
import { ApiError, apiRoute, apiUser, readBody } from '$lib/server/http/api';
import { firstOrganizations } from '$lib/server/reports/build';
import { addMember, listMembers } from '$lib/server/roadmaps/members';
import { memberInput } from '$lib/server/schemas';

export const GET = apiRoute(async (event) => {
	const user = apiUser(event);
	const { access } = await authorize(db(), user.id, event.params.id!, 'read');
	// Public-link readers see the content, not who works on it.
	if (access === 'public') throw new ApiError(404, 'not_found', 'Roadmap not found');
	const members = await listMembers(db(), event.params.id!);
	// Each member's (first) organization: the plan's filters count people through it.
	const homes = await firstOrganizations(
		db(),
		members.map((m) => m.userId)
	);
	return json({
		members: members.map((m) => ({ ...m, organization: homes.get(m.userId) ?? null }))
	});
});

export const POST = apiRoute(async (event) => {
	const user = apiUser(event);
	const { role: granterRole } = await authorize(db(), user.id, event.params.id!, 'manage');
	const input = await readBody(event, memberInput);
	const userId = await addMember(db(), event.params.id!, granterRole!, input.email, input.role);
	membersChanged(event.params.id!);
	return json({ userId, role: input.role }, { status: 201 });
});
