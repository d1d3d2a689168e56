/**
 * Dates typed in the page's language rather than the browser's: a native date input shows
 * mm/dd/yyyy in an English Chromium on a Korean page. Korean pages take YYYY.MM.DD (the order
 * of Korean government forms), English pages DD/MM/YYYY (the order the page's own English dates
 * use, en-GB). Both also take ISO YYYY-MM-DD, which cannot be misread, and any of . / - or
 * spaces between the parts, with or without leading zeros.
 */
import { normaliseDate } from '../roadmap/doc';
import type { Locale } from '../roadmap/vocabulary';

/** What the field shows as its format, in the page's language. */
export const datePattern = (locale: Locale) => (locale === 'ko' ? 'YYYY.MM.DD' : 'DD/MM/YYYY');

/** An ISO date (or none) as the field shows it. */
export function formatDateEntry(locale: Locale, iso: string | null): string {
	if (!iso) return '';
	const [year, month, day] = iso.split('-');
	return locale === 'ko' ? `${year}.${month}.${day}` : `${day}/${month}/${year}`;
}

export type DateEntry = { ok: true; value: string | null } | { ok: false };

/** What was typed, as an ISO date; empty means "no date". Refuses what is not a real date. */
export function parseDateEntry(locale: Locale, text: string): DateEntry {
	const trimmed = text.trim().replace(/\.$/, '');
	if (!trimmed) return { ok: true, value: null };
	const parts = trimmed.split(/\s*[./-]\s*|\s+/);
	if (parts.length !== 3 || !parts.every((p) => /^\d+$/.test(p))) return { ok: false };
	const yearFirst = parts[0].length === 4 || (locale === 'ko' && parts[2].length !== 4);
	const [year, month, day] = yearFirst ? parts : [parts[2], parts[1], parts[0]];
	if (year.length !== 4 || month.length > 2 || day.length > 2) return { ok: false };
	// Years before 1900 are typos on a policy roadmap, not dates anyone plans for.
	if (Number(year) < 1900) return { ok: false };
	const value = normaliseDate(`${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`);
	return value ? { ok: true, value } : { ok: false };
}
