import { redirect, type RequestHandler } from '@sveltejs/kit';
import { isLocale } from '$lib/paraglide/runtime';
import { setUserLocale } from '$lib/server/accounts/users';
import { db } from '$lib/server/context';
import { setLocaleCookie } from '$lib/server/http/locale-cookie';
import { safeReturnPath } from '$lib/server/http/redirects';

/** The language switcher posts here; works without JavaScript. */
export const POST: RequestHandler = async ({ request, cookies, url, locals }) => {
	const form = await request.formData().catch(() => null);
	const locale = form?.get('locale');
	if (!isLocale(locale)) return new Response('Unknown language', { status: 400 });
	setLocaleCookie(cookies, url, locale);
	// Signed in: the choice follows the account to other browsers.
	if (locals.user) await setUserLocale(db(), locals.user.id, locale);
	redirect(303, safeReturnPath(form?.get('returnTo')));
};
