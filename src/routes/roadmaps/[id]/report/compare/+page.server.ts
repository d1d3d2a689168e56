import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { db } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';
import { compareReports } from '$lib/server/reports/compare';
import { getSnapshot } from '$lib/server/reports/snapshots';

/** What moved between two saved reports (?from=&to=, in either order). */
export const load: PageServerLoad = async ({ params, parent, url }) => {
	await parent(); // the layout has authorized reading
	const from = url.searchParams.get('from');
	const to = url.searchParams.get('to');
	if (!from || !to) error(400, 'Choose two saved reports to compare.');
	try {
		const [a, b] = await Promise.all([
			getSnapshot(db(), params.id, from),
			getSnapshot(db(), params.id, to)
		]);
		return { comparison: compareReports(a.report, b.report) };
	} catch (e) {
		if (e instanceof DomainError) error(e.status, e.message);
		throw e;
	}
};
