import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addMilestone,
	addTask,
	assignMilestoneOwner,
	assignOwner,
	deleteTask,
	ensureMilestoneShape,
	milestoneDescriptionText,
	unassignMilestoneOwner,
	fragmentToPlainText,
	milestonesMap,
	normaliseDate,
	readRoadmap,
	setPlainParagraphs,
	setTaskField,
	taskMap,
	taskSummaryFragment,
	setMilestoneField,
	taskTitleText
} from './doc';

const title = { ko: '과제', en: 'Task' };

describe('roadmap doc accessors', () => {
	it('round-trips a task with milestones and owners through plain data, in position order', () => {
		const doc = new Y.Doc();
		const second = addTask(doc, { title: { ko: '둘', en: 'Two' }, position: 2 });
		const first = addTask(doc, {
			title: { ko: '하나', en: 'One' },
			summary: { ko: '요약', en: 'Summary\nLine 2' },
			position: 1
		});
		addMilestone(doc, {
			taskId: first,
			title: { ko: '나중', en: 'Later' },
			position: 2,
			dueDate: '2026-12-31'
		});
		addMilestone(doc, { taskId: first, title: { ko: '먼저', en: 'First' }, position: 1 });
		assignOwner(doc, first, { kind: 'organization', id: 'org-1', role: 'lead' });
		setTaskField(doc, first, 'progress', 40);
		setTaskField(doc, first, 'status', 'in_progress');

		const data = readRoadmap(doc);
		expect(data.tasks.map((t) => t.id)).toEqual([first, second]);
		expect(data.tasks[0]).toMatchObject({
			title: { ko: '하나', en: 'One' },
			summary: { ko: '요약', en: 'Summary\nLine 2' },
			status: 'in_progress',
			progress: 40,
			owners: { 'org:org-1': { kind: 'organization', id: 'org-1', role: 'lead' } }
		});
		expect(data.milestones.map((m) => [m.title.en, m.dueDate])).toEqual([
			['First', null],
			['Later', '2026-12-31']
		]);
	});

	it('syncs between two docs, as two browsers would', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		a.on('update', (u: Uint8Array) => Y.applyUpdate(b, u));
		const id = addTask(a, { title });
		taskTitleText(a, id, 'en')!.insert(4, ' one');
		expect(readRoadmap(b).tasks[0].title.en).toBe('Task one');
	});

	it('normalises whatever a hostile client writes instead of passing it on', () => {
		const doc = new Y.Doc();
		const id = addTask(doc, { title });
		const map = taskMap(doc, id)!;
		map.set('status', 'DROP TABLE');
		map.set('progress', 250);
		map.set('dueDate', '2026-02-30');
		map.set('startDate', { evil: true });
		map.set('suggestedSectors', ['government', 'martians', 'government']);
		map.set('titleKo', 42);
		(map.get('owners') as Y.Map<unknown>).set('org:x', { kind: 'user', id: 'x' });
		milestonesMap(doc).set('orphan', new Y.Map([['taskId', 'missing']]));
		const task = readRoadmap(doc).tasks[0];
		expect(task).toMatchObject({
			status: 'planned',
			progress: 100,
			dueDate: null,
			startDate: null,
			suggestedSectors: ['government'],
			owners: {}
		});
		expect(task.title.ko).toBe('');
		expect(readRoadmap(doc).milestones).toEqual([]);
	});

	it('deletes a task together with its milestones', () => {
		const doc = new Y.Doc();
		const keep = addTask(doc, { title });
		const drop = addTask(doc, { title });
		addMilestone(doc, { taskId: keep, title });
		addMilestone(doc, { taskId: drop, title });
		deleteTask(doc, drop);
		expect(milestonesMap(doc).size).toBe(1);
		expect(readRoadmap(doc).tasks.map((t) => t.id)).toEqual([keep]);
	});

	it('reads rich-text summaries as plain paragraphs', () => {
		const doc = new Y.Doc();
		const id = addTask(doc, { title });
		const fragment = taskSummaryFragment(doc, id, 'ko')!;
		setPlainParagraphs(fragment, '첫 줄\n둘째 줄');
		expect(fragmentToPlainText(fragment)).toBe('첫 줄\n둘째 줄');
		const bold = new Y.XmlElement('paragraph');
		fragment.insert(fragment.length, [bold]);
		const text = new Y.XmlText();
		bold.insert(0, [text]);
		text.insert(0, 'bold', { bold: true });
		expect(fragmentToPlainText(fragment)).toBe('첫 줄\n둘째 줄\nbold');
	});

	it('accepts only real calendar dates', () => {
		expect(normaliseDate('2026-02-28')).toBe('2026-02-28');
		expect(normaliseDate('2028-02-29')).toBe('2028-02-29');
		expect(normaliseDate('2026-02-29')).toBeNull();
		expect(normaliseDate('2026-1-1')).toBeNull();
		expect(normaliseDate(20260101)).toBeNull();
		// Century years are leap only every 400 years; months and days out of range are refused.
		expect(normaliseDate('2000-02-29')).toBe('2000-02-29');
		expect(normaliseDate('2100-02-29')).toBeNull();
		expect(normaliseDate('2026-04-31')).toBeNull();
		expect(normaliseDate('2026-12-31')).toBe('2026-12-31');
		expect(normaliseDate('2026-13-01')).toBeNull();
		expect(normaliseDate('2026-00-10')).toBeNull();
		expect(normaliseDate('2026-01-00')).toBeNull();
	});
});

