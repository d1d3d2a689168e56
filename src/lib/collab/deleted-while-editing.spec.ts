import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMilestone, addTask, deleteMilestone, deleteTask, milestonesMap } from '../roadmap/doc';
import { watchDeletedWhileEditing, type LostEdit, type OpenItem } from './deleted-while-editing';

/** Two replicas of one plan: "here" (watched) and "there" (someone else). */
function twoReplicas() {
	const here = new Y.Doc();
	const there = new Y.Doc();
	const taskId = addTask(here, { title: { ko: '과제', en: 'Task' } });
	const kept = addMilestone(here, { taskId, title: { ko: '남는 이정표', en: 'Stays' } });
	const doomed = addMilestone(here, { taskId, title: { ko: 'PIM 시제품', en: 'PIM prototype' } });
	Y.applyUpdate(there, Y.encodeStateAsUpdate(here));
	const lost: LostEdit[] = [];
	const stop = watchDeletedWhileEditing(here, (l) => lost.push(l));
	const sync = () => {
		Y.applyUpdate(here, Y.encodeStateAsUpdate(there, Y.encodeStateVector(here)));
		Y.applyUpdate(there, Y.encodeStateAsUpdate(here, Y.encodeStateVector(there)));
	};
	return { here, there, kept, doomed, lost, stop, sync };
}

const tasksTitle = (doc: Y.Doc, id: string) =>
	doc.getMap<Y.Map<unknown>>('tasks').get(id)!.get('titleKo') as Y.Text;

const titleOf = (doc: Y.Doc, id: string) =>
	(milestonesMap(doc).get(id)!.get('titleKo') as Y.Text) ?? null;

