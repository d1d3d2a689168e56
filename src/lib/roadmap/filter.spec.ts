import { describe, expect, it } from 'vitest';
import {
	filterChoices,
	activeCriteria,
	filterPlan,
	filterSearch,
	NO_FILTER,
	otherParams,
	parseFilter,
	withFilter,
	type PlanFilter
} from './filter';
import { milestone, org, plan, task, user } from './test-plan';

const never = { ko: null, en: null, inStep: null };
import type { Sector } from './vocabulary';

const today = '2026-03-02';
const orgSectors = new Map<string, Sector>([
	['moti', 'government'],
	['chipco', 'industry'],
	['kaist', 'academia'],
	['u-park', 'industry'] // a person at an industry organization
]);
// u-park works at chipco; u-lee's organization is not known.
const personOrgs = new Map([['u-park', 'chipco']]);
const ctx = { today, orgSectors, personOrgs };
const f = (fields: Partial<PlanFilter>): PlanFilter => ({ ...NO_FILTER, ...fields });

const data = plan(
	[
		task('t1', { owners: [org('moti')] }),
		task('t2', { owners: [org('chipco', 'support')], status: 'at_risk' }),
		task('t3', { dueDate: '2026-03-20' })
	],
	[
		// Owned by nobody itself: matches on its task's owners (moti).
		milestone('m1', 't1', { dueDate: '2026-02-01' }),
		milestone('m2', 't1', { owners: [org('kaist')], status: 'at_risk', dueDate: '2026-03-30' }),
		milestone('m3', 't2', { owners: [user('u-park')], dueDate: '2026-01-15', status: 'done' }),
		milestone('m4', 't3', { owners: [user('u-lee')], dueDate: '2026-04-20' })
	]
);
const ids = (d: typeof data) => ({
	tasks: d.tasks.map((t) => t.id),
	milestones: d.milestones.map((m) => m.id)
});

describe('the filter in the URL', () => {
	it('reads every criterion and writes it back in a fixed order', () => {
		const search =
			'?translation=needed&due=overdue&status=at_risk&person=u-park&org=chipco&sector=industry';
		const parsed = parseFilter(new URLSearchParams(search));
		expect(parsed).toEqual({
			sector: 'industry',
			org: 'chipco',
			person: 'u-park',
			status: 'at_risk',
			due: 'overdue',
			translation: 'needed'
		});
		expect(filterSearch(parsed)).toBe(
			'?sector=industry&org=chipco&person=u-park&status=at_risk&due=overdue&translation=needed'
		);
		expect(parseFilter(new URLSearchParams(filterSearch(parsed)))).toEqual(parsed);
	});

	it('ignores what it does not understand instead of failing or showing nothing', () => {
		const parsed = parseFilter(
			new URLSearchParams(
				'sector=military&status=late&due=tomorrow&org=&person=%3Cscript%3E&translation=yes&x=1'
			)
		);
		expect(parsed).toEqual(NO_FILTER);
		expect(filterSearch(parsed)).toBe('');
	});
});

describe('a filter written into an address that has more in it', () => {
	it("keeps the page's other parameters (the timeline's zoom) and replaces the filter's", () => {
		const params = new URLSearchParams('zoom=quarter&status=done&sector=industry');
		expect(withFilter(params, f({ status: 'at_risk' }))).toBe('?zoom=quarter&status=at_risk');
		expect(withFilter(params, NO_FILTER)).toBe('?zoom=quarter');
		expect(withFilter(new URLSearchParams('status=done'), NO_FILTER)).toBe('');
		expect(otherParams(params)).toEqual([['zoom', 'quarter']]);
	});

	it('the "needs translation" switch is a criterion like the others: on, off, and kept beside them', () => {
		const params = new URLSearchParams('zoom=quarter&status=done');
		const on = f({ ...parseFilter(params), translation: 'needed' });
		const search = withFilter(params, on);
		expect(search).toBe('?zoom=quarter&status=done&translation=needed');
		expect(parseFilter(new URLSearchParams(search))).toEqual(on);
		expect(activeCriteria(on)).toBe(2);
		const off = withFilter(new URLSearchParams(search), { ...on, translation: null });
		expect(off).toBe('?zoom=quarter&status=done');
		// The other views get the same query (the view switcher keeps the filter's keys).
		expect(otherParams(new URLSearchParams(search))).toEqual([['zoom', 'quarter']]);
	});
});

