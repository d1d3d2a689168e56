import { json } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorization';
import { db } from '$lib/server/context';
import { ApiError, apiRoute, apiUser } from '$lib/server/http/api';
import { listDeleted } from '$lib/server/roadmaps/restore';

/** Tasks and milestones deleted and not back: what POST …/restore can bring back. */
export const GET = apiRoute(async (event) => {
	const user = apiUser(event);
	const { access } = await authorize(db(), user.id, event.params.id!, 'read');
	// Like the activity log it comes from: the members' record, naming who deleted what.
	if (access === 'public') throw new ApiError(404, 'not_found', 'Roadmap not found');
	return json({ deleted: await listDeleted(db(), event.params.id!) });
});
