import { describe, expect, it } from 'vitest';
import { filterPlan, NO_FILTER } from './filter';
import { firstScreen } from './first-screen';
import { MILESTONE_PAGE } from './paging';
import { milestone, org, plan, task } from './test-plan';

const ctx = { today: '2026-06-01', orgSectors: new Map(), personOrgs: new Map() };

/** Task a: 120 milestones, the first 70 done; task b: 80 in progress, owned by org:b. */
const whole = plan(
	[task('a', { position: 0 }), task('b', { position: 1, owners: [org('b')] })],
	[
		...Array.from({ length: 120 }, (_, i) =>
			milestone(`a${i}`, 'a', { position: i, status: i < 70 ? 'done' : 'in_progress' })
		),
		...Array.from({ length: 80 }, (_, i) =>
			milestone(`b${i}`, 'b', { position: i, status: 'in_progress' })
		)
	]
);
const ids = (prefix: string, from: number, to: number) =>
	Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);

describe('firstScreen', () => {
	it('keeps each task’s first page and each status column’s first page, in board order', () => {
		const { ids: kept } = firstScreen(whole, NO_FILTER, ctx, []);
		// a's page (a0–a49) covers the done column's page; the in-progress column starts at a70.
		expect([...kept].sort()).toEqual(
			[...ids('a', 0, MILESTONE_PAGE), ...ids('a', 70, 120), ...ids('b', 0, MILESTONE_PAGE)].sort()
		);
	});

	it('counts the whole plan, what the filter shows, per task and per status', () => {
		const { counts } = firstScreen(whole, { ...NO_FILTER, status: 'in_progress' }, ctx, []);
		expect(counts).toMatchObject({
			milestones: 200,
			shownMilestones: 130,
			perTask: { a: 50, b: 80 },
			perStatus: { in_progress: 130 }
		});
		expect(counts.choices.organizations).toEqual(['b']);
	});

	it('filters before it cuts, and the client filtering the cut plan again gets the same', () => {
		const filter = { ...NO_FILTER, status: 'in_progress' as const };
		const { ids: kept } = firstScreen(whole, filter, ctx, []);
		expect(kept.has('a0')).toBe(false);
		expect(kept.has('a70')).toBe(true);
		const cut = { ...whole, milestones: whole.milestones.filter((ms) => kept.has(ms.id)) };
		const again = filterPlan(cut, filter, ctx);
		expect(again.tasks.map((t) => t.id)).toEqual(['a', 'b']);
		expect(again.milestones).toEqual(cut.milestones);
	});
});
