import type { ClientInit } from '@sveltejs/kit';
import { watchEarlyFilterChoices } from '$lib/plan/early-filter';
import { rememberReaderZone } from '$lib/roadmap/reader-day';

export const init: ClientInit = () => {
	// The server's next render counts "overdue" in this reader's day (see reader-day.ts).
	rememberReaderZone();
	// A filter chosen before the page runs is applied once it does (see early-filter.ts).
	watchEarlyFilterChoices();
};
