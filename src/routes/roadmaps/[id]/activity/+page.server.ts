import type { PageServerLoad } from './$types';
import { db } from '$lib/server/context';
import { parseFeedQuery, readActivityFeed } from '$lib/server/reports/activity-feed';

export const load: PageServerLoad = async ({ params, parent, url, locals }) => {
	await parent(); // the layout has authorized reading
	const { filter, invalid } = parseFeedQuery(url);
	const feed = await readActivityFeed(db(), params.id, filter, locals.locale);
	return { feed, filter, invalid };
};
