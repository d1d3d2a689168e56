import { describe, expect, it } from 'vitest';
import { dayIn, readerToday } from './reader-day';
import { localToday } from './schedule';

describe("the reader's day", () => {
	// 20:30 UTC on 1 March: already 2 March in Seoul, still 1 March in Los Angeles.
	const evening = new Date('2026-03-01T20:30:00Z');

	it('is the calendar day in the reader’s time zone, not the server’s', () => {
		expect(dayIn('Asia/Seoul', evening)).toBe('2026-03-02');
		expect(dayIn('America/Los_Angeles', evening)).toBe('2026-03-01');
		expect(dayIn('UTC', evening)).toBe('2026-03-01');
		expect(readerToday('Asia/Seoul', evening)).toBe('2026-03-02');
	});

	it('crosses a year and a leap day', () => {
		expect(dayIn('Asia/Seoul', new Date('2027-12-31T15:00:00Z'))).toBe('2028-01-01');
		expect(dayIn('Pacific/Kiritimati', new Date('2028-02-28T10:00:00Z'))).toBe('2028-02-29');
	});

	it('falls back to the server’s own day for a missing or made-up zone', () => {
		for (const zone of [undefined, '', 'Mars/Olympus_Mons', 'x'.repeat(65), '../../etc/passwd'])
			expect(readerToday(zone, evening)).toBe(localToday(evening));
		expect(dayIn('Mars/Olympus_Mons', evening)).toBeNull();
	});
});
