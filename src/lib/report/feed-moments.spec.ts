import { describe, expect, it } from 'vitest';
import { foldMoments } from './feed-moments';

const entry = (id: number, moment: string) => ({ id, moment });

describe('foldMoments (the activity feed’s runs of one save)', () => {
	it('folds a long run of one moment past its first three, and only that run', () => {
		const template = Array.from({ length: 27 }, (_, i) => entry(10 + i, 't0|Kim'));
		const runs = foldMoments([entry(1, 't2|Lee'), entry(2, 't1|Kim'), ...template]);
		expect(runs.map((r) => [r.shown.length, r.folded.length])).toEqual([
			[1, 0],
			[1, 0],
			[3, 24]
		]);
		expect(runs[2].shown.map((e) => e.id)).toEqual([10, 11, 12]);
		expect(runs[2].folded[0].id).toBe(13);
	});

	it('keeps short runs whole, and tells apart two people saving at the same time', () => {
		const same = [1, 2, 3, 4, 5].map((i) => entry(i, 't0|Kim'));
		const other = [6, 7, 8, 9, 10, 11].map((i) => entry(i, 't0|Lee'));
		const runs = foldMoments([...same, ...other]);
		expect(runs.map((r) => [r.shown.length, r.folded.length])).toEqual([
			[5, 0],
			[3, 3]
		]);
	});

	it('leaves an empty feed empty', () => {
		expect(foldMoments([])).toEqual([]);
	});
});
