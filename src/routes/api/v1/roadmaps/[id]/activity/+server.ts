import { json } from '@sveltejs/kit';
import { db } from '$lib/server/context';
import { ApiError, apiRoute, routeRoadmap } from '$lib/server/http/api';
import { parseFeedQuery, readActivityFeed } from '$lib/server/reports/activity-feed';

/**
 * The activity feed as the activity page shows it (newest first, a page of 50, in the reader's
 * language), for anyone who may read the roadmap, as the page is; a moment behind the live plan
 * (the projector's last pass). The page asks it every 10 s to say how many changes came since it
 * was drawn.
 */
export const GET = apiRoute(async (event) => {
	const { roadmap } = await routeRoadmap(event, 'read');
	const { filter, invalid } = parseFeedQuery(event.url);
	if (invalid.length)
		throw new ApiError(
			400,
			'invalid_input',
			`person must be a user id, task a task id, page a whole number from 1 (${invalid.join(', ')})`
		);
	const feed = await readActivityFeed(db(), roadmap.id, filter, event.locals.locale, {
		current: false
	});
	return json({
		entries: feed.entries.map(({ at, text, taskId, restore }) => ({
			at,
			text,
			taskId,
			...(restore ? { restore } : {})
		})),
		hasMore: feed.hasMore
	});
});
