import { json } from '@sveltejs/kit';
import {
	countUnreadMentions,
	listMentionNotices
} from '$lib/server/comments/mention-notifications';
import { db } from '$lib/server/context';
import { ApiError, apiRoute, apiUser } from '$lib/server/http/api';
import { mentionsQuery } from '$lib/server/schemas';

/** Your own mention notices, newest first, and how many are unread. Nobody else's, ever. */
export const GET = apiRoute(async (event) => {
	const user = apiUser(event);
	const query = mentionsQuery.safeParse(Object.fromEntries(event.url.searchParams));
	if (!query.success)
		throw new ApiError(400, 'invalid_input', 'unread must be true or false, limit 1–200');
	const [mentions, unread] = await Promise.all([
		listMentionNotices(db(), user.id, {
			unreadOnly: query.data.unread === 'true',
			limit: query.data.limit
		}),
		countUnreadMentions(db(), user.id)
	]);
	return json({ mentions, unread });
});
