import { describe, expect, it } from 'vitest';
import type { ReportData, ReportOwner } from '../../report/model';
import { compareReports } from './compare';

const org = (id: string, role: ReportOwner['role'] = 'lead'): ReportOwner => ({
	kind: 'organization',
	id,
	name: { ko: id, en: id },
	sector: 'industry',
	role
});

/** Just what compareReports reads of a report: one task and its milestones, with their owners. */
function report(
	generatedAt: string,
	taskOwners: ReportOwner[],
	milestones: { id: string; owners: ReportOwner[] }[]
): ReportData {
	return {
		generatedAt,
		period: { since: null, until: generatedAt.slice(0, 10) },
		tasks: [
			{
				id: 't1',
				title: { ko: '과제', en: 'Task' },
				status: 'in_progress',
				progress: 10,
				owners: taskOwners
			}
		],
		milestones: milestones.map((m) => ({
			...m,
			taskId: 't1',
			title: { ko: `이정표 ${m.id}`, en: `Milestone ${m.id}` },
			status: 'planned',
			dueDate: '2027-01-01',
			doneAt: null
		}))
	} as unknown as ReportData;
}

describe('owners in a comparison of two reports', () => {
	it("names a milestone whose own owners changed, with the milestone's title", () => {
		const before = report(
			'2026-11-01T00:00:00Z',
			[org('mois')],
			[{ id: 'm1', owners: [org('mois')] }]
		);
		const after = report(
			'2026-12-01T00:00:00Z',
			[org('mois')],
			[{ id: 'm1', owners: [org('skhynix', 'support')] }]
		);
		const { ownersChanged } = compareReports(after, before);
		expect(ownersChanged).toEqual([
			{
				taskId: 't1',
				milestoneId: 'm1',
				title: { ko: '이정표 m1', en: 'Milestone m1' },
				added: [org('skhynix', 'support')],
				removed: [org('mois')]
			}
		]);
	});

	it("says a task's change once, not again for each milestone that shows the task's owners", () => {
		const before = report(
			'2026-11-01T00:00:00Z',
			[org('mois')],
			[
				{ id: 'm1', owners: [org('mois')] },
				{ id: 'm2', owners: [org('kaist')] }
			]
		);
		const after = report(
			'2026-12-01T00:00:00Z',
			[org('msit')],
			[
				{ id: 'm1', owners: [org('msit')] },
				{ id: 'm2', owners: [org('kaist')] }
			]
		);
		const { ownersChanged } = compareReports(before, after);
		expect(ownersChanged.map((c) => [c.milestoneId, c.added.map((o) => o.id)])).toEqual([
			[null, ['msit']]
		]);
	});
});

describe('the headline and milestone states in a comparison', () => {
	it("gives both reports' overall numbers and each state change that is not a completion", () => {
		const before = report(
			'2026-11-01T00:00:00Z',
			[],
			[
				{ id: 'm1', owners: [] },
				{ id: 'm2', owners: [] },
				{ id: 'm3', owners: [] }
			]
		);
		const after = report(
			'2026-12-01T00:00:00Z',
			[],
			[
				{ id: 'm1', owners: [] },
				{ id: 'm2', owners: [] },
				{ id: 'm3', owners: [] }
			]
		);
		before.overall = {
			progress: 21,
			tasks: 1,
			milestones: 3,
			milestonesDone: 0,
			milestonesOverdue: 1
		};
		after.overall = {
			progress: 23,
			tasks: 1,
			milestones: 3,
			milestonesDone: 1,
			milestonesOverdue: 0
		};
		before.milestones[0].status = 'at_risk';
		after.milestones[0].status = 'in_progress';
		after.milestones[1].status = 'done';
		after.milestones[2].status = 'blocked';
		const c = compareReports(after, before);
		expect(c.overall).toEqual({ before: before.overall, after: after.overall });
		expect(c.milestonesRestated.map((m) => [m.id, m.before, m.after])).toEqual([
			['m1', 'at_risk', 'in_progress'],
			['m3', 'planned', 'blocked']
		]);
		expect(c.milestonesCompleted.map((m) => m.id)).toEqual(['m2']);
	});

	it('counts milestones anew, so a report saved when cancelled ones still counted shows no drop', () => {
		const ms = [
			{ id: 'm1', owners: [] },
			{ id: 'm2', owners: [] }
		];
		const older = report('2026-11-01T00:00:00Z', [], ms);
		const newer = report('2026-12-01T00:00:00Z', [], ms);
		older.milestones[1].status = 'cancelled';
		newer.milestones[1].status = 'cancelled';
		older.overall = {
			progress: 0,
			tasks: 1,
			milestones: 2,
			milestonesDone: 0,
			milestonesOverdue: 0
		};
		newer.overall = { ...older.overall, milestones: 1 };
		const { overall } = compareReports(older, newer);
		expect([overall.before.milestones, overall.after.milestones]).toEqual([1, 1]);
	});
});
