import { describe, expect, it } from 'vitest';
import { reportFixture } from '../../../tests/helpers/report-fixture';
import { monthStarts } from './dates';
import { labelEnd, layoutTimeline, placeMonthLabels } from './timeline';

describe('layoutTimeline', () => {
	const layout = layoutTimeline(reportFixture());

	it('spans the period and the 90 days after it, with the today line at the report date', () => {
		expect(layout.start).toBe('2026-01-01');
		expect(layout.end).toBe('2026-06-29');
		// 2026-03-31 is day 89 of a 179-day window.
		expect(layout.today).toBeCloseTo(89 / 179, 6);
	});

	it('reaches 30 days back however short the period, so the milestones just overdue stay', () => {
		const fixture = reportFixture();
		const oneDayReport = {
			...fixture,
			period: { since: fixture.period.until, until: fixture.period.until }
		};
		const oneDay = layoutTimeline(oneDayReport);
		expect(oneDay.start).toBe('2026-03-01');
		expect(oneDay.today).toBeCloseTo(30 / 120, 6);
		// m-3, open and due 2026-03-10, three weeks before the report date, is drawn.
		const drawn = (l: typeof oneDay) => l.rows.flatMap((row) => row.bars.map((b) => b.milestoneId));
		expect(drawn(oneDay)).toContain('m-3');
		expect(drawn(layoutTimeline(oneDayReport, { daysBehind: 0 }))).not.toContain('m-3');
	});

	it('has one row per task in roadmap order, each at least one lane tall', () => {
		expect(layout.rows.map((row) => row.number)).toEqual([1, 2, 3, 4, 5]);
		let top = 0;
		for (const row of layout.rows) {
			expect(row.top).toBe(top);
			expect(row.lanes).toBeGreaterThanOrEqual(1);
			top += row.lanes;
		}
		expect(layout.totalLanes).toBe(top);
	});

	it('draws dated milestones as bars or points inside the axis, and counts undated ones', () => {
		const bars = layout.rows.flatMap((row) => row.bars);
		expect(bars.map((bar) => bar.milestoneId).sort()).toEqual([
			'm-1',
			'm-2',
			'm-3',
			'm-4',
			'm-5',
			'm-6',
			'm-7'
		]);
		expect(layout.undated).toBe(1);
		// Every other milestone is drawn or counted as outside the window: none vanishes unsaid.
		const fixture = reportFixture();
		expect(layout.outside).toBe(fixture.milestones.length - bars.length - layout.undated);
		for (const bar of bars) {
			expect(bar.x0).toBeGreaterThanOrEqual(0);
			expect(bar.x1).toBeLessThanOrEqual(1);
			expect(bar.x0).toBeLessThanOrEqual(bar.x1);
		}
		expect(bars.find((bar) => bar.milestoneId === 'm-3')?.kind).toBe('point');
		expect(bars.find((bar) => bar.milestoneId === 'm-1')?.kind).toBe('bar');
	});

	it('counts the dated milestones that lie wholly outside the window', () => {
		const fixture = reportFixture();
		const [first] = fixture.milestones;
		const withOld = {
			...fixture,
			milestones: [
				...fixture.milestones,
				{ ...first, id: 'm-old', startDate: '2025-03-01', dueDate: '2025-07-31' },
				{ ...first, id: 'm-far', startDate: '2027-03-01', dueDate: '2027-07-31' }
			]
		};
		const wider = layoutTimeline(withOld);
		expect(wider.outside).toBe(layout.outside + 2);
		expect(wider.rows.flatMap((row) => row.bars).map((bar) => bar.milestoneId)).not.toContain(
			'm-old'
		);
	});

	it('marks unfinished milestones due before the report date as overdue', () => {
		const bars = layout.rows.flatMap((row) => row.bars);
		expect(bars.filter((bar) => bar.overdue).map((bar) => bar.milestoneId)).toEqual(['m-3']);
	});

	it('clips a bar that runs past the window and keeps it inside the axis', () => {
		const m7 = layout.rows[4].bars.find((bar) => bar.milestoneId === 'm-7');
		expect(m7?.clippedEnd).toBe(true);
		expect(m7?.x1).toBe(1);
	});

	it('puts overlapping milestones of one task in separate lanes', () => {
		const row = layout.rows[1]; // m-3 (point on 03-10) overlaps m-4 (02-01 → 04-30)
		expect(row.lanes).toBe(2);
		expect(new Set(row.bars.map((bar) => bar.lane)).size).toBe(2);
	});

	it('caps the lanes of a crowded task and counts what it left out', () => {
		const report = reportFixture();
		const many = Array.from({ length: 2000 }, (_, i) => ({
			...report.milestones[0],
			id: `bulk-${i}`,
			status: 'planned' as const,
			startDate: null,
			dueDate: '2026-03-15'
		}));
		const crowded = layoutTimeline({ ...report, milestones: [...report.milestones, ...many] });
		expect(crowded.rows[0].lanes).toBe(6);
		expect(crowded.rows[0].bars.length + crowded.rows[0].hidden).toBe(2002);
	});

	it('ticks at the first of each month, with the year on the first tick and on January', () => {
		expect(layout.ticks.map((tick) => tick.month)).toEqual([
			'2026-01',
			'2026-02',
			'2026-03',
			'2026-04',
			'2026-05',
			'2026-06'
		]);
		expect(layout.ticks[0]).toMatchObject({ x: 0, showYear: true });
		expect(layout.ticks[0].partial).toBeUndefined();
		expect(layout.ticks[1].showYear).toBe(false);
	});

	it('marks the left edge of a window that starts mid-month, and clips what began before it', () => {
		const report = reportFixture();
		const midMonth = layoutTimeline({
			...report,
			period: { ...report.period, since: '2026-01-05' },
			milestones: report.milestones.map((ms) =>
				ms.id === 'm-1' ? { ...ms, startDate: '2025-12-01', dueDate: '2026-02-15' } : ms
			)
		});
		expect(midMonth.ticks[0]).toMatchObject({
			date: '2026-01-05',
			x: 0,
			month: '2026-01',
			showYear: true,
			partial: true
		});
		expect(midMonth.ticks[1]).toMatchObject({ date: '2026-02-01', showYear: false });
		const m1 = midMonth.rows.flatMap((row) => row.bars).find((bar) => bar.milestoneId === 'm-1');
		expect(m1).toMatchObject({ kind: 'bar', x0: 0, clippedStart: true, clippedEnd: false });
	});
});

