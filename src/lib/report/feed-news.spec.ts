import { describe, expect, it } from 'vitest';
import { countNewChanges } from './feed-news';

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
});
