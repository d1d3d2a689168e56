/**
 * Dates typed in the page's language rather than the browser's: a native date input shows
 * mm/dd/yyyy in an English Chromium on a Korean page. Korean pages take YYYY.MM.DD (the order
 * of Korean government forms); English pages take the reader's own order (date-order.ts):
 * DD/MM/YYYY (also the order the page's own English dates use), MM/DD/YYYY for an American
 * reader, YYYY-MM-DD for a Canadian one. Every style also takes ISO YYYY-MM-DD, which cannot be
 * misread, and any of . / - or spaces between the parts, with or without leading zeros; and a
 * date written out as the pages show them: 2027년 3월 1일, 1 Mar 2027, 1 March 2027 or March 1, 2027.
 */
import { normaliseDate } from '../roadmap/doc';
import type { DateStyle } from './date-order';

const PATTERNS: Record<DateStyle, string> = {
	ko: 'YYYY.MM.DD',
	dmy: 'DD/MM/YYYY',
	mdy: 'MM/DD/YYYY',
	ymd: 'YYYY-MM-DD'
};

/** What the field shows as its format. */
export const datePattern = (style: DateStyle) => PATTERNS[style];

/** An ISO date (or none) as the field shows it. */
export function formatDateEntry(style: DateStyle, iso: string | null): string {
	if (!iso) return '';
	const [year, month, day] = iso.split('-');
	if (style === 'ko') return `${year}.${month}.${day}`;
	if (style === 'ymd') return iso;
	return style === 'mdy' ? `${month}/${day}/${year}` : `${day}/${month}/${year}`;
}

/** The years a plan's dates may fall in: outside them a date is a slip of the keyboard. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;

/**
 * What was typed: a date (or none), or why not — `format` when it is not written as a date,
 * `no-such-day` when it is, but the calendar has no such day (30 February, month 13), `range`
 * when its year is outside FIRST_YEAR–LAST_YEAR.
 */
export type DateEntry =
	| { ok: true; value: string | null }
	| { ok: false; reason: 'format' | 'no-such-day' }
	/** `value`: the day it names (a report's start in 2999 is a day, and a future one). */
	| { ok: false; reason: 'range'; value: string };

/** What was typed, as an ISO date; empty means "no date". Refuses what is not a real date. */
export function parseDateEntry(style: DateStyle, text: string): DateEntry {
	const trimmed = tidy(text);
	if (!trimmed) return { ok: true, value: null };
	const parts = writtenOut(trimmed) ?? numeric(style, trimmed);
	if (!parts) return { ok: false, reason: 'format' };
	const [year, month, day] = parts;
	const value = normaliseDate(`${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`);
	if (!value) return { ok: false, reason: 'no-such-day' };
	// Years before 1900 or after 2199 are typos on a policy roadmap, not dates anyone plans for
	// (and a year 9999 would stretch the timeline over eight thousand years).
	if (Number(year) < FIRST_YEAR || Number(year) > LAST_YEAR)
		return { ok: false, reason: 'range', value };
	return { ok: true, value };
}

/**
 * Whether what was typed could be read the other way round: 05/01/2026 is
 * 5 January to a British reader and May 1 to an American one. The field then says which day it
 * took, written out (DateField), so nobody saves the wrong month unawares (a shared roadmap has
 * readers of both orders, and a colleague's habit is easily typed).
 */
export function readsEitherWay(style: DateStyle, text: string): boolean {
	// On a Korean page too: a date written with the year last (03/02/2026) is someone's other
	// habit, read day first there, and worth saying back.
	const parts = threeNumbers(tidy(text));
	if (!parts || parts[0].length > 2) return false;
	const [first, second] = [Number(parts[0]), Number(parts[1])];
	return first >= 1 && first <= 12 && second >= 1 && second <= 12 && first !== second;
}

type Parts = [year: string, month: string, day: string];

const MONTHS = [
	'january',
	'february',
	'march',
	'april',
	'may',
	'june',
	'july',
	'august',
	'september',
	'october',
	'november',
	'december'
];

/** A month's number from its English name or an abbreviation of three letters or more. */
function monthNumber(word: string): string | null {
	const w = word.toLowerCase();
	if (w.length < 3) return null;
	const index = MONTHS.findIndex((name) => name.startsWith(w));
	return index < 0 ? null : String(index + 1);
}

/** 2027년 3월 1일, 1 Mar 2027, 1 March 2027, March 1, 2027: the words say which part is which. */
function writtenOut(text: string): Parts | null {
	const korean = /^(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일?$/.exec(text);
	if (korean) return [korean[1], korean[2], korean[3]];
	const dayFirst = /^(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4})$/i.exec(text);
	if (dayFirst) {
		const month = monthNumber(dayFirst[2]);
		return month ? [dayFirst[3], month, dayFirst[1]] : null;
	}
	const monthFirst = /^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/i.exec(text);
	if (monthFirst) {
		const month = monthNumber(monthFirst[1]);
		return month ? [monthFirst[3], month, monthFirst[2]] : null;
	}
	return null;
}

/**
 * Three numbers in the field's order, or ISO order with a four-digit year first. With the year
 * last, a year-first style (en-CA) reads the day first, as the English pages write dates.
 */
function numeric(style: DateStyle, text: string): Parts | null {
	const parts = threeNumbers(text);
	if (!parts) return null;
	const yearFirst = parts[0].length === 4 || (style === 'ko' && parts[2].length !== 4);
	const [year, month, day] = yearFirst
		? parts
		: style === 'mdy'
			? [parts[2], parts[0], parts[1]]
			: [parts[2], parts[1], parts[0]];
	if (year.length !== 4 || month.length > 2 || day.length > 2) return null;
	// 1/13/2027 on a day-first field is the other order, not a 13th month (and 13/1/2027 on a
	// month-first one): a slip of format, not of calendar.
	if (!yearFirst && Number(month) > 12 && Number(day) <= 12) return null;
	return [year, month, day];
}

/** What was typed without spaces around it or the full stop Korean dates end with (2026. 3. 2.). */
const tidy = (text: string) => text.trim().replace(/\.$/, '');

/** The numbers of an entry made of three, between any of . / - or spaces; null otherwise. */
function threeNumbers(text: string): string[] | null {
	const parts = text.split(/\s*[./-]\s*|\s+/);
	return parts.length === 3 && parts.every((p) => /^\d+$/.test(p)) ? parts : null;
}