describe('placeMonthLabels', () => {
	// The page's chart: an axis from 190 to 800, and its width estimate at 13 px (Hangul about a
	// square, the rest half of one).
	const page = {
		left: 190,
		right: 800,
		width: (text: string) =>
			[...text].reduce((w, ch) => w + (/[\u3131-\uD79D]/.test(ch) ? 13 : 7.5), 0)
	};
	const labels = (since: string, locale: 'ko' | 'en' = 'ko') => {
		const report = reportFixture();
		const layout = layoutTimeline({ ...report, period: { since, until: '2026-12-07' } });
		return placeMonthLabels(layout.ticks, locale, page).map((label) => label?.text ?? null);
	};

	it('names the first month of a period that starts mid-month, by the month alone when its days are few', () => {
		// The review's report: 23 days of September, too few for "2026년 9월" but not for "9월";
		// the year moves to October's label.
		expect(labels('2026-09-08').slice(0, 3)).toEqual(['9월', '2026년 10월', '11월']);
		// "Sep 2026" is narrower: it fits whole.
		expect(labels('2026-09-08', 'en').slice(0, 3)).toEqual(['Sep 2026', 'Oct', 'Nov']);
		// A whole month's worth of days holds the year too.
		expect(labels('2026-08-03').slice(0, 2)).toEqual(['2026년 8월', '9월']);
	});

	it('leaves unnamed a first month of a day or two, and names the year on the next', () => {
		expect(labels('2026-09-29').slice(0, 3)).toEqual([null, '2026년 10월', '11월']);
	});

	it('names a month too near the end on the left of its line, or not at all', () => {
		const ticks = [
			{ date: '2026-01-01', x: 0, month: '2026-01', showYear: true },
			{ date: '2026-02-01', x: 0.5, month: '2026-02', showYear: false },
			{ date: '2026-03-01', x: 0.98, month: '2026-03', showYear: false }
		];
		expect(placeMonthLabels(ticks, 'en', page)).toEqual([
			{ text: 'Jan 2026', x: 193, anchor: 'start' },
			{ text: 'Feb', x: 498, anchor: 'start' },
			{ text: 'Mar', x: 787.8 - 3, anchor: 'end' }
		]);
	});
});

describe('monthStarts', () => {
	it('crosses a year boundary', () => {
		expect(monthStarts('2025-11-15', '2026-02-01')).toEqual([
			'2025-12-01',
			'2026-01-01',
			'2026-02-01'
		]);
	});
});

describe('labelEnd', () => {
	const bar = (id: string, lane: number, x0: number, x1 = x0) => ({
		milestoneId: id,
		title: { ko: id, en: id },
		status: 'planned' as const,
		overdue: false,
		dueDate: '2026-03-01',
		kind: x1 > x0 ? ('bar' as const) : ('point' as const),
		x0,
		x1,
		lane,
		clippedStart: false,
		clippedEnd: false
	});

	it('lets a name run to the next milestone in its lane, or to the end of the window', () => {
		const long = bar('long', 0, 0.1, 0.6);
		const next = bar('next', 0, 0.7);
		const below = bar('below', 1, 0.3);
		const row = { bars: [long, next, below] };
		expect(labelEnd(row, long)).toBe(0.7); // not 0.3: that one is in another lane
		expect(labelEnd(row, next)).toBe(1);
		expect(labelEnd(row, below)).toBe(1);
	});

	it('gives every laid-out milestone at least the span its lane keeps free after it', () => {
		for (const row of layoutTimeline(reportFixture()).rows)
			for (const b of row.bars) expect(labelEnd(row, b) - b.x0).toBeGreaterThanOrEqual(0.16 - 1e-9);
	});
});
