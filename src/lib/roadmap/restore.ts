/**
 * Bringing back a task or milestone someone deleted, from what the projection knew of it when it
 * went (the snapshot its 'deleted' activity row keeps, see server/roadmaps/projection.ts). The
 * item comes back under its own id: its comments, which are kept apart from the doc by task and
 * milestone id, are its own again, and links to it work again.
 *
 * A task's summary comes back with its formatting when its copy kept the rich text (copies made
 * since the projector reads it before a deletion; older ones hold its plain text, one paragraph
 * per line). What a snapshot cannot give back: when each language was last edited (translation
 * badges start afresh).
 */
import * as Y from 'yjs';
import { isEntityId } from './limits';
import { richSummaryFrom, writeRichSummary, type RichNode } from './rich-summary';
import {
	addMilestone,
	addTask,
	milestonesMap,
	taskSummaryFragment,
	ownerKey,
	tasksMap,
	type Bilingual,
	type MilestoneData,
	type OwnerRef,
	type TaskData
} from './doc';
import {
	isOneOf,
	MILESTONE_STATUSES,
	OWNER_ROLES,
	SECTORS,
	TASK_STATUSES,
	type Sector
} from './vocabulary';

/** The doc key a restored task or milestone carries, so its 'created' activity says "restored". */
export const RESTORED_KEY = 'restored';

/** A milestone as its copy keeps it: as read from the doc, its owners listed. */
export type MilestoneSnapshot = Omit<MilestoneData, 'edited' | 'owners'> & { owners: OwnerRef[] };

/** A task as its copy keeps it, with the milestones that went with it. */
export type TaskSnapshot = Omit<TaskData, 'edited' | 'owners'> & {
	owners: OwnerRef[];
	milestones: MilestoneSnapshot[];
	/** The summary's rich text per language, when the copy kept it (else `summary`'s text). */
	summaryRich: { ko: RichNode[]; en: RichNode[] } | null;
};

/** Why an item cannot be restored (null: it can). */
export type RestoreBlock = 'present' | 'task-gone' | null;

export function restoreBlock(doc: Y.Doc, snapshot: { id: string; taskId?: string }): RestoreBlock {
	if (snapshot.taskId === undefined) return tasksMap(doc).has(snapshot.id) ? 'present' : null;
	if (milestonesMap(doc).has(snapshot.id)) return 'present';
	return tasksMap(doc).has(snapshot.taskId) ? null : 'task-gone';
}

/** Puts a deleted task back, with its milestones, owners and all. Call through restoreBlock first. */
export function restoreTask(doc: Y.Doc, task: TaskSnapshot): void {
	doc.transact(() => {
		addTask(
			doc,
			{
				title: task.title,
				summary: task.summary,
				position: task.position,
				status: task.status,
				progress: task.progress,
				suggestedSectors: task.suggestedSectors,
				startDate: task.startDate,
				dueDate: task.dueDate
			},
			task.id
		);
		const map = tasksMap(doc).get(task.id)!;
		map.set(RESTORED_KEY, true);
		if (task.summaryRich)
			for (const locale of ['ko', 'en'] as const)
				writeRichSummary(taskSummaryFragment(doc, task.id, locale)!, task.summaryRich[locale]);
		setOwners(map, task.owners);
		for (const milestone of task.milestones)
			if (!milestonesMap(doc).has(milestone.id)) putMilestone(doc, milestone, false);
	});
}

/** Puts a deleted milestone back into its task. Call through restoreBlock first. */
export function restoreMilestone(doc: Y.Doc, milestone: MilestoneSnapshot): void {
	doc.transact(() => putMilestone(doc, milestone, true));
}

