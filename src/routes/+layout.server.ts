import type { LayoutServerLoad } from './$types';
import { countUnreadMentions } from '$lib/server/comments/mention-notifications';
import { db } from '$lib/server/context';

export const load: LayoutServerLoad = async ({ locals }) => ({
	user: locals.user
		? { id: locals.user.id, name: locals.user.name, email: locals.user.email }
		: null,
	englishDateOrder: locals.englishDateOrder,
	/** The bell's count as the page opens; the page keeps it current from there. */
	mentionsUnread: locals.user ? await countUnreadMentions(db(), locals.user.id) : 0
});
