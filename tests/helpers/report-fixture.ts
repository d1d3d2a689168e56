/**
 * A hand-made ReportData for renderer and layout tests: the demo's five tasks (their real Korean
 * and English titles), dated milestones in every section, changes and a three-point trend. Tests
 * that need the real pipeline build a report from a seeded database instead.
 */
import { fiveTasks } from '../../src/lib/roadmap/templates/five-tasks';
import {
	REPORT_SCHEMA,
	type ReportData,
	type ReportMilestone,
	type ReportOwner
} from '../../src/lib/report/model';

export const HANJA_TITLE = {
	ko: '韓國 AI 전략 점검 ∼ 2분기',
	en: 'Korea (韓國) AI strategy review'
};

const ministry: ReportOwner = {
	kind: 'organization',
	id: 'org-msit',
	name: { ko: '과학기술 정책 부처', en: 'Science and ICT ministry' },
	sector: 'government',
	role: 'lead'
};
const chipMaker: ReportOwner = {
	kind: 'organization',
	id: 'org-chip',
	name: { ko: '메모리 반도체 기업', en: 'Memory chip maker' },
	sector: 'industry',
	role: 'support'
};

export function reportFixture(overrides: Partial<ReportData> = {}): ReportData {
	const tasks = fiveTasks.tasks.map((task, index) => ({
		id: `task-${index + 1}`,
		number: index + 1,
		title: task.title,
		status: (['in_progress', 'at_risk', 'planned', 'done', 'delayed'] as const)[index],
		progress: [40, 25, 10, 100, 55][index],
		startDate: '2026-01-01',
		dueDate: '2026-12-31',
		owners: index % 2 === 0 ? [ministry, chipMaker] : [ministry],
		milestones: { total: 3, done: index === 3 ? 3 : 1, overdue: index === 1 ? 1 : 0 }
	}));
	const milestone = (
		id: string,
		taskIndex: number,
		title: { ko: string; en: string },
		status: ReportMilestone['status'],
		startDate: string | null,
		dueDate: string | null
	): ReportMilestone => ({
		id,
		taskId: tasks[taskIndex].id,
		title,
		status,
		startDate,
		dueDate,
		progress: null,
		owners: tasks[taskIndex].owners,
		doneAt: status === 'done' ? `${dueDate}T09:00:00.000Z` : null
	});
	const milestones = [
		milestone('m-1', 0, fiveTasks.tasks[0].milestones[1], 'done', '2026-01-10', '2026-02-20'),
		milestone(
			'm-2',
			0,
			fiveTasks.tasks[0].milestones[2],
			'in_progress',
			'2026-03-01',
			'2026-05-15'
		),
		milestone('m-3', 1, fiveTasks.tasks[1].milestones[0], 'planned', null, '2026-03-10'),
		milestone('m-4', 1, HANJA_TITLE, 'at_risk', '2026-02-01', '2026-04-30'),
		milestone('m-5', 2, fiveTasks.tasks[2].milestones[2], 'blocked', null, '2026-04-02'),
		milestone('m-6', 3, fiveTasks.tasks[3].milestones[0], 'done', null, '2026-02-27'),
		milestone('m-7', 4, fiveTasks.tasks[4].milestones[1], 'planned', '2026-04-01', '2026-09-30'),
		milestone('m-8', 4, fiveTasks.tasks[4].milestones[0], 'planned', null, null)
	];
	return {
		schema: REPORT_SCHEMA,
		roadmap: {
			id: 'roadmap-1',
			title: { ko: '한국형 AI 전략 5대 과제 <script>alert(1)</script>', en: 'Korean AI strategy' },
			overview: fiveTasks.overview
		},
		period: { since: '2026-01-01', until: '2026-03-31' },
		generatedAt: '2026-03-31T06:00:00.000Z',
		generatedBy: { name: '김민지', organization: '과학기술 정책 부처' },
		overall: { progress: 46, tasks: 5, milestones: 8, milestonesDone: 2, milestonesOverdue: 1 },
		tasks,
		bySector: [
			{
				key: 'government',
				label: { ko: '정부', en: 'Government' },
				sector: 'government',
				tasks: 5,
				progress: 46
			},
			{
				key: 'industry',
				label: { ko: '산업', en: 'Industry' },
				sector: 'industry',
				tasks: 3,
				progress: 35
			}
		],
		byOrganization: [
			{ key: ministry.id, label: ministry.name, sector: 'government', tasks: 5, progress: 46 },
			{ key: chipMaker.id, label: chipMaker.name, sector: 'industry', tasks: 3, progress: 35 }
		],
		milestones,
		sections: {
			doneInPeriod: ['m-6', 'm-1'],
			dueNext90Days: ['m-5', 'm-4', 'm-2'],
			overdue: ['m-3'],
			atRiskOrBlocked: ['m-5', 'm-4']
		},
		changes: [
			{
				at: '2026-03-02T01:00:00.000Z',
				actor: { name: '김민지', organization: '과학기술 정책 부처' },
				taskId: 'task-1',
				entityType: 'milestone',
				entityId: 'm-2',
				entityTitle: fiveTasks.tasks[0].milestones[2],
				field: 'status',
				before: 'planned',
				after: 'in_progress'
			},
			{
				at: '2026-03-05T01:00:00.000Z',
				actor: { name: 'Lee', organization: null },
				taskId: 'task-2',
				entityType: 'task',
				entityId: 'task-2',
				entityTitle: fiveTasks.tasks[1].title,
				field: 'progress',
				before: 10,
				after: 25
			}
		],
		trend: [
			{ date: '2026-01-02', overall: 20, tasks: { 'task-1': 10, 'task-2': 5 }, snapshotId: 's-1' },
			{
				date: '2026-02-15',
				overall: 31,
				tasks: { 'task-1': 30, 'task-2': 20, 'task-3': 5, 'task-4': 60, 'task-5': 40 },
				snapshotId: 's-2'
			},
			{
				date: '2026-03-31',
				overall: 46,
				tasks: { 'task-1': 40, 'task-2': 25, 'task-3': 10, 'task-4': 100, 'task-5': 55 },
				snapshotId: null
			}
		],
		...overrides
	};
}

/** `report` with the given milestones (by id) described; the others as they are. */
export function withDescriptions(
	report: ReportData,
	descriptions: Record<string, { ko: string; en: string }>
): ReportData {
	return {
		...report,
		milestones: report.milestones.map((m) =>
			descriptions[m.id] ? { ...m, description: descriptions[m.id] } : m
		)
	};
}
