import { describe, expect, it } from 'vitest';
import { reportFixture } from '../../../tests/helpers/report-fixture';
import { layoutTrend, trendTooFew } from './trend';

describe('layoutTrend', () => {
	it('draws the overall line first, then one per task in order', () => {
		const layout = layoutTrend(reportFixture());
		expect(layout.series.map((s) => s.key)).toEqual([
			'overall',
			'task-1',
			'task-2',
			'task-3',
			'task-4',
			'task-5'
		]);
		expect(layout.series[0].points.map((p) => p.value)).toEqual([20, 31, 46]);
		expect(layout.tooFew).toBe(false);
	});

	it('places points by date, first at x = 0 and last at x = 1, y = progress / 100', () => {
		const overall = layoutTrend(reportFixture()).series[0].points;
		expect(overall[0]).toMatchObject({ x: 0, y: 0.2 });
		expect(overall[2]).toMatchObject({ x: 1, y: 0.46 });
		// 2026-02-15 is 44 of the 88 days from 01-02 to 03-31.
		expect(overall[1].x).toBeCloseTo(44 / 88, 6);
	});

	it('skips a task at snapshots taken before it existed', () => {
		const task3 = layoutTrend(reportFixture()).series[3];
		expect(task3.points.map((p) => p.date)).toEqual(['2026-02-15', '2026-03-31']);
	});

	it('says when there is only one point to show', () => {
		const report = reportFixture();
		const layout = layoutTrend({ ...report, trend: report.trend.slice(-1) });
		expect(layout.tooFew).toBe(true);
		expect(layout.series[0].points[0].x).toBe(0.5);
		// The rule the Markdown export goes by too.
		expect(trendTooFew({ trend: report.trend.slice(-1) })).toBe(true);
		expect(trendTooFew(report)).toBe(false);
	});

	it('clamps values outside 0–100', () => {
		const report = reportFixture();
		const trend = [{ date: '2026-01-01', overall: 140, tasks: {}, snapshotId: null }];
		expect(layoutTrend({ ...report, trend }).series[0].points[0].y).toBe(1);
	});
});
