import { describe, expect, it } from 'vitest';
import { dateStyle, englishDateOrder } from './date-order';

describe('the order an English reader writes dates in', () => {
	it('follows the region of the first English language the browser sends', () => {
		expect(englishDateOrder('en-US,en;q=0.9')).toBe('mdy');
		expect(englishDateOrder('en-GB,en-US;q=0.9,en;q=0.8')).toBe('dmy');
		expect(englishDateOrder('en-AU')).toBe('dmy');
		expect(englishDateOrder('en-CA,fr-CA;q=0.8')).toBe('ymd');
		expect(englishDateOrder('ko-KR,ko;q=0.9,en-US;q=0.8')).toBe('mdy');
		expect(englishDateOrder('en-us')).toBe('mdy');
	});

	it('goes by the weights the reader gave, not the order written', () => {
		expect(englishDateOrder('en-US;q=0.5,en-GB;q=0.9')).toBe('dmy');
		expect(englishDateOrder('en-GB;q=0,en-US;q=0.2')).toBe('mdy');
	});

	it('without an English region, day first: the order the English pages show', () => {
		for (const header of [null, '', 'en', 'ko-KR,ko', 'en,ko;q=0.5', 'fr-FR', '*'])
			expect(englishDateOrder(header), String(header)).toBe('dmy');
	});

	it('anything a browser would not send falls back to day first, without throwing', () => {
		for (const header of [
			'en-ZZZZ',
			'en-;q=1',
			'en-US;q=abc',
			';;;,,,',
			'en-\u0000',
			'x'.repeat(10_000),
			Array.from({ length: 500 }, () => 'en-US').join(',')
		])
			expect(['dmy', 'mdy']).toContain(englishDateOrder(header));
		expect(englishDateOrder('en-US;q=abc')).toBe('dmy');
	});

	it('Korean pages always take year first, whoever reads them', () => {
		expect(dateStyle('ko', 'mdy')).toBe('ko');
		expect(dateStyle('en', 'mdy')).toBe('mdy');
		expect(dateStyle('en', undefined)).toBe('dmy');
	});
});
