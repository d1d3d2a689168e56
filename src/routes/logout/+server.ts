import { redirect, type RequestHandler } from '@sveltejs/kit';
import { deleteSessionCookie } from '$lib/server/auth/cookies';
import { invalidateSession } from '$lib/server/auth/sessions';
import { db, revalidateConnections } from '$lib/server/context';

/** Ends this browser's session. POST only, and SvelteKit's origin check guards it. */
export const POST: RequestHandler = async ({ locals, cookies, url }) => {
	if (locals.sessionId) await invalidateSession(db(), locals.sessionId);
	revalidateConnections();
	deleteSessionCookie(cookies, url);
	redirect(303, '/');
};