describe('milestone plan fields', () => {
	it('round-trips start, due, progress, description and owners with roles', () => {
		const doc = new Y.Doc();
		const task = addTask(doc, { title });
		const ms = addMilestone(doc, {
			taskId: task,
			title: { ko: '착수' },
			description: { ko: '설명', en: 'About' },
			startDate: '2026-03-01',
			dueDate: '2026-04-30',
			progress: 30,
			status: 'at_risk'
		});
		assignMilestoneOwner(doc, ms, { kind: 'user', id: 'u-1', role: 'consulted' });
		assignMilestoneOwner(doc, ms, { kind: 'organization', id: 'o-1', role: 'informed' });
		const [read] = readRoadmap(doc).milestones;
		expect(read).toMatchObject({
			startDate: '2026-03-01',
			dueDate: '2026-04-30',
			progress: 30,
			status: 'at_risk',
			description: { ko: '설명', en: 'About' },
			owners: {
				'user:u-1': { kind: 'user', id: 'u-1', role: 'consulted' },
				'org:o-1': { kind: 'organization', id: 'o-1', role: 'informed' }
			}
		});
		unassignMilestoneOwner(doc, ms, 'user:u-1');
		expect(Object.keys(readRoadmap(doc).milestones[0].owners)).toEqual(['org:o-1']);
	});

	it('reads a done milestone as 100 %, and a reopened one with its own progress again', () => {
		const doc = new Y.Doc();
		const task = addTask(doc, { title });
		const ms = addMilestone(doc, { taskId: task, title: { en: 'Fab' }, progress: 40 });
		setMilestoneField(doc, ms, 'status', 'done');
		expect(readRoadmap(doc).milestones[0]).toMatchObject({ status: 'done', progress: 100 });
		setMilestoneField(doc, ms, 'status', 'in_progress');
		expect(readRoadmap(doc).milestones[0]).toMatchObject({ status: 'in_progress', progress: 40 });
	});

	it('reads a milestone written before these fields existed with defaults, and can extend it', () => {
		const doc = new Y.Doc();
		const task = addTask(doc, { title });
		const old = new Y.Map<unknown>();
		doc.transact(() => {
			milestonesMap(doc).set('ms_old', old);
			old.set('taskId', task);
			old.set('position', 1);
			old.set('status', 'delayed'); // never a milestone status; the nearest is at risk
			old.set('dueDate', '2026-01-31');
		});
		expect(readRoadmap(doc).milestones[0]).toMatchObject({
			status: 'at_risk',
			progress: 0,
			startDate: null,
			dueDate: '2026-01-31',
			description: { ko: '', en: '' },
			owners: {}
		});
		expect(milestoneDescriptionText(doc, 'ms_old', 'ko')).toBeUndefined();
		ensureMilestoneShape(doc, 'ms_old');
		milestoneDescriptionText(doc, 'ms_old', 'ko')!.insert(0, '추가');
		assignMilestoneOwner(doc, 'ms_old', { kind: 'user', id: 'u-2', role: 'lead' });
		expect(readRoadmap(doc).milestones[0].description.ko).toBe('추가');
		expect(Object.keys(readRoadmap(doc).milestones[0].owners)).toEqual(['user:u-2']);
	});

	it('normalises what a client that skipped the editor wrote: out-of-range progress, a due before the start, an unknown role', () => {
		const doc = new Y.Doc();
		const task = addTask(doc, { title });
		const ms = addMilestone(doc, { taskId: task, title: { en: 'x' } });
		const map = milestonesMap(doc).get(ms)!;
		map.set('progress', 180);
		map.set('startDate', '2026-06-01');
		map.set('dueDate', '2026-05-01');
		(map.get('owners') as Y.Map<unknown>).set('user:u-3', {
			kind: 'user',
			id: 'u-3',
			role: 'boss'
		});
		taskMap(doc, task)!.set('progress', -20);
		const data = readRoadmap(doc);
		expect(data.milestones[0]).toMatchObject({
			progress: 100,
			startDate: null,
			dueDate: '2026-05-01'
		});
		expect(data.milestones[0].owners['user:u-3'].role).toBe('lead');
		expect(data.tasks[0].progress).toBe(0);
	});
});