describe('watchDeletedWhileEditing', () => {
	it('reports an item edited here (offline) that someone else deleted meanwhile', () => {
		const { here, there, doomed, lost, sync } = twoReplicas();
		titleOf(here, doomed).insert(0, '수정: '); // typed offline
		deleteMilestone(there, doomed);
		sync();
		expect(milestonesMap(here).has(doomed)).toBe(false);
		expect(lost).toEqual([
			{
				kind: 'milestone',
				id: doomed,
				title: { ko: '수정: PIM 시제품', en: 'PIM prototype' },
				edited: true,
				unsaved: true
			}
		]);
	});

	it('says nothing of an edit saved minutes before the delete, unless it is still unsaved here', () => {
		for (const unsaved of [false, true]) {
			const here = new Y.Doc();
			const there = new Y.Doc();
			const taskId = addTask(here, { title: { ko: '과제', en: 'Task' } });
			const id = addMilestone(here, { taskId, title: { ko: '이정표', en: 'Milestone' } });
			Y.applyUpdate(there, Y.encodeStateAsUpdate(here));
			let clock = 0;
			const lost: LostEdit[] = [];
			watchDeletedWhileEditing(here, (l) => lost.push(l), {
				now: () => clock,
				unsaved: () => unsaved
			});
			titleOf(here, id).insert(0, '!');
			clock = 5 * 60_000;
			deleteMilestone(there, id);
			Y.applyUpdate(here, Y.encodeStateAsUpdate(there, Y.encodeStateVector(here)));
			expect(
				lost.map((l) => l.id),
				`unsaved: ${unsaved}`
			).toEqual(unsaved ? [id] : []);
		}
	});

	it('says nothing of items not edited here, of this page’s own deletes, or once stopped', () => {
		const { here, there, kept, doomed, lost, stop, sync } = twoReplicas();
		deleteMilestone(there, doomed); // never edited here
		sync();
		titleOf(here, kept).insert(0, '!');
		deleteMilestone(here, kept); // deleted here, by this person
		sync();
		expect(lost).toEqual([]);
		const again = twoReplicas();
		titleOf(again.here, again.doomed).insert(0, '!');
		again.stop();
		deleteMilestone(again.there, again.doomed);
		again.sync();
		expect(again.lost).toEqual([]);
		stop();
	});

	it('reports an item only open here (not edited) that someone else deleted, with its title', () => {
		const here = new Y.Doc();
		const there = new Y.Doc();
		const taskId = addTask(here, { title: { ko: '과제', en: 'Task' } });
		const open = addMilestone(here, { taskId, title: { ko: '열린 이정표', en: 'Open one' } });
		const other = addMilestone(here, { taskId, title: { ko: '다른 이정표', en: 'Other' } });
		Y.applyUpdate(there, Y.encodeStateAsUpdate(here));
		const lost: LostEdit[] = [];
		let openHere: OpenItem | null = {
			kind: 'milestone',
			id: open,
			title: { ko: '열린 이정표', en: 'Open one' }
		};
		watchDeletedWhileEditing(here, (l) => lost.push(l), { openHere: () => openHere });
		deleteMilestone(there, other); // not the open one: nothing to say
		deleteMilestone(there, open);
		Y.applyUpdate(here, Y.encodeStateAsUpdate(there, Y.encodeStateVector(here)));
		expect(lost).toEqual([
			{ kind: 'milestone', id: open, title: { ko: '열린 이정표', en: 'Open one' }, edited: false }
		]);
		// Closed (the reader moved on) before the delete arrives: nothing.
		const later = addMilestone(there, { taskId, title: { ko: '나중', en: 'Later' } });
		Y.applyUpdate(here, Y.encodeStateAsUpdate(there, Y.encodeStateVector(here)));
		openHere = null;
		deleteMilestone(there, later);
		Y.applyUpdate(here, Y.encodeStateAsUpdate(there, Y.encodeStateVector(here)));
		expect(lost).toHaveLength(1);
	});

	it('names the task when a milestone open here went with its whole task, as the log tells it', () => {
		const here = new Y.Doc();
		const there = new Y.Doc();
		const taskId = addTask(here, { title: { ko: '반도체 협력', en: 'Chips' } });
		const open = addMilestone(here, { taskId, title: { ko: '열린 이정표', en: 'Open one' } });
		const single = addMilestone(here, { taskId, title: { ko: '혼자 지울 것', en: 'Alone' } });
		Y.applyUpdate(there, Y.encodeStateAsUpdate(here));
		// The title as typed later, not as created: what the task read when it went.
		const title = tasksTitle(there, taskId);
		title.insert(title.length, ' 과제');
		const lost: LostEdit[] = [];
		let openId = single;
		watchDeletedWhileEditing(here, (l) => lost.push(l), {
			openHere: () => ({ kind: 'milestone', id: openId, title: { ko: '열린', en: 'Open' } })
		});
		const sync = () => Y.applyUpdate(here, Y.encodeStateAsUpdate(there, Y.encodeStateVector(here)));
		// A milestone deleted on its own: its task stays, nothing more to say.
		deleteMilestone(there, single);
		sync();
		expect(lost[0]).not.toHaveProperty('task');
		openId = open;
		deleteTask(there, taskId);
		sync();
		expect(lost[1]).toEqual({
			kind: 'milestone',
			id: open,
			title: { ko: '열린', en: 'Open' },
			edited: false,
			task: { id: taskId, title: { ko: '반도체 협력 과제', en: 'Chips' } }
		});
	});

	it('says when an item is back under its id (restored from the log, or undone)', () => {
		const here = new Y.Doc();
		const there = new Y.Doc();
		const taskId = addTask(here, { title: { ko: '과제', en: 'Task' } });
		const id = addMilestone(here, { taskId, title: { ko: '이정표', en: 'Milestone' } });
		Y.applyUpdate(there, Y.encodeStateAsUpdate(here));
		const back: string[] = [];
		watchDeletedWhileEditing(here, () => {}, {
			onBack: (kind, backId) => back.push(`${kind} ${backId}`)
		});
		const sync = () => Y.applyUpdate(here, Y.encodeStateAsUpdate(there, Y.encodeStateVector(here)));
		deleteMilestone(there, id);
		sync();
		expect(back).toEqual([]);
		addMilestone(there, { taskId, title: { ko: '이정표' } }, id);
		sync();
		expect(back).toEqual([`milestone ${id}`]);
	});
});
