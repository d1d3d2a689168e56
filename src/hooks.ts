import type { Reroute } from '@sveltejs/kit';
import { hasNulInAddress, INVALID_ADDRESS_ROUTE } from '$lib/invalid-address';

/**
 * A page address holding U+0000 (`%00`) is answered by the app's own error page, in the reader's
 * language: its route, not the one the address names, whose loads would hand the character to
 * SQL. API addresses get their JSON 400 in hooks.server.ts instead.
 */
export const reroute: Reroute = ({ url }) => {
	if (hasNulInAddress(url) && !url.pathname.startsWith('/api/')) return INVALID_ADDRESS_ROUTE;
};
