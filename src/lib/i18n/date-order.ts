/**
 * The order an English reader writes dates in numbers. An English page takes dates typed in the
 * reader's own order: 03/02/2026 is 3 February in London and March 2 in New York, and a planner
 * who types the order they were taught should not have to stop and think. The reader's region
 * comes from the browser's languages (Accept-Language: en-US, en-GB…), and the order from the
 * platform's own date formats for it (Intl), not a list of our own. A bare "en", or no English
 * at all, gets the order the English pages show their dates in: day first (2 Mar 2026).
 * Korean pages always take YYYY.MM.DD, the order of Korean government forms.
 */
import type { Locale } from '../roadmap/vocabulary';

/** Year-month-day, day-month-year, month-day-year. */
export type DateOrder = 'ymd' | 'dmy' | 'mdy';

/** How a date field reads and shows numbers: Korean (YYYY.MM.DD), or one English order. */
export type DateStyle = 'ko' | DateOrder;

export const DEFAULT_ENGLISH_ORDER: DateOrder = 'dmy';

/** The order of the first English language tag with a region among the reader's languages. */
export function englishDateOrder(acceptLanguage: string | null | undefined): DateOrder {
	for (const tag of preferredTags(acceptLanguage ?? '')) {
		const [language, region] = tag.split('-');
		if (language.toLowerCase() !== 'en' || !region || !/^[a-z]{2}$|^\d{3}$/i.test(region)) continue;
		return cachedOrderOf(`en-${region.toUpperCase()}`) ?? DEFAULT_ENGLISH_ORDER;
	}
	return DEFAULT_ENGLISH_ORDER;
}

/** The style of a page's date fields. */
export const dateStyle = (locale: Locale, englishOrder: DateOrder | undefined): DateStyle =>
	locale === 'ko' ? 'ko' : (englishOrder ?? DEFAULT_ENGLISH_ORDER);

/** Language tags by the weight the reader gave them, highest first; the order given breaks ties. */
function preferredTags(header: string): string[] {
	return header
		.split(',')
		.slice(0, 20) // a header is the browser's; a longer one is no one's languages
		.map((part, index) => {
			const [tag, ...params] = part.trim().split(';');
			// A weight that is not a number makes the tag no one's choice (NaN is dropped below).
			const q = params.map((p) => /^\s*q=(.*)$/.exec(p)?.[1]).find((v) => v !== undefined);
			return { tag: tag.trim(), weight: q === undefined ? 1 : Number(q.trim() || NaN), index };
		})
		.filter((t) => t.tag && Number.isFinite(t.weight) && t.weight > 0)
		.sort((a, b) => b.weight - a.weight || a.index - b.index)
		.map((t) => t.tag);
}

/**
 * orderOf, once per tag: every request asks (the hooks), and making a date format is the costly
 * part. Tags are en-<region>, a few hundred at most; the map is capped all the same.
 */
const ORDERS = new Map<string, DateOrder | null>();
function cachedOrderOf(tag: string): DateOrder | null {
	if (ORDERS.has(tag)) return ORDERS.get(tag)!;
	const order = orderOf(tag);
	if (ORDERS.size < 1000) ORDERS.set(tag, order);
	return order;
}

/** How the platform writes a date in numbers for `tag`, or null when it does not know the tag. */
function orderOf(tag: string): DateOrder | null {
	try {
		const parts = new Intl.DateTimeFormat(tag, {
			year: 'numeric',
			month: '2-digit',
			day: '2-digit'
		}).formatToParts(new Date(Date.UTC(2026, 2, 31)));
		const order = parts
			.filter((p) => p.type === 'year' || p.type === 'month' || p.type === 'day')
			.map((p) => p.type[0])
			.join('');
		return order === 'ymd' || order === 'dmy' || order === 'mdy' ? order : null;
	} catch {
		return null;
	}
}