describe('filterPlan', () => {
	it('returns the plan as it is without criteria', () => {
		expect(filterPlan(data, NO_FILTER, ctx)).toBe(data);
	});

	it('by sector: a milestone without owners matches on its task, people through their organization', () => {
		expect(ids(filterPlan(data, f({ sector: 'government' }), ctx))).toEqual({
			tasks: ['t1'],
			milestones: ['m1']
		});
		// t2 is an industry task itself; m3 is led by a person of an industry organization.
		expect(ids(filterPlan(data, f({ sector: 'industry' }), ctx))).toEqual({
			tasks: ['t2'],
			milestones: ['m3']
		});
		// Only m2 of t1 is academic: the task stays for it, with that milestone alone.
		expect(ids(filterPlan(data, f({ sector: 'academia' }), ctx))).toEqual({
			tasks: ['t1'],
			milestones: ['m2']
		});
	});

	it('keeps what this page made or changed under the filter, with its task', () => {
		const kept = new Set(['m4', 't2']);
		expect(ids(filterPlan(data, f({ sector: 'government' }), { ...ctx, kept }))).toEqual({
			tasks: ['t1', 't2', 't3'],
			milestones: ['m1', 'm4']
		});
	});

	it('by organization and by person', () => {
		expect(ids(filterPlan(data, f({ org: 'kaist' }), ctx))).toEqual({
			tasks: ['t1'],
			milestones: ['m2']
		});
		expect(ids(filterPlan(data, f({ person: 'u-lee' }), ctx))).toEqual({
			tasks: ['t3'],
			milestones: ['m4']
		});
		expect(ids(filterPlan(data, f({ person: 'nobody' }), ctx))).toEqual({
			tasks: [],
			milestones: []
		});
	});

	it("by organization: what the organization's people own counts for it", () => {
		// t2 is chipco's own; m3 of t2 is led by u-park, who works at chipco.
		expect(ids(filterPlan(data, f({ org: 'chipco' }), ctx))).toEqual({
			tasks: ['t2'],
			milestones: ['m3']
		});
		// Moved to kaist, u-park's milestone goes with them; chipco keeps its own task.
		const moved = { ...ctx, personOrgs: new Map([['u-park', 'kaist']]) };
		expect(ids(filterPlan(data, f({ org: 'kaist' }), moved))).toEqual({
			tasks: ['t1', 't2'],
			milestones: ['m2', 'm3']
		});
		expect(ids(filterPlan(data, f({ org: 'chipco' }), moved))).toEqual({
			tasks: ['t2'],
			milestones: []
		});
		// A person's organization never stands for the person.
		expect(ids(filterPlan(data, f({ person: 'chipco' }), ctx))).toEqual({
			tasks: [],
			milestones: []
		});
	});

	it('by status: a task whose own status matches stays even when none of its milestones does', () => {
		expect(ids(filterPlan(data, f({ status: 'at_risk' }), ctx))).toEqual({
			tasks: ['t1', 't2'],
			milestones: ['m2']
		});
	});

	it('overdue leaves out what is done; due soon looks 30 days ahead from today', () => {
		expect(ids(filterPlan(data, f({ due: 'overdue' }), ctx))).toEqual({
			tasks: ['t1'],
			milestones: ['m1']
		});
		// t3 itself is due on the 20th; m2 on the 30th; m4 (20 April) is further than 30 days.
		expect(ids(filterPlan(data, f({ due: 'soon' }), ctx))).toEqual({
			tasks: ['t1', 't3'],
			milestones: ['m2']
		});
	});

	it('criteria add up: every one must hold', () => {
		expect(ids(filterPlan(data, f({ sector: 'government', due: 'overdue' }), ctx))).toEqual({
			tasks: ['t1'],
			milestones: ['m1']
		});
		expect(ids(filterPlan(data, f({ sector: 'academia', due: 'overdue' }), ctx))).toEqual({
			tasks: [],
			milestones: []
		});
	});
});

describe('filterPlan: only what needs translation', () => {
	const HOUR = 3_600_000;
	// Korean edited after the two last agreed: English is stale.
	const staleEn = { ko: 2 * HOUR, en: HOUR, inStep: HOUR };
	const translated = plan(
		[
			task('t1'), // fully translated, with one milestone that is not
			task('t2', { title: { ko: '제목만', en: '' } }), // its own title is missing English
			task('t3', {
				summary: { ko: '요약', en: 'Summary' },
				edited: { title: never, summary: staleEn }
			}),
			task('t4') // nothing to translate anywhere
		],
		[
			milestone('m1', 't1'),
			milestone('m2', 't1', { title: { ko: '', en: 'English only' } }),
			milestone('m3', 't1', {
				title: { ko: '이정표', en: 'Milestone' },
				edited: { title: staleEn }
			}),
			milestone('m4', 't2'),
			milestone('m5', 't4', { description: { ko: '설명', en: '' } }) // descriptions do not count
		]
	);
	const on = f({ translation: 'needed' });

	it('keeps only the milestones that need translation, with their tasks and the tasks that do', () => {
		expect(ids(filterPlan(translated, on, ctx))).toEqual({
			// t1 for m2 and m3 (not m1); t2 and t3 for their own texts, without their milestones.
			tasks: ['t1', 't2', 't3'],
			milestones: ['m2', 'm3']
		});
	});

	it('adds up with the other criteria', () => {
		const mixed = plan(translated.tasks, [
			...translated.milestones.filter((ms) => ms.id !== 'm3'),
			milestone('m3', 't1', { title: { ko: '이정표', en: '' }, status: 'done' })
		]);
		expect(ids(filterPlan(mixed, f({ translation: 'needed', status: 'done' }), ctx))).toEqual({
			tasks: ['t1'],
			milestones: ['m3']
		});
	});

	it('keeps what this page translated under it, so it does not vanish under the hands', () => {
		expect(ids(filterPlan(translated, on, { ...ctx, kept: new Set(['m1']) }))).toEqual({
			tasks: ['t1', 't2', 't3'],
			milestones: ['m1', 'm2', 'm3']
		});
	});
});

describe('whom the filter offers', () => {
	const people = [
		{ id: 'u-park', isMember: true, organizationId: 'chipco' },
		{ id: 'u-lee', isMember: false, organizationId: 'snu' },
		// A member who owns nothing yet, at an organization that owns nothing either.
		{ id: 'u-choi', isMember: true, organizationId: 'etri' }
	];

	it("every owner, the owners' organizations and every member, each once", () => {
		const choices = filterChoices(data, people);
		expect(choices.people.sort()).toEqual(['u-choi', 'u-lee', 'u-park']);
		expect(choices.organizations.sort()).toEqual(['chipco', 'kaist', 'moti', 'snu']);
	});

	it('offers members even on a plan nobody owns anything of yet', () => {
		expect(filterChoices(plan([task('t1')], []), people)).toEqual({
			organizations: [],
			people: ['u-park', 'u-choi']
		});
	});
});
