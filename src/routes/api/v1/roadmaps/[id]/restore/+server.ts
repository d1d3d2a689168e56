import { json } from '@sveltejs/kit';
import { authorize } from '$lib/server/auth/authorization';
import { db } from '$lib/server/context';
import { ApiError, apiRoute, apiUser, readBody } from '$lib/server/http/api';
import { restoreDeleted } from '$lib/server/roadmaps/restore';
import { restoreInput } from '$lib/server/schemas';

/** Why a restore could not be done, as the API says it. */
const REFUSALS = {
	present: [409, 'already_present', 'It is on the roadmap already (restored or undone meanwhile)'],
	'task-gone': [409, 'task_gone', 'Its task is deleted too: restore the task first'],
	'no-copy': [409, 'no_copy', 'It was deleted before copies were kept, so it cannot be restored'],
	unknown: [404, 'not_found', 'No deletion of it is recorded on this roadmap']
} as const;

/** Brings back a deleted task (with its milestones) or milestone, as its deletion kept it. */
export const POST = apiRoute(async (event) => {
	const user = apiUser(event);
	await authorize(db(), user.id, event.params.id!, 'edit');
	const { kind, id } = await readBody(event, restoreInput);
	const outcome = await restoreDeleted(db(), event.params.id!, user.id, kind, id);
	if (!outcome.ok) {
		const [status, code, message] = REFUSALS[outcome.reason];
		throw new ApiError(status, code, message, outcome.title ? { title: outcome.title } : undefined);
	}
	return json({ restored: { kind, id, title: outcome.title } });
});