function putMilestone(doc: Y.Doc, milestone: MilestoneSnapshot, marked: boolean) {
	addMilestone(
		doc,
		{
			taskId: milestone.taskId,
			title: milestone.title,
			description: milestone.description,
			position: milestone.position,
			status: milestone.status,
			progress: milestone.progress,
			startDate: milestone.startDate,
			dueDate: milestone.dueDate
		},
		milestone.id
	);
	const map = milestonesMap(doc).get(milestone.id)!;
	// Milestones coming back with their task are told by the task's "restored" alone.
	if (marked) map.set(RESTORED_KEY, true);
	setOwners(map, milestone.owners);
}

function setOwners(map: Y.Map<unknown>, owners: OwnerRef[]) {
	const ownersMap = map.get('owners') as Y.Map<unknown>;
	for (const o of owners) ownersMap.set(ownerKey(o), { kind: o.kind, id: o.id, role: o.role });
}

// ---- reading a stored snapshot ---------------------------------------------------------------

const record = (value: unknown): Record<string, unknown> | null =>
	value && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: null;
const text = (value: unknown) => (typeof value === 'string' ? value : '');
const bilingualOf = (ko: unknown, en: unknown): Bilingual => ({ ko: text(ko), en: text(en) });
const numberOf = (value: unknown) =>
	typeof value === 'number' && Number.isFinite(value) ? value : 0;
const dateOf = (value: unknown) => (typeof value === 'string' ? value : null);

function ownersOf(value: unknown): OwnerRef[] {
	if (!Array.isArray(value)) return [];
	return value.flatMap((o) => {
		const r = record(o);
		if (!r || !isEntityId(r.id) || !isOneOf(OWNER_ROLES, r.role)) return [];
		if (r.kind !== 'organization' && r.kind !== 'user') return [];
		return [{ kind: r.kind, id: r.id, role: r.role }];
	});
}

/** A milestone's snapshot as stored (the milestone_rows' shape), checked; null if unusable. */
export function milestoneSnapshotOf(id: string, stored: unknown): MilestoneSnapshot | null {
	const r = record(stored);
	if (!r || !isEntityId(id) || !isEntityId(r.taskId)) return null;
	return {
		id,
		taskId: r.taskId,
		position: numberOf(r.position),
		title: bilingualOf(r.titleKo, r.titleEn),
		description: bilingualOf(r.descriptionKo, r.descriptionEn),
		status: isOneOf(MILESTONE_STATUSES, r.status) ? r.status : 'planned',
		progress: numberOf(r.progress),
		startDate: dateOf(r.startDate),
		dueDate: dateOf(r.dueDate),
		owners: ownersOf(r.owners)
	};
}

/** A task's snapshot as stored, checked; null if unusable. */
export function taskSnapshotOf(id: string, stored: unknown): TaskSnapshot | null {
	const r = record(stored);
	if (!r || !isEntityId(id)) return null;
	const milestones = Array.isArray(r.milestones) ? r.milestones : [];
	return {
		id,
		position: numberOf(r.position),
		title: bilingualOf(r.titleKo, r.titleEn),
		summary: bilingualOf(r.summaryKo, r.summaryEn),
		status: isOneOf(TASK_STATUSES, r.status) ? r.status : 'planned',
		progress: numberOf(r.progress),
		suggestedSectors: Array.isArray(r.suggestedSectors)
			? r.suggestedSectors.filter((s): s is Sector => isOneOf(SECTORS, s))
			: [],
		startDate: dateOf(r.startDate),
		dueDate: dateOf(r.dueDate),
		owners: ownersOf(r.owners),
		summaryRich: richSummariesOf(r.summaryRich),
		milestones: milestones.flatMap((m) => {
			const snapshot = milestoneSnapshotOf(text(record(m)?.id), { ...record(m), taskId: id });
			return snapshot ? [snapshot] : [];
		})
	};
}

function richSummariesOf(value: unknown): TaskSnapshot['summaryRich'] {
	const r = record(value);
	const ko = r && richSummaryFrom(r.ko);
	const en = r && richSummaryFrom(r.en);
	return ko && en ? { ko, en } : null;
}
