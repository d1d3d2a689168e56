import { getLocale, isLocale, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';

/**
 * Fixes the browser's language for the page's life to the one the server rendered it in
 * (`<html lang>`). Paraglide otherwise resolves it again on every message: it reads the URL and
 * parses `document.cookie` each time, ~40 ms of a big plan's first draw, hundreds of rows with
 * a dozen labels each. The language only changes through the switcher, whose form reloads the
 * page (as do sign-in and the profile, which may set it too).
 */
export function fixPageLocale(root: { lang: string } = document.documentElement): Locale {
	// Paraglide's own first call still runs once: it keeps what it resolved in the locale cookie,
	// so later requests (a page without JavaScript, another tab) are answered in the same language.
	const resolved = getLocale();
	const locale = isLocale(root.lang) ? root.lang : resolved;
	overwriteGetLocale(() => locale);
	return locale;
}
