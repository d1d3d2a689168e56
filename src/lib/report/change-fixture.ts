import type { ReportChange } from './model';

/** A change for unit specs: 김민지 moved a milestone 'PIM 시제품' on 2 Mar 2026; `over` varies it. */
export const sampleChange = (over: Partial<ReportChange>): ReportChange => ({
	at: '2026-03-02T01:00:00.000Z',
	actor: { name: '김민지', organization: '과학기술정보통신부' },
	taskId: 'task_1',
	entityType: 'milestone',
	entityId: 'ms_1',
	entityTitle: { ko: 'PIM 시제품', en: 'PIM prototype' },
	field: 'status',
	before: 'planned',
	after: 'in_progress',
	...over
});
