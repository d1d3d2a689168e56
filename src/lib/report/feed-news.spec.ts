import { describe, expect, it } from 'vitest';
import { countNewChanges, newChangesOf } from './feed-news';

describe('new changes in the activity feed', () => {
	const shown = [{ at: '2026-12-07T10:00:05.000Z' }, { at: '2026-12-07T09:58:00.000Z' }];

	it('counts the changes made after the newest shown, typed-on ones included', () => {
		expect(countNewChanges(shown, shown)).toBe(0);
		const fresh = [
			{ at: '2026-12-07T10:02:00.000Z' },
			{ at: '2026-12-07T10:01:00.000Z' },
			{ at: '2026-12-07T10:01:30.000Z' }, // the newest shown, typed on since
			{ at: '2026-12-07T09:58:00.000Z' }
		];
		expect(countNewChanges(shown, fresh)).toBe(3);
	});

	it('counts nothing for a feed that only lost entries, and everything for an empty page', () => {
		expect(countNewChanges(shown, [shown[1]])).toBe(0);
		expect(countNewChanges([], [])).toBe(0);
		expect(countNewChanges([], shown)).toBe(2);
	});

	it('says "or more" when every entry of a full first page is new and more pages follow', () => {
		const newer = Array.from({ length: 50 }, (_, i) => ({
			at: new Date(Date.UTC(2026, 11, 7, 11, 0, i)).toISOString()
		}));
		expect(newChangesOf(shown, { entries: newer, hasMore: true })).toEqual({
			count: 50,
			orMore: true
		});
		// The whole feed is on one page: exactly that many.
		expect(newChangesOf(shown, { entries: newer, hasMore: false })).toEqual({
			count: 50,
			orMore: false
		});
		// Some of the page was shown already: the count is all there is.
		expect(newChangesOf(shown, { entries: [...newer.slice(1), shown[0]], hasMore: true })).toEqual({
			count: 49,
			orMore: false
		});
		expect(newChangesOf(shown, { entries: shown, hasMore: true })).toEqual({
			count: 0,
			orMore: false
		});
	});
});
