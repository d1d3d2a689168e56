import type { ClientInit } from '@sveltejs/kit';
import { openEarlySocket } from '$lib/collab/early-socket';
import { watchEarlyFilterChoices } from '$lib/plan/early-filter';
import { rememberReaderZone } from '$lib/roadmap/reader-day';

export const init: ClientInit = () => {
	// Before the page's modules load and hydrate: a plan view's doc starts coming at once.
	openEarlySocket(location);
	// The server's next render counts "overdue" in this reader's day (see reader-day.ts).
	rememberReaderZone();
	// A filter chosen before the page runs is applied once it does (see early-filter.ts).
	watchEarlyFilterChoices();
};
