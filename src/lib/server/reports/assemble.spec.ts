import { describe, expect, it } from 'vitest';
import type { ReportChange } from '../../report/model';
import { sampleChange } from '../../report/change-fixture';
import { changeValueText, describeChange, milestoneDescription } from '../../report/text';
import {
	assembleChanges,
	assembleReport,
	joinSchedules,
	lastOfEachDay,
	templateCreation,
	type ReportSource,
	type SourceActivity,
	type SourceMilestone,
	type SourceOwner,
	type SourceTask
} from './assemble';
import { milestoneOwnersLabel } from './cells';

const change = (over: Partial<ReportChange>) =>
	sampleChange({ field: 'startDate', before: null, after: '2026-03-02', ...over });

describe('joinSchedules', () => {
	it('reads a start and a due date set together as one scheduling, in both languages', () => {
		const [joined, ...rest] = joinSchedules([
			change({}),
			change({ field: 'dueDate', after: '2026-03-08', at: '2026-03-02T01:00:00.400Z' })
		]);
		expect(rest).toEqual([]);
		expect(joined).toMatchObject({
			field: 'schedule',
			before: null,
			after: { startDate: '2026-03-02', dueDate: '2026-03-08' },
			at: '2026-03-02T01:00:00.400Z'
		});
		expect(describeChange(joined, 'ko', { day: false, readerDates: true })).toBe(
			"김민지 (과학기술정보통신부)님이 'PIM 시제품'의 일정을 2026년 3월 2일 – 2026년 3월 8일로 정했습니다"
		);
		expect(describeChange(joined, 'en', { day: false })).toBe(
			"김민지 (과학기술정보통신부) set the schedule of 'PIM prototype' to 2026-03-02 – 2026-03-08"
		);
		expect(changeValueText(joined, joined.after, 'en')).toBe('2026-03-02 – 2026-03-08');
	});

	it('reads a bar moved along the timeline as one change from the old dates to the new', () => {
		const [moved] = joinSchedules([
			change({ field: 'dueDate', before: '2026-03-08', after: '2026-03-15' }),
			change({ before: '2026-03-02', after: '2026-03-09' })
		]);
		expect(moved.before).toEqual({ startDate: '2026-03-02', dueDate: '2026-03-08' });
		expect(describeChange(moved, 'en', { day: false })).toMatch(
			/changed the schedule of 'PIM prototype' from 2026-03-02 – 2026-03-08 to 2026-03-09 – 2026-03-15$/
		);
	});

	it('keeps apart dates of different things, people or moments, and two edits of one date', () => {
		const apart = [
			[change({}), change({ field: 'dueDate', entityId: 'ms_2' })],
			[change({}), change({ field: 'dueDate', actor: { name: '박서준', organization: null } })],
			[change({}), change({ field: 'dueDate', at: '2026-03-02T01:00:05.000Z' })],
			[change({}), change({ after: '2026-03-03' })],
			[change({}), change({ field: 'status', before: 'planned', after: 'done' })]
		];
		for (const pair of apart) expect(joinSchedules(pair)).toHaveLength(2);
		// Each date joins once: the third change stays on its own.
		expect(
			joinSchedules([change({}), change({ field: 'dueDate' }), change({ field: 'dueDate' })])
		).toHaveLength(2);
	});
});

describe('assembleChanges', () => {
	it('names the milestone, not its task, when a milestone’s owner changes', () => {
		const row = (id: number, after: object) => ({
			id,
			at: new Date('2026-03-02T01:00:00Z'),
			userId: null,
			userName: null,
			entityType: 'owner',
			entityId: 't1',
			field: 'assigned',
			before: null,
			after
		});
		const changes = assembleChanges(
			{
				activity: [
					row(1, { owner: 'org:o1', role: 'lead', milestoneId: 'm1' }),
					row(2, { owner: 'org:o1', role: 'support' })
				],
				tasks: [{ id: 't1', titleKo: '메모리 반도체', titleEn: 'Memory chips' }],
				milestones: [{ id: 'm1', taskId: 't1', titleKo: 'PIM 시제품', titleEn: 'PIM prototype' }],
				homes: new Map(),
				ownerNames: new Map([['org:o1', { ko: '리뷰 부처', en: 'Review Ministry' }]])
			},
			{ ko: '로드맵', en: 'Roadmap' }
		);
		expect(changes.map((c) => [c.taskId, c.entityTitle.en])).toEqual([
			['t1', 'PIM prototype'],
			['t1', 'Memory chips']
		]);
		expect(describeChange(changes[0], 'ko', { day: false })).toMatch(
			/'PIM 시제품'의 주관으로 리뷰 부처를 지정했습니다$/
		);
	});
});

