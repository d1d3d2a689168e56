/**
 * The timeline's rows, flat and in order, so the page can draw only the ones in view: per task,
 * a task row (its span runs from its milestones' earliest date to their latest; the task's own
 * start and due dates, when set, are drawn there too), one row per dated milestone, then, when
 * some have no date, a "no dates" heading and one row for each.
 */
import type { MilestoneData, RoadmapData, TaskData } from '$lib/roadmap/doc';
import { isOverdue } from '$lib/roadmap/schedule';

export type TimelineRow =
	| {
			kind: 'task';
			key: string;
			task: TaskData;
			number: number;
			min: string | null;
			max: string | null;
	  }
	| { kind: 'milestone'; key: string; milestone: MilestoneData; overdue: boolean }
	| { kind: 'undated-head'; key: string; taskId: string; count: number }
	| { kind: 'undated'; key: string; milestone: MilestoneData };

export interface TimelineRows {
	rows: TimelineRow[];
	/** Earliest and latest date of any milestone or task (null when none has a date). */
	min: string | null;
	max: string | null;
}

/** Rows in task order, each task's milestones in their own order. */
export function timelineRows(data: RoadmapData, today: string): TimelineRows {
	const byTask = new Map<string, MilestoneData[]>();
	for (const ms of data.milestones) {
		const list = byTask.get(ms.taskId);
		if (list) list.push(ms);
		else byTask.set(ms.taskId, [ms]);
	}
	const rows: TimelineRow[] = [];
	let min: string | null = null;
	let max: string | null = null;
	data.tasks.forEach((task, index) => {
		const milestones = byTask.get(task.id) ?? [];
		const head: TimelineRow = {
			kind: 'task',
			key: `t:${task.id}`,
			task,
			number: index + 1,
			min: null,
			max: null
		};
		rows.push(head);
		const undated: MilestoneData[] = [];
		for (const ms of milestones) {
			const first = ms.startDate ?? ms.dueDate;
			const last = ms.dueDate ?? ms.startDate;
			if (!first || !last) {
				undated.push(ms);
				continue;
			}
			if (!head.min || first < head.min) head.min = first;
			if (!head.max || last > head.max) head.max = last;
			rows.push({
				kind: 'milestone',
				key: `m:${ms.id}`,
				milestone: ms,
				overdue: isOverdue(ms, today)
			});
		}
		// The axis reaches the task's own dates too: a task due in 2029 whose milestones end in
		// 2027 shows its due date, not only its milestones.
		for (const day of [head.min, task.startDate, task.dueDate])
			if (day && (!min || day < min)) min = day;
		for (const day of [head.max, task.startDate, task.dueDate])
			if (day && (!max || day > max)) max = day;
		if (undated.length) {
			rows.push({
				kind: 'undated-head',
				key: `u:${task.id}`,
				taskId: task.id,
				count: undated.length
			});
			for (const ms of undated) rows.push({ kind: 'undated', key: `m:${ms.id}`, milestone: ms });
		}
	});
	return { rows, min, max };
}

/**
 * The rows to draw for a viewport: those between `top` and `top + height` (px) and `overscan`
 * more either side (the page adds the focused bar's row wherever it is, so focus is never lost).
 */
export function visibleRange(
	count: number,
	rowHeight: number,
	top: number,
	height: number,
	overscan = 8
): { from: number; to: number } {
	const from = Math.min(count, Math.max(0, Math.floor(top / rowHeight) - overscan));
	const to = Math.min(count, Math.ceil((top + height) / rowHeight) + overscan);
	return { from, to: Math.max(from, to) };
}
