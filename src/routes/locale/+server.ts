import { redirect, type RequestHandler } from '@sveltejs/kit';
import { cookieName, isLocale } from '$lib/paraglide/runtime';

const ONE_YEAR = 60 * 60 * 24 * 365;

/** The language switcher posts here; works without JavaScript. */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const form = await request.formData().catch(() => null);
	const locale = form?.get('locale');
	if (!isLocale(locale)) return new Response('Unknown language', { status: 400 });
	cookies.set(cookieName, locale, {
		path: '/',
		maxAge: ONE_YEAR,
		httpOnly: false,
		sameSite: 'lax',
		secure: url.protocol === 'https:'
	});
	redirect(303, safeReturnPath(form?.get('returnTo')));
};

/** Only same-site paths, so the switcher cannot be used as an open redirect. */
function safeReturnPath(value: FormDataEntryValue | null | undefined): string {
	if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return '/';
	return value;
}