describe('assembleChanges of something added and then named', () => {
	const at = (minute: number) => new Date(`2026-03-02T01:${String(minute).padStart(2, '0')}:00Z`);
	const row = (id: number, field: string, before: unknown, after: unknown) => ({
		id,
		at: at(id),
		userId: null,
		userName: null,
		entityType: 'milestone',
		entityId: 'm1',
		field,
		before,
		after
	});
	const source = (activity: ReturnType<typeof row>[]) => ({
		activity,
		tasks: [{ id: 't1', titleKo: '메모리 반도체', titleEn: 'Memory chips' }],
		milestones: [{ id: 'm1', taskId: 't1', titleKo: 'PIM 시제품 v2', titleEn: '' }],
		homes: new Map(),
		ownerNames: new Map()
	});
	const roadmap = { ko: '로드맵', en: 'Roadmap' };

	it('does not tell the naming of a milestone added with the placeholder, which the added line names', () => {
		const changes = assembleChanges(
			source([
				row(1, 'created', null, { taskId: 't1', titleKo: '새 이정표', titleEn: '' }),
				row(2, 'titleKo', '새 이정표', 'PIM 시제품'),
				row(3, 'titleKo', 'PIM 시제품', 'PIM 시제품 v2')
			]),
			roadmap
		);
		expect(changes.map((c) => [c.field, c.before, c.after])).toEqual([
			['created', null, { taskId: 't1', titleKo: '새 이정표', titleEn: '' }],
			['titleKo', 'PIM 시제품', 'PIM 시제품 v2']
		]);
		expect(describeChange(changes[0], 'ko', { day: false })).toContain("'PIM 시제품 v2'");
	});

	it('keeps the renaming of a milestone added with a title of its own', () => {
		const changes = assembleChanges(
			source([
				row(1, 'created', null, { taskId: 't1', titleKo: 'PIM 시제품', titleEn: '' }),
				row(2, 'titleKo', 'PIM 시제품', 'PIM 시제품 v2')
			]),
			roadmap
		);
		expect(changes.map((c) => c.field)).toEqual(['created', 'titleKo']);
	});

	it('keeps the naming of a milestone added before the period', () => {
		const changes = assembleChanges(
			source([row(2, 'titleKo', '새 이정표', 'PIM 시제품')]),
			roadmap
		);
		expect(changes.map((c) => c.field)).toEqual(['titleKo']);
	});
});

describe('lastOfEachDay', () => {
	it('keeps one trend point a day, the day’s last (today: the report being made)', () => {
		const point = (date: string, snapshotId: string | null, overall: number) => ({
			date,
			overall,
			tasks: {},
			snapshotId
		});
		const kept = lastOfEachDay([
			point('2026-12-01', 's1', 10),
			point('2026-12-05', 's2', 20),
			point('2026-12-05', 's3', 25),
			point('2026-12-05', null, 30)
		]);
		expect(kept.map((p) => [p.date, p.snapshotId, p.overall])).toEqual([
			['2026-12-01', 's1', 10],
			['2026-12-05', null, 30]
		]);
	});
});

