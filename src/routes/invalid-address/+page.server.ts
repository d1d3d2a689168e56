import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';

// Reached through reroute (src/hooks.ts) for any page address holding U+0000.
export const load = () => error(400, m.error_page_bad_address());
