import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/context';
import { requireRoadmap } from '$lib/server/http/guards';
import { parseFeedQuery, readActivityFeed } from '$lib/server/reports/activity-feed';
import { restoreDeleted } from '$lib/server/roadmaps/restore';
import { isEntityId } from '$lib/roadmap/limits';

export const load: PageServerLoad = async ({ params, parent, url, locals }) => {
	await parent(); // the layout has authorized reading
	const { filter, invalid } = parseFeedQuery(url);
	const feed = await readActivityFeed(db(), params.id, filter, locals.locale);
	return { feed, filter, invalid };
};

export const actions: Actions = {
	/** Brings back a deleted task or milestone (an entry's "Restore"). */
	restore: async (event) => {
		await requireRoadmap(event, event.params.id, 'edit');
		const form = await event.request.formData();
		const kind = form.get('kind');
		const id = form.get('id');
		if ((kind !== 'task' && kind !== 'milestone') || !isEntityId(id))
			return fail(400, { restore: { kind: null, id: null, reason: 'invalid' as const } });
		const outcome = await restoreDeleted(db(), event.params.id, event.locals.user!.id, kind, id);
		if (!outcome.ok) return fail(409, { restore: { kind, id, reason: outcome.reason } });
		return { restore: { kind, id, reason: null, title: outcome.title } };
	}
};
