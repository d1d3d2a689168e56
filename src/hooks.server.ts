import { json, type Handle, type HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { EARLY_SOCKET_SCRIPT } from '$lib/collab/early-socket';
import { englishDateOrder } from '$lib/i18n/date-order';
import { hasNulInAddress } from '$lib/invalid-address';
import { getTextDirection } from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { validateApiToken } from '$lib/server/auth/api-tokens';
import { deleteSessionCookie, SESSION_COOKIE, setSessionCookie } from '$lib/server/auth/cookies';
import { validateSessionToken } from '$lib/server/auth/sessions';
import { Throttled } from '$lib/server/auth/throttle';
import { services } from '$lib/server/context';

const EARLY_SOCKET = `<script>${EARLY_SOCKET_SCRIPT}</script>`;

/**
 * Decides the request's language (cookie, then Accept-Language, then Korean) and the order an
 * English reader types dates in (date-order.ts), and puts the plan's
 * early socket into every page's head (it opens only on a plan's views; see early-socket.ts).
 */
const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		event.locals.locale = locale;
		event.locals.englishDateOrder = englishDateOrder(request.headers.get('accept-language'));
		return resolve(event, {
			transformPageChunk: ({ html }) =>
				html
					.replace('%paraglide.lang%', locale)
					.replace('%paraglide.dir%', getTextDirection(locale))
					.replace('%ieum.early%', () => EARLY_SOCKET)
		});
	});

/**
 * Who is asking: a Bearer API token, else the session cookie. Anything invalid simply means
 * "signed out"; wrong Bearer tokens count against the caller's IP.
 */
const handleAuth: Handle = async ({ event, resolve }) => {
	const { database, throttle } = services();
	event.locals.user = null;
	event.locals.sessionId = null;
	event.locals.authMethod = null;

	const authorization = event.request.headers.get('authorization');
	if (authorization) {
		const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
		const found = token ? await validateApiToken(database.db, token) : null;
		if (found) {
			event.locals.user = found.user;
			event.locals.authMethod = 'token';
		} else {
			try {
				await throttle.consume('tokenGuessIp', event.getClientAddress());
			} catch (error) {
				if (!(error instanceof Throttled)) throw error;
				return json(
					{ error: { code: 'throttled', message: error.message } },
					{ status: 429, headers: { 'retry-after': String(error.retryAfterSeconds) } }
				);
			}
		}
		return resolve(event);
	}

	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const found = await validateSessionToken(database.db, token);
		if (found) {
			event.locals.user = found.user;
			event.locals.sessionId = found.session.id;
			event.locals.authMethod = 'session';
			if (found.session.renewed) {
				setSessionCookie(event.cookies, event.url, token, found.session.expiresAt);
			}
		} else {
			deleteSessionCookie(event.cookies, event.url);
		}
	}
	return resolve(event);
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * SvelteKit's CSRF check covers form posts only. JSON endpoints that change state, when the
 * caller relies on the ambient session cookie, must come from our own origin.
 */
const handleApiOrigin: Handle = ({ event, resolve }) => {
	if (
		event.url.pathname.startsWith('/api/') &&
		UNSAFE.has(event.request.method) &&
		event.locals.authMethod === 'session' &&
		event.request.headers.get('origin') !== event.url.origin
	) {
		return json(
			{ error: { code: 'cross_origin', message: 'Cross-origin requests cannot change data' } },
			{ status: 403 }
		);
	}
	return resolve(event);
};

/**
 * An address with U+0000 in it (%00) is refused before any route reads it: Postgres text cannot
 * hold that character, so a search or an id with one failed its query (a 500). Nobody types it.
 */
const handleNulInAddress: Handle = ({ event, resolve }) => {
	// Pages are rerouted to the app's error page (src/hooks.ts); the API answers in JSON.
	if (!event.url.pathname.startsWith('/api/') || !hasNulInAddress(event.url)) return resolve(event);
	const message = 'The address contains a character (U+0000) that cannot be used';
	return json({ error: { code: 'invalid_address', message } }, { status: 400 });
};

/**
 * What a signed-in person is shown is theirs: not kept by the browser's cache, where Back after
 * signing out (on a shared office computer) would show the next person a private plan.
 */
const handlePrivateCache: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (event.locals.user && !response.headers.has('cache-control'))
		response.headers.set('cache-control', 'private, no-store');
	return response;
};

export const handle: Handle = sequence(
	handleNulInAddress,
	handleLocale,
	handleAuth,
	handlePrivateCache,
	handleApiOrigin
);

/** Unexpected errors: logged with a reference the person can quote; details never reach them. */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const reference = crypto.randomUUID().slice(0, 8);
	if (status >= 500) {
		console.error(`[ieum] ${reference} ${event.request.method} ${event.url.pathname}:`, error);
	}
	return { message: status >= 500 ? `${message} (ref ${reference})` : message };
};
