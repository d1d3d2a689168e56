// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SessionUser } from '$lib/server/auth/sessions';

declare global {
	namespace App {
		interface Locals {
			/** The request's UI language, decided by the Paraglide middleware. */
			locale: import('$lib/paraglide/runtime').Locale;
			/** The order the reader writes dates in on English pages (their browser's region). */
			englishDateOrder: import('$lib/i18n/date-order').DateOrder;
			/** Signed-in user, or null. */
			user: SessionUser | null;
			/** The browser session's id (never the token), when signed in by cookie. */
			sessionId: string | null;
			authMethod: 'session' | 'token' | null;
		}
		interface PageData {
			/** locals.englishDateOrder, for date fields (the root layout passes it on). */
			englishDateOrder?: import('$lib/i18n/date-order').DateOrder;
		}
		interface Error {
			message: string;
			code?: string;
		}
	}
}

export {};
