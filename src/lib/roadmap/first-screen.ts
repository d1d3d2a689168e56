/**
 * The plan as its first screen needs it, for the server's render. A 5 × 2,000-milestone plan sent
 * whole is megabytes of HTML the browser parses and hydrates only to replace it with the live doc
 * a moment later; the views draw a page of milestones per task (outline) and per status column
 * (board) anyway. So the page gets, per task, its first page of the milestones the filter shows,
 * each board column's first page, and the counts those pages cannot tell (how many there are in
 * all). Everything is decided on the whole plan first, so filters and roll-ups stay right.
 */
import {
	filterChoices,
	filterPlan,
	type FilterContext,
	type FilterPerson,
	type PlanFilter
} from './filter';
import { MILESTONE_PAGE } from './paging';
import type { RoadmapData } from './doc';
import type { MilestoneStatus } from './vocabulary';

/** What a bounded first screen cannot count from its own milestones. */
export interface PlanCounts {
	/** Milestones in the whole plan. */
	milestones: number;
	/** Milestones the filter shows. */
	shownMilestones: number;
	/** Milestones the filter shows, per task id. */
	perTask: Record<string, number>;
	/** Milestones the filter shows, per status (the board's columns). */
	perStatus: Partial<Record<MilestoneStatus, number>>;
	/** The filter's owner choices, from every task and milestone (filterChoices). */
	choices: { organizations: string[]; people: string[] };
}

/**
 * The ids of the milestones the first screen draws: per task its first page of `shown`
 * milestones, and per status the first page in board order (task order, then position, which is
 * the order `shown.milestones` already has when tasks come in order).
 */
export function firstScreenIds(shown: RoadmapData, page = MILESTONE_PAGE): Set<string> {
	const keep = new Set<string>();
	const perTask = new Map<string, number>();
	const perStatus = new Map<string, number>();
	const taskIndex = new Map(shown.tasks.map((t, i) => [t.id, i]));
	const boardOrder = [...shown.milestones].sort(
		(a, b) =>
			(taskIndex.get(a.taskId) ?? 0) - (taskIndex.get(b.taskId) ?? 0) || a.position - b.position
	);
	for (const ms of boardOrder) {
		const inTask = perTask.get(ms.taskId) ?? 0;
		const inStatus = perStatus.get(ms.status) ?? 0;
		if (inTask < page || inStatus < page) keep.add(ms.id);
		perTask.set(ms.taskId, inTask + 1);
		perStatus.set(ms.status, inStatus + 1);
	}
	return keep;
}

/**
 * The first screen's ids (see firstScreenIds) and the counts of the whole plan, under `filter`.
 * `plan` is the whole plan as the server has it.
 */
export function firstScreen(
	plan: RoadmapData,
	filter: PlanFilter,
	ctx: FilterContext,
	people: readonly FilterPerson[]
): { ids: Set<string>; counts: PlanCounts } {
	const shown = filterPlan(plan, filter, ctx);
	const perTask: Record<string, number> = {};
	const perStatus: Partial<Record<MilestoneStatus, number>> = {};
	for (const ms of shown.milestones) {
		perTask[ms.taskId] = (perTask[ms.taskId] ?? 0) + 1;
		perStatus[ms.status] = (perStatus[ms.status] ?? 0) + 1;
	}
	return {
		ids: firstScreenIds(shown),
		counts: {
			milestones: plan.milestones.length,
			shownMilestones: shown.milestones.length,
			perTask,
			perStatus,
			choices: filterChoices(plan, people)
		}
	};
}
