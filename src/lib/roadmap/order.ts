/**
 * Order of tasks and of a task's milestones: each item holds a number, `position`, and moving an
 * item writes only its own number, halfway between its new neighbours. Two people moving
 * different items never overwrite each other; two moving the same item end on whichever write
 * the doc keeps (last writer wins on one key), and readers break equal positions by id, so every
 * copy shows the same order.
 */
import * as Y from 'yjs';
import { milestonesMap, tasksMap } from './doc';

interface Positioned {
	id: string;
	position: number;
}

/**
 * A number strictly between `before` and `after` (either may be missing: the start or end of
 * the list), or null when floating point has no room left between them.
 */
export function positionBetween(before: number | null, after: number | null): number | null {
	let value: number;
	if (before === null && after === null) value = 1;
	else if (before === null) value = (after as number) - 1;
	else if (after === null) value = before + 1;
	else value = before + (after - before) / 2;
	if ((before !== null && value <= before) || (after !== null && value >= after)) return null;
	return value;
}

/**
 * The position for `id` so that it lands at `index` of `siblings` (the list it ends up in, in
 * order, possibly including itself), or a whole renumbering when there was no room.
 */
export function placeAt(
	siblings: readonly Positioned[],
	id: string,
	index: number
): { position: number; renumber?: Map<string, number> } {
	const others = siblings.filter((s) => s.id !== id);
	const at = Math.max(0, Math.min(index, others.length));
	const before = others[at - 1]?.position ?? null;
	const after = others[at]?.position ?? null;
	const position = positionBetween(before, after);
	// Equal neighbours (concurrent moves into one gap) also leave no room: renumber them all.
	if (position !== null) return { position };
	const renumber = new Map<string, number>();
	const order = [...others.slice(0, at).map((s) => s.id), id, ...others.slice(at).map((s) => s.id)];
	order.forEach((sid, i) => renumber.set(sid, i + 1));
	return { position: at + 1, renumber };
}

function writePlacement(
	doc: Y.Doc,
	maps: Y.Map<Y.Map<unknown>>,
	siblings: readonly Positioned[],
	id: string,
	index: number,
	extra?: (map: Y.Map<unknown>) => void
): void {
	const map = maps.get(id);
	if (!(map instanceof Y.Map)) return;
	const { position, renumber } = placeAt(siblings, id, index);
	doc.transact(() => {
		extra?.(map);
		if (renumber) for (const [sid, p] of renumber) maps.get(sid)?.set('position', p);
		else map.set('position', position);
	});
}

/** Moves a task to `index` of `tasks` (the tasks in their current order). */
export function moveTask(doc: Y.Doc, tasks: readonly Positioned[], id: string, index: number) {
	writePlacement(doc, tasksMap(doc), tasks, id, index);
}

/**
 * Moves a milestone to `index` among `siblings` (the milestones of `taskId`, in order): within
 * its task, or into another one, in one transaction that writes its taskId and position.
 */
export function moveMilestone(
	doc: Y.Doc,
	siblings: readonly Positioned[],
	id: string,
	taskId: string,
	index: number
) {
	if (!(tasksMap(doc).get(taskId) instanceof Y.Map)) return;
	writePlacement(doc, milestonesMap(doc), siblings, id, index, (map) => {
		if (map.get('taskId') !== taskId) map.set('taskId', taskId);
	});
}
