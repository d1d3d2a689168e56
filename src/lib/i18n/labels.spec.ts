import { describe, expect, it } from 'vitest';
import { readerDateTime } from '$lib/report/text';
import { formatDateTime, zoneLabel } from './labels';

describe('moments with their zone named', () => {
	const at = '2026-03-02T05:05:00Z'; // 14:05 in Seoul, 06:05 in Berlin (winter)

	it('names Korea’s zone KST in both languages, as the reports do', () => {
		expect(formatDateTime('ko', at, 'Asia/Seoul')).toBe('2026년 3월 2일 14:05 (KST)');
		expect(formatDateTime('en', at, 'Asia/Seoul')).toBe('2 Mar 2026 14:05 (KST)');
	});

	it('names another zone as Intl does, by the moment’s own offset', () => {
		expect(formatDateTime('en', at, 'Europe/Berlin')).toBe('2 Mar 2026 06:05 (CET)');
		expect(zoneLabel('en', new Date('2026-07-01T12:00:00Z'), 'Europe/Berlin')).toBe('CEST');
		expect(zoneLabel('en', new Date(at), 'UTC')).toBe('UTC');
	});

	it('writes a moment as the reports do', () => {
		for (const locale of ['ko', 'en'] as const)
			expect(formatDateTime(locale, at, 'Asia/Seoul')).toBe(readerDateTime(at, locale));
	});

	it('without a zone, uses and names the reader’s own', () => {
		const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
		expect(formatDateTime('en', at)).toBe(formatDateTime('en', at, own));
	});
});
