/**
 * What moved between two reports (usually two saved ones): the roadmap's overall progress and
 * counts, tasks whose progress or status moved, milestones added, completed, otherwise changed in
 * state (at risk, blocked, cancelled…) or slipped (due date moved later), and owners changed, a task's
 * or a milestone's. Pure: it reads two ReportData and nothing else, so any two snapshots compare
 * the same way forever.
 */
import type { Bilingual, ReportData, ReportOwner } from '../../report/model';
import { countsInPlan } from '../../roadmap/schedule';

export interface ReportComparison {
	/** The older report first, whichever order they were asked in. */
	from: { generatedAt: string; period: ReportData['period'] };
	to: { generatedAt: string; period: ReportData['period'] };
	/** The headline numbers of each report, older then newer. */
	overall: { before: ReportData['overall']; after: ReportData['overall'] };
	tasksMoved: {
		taskId: string;
		title: Bilingual;
		before: { status: string; progress: number };
		after: { status: string; progress: number };
	}[];
	milestonesAdded: { id: string; taskId: string; title: Bilingual; dueDate: string | null }[];
	milestonesCompleted: { id: string; taskId: string; title: Bilingual; doneAt: string | null }[];
	/** A milestone's state changed, other than to done (that is milestonesCompleted). */
	milestonesRestated: {
		id: string;
		taskId: string;
		title: Bilingual;
		before: string;
		after: string;
	}[];
	milestonesSlipped: {
		id: string;
		taskId: string;
		title: Bilingual;
		before: string;
		after: string;
	}[];
	ownersChanged: {
		taskId: string;
		/** The milestone whose own owners changed; null for the task's owners. */
		milestoneId: string | null;
		/** The task's title, or the milestone's. */
		title: Bilingual;
		added: ReportOwner[];
		removed: ReportOwner[];
	}[];
}

const ownerKey = (o: ReportOwner) => `${o.kind}:${o.id}:${o.role}`;

/** Who came and who went between two owner lists (null: the same people and organizations). */
function ownerChange(
	before: ReportOwner[],
	after: ReportOwner[]
): { added: ReportOwner[]; removed: ReportOwner[] } | null {
	const was = new Map(before.map((o) => [ownerKey(o), o]));
	const now = new Map(after.map((o) => [ownerKey(o), o]));
	const added = [...now].filter(([k]) => !was.has(k)).map(([, o]) => o);
	const removed = [...was].filter(([k]) => !now.has(k)).map(([, o]) => o);
	return added.length || removed.length ? { added, removed } : null;
}

/** Whether `owners` are `task`'s own (a milestone that has none of its own shows its task's). */
const ownersOf = (owners: ReportOwner[], task: { owners: ReportOwner[] } | undefined) =>
	!!task && !ownerChange(owners, task.owners);

/**
 * A report's headline numbers, its milestone count taken anew: reports saved before cancelled
 * milestones left the count still hold them, and a comparison would show a drop nobody made.
 */
const headline = (report: ReportData): ReportData['overall'] => ({
	...report.overall,
	milestones: report.milestones.filter(countsInPlan).length
});

export function compareReports(a: ReportData, b: ReportData): ReportComparison {
	const [older, newer] = a.generatedAt <= b.generatedAt ? [a, b] : [b, a];
	const oldTasks = new Map(older.tasks.map((t) => [t.id, t]));
	const oldMilestones = new Map(older.milestones.map((m) => [m.id, m]));
	const out: ReportComparison = {
		from: { generatedAt: older.generatedAt, period: older.period },
		to: { generatedAt: newer.generatedAt, period: newer.period },
		overall: { before: headline(older), after: headline(newer) },
		tasksMoved: [],
		milestonesAdded: [],
		milestonesCompleted: [],
		milestonesRestated: [],
		milestonesSlipped: [],
		ownersChanged: []
	};
	for (const task of newer.tasks) {
		const was = oldTasks.get(task.id);
		if (!was) continue;
		if (was.progress !== task.progress || was.status !== task.status)
			out.tasksMoved.push({
				taskId: task.id,
				title: task.title,
				before: { status: was.status, progress: was.progress },
				after: { status: task.status, progress: task.progress }
			});
		const change = ownerChange(was.owners, task.owners);
		if (change)
			out.ownersChanged.push({ taskId: task.id, milestoneId: null, title: task.title, ...change });
	}
	const newTasks = new Map(newer.tasks.map((t) => [t.id, t]));
	for (const m of newer.milestones) {
		const was = oldMilestones.get(m.id);
		// A report gives a milestone without owners of its own its task's: a change of those is
		// the task's entry, unless the milestone has (or had) owners of its own.
		const change = was ? ownerChange(was.owners, m.owners) : null;
		const onlyTheTasks =
			was &&
			ownersOf(was.owners, oldTasks.get(was.taskId)) &&
			ownersOf(m.owners, newTasks.get(m.taskId));
		if (change && !onlyTheTasks)
			out.ownersChanged.push({ taskId: m.taskId, milestoneId: m.id, title: m.title, ...change });
		if (!was)
			out.milestonesAdded.push({ id: m.id, taskId: m.taskId, title: m.title, dueDate: m.dueDate });
		if (m.status === 'done' && was?.status !== 'done')
			out.milestonesCompleted.push({
				id: m.id,
				taskId: m.taskId,
				title: m.title,
				doneAt: m.doneAt
			});
		if (was && was.status !== m.status && m.status !== 'done')
			out.milestonesRestated.push({
				id: m.id,
				taskId: m.taskId,
				title: m.title,
				before: was.status,
				after: m.status
			});
		if (was?.dueDate && m.dueDate && m.dueDate > was.dueDate)
			out.milestonesSlipped.push({
				id: m.id,
				taskId: m.taskId,
				title: m.title,
				before: was.dueDate,
				after: m.dueDate
			});
	}
	return out;
}
