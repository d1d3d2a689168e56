// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Locals {
			/** The request's UI language, decided by the Paraglide middleware. */
			locale: import('$lib/paraglide/runtime').Locale;
		}
	}
}

export {};
