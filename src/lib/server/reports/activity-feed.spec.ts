import { describe, expect, it } from 'vitest';
import { FEED_PAGE, pageOf } from './activity-feed';

type Row = {
	id: number;
	field: string;
	entityType: string;
	entityId: string;
	at: Date;
	userId: string | null;
};

/** `n` changes, newest first, one second apart, each to its own milestone's progress. */
function feed(n: number): Row[] {
	const start = Date.UTC(2027, 2, 1, 9);
	return Array.from({ length: n }, (_, i) => ({
		id: n - i,
		field: 'progress',
		entityType: 'milestone',
		entityId: `m${n - i}`,
		at: new Date(start + (n - i) * 60_000),
		userId: 'kim'
	}));
}

/** Turns rows i and i + 1 (newest first) into a due and a start date of one milestone, set at once. */
function schedulePairAt(rows: Row[], i: number, userIds: [string, string] = ['kim', 'kim']) {
	rows[i] = { ...rows[i], field: 'dueDate', entityId: 'ms', userId: userIds[0] };
	rows[i + 1] = { ...rows[i + 1], field: 'startDate', entityId: 'ms', userId: userIds[1] };
	rows[i + 1].at = new Date(rows[i].at.getTime() - 300);
}

/** Every page of `rows` as readActivityFeed cuts it (each page sees the row before and two after). */
function pages(rows: Row[]): Row[][] {
	const out: Row[][] = [];
	for (let p = 1; ; p++) {
		const offset = (p - 1) * FEED_PAGE;
		const from = Math.max(0, offset - 1);
		const { page, hasMore } = pageOf(rows.slice(from, offset + FEED_PAGE + 2), offset - from);
		out.push(page);
		if (!hasMore) return out;
	}
}

describe('the activity feed’s pages', () => {
	it('cut every FEED_PAGE rows, each row once', () => {
		const rows = feed(FEED_PAGE * 2 + 7);
		const cut = pages(rows);
		expect(cut.map((p) => p.length)).toEqual([FEED_PAGE, FEED_PAGE, 7]);
		expect(cut.flat().map((r) => r.id)).toEqual(rows.map((r) => r.id));
	});

	it('keep a start and a due date set together on one page, the earlier one', () => {
		const rows = feed(FEED_PAGE * 2 + 7);
		schedulePairAt(rows, FEED_PAGE - 1); // the last row of page 1 and the first of page 2
		const cut = pages(rows);
		expect(cut[0].length).toBe(FEED_PAGE + 1);
		expect(cut[0].slice(-2).map((r) => r.field)).toEqual(['dueDate', 'startDate']);
		expect(cut[1][0].field).toBe('progress');
		expect(cut.flat().map((r) => r.id)).toEqual(rows.map((r) => r.id));
	});

	it('say there is no more when the pair held the last row', () => {
		const rows = feed(FEED_PAGE + 1);
		schedulePairAt(rows, FEED_PAGE - 1);
		const cut = pages(rows);
		expect(cut.length).toBe(1);
		expect(cut[0].length).toBe(FEED_PAGE + 1);
	});

	it('split dates of one milestone set by two people, as two changes', () => {
		const rows = feed(FEED_PAGE * 2);
		schedulePairAt(rows, FEED_PAGE - 1, ['kim', 'lee']);
		expect(pages(rows).map((p) => p.length)).toEqual([FEED_PAGE, FEED_PAGE]);
	});
});