describe('templateCreation', () => {
	const created = new Date('2026-03-02T01:00:00.000Z');
	const roadmap = {
		id: 'r1',
		title: '로드맵',
		titleEn: null,
		overviewKo: null,
		overviewEn: null,
		createdAt: created,
		createdBy: 'u1',
		template: 'five-tasks'
	};
	const row = (id: number, msAfter: number, userId = 'u1'): SourceActivity => ({
		id,
		at: new Date(created.getTime() + msAfter),
		userId,
		userName: userId,
		entityType: 'task',
		entityId: `t${id}`,
		field: 'created',
		before: null,
		after: { titleKo: `과제 ${id}` }
	});

	it("takes the creator's rows of the one moment right at the creation, also a few ms after it (older roadmaps)", () => {
		const rows = [row(1, 4), row(2, 4), row(3, 4, 'u2'), row(4, 900), row(5, 3_000)];
		const { seeded, rest } = templateCreation(rows, roadmap, '2026-03-01');
		expect(seeded.map((r) => r.id)).toEqual([1, 2]);
		expect(rest.map((r) => r.id)).toEqual([3, 4, 5]);
	});

	it('takes nothing from a blank roadmap, a period that starts after the creation, or a moment that added nothing', () => {
		const since = '2026-03-01';
		expect(templateCreation([row(1, 0)], { ...roadmap, template: 'blank' }, since).seeded).toEqual(
			[]
		);
		expect(templateCreation([row(1, 86_400_000)], roadmap, since).seeded).toEqual([]);
		// The template's rows left out by the period (it starts the next day): the creator's quick
		// first edit, within the window, stays theirs.
		expect(templateCreation([row(1, 500)], roadmap, '2026-03-03').seeded).toEqual([]);
		const edit = { ...row(2, 500), field: 'status', before: 'planned', after: 'in_progress' };
		expect(templateCreation([edit], roadmap, since).seeded).toEqual([]);
	});

	it("takes the seed's authorless rows of the demo, and no one's from a roadmap whose creator is gone", () => {
		const demo = { ...roadmap, createdBy: null, seeded: true };
		const seed = (id: number) => ({ ...row(id, 0), userId: null, userName: null });
		const later = { ...row(3, 60_000, 'u2') };
		const { seeded, rest } = templateCreation([seed(1), seed(2), later], demo, '2026-03-01');
		expect(seeded.map((r) => r.id)).toEqual([1, 2]);
		expect(rest.map((r) => r.id)).toEqual([3]);
		// A person's roadmap whose account was deleted (createdBy null, not seeded): its rows stay.
		const orphan = { ...roadmap, createdBy: null };
		expect(templateCreation([seed(1), seed(2)], orphan, '2026-03-01').seeded).toEqual([]);
	});
});

