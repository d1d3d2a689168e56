/** What every successful sign-in or sign-up does: a fresh session, its cookie, the saved language. */
import type { Cookies } from '@sveltejs/kit';
import { db } from '../context';
import { setLocaleCookie } from '../http/locale-cookie';
import { setSessionCookie } from './cookies';
import { createSession } from './sessions';

export async function startSession(
	cookies: Cookies,
	url: URL,
	user: { id: string; locale?: string | null }
) {
	const session = await createSession(db(), user.id);
	setSessionCookie(cookies, url, session.token, session.expiresAt);
	if (user.locale) setLocaleCookie(cookies, url, user.locale);
	return session;
}
