import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	BOOKKEEPING,
	addMilestone,
	addTask,
	milestoneTitleText,
	milestonesMap,
	setMilestoneField,
	setTaskField
} from '../roadmap/doc';
import { watchOverwrites, type Overwrite } from './overwritten-while-editing';

/**
 * Two replicas of one plan, each watched: Yjs keeps the value of the higher client id when two
 * are set at once, so "there" (client 2) wins over "here" (client 1).
 */
function twoReplicas() {
	const here = new Y.Doc();
	here.clientID = 1;
	const there = new Y.Doc();
	there.clientID = 2;
	const taskId = addTask(here, { title: { ko: '반도체 과제', en: 'Chips' } });
	const milestoneId = addMilestone(here, {
		taskId,
		title: { ko: 'PIM 시제품', en: 'PIM prototype' }
	});
	Y.applyUpdate(there, Y.encodeStateAsUpdate(here));
	const reported = { here: [] as Overwrite[], there: [] as Overwrite[] };
	watchOverwrites(here, (o) => reported.here.push(o));
	watchOverwrites(there, (o) => reported.there.push(o));
	const sync = () => {
		const toHere = Y.encodeStateAsUpdate(there, Y.encodeStateVector(here));
		const toThere = Y.encodeStateAsUpdate(here, Y.encodeStateVector(there));
		Y.applyUpdate(here, toHere, 'remote');
		Y.applyUpdate(there, toThere, 'remote');
	};
	return { here, there, taskId, milestoneId, reported, sync };
}

const statusOf = (doc: Y.Doc, id: string) => milestonesMap(doc).get(id)!.get('status');

describe('watchOverwrites', () => {
	it('tells the page whose choice lost, with both values, and not the page whose choice won', () => {
		const { here, there, milestoneId, reported, sync } = twoReplicas();
		setMilestoneField(here, milestoneId, 'status', 'done');
		setMilestoneField(there, milestoneId, 'status', 'blocked');
		sync();
		expect(statusOf(here, milestoneId)).toBe('blocked');
		expect(statusOf(there, milestoneId)).toBe('blocked');
		expect(reported.here).toEqual([
			{
				kind: 'milestone',
				id: milestoneId,
				field: 'status',
				title: { ko: 'PIM 시제품', en: 'PIM prototype' },
				mine: 'done',
				theirs: 'blocked',
				byClient: 2
			}
		]);
		expect(reported.there).toEqual([]);
	});

	it('stays quiet when the other person saw our value before changing it', () => {
		const { here, there, milestoneId, reported, sync } = twoReplicas();
		setMilestoneField(here, milestoneId, 'dueDate', '2026-03-02');
		sync();
		setMilestoneField(there, milestoneId, 'dueDate', '2026-03-09');
		sync();
		expect(milestonesMap(here).get(milestoneId)!.get('dueDate')).toBe('2026-03-09');
		expect(reported.here).toEqual([]);
	});

	it('stays quiet when both chose the same value, or changed different fields', () => {
		const { here, there, taskId, milestoneId, reported, sync } = twoReplicas();
		setMilestoneField(here, milestoneId, 'progress', 40);
		setMilestoneField(there, milestoneId, 'progress', 40);
		setTaskField(here, taskId, 'status', 'in_progress');
		setTaskField(there, taskId, 'dueDate', '2026-12-31');
		sync();
		expect(reported).toEqual({ here: [], there: [] });
	});

	it('reports a task field too, and only once for one lost choice', () => {
		const { here, there, taskId, reported, sync } = twoReplicas();
		setTaskField(here, taskId, 'startDate', '2026-01-05');
		setTaskField(there, taskId, 'startDate', '2026-02-02');
		sync();
		setTaskField(there, taskId, 'startDate', '2026-02-09');
		sync();
		expect(reported.here).toMatchObject([
			{ kind: 'task', id: taskId, field: 'startDate', mine: '2026-01-05', theirs: '2026-02-02' }
		]);
	});

	it('never reports text, which merges, nor what the page filled in itself', () => {
		const { here, there, milestoneId, reported, sync } = twoReplicas();
		milestoneTitleText(here, milestoneId, 'ko')!.insert(0, '1차 ');
		milestoneTitleText(there, milestoneId, 'ko')!.insert(0, '최종 ');
		here.transact(() => milestonesMap(here).get(milestoneId)!.set('progress', 0), BOOKKEEPING);
		setMilestoneField(there, milestoneId, 'progress', 30);
		sync();
		expect(reported).toEqual({ here: [], there: [] });
	});

	it('forgets a choice made longer ago than a working session', () => {
		let clock = 0;
		const here = new Y.Doc();
		here.clientID = 1;
		const there = new Y.Doc();
		there.clientID = 2;
		const taskId = addTask(here, { title: { ko: '과제', en: 'Task' } });
		Y.applyUpdate(there, Y.encodeStateAsUpdate(here));
		const reported: Overwrite[] = [];
		watchOverwrites(here, (o) => reported.push(o), { now: () => clock });
		setTaskField(here, taskId, 'status', 'done');
		setTaskField(there, taskId, 'status', 'on_hold');
		clock = 9 * 60 * 60 * 1000;
		Y.applyUpdate(here, Y.encodeStateAsUpdate(there, Y.encodeStateVector(here)), 'remote');
		expect(reported).toEqual([]);
	});
});
