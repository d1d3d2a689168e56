import { describe, expect, it } from 'vitest';
import { shorten } from './shorten';

describe('shorten', () => {
	it('keeps a short text, cuts a long one at a word past half, with an ellipsis', () => {
		expect(shorten('PIM 시제품', 20)).toBe('PIM 시제품');
		expect(shorten('Delayed by procurement; recovery plan agreed with KISTEP', 40)).toBe(
			'Delayed by procurement; recovery plan…'
		);
		expect(shorten('a\n\n  b', 10)).toBe('a b');
	});
	it('cuts at the limit when no space is near, never inside a surrogate pair', () => {
		expect(shorten('가'.repeat(19) + '🌞나다', 20)).toBe('가'.repeat(19) + '🌞…');
	});
});
