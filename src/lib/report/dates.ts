/**
 * Date-only arithmetic for reports. Every report date is a calendar day (YYYY-MM-DD) read as UTC
 * midnight, so a layout never shifts by a day with the server's or the browser's time zone.
 */

const DAY_MS = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a YYYY-MM-DD string (or the date part of an ISO timestamp). */
export function dayNumber(date: string): number {
	const match = DATE_ONLY.exec(date.slice(0, 10));
	if (!match) throw new Error(`Not a date: ${date}`);
	return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

export function fromDayNumber(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
	return fromDayNumber(dayNumber(date) + days);
}

/** The first day of every month that starts inside [start, end], as YYYY-MM-DD. */
export function monthStarts(start: string, end: string): string[] {
	const out: string[] = [];
	let year = Number(start.slice(0, 4));
	let month = Number(start.slice(5, 7)); // 1-based: the month after start's
	const last = dayNumber(end);
	if (start.slice(8, 10) === '01') month -= 1;
	for (;;) {
		if (month === 12) {
			year += 1;
			month = 0;
		}
		const first = `${year}-${String(month + 1).padStart(2, '0')}-01`;
		if (dayNumber(first) > last) return out;
		out.push(first);
		month += 1;
	}
}
