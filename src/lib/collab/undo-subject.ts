/**
 * What an undo or redo step touched, said by name beside the buttons: a step may change a task
 * far down the plan, or on another view, and "Undone" alone does not tell which.
 */
import type * as Y from 'yjs';
import { localized } from '../i18n/labels';
import { metaMap, milestonesMap, tasksMap, type RoadmapData } from '../roadmap/doc';

export type StepSubject = { kind: 'task' | 'milestone'; id: string } | { kind: 'overview' };

/**
 * The tasks, milestones and overview a step changed, in the order Yjs reports them, each once.
 * `changed` is the step's `changedParentTypes` ('stack-item-popped'): every changed type with
 * its ancestors, so each is walked up to the root map it belongs to.
 */
export function stepSubjects(
	doc: Y.Doc,
	changed: ReadonlyMap<unknown, readonly unknown[]>
): StepSubject[] {
	const tasks = tasksMap(doc) as Y.AbstractType<unknown>;
	const milestones = milestonesMap(doc) as Y.AbstractType<unknown>;
	const meta = metaMap(doc) as Y.AbstractType<unknown>;
	const found = new Map<string, StepSubject>();
	const add = (subject: StepSubject) =>
		found.set(subject.kind === 'overview' ? 'overview' : `${subject.kind}:${subject.id}`, subject);
	const kindOf = (root: unknown) =>
		root === tasks ? 'task' : root === milestones ? 'milestone' : null;
	for (const events of changed.values())
		for (const event of events) {
			const target = (event as Y.YEvent<Y.AbstractType<unknown>>).target;
			const rootKind = kindOf(target);
			// An item added or deleted as a whole: the root map's keys are the ids.
			if (rootKind) {
				for (const id of (event as unknown as Y.YMapEvent<unknown>).keysChanged)
					add({ kind: rootKind, id });
				continue;
			}
			if (target === meta) add({ kind: 'overview' });
			for (let type = target; type._item; type = type._item.parent as Y.AbstractType<unknown>) {
				const parent = type._item.parent;
				const kind = kindOf(parent);
				if (kind && type._item.parentSub) add({ kind, id: type._item.parentSub });
				else if (parent === meta) add({ kind: 'overview' });
				else continue;
				break;
			}
		}
	return [...found.values()];
}

/** A subject's name in the reader's language, from the plan as it is after the step or before it. */
export function subjectName(
	subject: StepSubject,
	plans: RoadmapData[],
	locale: string,
	overview: string
): string | null {
	if (subject.kind === 'overview') return overview;
	for (const plan of plans) {
		const item =
			subject.kind === 'task'
				? plan.tasks.find((t) => t.id === subject.id)
				: plan.milestones.find((m) => m.id === subject.id);
		const name = item && localized(locale, item.title.ko, item.title.en).trim();
		if (name) return name;
	}
	return null;
}
