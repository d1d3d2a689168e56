import { describe, expect, it } from 'vitest';
import { demoMilestonePlan } from './demo-schedule';

describe('the demo roadmap’s example schedule', () => {
	const seededAt = new Date('2026-12-02T09:00:00Z');

	it('has each task’s first step under way and the later ones ahead, around the day of seeding', () => {
		const first = demoMilestonePlan(0, 0, seededAt);
		expect(first).toMatchObject({
			startDate: '2026-06-01',
			dueDate: '2027-01-31',
			status: 'in_progress'
		});
		expect(first.progress).toBeGreaterThan(0);
		expect(first.progress).toBeLessThan(100);
		const later = demoMilestonePlan(0, 2, seededAt);
		expect(later).toMatchObject({ startDate: '2027-06-01', status: 'planned', progress: 0 });
	});

	it('never has a due date before its start, nor one already past: nothing starts out overdue', () => {
		for (let task = 0; task < 5; task++)
			for (let step = 0; step < 4; step++) {
				const plan = demoMilestonePlan(task, step, seededAt);
				expect(plan.dueDate > plan.startDate).toBe(true);
				expect(plan.dueDate >= '2026-12-02').toBe(true);
			}
	});

	it('marks the power-grid task’s first step at risk, and says the dates are examples', () => {
		const grid = demoMilestonePlan(4, 0, seededAt);
		expect(grid.status).toBe('at_risk');
		expect(grid.description.ko).toContain('예시 일정');
		expect(grid.description.en).toContain('Example dates');
	});

	it('stays on the calendar across a year end and in a 31-day month', () => {
		const plan = demoMilestonePlan(3, 1, new Date('2027-01-31T23:00:00Z'));
		expect(plan.startDate).toBe('2027-04-01');
		expect(plan.dueDate).toBe('2027-11-30');
	});
});
