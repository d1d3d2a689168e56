/** Page-side guards: sign-in redirects and roadmap access as SvelteKit errors. */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { AccessDenied, authorize, type Action } from '../auth/authorization';
import type { SessionUser } from '../auth/sessions';
import { db } from '../context';

/** The signed-in user, or a redirect to the sign-in page that comes back here. */
export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
	if (event.locals.user) return event.locals.user;
	redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
}

/**
 * The roadmap, if this visitor may do `action` on it. Anonymous visitors of a roadmap they cannot
 * read are sent to sign in whether or not it exists, so the redirect reveals nothing.
 */
export async function requireRoadmap(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	roadmapId: string,
	action: Action
) {
	try {
		return await authorize(db(), event.locals.user?.id ?? null, roadmapId, action);
	} catch (e) {
		if (!(e instanceof AccessDenied)) throw e;
		if (!event.locals.user && e.status !== 403) requireUser(event);
		error(e.status === 401 ? 403 : e.status, e.message);
	}
}
