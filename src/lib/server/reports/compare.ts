/**
 * What moved between two reports (usually two saved ones): tasks whose progress or status moved,
 * milestones added, completed or slipped (due date moved later), and owners changed. Pure: it
 * reads two ReportData and nothing else, so any two snapshots compare the same way forever.
 */
import type { Bilingual, ReportData, ReportOwner } from '../../report/model';

export interface ReportComparison {
	/** The older report first, whichever order they were asked in. */
	from: { generatedAt: string; period: ReportData['period'] };
	to: { generatedAt: string; period: ReportData['period'] };
	tasksMoved: {
		taskId: string;
		title: Bilingual;
		before: { status: string; progress: number };
		after: { status: string; progress: number };
	}[];
	milestonesAdded: { id: string; taskId: string; title: Bilingual; dueDate: string | null }[];
	milestonesCompleted: { id: string; taskId: string; title: Bilingual; doneAt: string | null }[];
	milestonesSlipped: {
		id: string;
		taskId: string;
		title: Bilingual;
		before: string;
		after: string;
	}[];
	ownersChanged: {
		taskId: string;
		title: Bilingual;
		added: ReportOwner[];
		removed: ReportOwner[];
	}[];
}

const ownerKey = (o: ReportOwner) => `${o.kind}:${o.id}:${o.role}`;

export function compareReports(a: ReportData, b: ReportData): ReportComparison {
	const [older, newer] = a.generatedAt <= b.generatedAt ? [a, b] : [b, a];
	const oldTasks = new Map(older.tasks.map((t) => [t.id, t]));
	const oldMilestones = new Map(older.milestones.map((m) => [m.id, m]));
	const out: ReportComparison = {
		from: { generatedAt: older.generatedAt, period: older.period },
		to: { generatedAt: newer.generatedAt, period: newer.period },
		tasksMoved: [],
		milestonesAdded: [],
		milestonesCompleted: [],
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
		const before = new Map(was.owners.map((o) => [ownerKey(o), o]));
		const after = new Map(task.owners.map((o) => [ownerKey(o), o]));
		const added = [...after].filter(([k]) => !before.has(k)).map(([, o]) => o);
		const removed = [...before].filter(([k]) => !after.has(k)).map(([, o]) => o);
		if (added.length || removed.length)
			out.ownersChanged.push({ taskId: task.id, title: task.title, added, removed });
	}
	for (const m of newer.milestones) {
		const was = oldMilestones.get(m.id);
		if (!was)
			out.milestonesAdded.push({ id: m.id, taskId: m.taskId, title: m.title, dueDate: m.dueDate });
		if (m.status === 'done' && was?.status !== 'done')
			out.milestonesCompleted.push({
				id: m.id,
				taskId: m.taskId,
				title: m.title,
				doneAt: m.doneAt
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
