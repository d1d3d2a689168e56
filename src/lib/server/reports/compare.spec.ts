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
