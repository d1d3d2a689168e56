/** Addresses holding U+0000, which Postgres text cannot store: refused before any route runs. */

/** The route that answers such a page address with a 400 (see src/hooks.ts). */
export const INVALID_ADDRESS_ROUTE = '/invalid-address';

export const hasNulInAddress = (url: URL): boolean =>
	url.pathname.includes('%00') || url.search.includes('%00');
