import { describe, expect, it } from 'vitest';
import {
	clampProgress,
	isOverdue,
	normaliseSpan,
	parseProgress,
	roadmapProgress,
	spanProblem,
	statusFromMilestones,
	taskProgress
} from './schedule';

describe('progress normalisation', () => {
	it('clamps to 0–100 and rounds; anything that is not a number reads as 0', () => {
		expect(clampProgress(-5)).toBe(0);
		expect(clampProgress(140)).toBe(100);
		expect(clampProgress(42.6)).toBe(43);
		expect(clampProgress('50')).toBe(0);
		expect(clampProgress(Number.NaN)).toBe(0);
		expect(clampProgress(Infinity)).toBe(0);
	});

	it('the editor refuses typed progress outside 0–100 or not a number, and accepts the rest', () => {
		expect(parseProgress('101')).toEqual({ ok: false, problem: 'out_of_range' });
		expect(parseProgress('-1')).toEqual({ ok: false, problem: 'out_of_range' });
		expect(parseProgress('abc')).toEqual({ ok: false, problem: 'not_a_number' });
		expect(parseProgress('')).toEqual({ ok: false, problem: 'not_a_number' });
		expect(parseProgress(' 35 ')).toEqual({ ok: true, value: 35 });
		expect(parseProgress('100')).toEqual({ ok: true, value: 100 });
		// Not rounded behind the writer's back: the field says whole numbers.
		expect(parseProgress('12.5')).toEqual({ ok: false, problem: 'not_whole' });
		expect(parseProgress('50.0')).toEqual({ ok: true, value: 50 });
		expect(parseProgress('0')).toEqual({ ok: true, value: 0 });
	});
});

describe('date span normalisation', () => {
	it('keeps the due date and drops the start when the due date comes first', () => {
		expect(normaliseSpan('2026-05-01', '2026-04-30')).toEqual({
			startDate: null,
			dueDate: '2026-04-30'
		});
	});

	it('leaves ordered, equal and half-open spans alone', () => {
		expect(normaliseSpan('2026-04-01', '2026-04-30')).toEqual({
			startDate: '2026-04-01',
			dueDate: '2026-04-30'
		});
		expect(normaliseSpan('2026-04-01', '2026-04-01').startDate).toBe('2026-04-01');
		expect(normaliseSpan(null, '2026-04-01')).toEqual({ startDate: null, dueDate: '2026-04-01' });
		expect(normaliseSpan('2026-04-01', null)).toEqual({ startDate: '2026-04-01', dueDate: null });
	});

	it('the editor names a due date before the start as the problem', () => {
		expect(spanProblem('2026-05-01', '2026-04-30')).toBe('due_before_start');
		expect(spanProblem('2026-05-01', '2026-05-01')).toBeNull();
		expect(spanProblem(null, '2026-04-30')).toBeNull();
	});
});

describe('progress roll-up', () => {
	it('a task with milestones takes their mean, each milestone counting once', () => {
		expect(
			taskProgress(90, [
				{ status: 'in_progress', progress: 20 },
				{ status: 'planned', progress: 0 },
				{ status: 'at_risk', progress: 40 }
			])
		).toBe(20);
	});

	it('a done milestone counts 100 and a cancelled one not at all', () => {
		expect(
			taskProgress(0, [
				{ status: 'done', progress: 10 },
				{ status: 'cancelled', progress: 0 },
				{ status: 'blocked', progress: 50 }
			])
		).toBe(75);
	});

	it('a task without milestones (or only cancelled ones) keeps its hand-set progress', () => {
		expect(taskProgress(35, [])).toBe(35);
		expect(taskProgress(35, [{ status: 'cancelled', progress: 80 }])).toBe(35);
		expect(taskProgress(250, [])).toBe(100);
	});

	it('the roadmap takes the mean of its tasks, and 0 when it has none', () => {
		expect(roadmapProgress([100, 0, 50])).toBe(50);
		expect(roadmapProgress([33, 34])).toBe(34);
		expect(roadmapProgress([])).toBe(0);
	});
});

describe('overdue', () => {
	const today = '2026-03-02';
	it('is due before today and still open', () => {
		expect(isOverdue({ status: 'in_progress', dueDate: '2026-03-01' }, today)).toBe(true);
		expect(isOverdue({ status: 'blocked', dueDate: '2025-12-31' }, today)).toBe(true);
	});
	it('is not due today, not without a date, not when done or cancelled', () => {
		expect(isOverdue({ status: 'planned', dueDate: today }, today)).toBe(false);
		expect(isOverdue({ status: 'planned', dueDate: null }, today)).toBe(false);
		expect(isOverdue({ status: 'done', dueDate: '2026-01-01' }, today)).toBe(false);
		expect(isOverdue({ status: 'cancelled', dueDate: '2026-01-01' }, today)).toBe(false);
	});
});

describe('statusFromMilestones', () => {
	const ms = (...statuses: string[]) => statuses.map((status) => ({ status }));

	it('points a task still planned whose work has begun to in progress', () => {
		expect(statusFromMilestones('planned', ms('planned', 'in_progress'))).toBe('in_progress');
		expect(statusFromMilestones('planned', ms('done', 'planned'))).toBe('in_progress');
	});

	it('points a task whose open work is blocked or at risk to at risk', () => {
		expect(statusFromMilestones('planned', ms('planned', 'blocked'))).toBe('at_risk');
		expect(statusFromMilestones('planned', ms('at_risk', 'in_progress'))).toBe('at_risk');
		expect(statusFromMilestones('done', ms('done', 'blocked'))).toBe('at_risk');
	});

	it('points a task done with work still open back to in progress, and one whose milestones are all done to done', () => {
		expect(statusFromMilestones('done', ms('done', 'in_progress'))).toBe('in_progress');
		expect(statusFromMilestones('in_progress', ms('done', 'done', 'cancelled'))).toBe('done');
		expect(statusFromMilestones('delayed', ms('done'))).toBe('done');
	});

	it('says nothing where they agree, where it is a judgement, or with nothing to go by', () => {
		expect(statusFromMilestones('planned', ms('planned', 'cancelled'))).toBeNull();
		expect(statusFromMilestones('in_progress', ms('planned', 'in_progress'))).toBeNull();
		expect(statusFromMilestones('at_risk', ms('in_progress'))).toBeNull();
		expect(statusFromMilestones('on_hold', ms('planned'))).toBeNull();
		expect(statusFromMilestones('on_hold', ms('done', 'done'))).toBeNull();
		expect(statusFromMilestones('done', ms('done'))).toBeNull();
		expect(statusFromMilestones('planned', [])).toBeNull();
		expect(statusFromMilestones('done', ms('cancelled'))).toBeNull();
	});
});
