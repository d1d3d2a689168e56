/** Remembers a chosen interface language for a year (read by the Paraglide middleware). */
import type { Cookies } from '@sveltejs/kit';
import { cookieName } from '$lib/paraglide/runtime';

export function setLocaleCookie(cookies: Cookies, url: URL, locale: string) {
	cookies.set(cookieName, locale, {
		path: '/',
		httpOnly: false,
		sameSite: 'lax',
		maxAge: 60 * 60 * 24 * 365,
		secure: url.protocol === 'https:'
	});
}
