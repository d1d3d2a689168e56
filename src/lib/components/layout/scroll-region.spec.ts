import { describe, expect, it } from 'vitest';
import { hiddenSides } from './scroll-region';

describe('hiddenSides', () => {
	it('says nothing is hidden when the content fits, or overflows by a sub-pixel', () => {
		expect(hiddenSides(0, 800, 800)).toBeNull();
		expect(hiddenSides(0, 800, 800.6)).toBeNull();
	});

	it('shows more at the end before scrolling, at both sides midway, at the start at the end', () => {
		expect(hiddenSides(0, 600, 900)).toBe('end');
		expect(hiddenSides(150, 600, 900)).toBe('both');
		expect(hiddenSides(300, 600, 900)).toBe('start');
		expect(hiddenSides(299.5, 600, 900)).toBe('start');
	});
});
