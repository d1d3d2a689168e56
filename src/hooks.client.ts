import type { ClientInit } from '@sveltejs/kit';
import { fixPageLocale } from '$lib/i18n/page-locale';
import { whenIdle } from '$lib/idle';
import { watchEarlyFilterChoices } from '$lib/plan/early-filter';
import { rememberReaderZone } from '$lib/roadmap/reader-day';

export const init: ClientInit = () => {
	fixPageLocale();
	// The server's next render counts "overdue" in this reader's day (see reader-day.ts). Once
	// the page is idle: the first Intl call loads the time zone data, ~20 ms of a big plan's start.
	whenIdle(rememberReaderZone, 2_000);
	// A filter chosen before the page runs is applied once it does (see early-filter.ts).
	watchEarlyFilterChoices();
};