describe('assembleReport sections', () => {
	const task = (id: string, status: SourceTask['status'] = 'in_progress'): SourceTask => ({
		id,
		titleKo: id,
		titleEn: id,
		status,
		progress: 0,
		startDate: null,
		dueDate: null,
		suggestedSectors: []
	});
	const ms = (
		id: string,
		taskId: string,
		status: SourceMilestone['status'],
		dueDate: string | null,
		description = { ko: '', en: '' }
	): SourceMilestone => ({
		id,
		taskId,
		position: 0,
		titleKo: id,
		titleEn: id,
		descriptionKo: description.ko,
		descriptionEn: description.en,
		status,
		startDate: null,
		dueDate,
		progress: 0
	});
	const source = (milestones: SourceMilestone[]): ReportSource => ({
		now: new Date('2026-12-07T03:00:00Z'),
		since: '2026-09-08',
		viewer: null,
		roadmap: {
			id: 'r1',
			title: '로드맵',
			titleEn: null,
			overviewKo: null,
			overviewEn: null,
			createdAt: new Date('2026-09-01T00:00:00Z'),
			createdBy: null,
			template: 'blank'
		},
		// Task 2 is the troubled one, so its open milestones are in the at-risk section too.
		tasks: [task('t-first'), task('t-second', 'at_risk')],
		milestones,
		owners: [],
		milestoneOwners: [],
		homes: new Map(),
		doneAt: new Map(
			milestones.filter((m) => m.status === 'done').map((m) => [m.id, '2026-11-02T01:00:00Z'])
		),
		activity: [],
		ownerNames: new Map(),
		trend: []
	});

	it('lists milestones due the same day in plan order (task, then place in it), not by id', () => {
		// In roadmap order; the ids sort the other way round: 'a…' is task 2's, 'z…' task 1's.
		const report = assembleReport(
			source([
				ms('z-done-1', 't-first', 'done', '2026-11-30'),
				ms('y-done-1b', 't-first', 'done', '2026-11-30'),
				ms('a-done-2', 't-second', 'done', '2026-11-30'),
				ms('x-done-1-early', 't-first', 'done', '2026-10-01'),
				ms('z-late-1', 't-first', 'planned', '2026-11-30'),
				ms('a-late-2', 't-second', 'blocked', '2026-11-30'),
				ms('z-soon-1', 't-first', 'at_risk', '2027-01-15'),
				ms('a-soon-2', 't-second', 'planned', '2027-01-15'),
				ms('b-undated-2', 't-second', 'planned', null)
			])
		);
		// Still by due date first: the earlier milestone leads whatever its task.
		expect(report.sections.doneInPeriod).toEqual([
			'x-done-1-early',
			'z-done-1',
			'y-done-1b',
			'a-done-2'
		]);
		expect(report.sections.overdue).toEqual(['z-late-1', 'a-late-2']);
		expect(report.sections.dueNext90Days).toEqual(['z-soon-1', 'a-soon-2']);
		expect(report.sections.atRiskOrBlocked).toEqual([
			'a-late-2',
			'z-soon-1',
			'a-soon-2',
			'b-undated-2'
		]);
	});

	it('carries each milestone’s description, so an at-risk one says why in its section', () => {
		const why = {
			ko: '조달 지연. 2026-09-20 KISTEP과 만회 계획 합의.',
			en: 'Delayed by procurement; recovery plan agreed with KISTEP on 2026-09-20.'
		};
		const report = assembleReport(
			source([
				ms('risky', 't-first', 'at_risk', '2027-01-15', why),
				ms('english-only', 't-first', 'blocked', '2027-01-20', { ko: '', en: why.en }),
				ms('quiet', 't-first', 'planned', '2027-01-15')
			])
		);
		expect(report.sections.atRiskOrBlocked).toEqual(['risky', 'english-only']);
		const inSection = report.sections.atRiskOrBlocked.map((id) =>
			report.milestones.find((m) => m.id === id)!
		);
		expect(inSection[0].description).toEqual(why);
		expect(milestoneDescription(inSection[0], 'ko')).toBe(why.ko);
		expect(milestoneDescription(inSection[0], 'en')).toBe(why.en);
		// Written in one language only, it is shown in the other too, as titles are.
		expect(milestoneDescription(inSection[1], 'ko')).toBe(why.en);
		// None written: an empty description; none at all (a report saved before): empty too.
		expect(report.milestones.find((m) => m.id === 'quiet')!.description).toEqual({
			ko: '',
			en: ''
		});
		expect(milestoneDescription({ ...inSection[0], description: undefined }, 'ko')).toBe('');
	});

	it("marks a milestone's owners as its task's when it has none of its own", () => {
		const owner = (over: Partial<SourceOwner>): SourceOwner => ({
			key: 'org:1',
			role: 'lead',
			orgId: '1',
			orgName: '과학기술정보통신부',
			orgNameEn: 'Ministry of Science and ICT',
			sector: 'government',
			userId: null,
			userName: null,
			...over
		});
		const report = assembleReport({
			...source([
				ms('own', 't-first', 'planned', '2027-01-15'),
				ms('inherited', 't-first', 'planned', '2027-01-16')
			]),
			owners: [owner({ taskId: 't-first' })],
			milestoneOwners: [owner({ milestoneId: 'own', key: 'org:2', orgName: '한국과학기술원' })]
		});
		const own = report.milestones.find((m) => m.id === 'own')!;
		const inherited = report.milestones.find((m) => m.id === 'inherited')!;
		expect(own.ownersFromTask).toBe(false);
		expect(inherited.ownersFromTask).toBe(true);
		expect(milestoneOwnersLabel(inherited, 'ko')).toBe('과제 담당: 과학기술정보통신부 (주관)');
		expect(milestoneOwnersLabel(inherited, 'en')).toBe(
			'Task owners: Ministry of Science and ICT (lead)'
		);
		expect(milestoneOwnersLabel(own, 'ko')).toBe('한국과학기술원 (주관)');
	});
});
