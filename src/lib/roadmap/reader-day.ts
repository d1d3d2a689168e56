/**
 * "Today" as the reader counts it, on the server too. The browser knows its time zone; the server
 * learns it from a cookie the page sets (READER_ZONE_COOKIE), so a server render's "overdue" and
 * "due in 30 days" name the reader's day, not the server's: a server on UTC serving Seoul is a
 * day behind for nine hours of every day. Without the cookie (a first visit, no JS) the server's
 * own day stands in.
 */
import { localToday } from './schedule';

export const READER_ZONE_COOKIE = 'tz';

/** IANA names are short; anything longer is not one (and is not worth asking Intl about). */
const MAX_ZONE_LENGTH = 64;

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** A formatter of 'YYYY-MM-DD' days in `zone`, or null when `zone` is not a time zone Intl knows. */
function dayFormat(zone: string): Intl.DateTimeFormat | null {
	let format = dayFormats.get(zone);
	if (format) return format;
	if (!zone || zone.length > MAX_ZONE_LENGTH) return null;
	try {
		// en-CA writes dates as YYYY-MM-DD.
		format = new Intl.DateTimeFormat('en-CA', {
			timeZone: zone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit'
		});
	} catch {
		return null; // RangeError: not a time zone
	}
	if (dayFormats.size < 500) dayFormats.set(zone, format);
	return format;
}

/** The calendar day ('YYYY-MM-DD') at `now` in `zone`; null for a zone that is not one. */
export function dayIn(zone: string, now = new Date()): string | null {
	const format = dayFormat(zone);
	if (!format) return null;
	return format.format(now);
}

/** The reader's day from their zone cookie's value, or the server's own day without a usable one. */
export function readerToday(zone: string | undefined, now = new Date()): string {
	return (zone && dayIn(zone, now)) || localToday(now);
}

/** Remembers the browser's time zone for the server's renders (a year; refreshed each visit). */
export function rememberReaderZone(): void {
	const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
	if (!zone || zone.length > MAX_ZONE_LENGTH) return;
	const value = encodeURIComponent(zone);
	if (document.cookie.split('; ').includes(`${READER_ZONE_COOKIE}=${value}`)) return;
	document.cookie = `${READER_ZONE_COOKIE}=${value}; path=/; max-age=31536000; samesite=lax`;
}
