import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';
import { getSnapshot } from '$lib/server/reports/snapshots';

/** A saved report, exactly as it was saved: its frozen data, never the roadmap as it is now. */
export const load: PageServerLoad = async ({ params, parent }) => {
	await parent(); // the layout has authorized reading
	try {
		return { snapshot: await getSnapshot(db(), params.id, params.snapshotId) };
	} catch (e) {
		if (e instanceof DomainError) error(e.status, e.message);
		throw e;
	}
};
