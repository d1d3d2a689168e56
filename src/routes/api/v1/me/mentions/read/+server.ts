import { json } from '@sveltejs/kit';
import { countUnreadMentions, markMentionsRead } from '$lib/server/comments/mention-notifications';
import { db } from '$lib/server/context';
import { apiRoute, apiUser, readBody } from '$lib/server/http/api';
import { mentionsRead } from '$lib/server/schemas';

/** Marks your notices read (those named, or all); answers how many stay unread. */
export const POST = apiRoute(async (event) => {
	const user = apiUser(event);
	const input = await readBody(event, mentionsRead);
	await markMentionsRead(db(), user.id, 'all' in input ? 'all' : { ids: input.ids });
	return json({ unread: await countUnreadMentions(db(), user.id) });
});
