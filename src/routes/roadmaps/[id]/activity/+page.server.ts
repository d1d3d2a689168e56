import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/context';
import { requireRoadmap } from '$lib/server/http/guards';
import { parseFeedQuery, readActivityFeed } from '$lib/server/reports/activity-feed';
import {
	restoreDeleted,
	type RestoreKind,
	type RestoreOutcome
} from '$lib/server/roadmaps/restore';
import { AccessDenied, authorize } from '$lib/server/auth/authorization';
import type { Bilingual } from '$lib/roadmap/doc';
import { isEntityId } from '$lib/roadmap/limits';

export const load: PageServerLoad = async ({ params, parent, url, locals }) => {
	await parent(); // the layout has authorized reading
	const { filter, invalid } = parseFeedQuery(url);
	const feed = await readActivityFeed(db(), params.id, filter, locals.locale);
	return { feed, filter, invalid };
};

type Refusal = Extract<RestoreOutcome, { ok: false }>['reason'];
const refused = (reason: Refusal | 'invalid' | 'forbidden') => ({
	kind: null as RestoreKind | null,
	id: null,
	reason,
	title: null as Bilingual | null
});

export const actions: Actions = {
	/** Brings back a deleted task or milestone (an entry's "Restore"). */
	restore: async (event) => {
		// Read first: a page may have kept the button of a role since taken away; it is told so
		// here, in its own words, rather than sent to an error page.
		await requireRoadmap(event, event.params.id, 'read');
		const userId = event.locals.user?.id ?? null;
		try {
			await authorize(db(), userId, event.params.id, 'edit');
		} catch (e) {
			if (!(e instanceof AccessDenied)) throw e;
			return fail(403, { restore: refused('forbidden') });
		}
		// A body that is not a form (another content type, a broken multipart) reads as empty.
		const form = await event.request.formData().catch(() => new FormData());
		const kind = form.get('kind');
		const id = form.get('id');
		if ((kind !== 'task' && kind !== 'milestone') || !isEntityId(id))
			return fail(400, { restore: refused('invalid') });
		const outcome = await restoreDeleted(db(), event.params.id, userId!, kind, id);
		if (!outcome.ok)
			return fail(409, { restore: { ...refused(outcome.reason), kind, title: outcome.title } });
		return {
			restore: { kind, id, reason: null, title: outcome.title, plainSummary: outcome.plainSummary }
		};
	}
};
