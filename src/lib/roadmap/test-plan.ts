/** Small RoadmapData builders for the specs of pure plan functions (filter, balance). */
import type { MilestoneData, OwnerRef, RoadmapData, TaskData } from './doc';
import type { OwnerRole } from './vocabulary';

const never = { ko: null, en: null, inStep: null };

export const org = (id: string, role: OwnerRole = 'lead'): OwnerRef => ({
	kind: 'organization',
	id,
	role
});
export const user = (id: string, role: OwnerRole = 'lead'): OwnerRef => ({
	kind: 'user',
	id,
	role
});

const keyed = (owners: OwnerRef[]) =>
	Object.fromEntries(
		owners.map((o) => [`${o.kind === 'organization' ? 'org' : 'user'}:${o.id}`, o])
	);

export function task(
	id: string,
	fields: Partial<Omit<TaskData, 'owners'>> & { owners?: OwnerRef[] } = {}
): TaskData {
	return {
		id,
		position: 0,
		title: { ko: id, en: id },
		summary: { ko: '', en: '' },
		status: 'planned',
		progress: 0,
		suggestedSectors: [],
		startDate: null,
		dueDate: null,
		edited: { title: never, summary: never },
		...fields,
		owners: keyed(fields.owners ?? [])
	};
}

export function milestone(
	id: string,
	taskId: string,
	fields: Partial<Omit<MilestoneData, 'owners'>> & { owners?: OwnerRef[] } = {}
): MilestoneData {
	return {
		id,
		taskId,
		position: 0,
		title: { ko: id, en: id },
		description: { ko: '', en: '' },
		status: 'planned',
		progress: 0,
		startDate: null,
		dueDate: null,
		edited: { title: never },
		...fields,
		owners: keyed(fields.owners ?? [])
	};
}

export const plan = (tasks: TaskData[], milestones: MilestoneData[] = []): RoadmapData => ({
	overview: { ko: '', en: '' },
	overviewEdited: never,
	tasks,
	milestones
});
