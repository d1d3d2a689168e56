import { describe, expect, it } from 'vitest';
import { FIRST_DRAW, firstDraws, firstPage } from './paging';

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `m${i}` }));

describe('firstPage', () => {
	it('draws the first page and counts the rest', () => {
		const { rows, hidden } = firstPage(items(120), 50);
		expect(rows.map((r) => r.item.id)).toEqual(items(50).map((i) => i.id));
		expect(hidden).toBe(70);
	});

	it('draws everything when the list is shorter than a page', () => {
		expect(firstPage(items(3), 50)).toEqual({
			rows: items(3).map((item, index) => ({ item, index })),
			hidden: 0
		});
	});

	it('keeps pinned rows beyond the page, with their place in the whole list', () => {
		const { rows, hidden } = firstPage(items(100), 2, new Set(['m99', 'm40']));
		expect(rows).toEqual([
			{ item: { id: 'm0' }, index: 0 },
			{ item: { id: 'm1' }, index: 1 },
			{ item: { id: 'm40' }, index: 40 },
			{ item: { id: 'm99' }, index: 99 }
		]);
		expect(hidden).toBe(96);
	});
});

describe('firstDraws', () => {
	it('fills one window, tasks in order, and leaves the tasks below it for later', () => {
		// 900 px holds 12 of the shortest rows: ten for the first task, two for the second.
		expect(firstDraws([2000, 2000, 2000, 2000, 2000], 900)).toEqual([FIRST_DRAW, 2, 0, 0, 0]);
	});

	it('passes the window on past tasks with few milestones or none', () => {
		expect(firstDraws([0, 3, 2000, 2000], 900)).toEqual([0, 3, 9, 0]);
	});

	it('draws a row even in a window too short to count', () => {
		expect(firstDraws([5, 5], 0)).toEqual([1, 0]);
	});
});
