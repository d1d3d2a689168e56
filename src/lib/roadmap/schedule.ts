/**
 * The plan's numbers, as pure functions shared by the editor, the projection and the API:
 * normalising dates and progress that any client may have written, the editor's refusals,
 * progress roll-up from milestones to tasks to the roadmap, and what counts as overdue.
 */
import { CLOSED_MILESTONE_STATUSES, type MilestoneStatus, type TaskStatus } from './vocabulary';

/** Progress as readers hold it: a whole number 0–100. Anything else becomes 0 or is clamped. */
export function clampProgress(value: unknown): number {
	const n = typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : 0;
	return Math.min(100, Math.max(0, n));
}

/**
 * A start and due date as readers hold them. A due date before the start date (two people
 * editing each at once, or a client that skipped the editor) keeps the due date — the date
 * someone committed to, which reports and "overdue" are about — and drops the start.
 * Dates are 'YYYY-MM-DD', which compare correctly as strings.
 */
export function normaliseSpan(
	startDate: string | null,
	dueDate: string | null
): { startDate: string | null; dueDate: string | null } {
	if (startDate && dueDate && dueDate < startDate) return { startDate: null, dueDate };
	return { startDate, dueDate };
}

/** Why the editor refuses a start/due pair, or null when it is fine. */
export function spanProblem(
	startDate: string | null,
	dueDate: string | null
): 'due_before_start' | null {
	return startDate && dueDate && dueDate < startDate ? 'due_before_start' : null;
}

/** Why the editor refuses a typed progress, or null (with the number to store) when it is fine. */
export function parseProgress(
	typed: string
):
	| { ok: true; value: number }
	| { ok: false; problem: 'not_a_number' | 'out_of_range' | 'not_whole' } {
	const trimmed = typed.trim();
	if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return { ok: false, problem: 'not_a_number' };
	const n = Number(trimmed);
	if (n < 0 || n > 100) return { ok: false, problem: 'out_of_range' };
	// 12.5 is refused, not stored as 13 behind the writer's back: progress is a whole number.
	if (!Number.isInteger(n)) return { ok: false, problem: 'not_whole' };
	return { ok: true, value: n };
}

export interface ProgressOf {
	status: MilestoneStatus;
	progress: number;
}

/** Whether a milestone counts in a plan's numbers: a cancelled one is no longer part of it. */
export const countsInPlan = (m: { status: string }): boolean => m.status !== 'cancelled';

/**
 * A task's progress: the mean of its milestones' (each counts once; a done milestone counts
 * 100 whatever its own number says; cancelled ones do not count), or the task's own hand-set
 * progress when it has no milestone that counts.
 */
export function taskProgress(handSet: number, milestones: readonly ProgressOf[]): number {
	const counted = milestones.filter(countsInPlan);
	const sum = counted.reduce(
		(acc, m) => acc + (m.status === 'done' ? 100 : clampProgress(m.progress)),
		0
	);
	return progressFromSum(handSet, counted.length, sum);
}

/**
 * taskProgress from what a database can sum: how many milestones count (not cancelled) and the
 * sum of their progress, a done one counting 100.
 */
export function progressFromSum(handSet: number, counted: number, sum: number): number {
	return counted ? Math.round(sum / counted) : clampProgress(handSet);
}

/**
 * The status a task's milestones point to when the task's own status contradicts them, or null:
 * a task still "planned" whose work has begun, one "done" with work still open (at risk when a
 * milestone is at risk or blocked, else in progress), one in progress, at risk or delayed whose
 * milestones are all done. While work remains, at risk and delayed are
 * the owner's judgement, and on hold is a decision whatever the milestones say: no hint.
 * Cancelled milestones do not count.
 */
export function statusFromMilestones(
	status: TaskStatus,
	milestones: readonly { status: string }[]
): TaskStatus | null {
	const counted = milestones.filter(countsInPlan);
	if (!counted.length) return null;
	if (counted.every((m) => m.status === 'done'))
		return status === 'done' || status === 'on_hold' ? null : 'done';
	// Open work that is blocked or at risk makes the task at risk, not merely in progress: "in
	// progress, judging by the milestones" for a task whose only begun step is blocked misled.
	const open = counted.some((m) => m.status === 'at_risk' || m.status === 'blocked')
		? 'at_risk'
		: 'in_progress';
	if (status === 'done') return open;
	if (status === 'planned' && counted.some((m) => m.status !== 'planned')) return open;
	return null;
}

/** The roadmap's progress: the mean of its tasks' rolled-up progress; 0 with no tasks. */
export function roadmapProgress(taskProgresses: readonly number[]): number {
	if (!taskProgresses.length) return 0;
	return Math.round(taskProgresses.reduce((a, b) => a + b, 0) / taskProgresses.length);
}

/** Due before `today` ('YYYY-MM-DD', the reader's calendar day) and neither done nor cancelled. */
export function isOverdue(
	item: { status: string; dueDate: string | null },
	today: string
): boolean {
	if (!item.dueDate) return false;
	if ((CLOSED_MILESTONE_STATUSES as readonly string[]).includes(item.status)) return false;
	return item.dueDate < today;
}

/** Today's calendar date where the code runs, as 'YYYY-MM-DD'. */
export function localToday(now = new Date()): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
