/**
 * Example dates for the demo roadmap, so a first-time reader's timeline, board and report show a
 * plan in motion instead of empty charts. Only the demo gets them: roadmaps made from the
 * template start undated, because the source article gives no dates and a real plan must not
 * inherit invented ones. Each dated milestone says in its description that the dates are examples
 * (the one at risk also says why).
 *
 * The schedule is laid out around the day of seeding (the plan started half a year earlier), so
 * the demo is current on whatever day it is installed: first steps under way, later ones ahead.
 */
import type { Bilingual } from '../../src/lib/roadmap/doc';
import type { MilestoneStatus } from '../../src/lib/roadmap/vocabulary';

export interface DemoMilestonePlan {
	startDate: string;
	dueDate: string;
	status: MilestoneStatus;
	progress: number;
	description: Bilingual;
}

export const DEMO_DATES_NOTE: Bilingual = {
	ko: '데모용 예시 일정입니다. 실제 계획이 아닙니다.',
	en: 'Example dates for the demo, not a real commitment.'
};

/** Task 5's first step is at risk: the article names the delayed power-grid special act. */
const AT_RISK = { task: 4, milestone: 0 };
/**
 * Why, as a planner writes it in the description: the report shows an at-risk milestone's
 * description beside it, and a demo whose only risk said "example dates" would not show that.
 */
const AT_RISK_NOTE: Bilingual = {
	ko: '전력망 확충 특별법 처리가 늦어져 송전망 확충 일정이 불확실합니다. (데모용 예시 일정입니다.)',
	en: 'The special act on power-grid expansion is delayed, so the grid schedule is uncertain. (Example dates for the demo.)'
};

const MONTHS_PER_STEP = 6;
const STEP_LENGTH_MONTHS = 8;

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** The first of the month `months` after (or before) the month of `from`, in UTC. */
const monthStart = (from: Date, months: number) =>
	new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, 1));

export function demoMilestonePlan(
	taskIndex: number,
	milestoneIndex: number,
	seededAt: Date
): DemoMilestonePlan {
	const start = monthStart(
		seededAt,
		-MONTHS_PER_STEP + milestoneIndex * MONTHS_PER_STEP + taskIndex
	);
	const due = new Date(monthStart(start, STEP_LENGTH_MONTHS).getTime() - 86_400_000);
	const today = Date.UTC(seededAt.getUTCFullYear(), seededAt.getUTCMonth(), seededAt.getUTCDate());
	const begun = start.getTime() <= today;
	const elapsed = (today - start.getTime()) / (due.getTime() - start.getTime());
	const progress = begun ? Math.min(90, Math.max(10, Math.round(elapsed * 10) * 10)) : 0;
	const atRisk = taskIndex === AT_RISK.task && milestoneIndex === AT_RISK.milestone;
	return {
		startDate: isoDate(start),
		dueDate: isoDate(due),
		status: atRisk ? 'at_risk' : begun ? 'in_progress' : 'planned',
		progress,
		description: atRisk ? AT_RISK_NOTE : DEMO_DATES_NOTE
	};
}
