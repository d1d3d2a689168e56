/**
 * Turns the rows a report is read from (ReportSource, see build.ts) into ReportData: owners per
 * task, milestone sections, progress groups and the period's changes as sentences' data. Pure and
 * synchronous, with no database import, so the render worker can run it: the main thread only
 * reads rows and hands them over in pages, and the ten thousand-row loops and sorts happen here.
 */
import {
	REPORT_SCHEMA,
	type Bilingual,
	type ProgressGroup,
	type ReportChange,
	type ReportData,
	type ReportMilestone,
	type ReportOwner,
	type ReportPerson,
	type ReportTask,
	type RoadmapCreation,
	type TrendPoint
} from '../../report/model';
import { addDays } from '../../report/dates';
import { isPlaceholderTitle, REPORT_TEXT, reportDay, titleWhenCreated } from '../../report/text';
import { countsInPlan, taskProgress } from '../../roadmap/schedule';
import { isTemplateKey, TEMPLATES } from '../../roadmap/templates';
import type { MilestoneStatus, OwnerRole, Sector, TaskStatus } from '../../roadmap/vocabulary';
import { SECTORS } from '../../roadmap/vocabulary';

/** Days ahead the "due soon" section looks. */
export const DUE_SOON_DAYS = 90;

/** A person's first organization (by joining date). */
export interface Home {
	/** The organization's id. */
	id: string;
	name: string;
	nameEn: string | null;
	sector: Sector;
}

export interface SourceTask {
	id: string;
	titleKo: string;
	titleEn: string;
	status: TaskStatus;
	progress: number;
	startDate: string | null;
	dueDate: string | null;
	suggestedSectors: Sector[];
}

export interface SourceMilestone {
	id: string;
	taskId: string;
	position: number;
	titleKo: string;
	titleEn: string;
	/** Plain text, '' when none. */
	descriptionKo: string;
	descriptionEn: string;
	status: MilestoneStatus;
	startDate: string | null;
	dueDate: string | null;
	progress: number;
}

/** An owner row of a task (taskId) or of a milestone (milestoneId). */
export interface SourceOwner {
	taskId?: string;
	milestoneId?: string;
	key: string;
	role: OwnerRole;
	orgId: string | null;
	orgName: string | null;
	orgNameEn: string | null;
	sector: Sector | null;
	userId: string | null;
	userName: string | null;
}

export interface SourceActivity {
	id: number;
	at: Date;
	userId: string | null;
	userName: string | null;
	entityType: string;
	entityId: string;
	field: string;
	before: unknown;
	after: unknown;
}

/**
 * Everything a report is made of, as read from SQL: plain rows and maps, which structured clone
 * carries to a worker as they are. `milestones` and `activity` are the two that grow large.
 */
export interface ReportSource {
	now: Date;
	since: string;
	viewer: ReportPerson | null;
	roadmap: {
		id: string;
		title: string;
		titleEn: string | null;
		overviewKo: string | null;
		overviewEn: string | null;
		createdAt: Date;
		createdBy: string | null;
		/** The template it was made from (TemplateKey; 'blank' for none). */
		template: string;
		/** Made by the server's seed (the demo), by nobody: its template's rows have no author. */
		seeded?: boolean;
	};
	tasks: SourceTask[];
	/** In the roadmap's order (position, id). */
	milestones: SourceMilestone[];
	/** Ordered by task, then owner key. */
	owners: SourceOwner[];
	/** Ordered by milestone, then owner key. */
	milestoneOwners: SourceOwner[];
	/** First organization of each person who owns a task or acted in the period. */
	homes: Map<string, Home>;
	/** When each milestone was last marked done (ISO), from the whole history. */
	doneAt: Map<string, string>;
	/** The period's activity, in id order. */
	activity: SourceActivity[];
	/** Names of the owners ("org:<id>", "user:<id>") that owner changes mention. */
	ownerNames: Map<string, Bilingual>;
	/** Progress of every saved report, oldest first. */
	trend: TrendPoint[];
}

const OPEN = (status: string) => status !== 'done' && status !== 'cancelled';
/** Beside milestones marked at risk or blocked, an open milestone of a task in trouble is too. */
const TROUBLED_TASK = new Set(['at_risk', 'delayed', 'on_hold']);
/** Field changes a reader does not care about in a progress report. */
const NOISE_FIELDS = new Set(['position']);

export const bilingual = (
	ko: string | null | undefined,
	en: string | null | undefined
): Bilingual => ({
	ko: (ko ?? '').normalize('NFC'),
	en: (en ?? '').normalize('NFC')
});
const mean = (values: number[]) =>
	values.length ? Math.round(values.reduce((a, b) => a + b, 0) / values.length) : 0;

const ROLE_ORDER = { lead: 0, support: 1, consulted: 2, informed: 3 } as const;

/** Owner rows as the report names them, grouped by task or milestone, leads first. */
function groupOwners(
	rows: SourceOwner[],
	keyOf: (row: SourceOwner) => string | undefined,
	homes: Map<string, Home>
): Map<string, ReportOwner[]> {
	const grouped = new Map<string, ReportOwner[]>();
	for (const o of rows) {
		const key = keyOf(o);
		if (!key) continue;
		const home = o.userId ? homes.get(o.userId) : undefined;
		const owner: ReportOwner = o.orgId
			? {
					kind: 'organization',
					id: o.orgId,
					name: bilingual(o.orgName, o.orgNameEn),
					sector: o.sector,
					role: o.role
				}
			: {
					kind: 'user',
					id: o.userId ?? o.key,
					name: bilingual(o.userName, o.userName),
					sector: home?.sector ?? null,
					role: o.role
				};
		const list = grouped.get(key) ?? [];
		list.push(owner);
		grouped.set(key, list);
	}
	for (const list of grouped.values())
		list.sort(
			(a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.name.ko.localeCompare(b.name.ko)
		);
	return grouped;
}

export function assembleReport(source: ReportSource): ReportData {
	const { now, since, roadmap, homes } = source;
	const today = reportDay(now);
	const taskRows = source.tasks;

	const ownersByTask = groupOwners(source.owners, (o) => o.taskId, homes);
	const ownersByMilestone = groupOwners(source.milestoneOwners, (o) => o.milestoneId, homes);

	const taskStatus = new Map(taskRows.map((t) => [t.id, t.status]));
	const reportMilestones: ReportMilestone[] = source.milestones.map((m) => ({
		id: m.id,
		taskId: m.taskId,
		title: bilingual(m.titleKo, m.titleEn),
		description: bilingual(m.descriptionKo, m.descriptionEn),
		status: m.status,
		startDate: m.startDate,
		dueDate: m.dueDate,
		progress: m.progress,
		// A milestone without owners of its own is its task's responsibility.
		owners: ownersByMilestone.get(m.id) ?? ownersByTask.get(m.taskId) ?? [],
		ownersFromTask: !ownersByMilestone.has(m.id) && !!ownersByTask.get(m.taskId)?.length,
		doneAt: m.status === 'done' ? (source.doneAt.get(m.id) ?? null) : null
	}));
	const isOverdue = (m: ReportMilestone) => OPEN(m.status) && !!m.dueDate && m.dueDate < today;

	const reportTasks: ReportTask[] = taskRows.map((t, i) => {
		const own = reportMilestones.filter((m) => m.taskId === t.id);
		return {
			id: t.id,
			number: i + 1,
			title: bilingual(t.titleKo, t.titleEn),
			status: t.status,
			// Rolled up from its milestones, as the roadmap page shows it (schedule.ts).
			progress: taskProgress(
				t.progress,
				own.map((m) => ({ status: m.status, progress: m.progress ?? 0 }))
			),
			startDate: t.startDate,
			dueDate: t.dueDate,
			owners: ownersByTask.get(t.id) ?? [],
			milestones: {
				// Counted as the roadmap page's "based on N milestones" counts them.
				total: own.filter(countsInPlan).length,
				done: own.filter((m) => m.status === 'done').length,
				overdue: own.filter(isOverdue).length
			}
		};
	});

	// Each section by due date (model.ts, docs/API.md), then in plan order — by task, then by the
	// milestone's place in it, as the exports' milestone lists (cells.ts's milestonesInOrder) and
	// the timeline rows read — not by id: ids are random, and put task 2's milestone above task
	// 1's when both were due the same day.
	const taskNumber = new Map(reportTasks.map((t) => [t.id, t.number]));
	const place = new Map(reportMilestones.map((m, i) => [m.id, i]));
	const byDue = (a: ReportMilestone, b: ReportMilestone) =>
		(a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
		(taskNumber.get(a.taskId) ?? 0) - (taskNumber.get(b.taskId) ?? 0) ||
		(place.get(a.id) ?? 0) - (place.get(b.id) ?? 0);
	const ids = (list: ReportMilestone[]) => list.sort(byDue).map((m) => m.id);
	const horizon = addDays(today, DUE_SOON_DAYS);
	const sections = {
		doneInPeriod: ids(
			reportMilestones.filter(
				(m) => m.status === 'done' && m.doneAt && reportDay(m.doneAt) >= since
			)
		),
		dueNext90Days: ids(
			reportMilestones.filter(
				(m) => OPEN(m.status) && !!m.dueDate && m.dueDate >= today && m.dueDate <= horizon
			)
		),
		overdue: ids(reportMilestones.filter(isOverdue)),
		atRiskOrBlocked: ids(
			reportMilestones.filter(
				(m) =>
					m.status === 'at_risk' ||
					m.status === 'blocked' ||
					(OPEN(m.status) && TROUBLED_TASK.has(taskStatus.get(m.taskId) ?? ''))
			)
		)
	};

	const involved = involvedIn(reportTasks, ownersByMilestone, reportMilestones);
	const title = bilingual(roadmap.title, roadmap.titleEn);
	// The template's twenty-odd "added" rows are one change: the roadmap's creation.
	const creation = templateCreation(source.activity, roadmap, since);
	const changes = assembleChanges({ ...source, activity: creation.rest }, title);
	if (creation.seeded.length)
		changes.unshift(creationChange(creation.seeded, roadmap, title, source.homes));
	const trend = [...source.trend];
	const overallProgress = mean(reportTasks.map((t) => t.progress));
	trend.push({
		date: today,
		overall: overallProgress,
		tasks: Object.fromEntries(reportTasks.map((t) => [t.id, t.progress])),
		snapshotId: null
	});

	return {
		schema: REPORT_SCHEMA,
		roadmap: {
			id: roadmap.id,
			title,
			overview: bilingual(roadmap.overviewKo, roadmap.overviewEn)
		},
		period: { since, until: today },
		generatedAt: now.toISOString(),
		generatedBy: source.viewer,
		overall: {
			progress: overallProgress,
			tasks: reportTasks.length,
			milestones: reportMilestones.filter(countsInPlan).length,
			milestonesDone: reportMilestones.filter((m) => m.status === 'done').length,
			milestonesOverdue: sections.overdue.length
		},
		tasks: reportTasks,
		bySector: groupBySector(reportTasks, involved),
		byOrganization: groupByOrganization(reportTasks, involved, homes),
		milestones: reportMilestones,
		sections,
		changes,
		trend: lastOfEachDay(trend)
	};
}

/**
 * A task counts for every sector among the people and organizations on it (its owners and its
 * milestones'). A task nobody owns counts for none: the template's suggested sectors are a
 * suggestion, not a commitment. All four sectors are always listed, in order, so charts keep
 * their shape.
 */
function groupBySector(list: ReportTask[], involved: Map<string, ReportOwner[]>): ProgressGroup[] {
	return SECTORS.map((sector) => {
		const members = list.filter((t) => (involved.get(t.id) ?? []).some((o) => o.sector === sector));
		return {
			key: sector,
			label: { ko: REPORT_TEXT.ko.sector[sector], en: REPORT_TEXT.en.sector[sector] },
			sector,
			tasks: members.length,
			progress: mean(members.map((t) => t.progress))
		};
	});
}

/**
 * Progress by organization: each organization on a task (an owner, or the home of a person who
 * is one) counts the task once. People are not organizations: a person without one is left out
 * here, as in the sector groups.
 */
function groupByOrganization(
	list: ReportTask[],
	involved: Map<string, ReportOwner[]>,
	homes: Map<string, Home>
): ProgressGroup[] {
	const groups = new Map<string, { label: Bilingual; sector: Sector | null; progress: number[] }>();
	for (const t of list) {
		const orgs = new Map<string, { label: Bilingual; sector: Sector | null }>();
		for (const o of involved.get(t.id) ?? []) {
			if (o.kind === 'organization') orgs.set(o.id, { label: o.name, sector: o.sector });
			else {
				const home = homes.get(o.id);
				if (home && !orgs.has(home.id))
					orgs.set(home.id, { label: bilingual(home.name, home.nameEn), sector: home.sector });
			}
		}
		for (const [id, org] of orgs) {
			const g = groups.get(id) ?? { ...org, progress: [] };
			g.progress.push(t.progress);
			groups.set(id, g);
		}
	}
	return [...groups.entries()]
		.map(([id, { label, sector, progress }]) => ({
			key: id,
			label,
			sector,
			tasks: progress.length,
			progress: mean(progress)
		}))
		.sort((a, b) => b.tasks - a.tasks || a.label.ko.localeCompare(b.label.ko));
}

/** Each task's owners and its milestones' own owners, each person or organization once. */
function involvedIn(
	list: ReportTask[],
	ownersByMilestone: Map<string, ReportOwner[]>,
	milestones: ReportMilestone[]
): Map<string, ReportOwner[]> {
	const involved = new Map<string, ReportOwner[]>();
	for (const t of list) {
		const byId = new Map(t.owners.map((o) => [o.id, o]));
		for (const m of milestones)
			if (m.taskId === t.id)
				for (const o of ownersByMilestone.get(m.id) ?? []) if (!byId.has(o.id)) byId.set(o.id, o);
		involved.set(t.id, [...byId.values()]);
	}
	return involved;
}

/** What turning activity rows into changes needs: the rows, and the names they mention. */
export interface ChangeSource {
	activity: SourceActivity[];
	tasks: Pick<SourceTask, 'id' | 'titleKo' | 'titleEn'>[];
	milestones: Pick<SourceMilestone, 'id' | 'taskId' | 'titleKo' | 'titleEn'>[];
	homes: Map<string, Home>;
	ownerNames: Map<string, Bilingual>;
}

/**
 * One point a day, the day's last: reports saved an hour apart would stack on one date of the
 * chart and fill the table with rows of the same day; today's is the report being made.
 */
export function lastOfEachDay(points: TrendPoint[]): TrendPoint[] {
	return points.filter((point, i) => points[i + 1]?.date !== point.date);
}

/** The milestone an owner change is about (null: the task's own owners). */
export function ownerChangeMilestone(row: { before: unknown; after: unknown }): string | null {
	const value = (row.after ?? row.before) as { milestoneId?: unknown } | null;
	return value && typeof value === 'object' && typeof value.milestoneId === 'string'
		? value.milestoneId
		: null;
}

/**
 * Activity rows as changes, oldest first, with titles, task and people resolved: the report's
 * changes, and the activity feed's (which keeps reorders: `noise` says what to leave out).
 */
export function assembleChanges(
	source: ChangeSource,
	roadmapTitle: Bilingual,
	noise: ReadonlySet<string> = NOISE_FIELDS
): ReportChange[] {
	// Coalescing moves a row's time forward: order by time, then by id.
	const rows = [...source.activity].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id);

	// Titles of things as they are now, or as they were last seen (deleted ones).
	const taskTitle = new Map(source.tasks.map((t) => [t.id, bilingual(t.titleKo, t.titleEn)]));
	const milestoneTitle = new Map(
		source.milestones.map((m) => [m.id, bilingual(m.titleKo, m.titleEn)])
	);
	const milestoneTask = new Map(source.milestones.map((m) => [m.id, m.taskId]));
	for (const r of rows) {
		const payload = (r.before ?? r.after) as {
			titleKo?: string;
			titleEn?: string;
			taskId?: string;
		};
		if (r.field !== 'created' && r.field !== 'deleted') continue;
		const title = bilingual(payload?.titleKo, payload?.titleEn);
		if (r.entityType === 'task' && !taskTitle.has(r.entityId)) taskTitle.set(r.entityId, title);
		if (r.entityType === 'milestone') {
			if (!milestoneTitle.has(r.entityId)) milestoneTitle.set(r.entityId, title);
			if (payload?.taskId && !milestoneTask.has(r.entityId))
				milestoneTask.set(r.entityId, payload.taskId);
		}
	}

	const withName = (value: unknown) => {
		const v = value as { owner?: string } | null;
		return v && typeof v === 'object' && v.owner
			? { ...v, name: source.ownerNames.get(v.owner) ?? { ko: '', en: '' } }
			: value;
	};

	// A milestone's move names the tasks it left and joined.
	const withTask = (value: unknown) =>
		typeof value === 'string'
			? { taskId: value, title: taskTitle.get(value) ?? { ko: '', en: '' } }
			: value;

	// Added in the period without a title of its own ("+ Add milestone" gives a placeholder): the
	// "added" sentence names it by its title now, so naming it from the placeholder is no change
	// worth a line of its own ("renamed 'New milestone' to 'X'" after "added the milestone 'X'").
	const addedUntitled = new Set(
		rows
			.filter((r) => r.field === 'created' && !titleWhenCreated(r.after))
			.map((r) => `${r.entityType} ${r.entityId}`)
	);
	const namesTheAdded = (r: (typeof rows)[number]) =>
		(r.field === 'titleKo' || r.field === 'titleEn') &&
		addedUntitled.has(`${r.entityType} ${r.entityId}`) &&
		isPlaceholderTitle(r.before);

	const out: ReportChange[] = [];
	for (const r of rows) {
		if (noise.has(r.field)) continue;
		// A coalesced edit that ended where it began changed nothing.
		if (r.field !== 'created' && r.field !== 'deleted' && sameJson(r.before, r.after)) continue;
		if (namesTheAdded(r)) continue;
		const entityType = (
			['roadmap', 'task', 'milestone', 'owner'].includes(r.entityType) ? r.entityType : 'task'
		) as ReportChange['entityType'];
		const taskId =
			entityType === 'task' || entityType === 'owner'
				? r.entityId
				: entityType === 'milestone'
					? (milestoneTask.get(r.entityId) ?? null)
					: null;
		// A milestone's owner is recorded against its task, naming the milestone: the sentence
		// names the milestone ("made X lead of '<the milestone>'"), not the task.
		const ownersMilestone = entityType === 'owner' ? ownerChangeMilestone(r) : null;
		const entityTitle =
			entityType === 'milestone'
				? (milestoneTitle.get(r.entityId) ?? { ko: '', en: '' })
				: entityType === 'roadmap'
					? roadmapTitle // "edited the overview of '<the roadmap>'", not of '(untitled)'
					: ((ownersMilestone ? milestoneTitle.get(ownersMilestone) : undefined) ??
						taskTitle.get(r.entityId) ?? { ko: '', en: '' });
		out.push({
			at: r.at.toISOString(),
			actor: actorOf(r, source.homes),
			taskId,
			entityType,
			entityId: r.entityId,
			entityTitle,
			field: r.field,
			before:
				entityType === 'owner'
					? withName(r.before)
					: r.field === 'taskId'
						? withTask(r.before)
						: r.field === 'deleted'
							? withoutSnapshot(r.before)
							: r.before,
			after:
				entityType === 'owner'
					? withName(r.after)
					: r.field === 'taskId'
						? withTask(r.after)
						: r.after
		});
	}
	return joinSchedules(out);
}

/**
 * A deletion's row without the copy kept to restore the item (projection.ts): a report says
 * what went, by name, and a deleted task's copy holds all its milestones.
 */
function withoutSnapshot(value: unknown): unknown {
	if (!value || typeof value !== 'object' || !('snapshot' in value)) return value;
	const rest = { ...(value as Record<string, unknown>) };
	delete rest.snapshot;
	return rest;
}

/** Who did a change, named with their first organization. */
function actorOf(row: SourceActivity, homes: Map<string, Home>): ReportPerson | null {
	if (!row.userId) return null;
	const home = homes.get(row.userId);
	return {
		name: row.userName ?? '',
		organization: home?.name ?? null,
		organizationEn: home?.nameEn ?? null
	};
}

/**
 * How long after the roadmap's row its template's activity may be dated. Roadmaps made since
 * 2026-12-05 date both with one clock; older ones dated the template's rows when it was
 * projected, a few milliseconds later, in the same transaction.
 */
const CREATION_WINDOW_MS = 2_000;

/**
 * The rows its template wrote when the roadmap was made (its tasks, milestones and overview, by
 * its creator, at one moment right at its creation), and the rest. A blank roadmap has none: its
 * first rows are someone's edits. Nothing is taken unless that moment added tasks or milestones
 * (then it is the template's), nor when the period starts after the day of the creation: a quick
 * first edit just past midnight must not pass for the template whose rows the period left out.
 */
export function templateCreation(
	activity: SourceActivity[],
	roadmap: ReportSource['roadmap'],
	since: string
): { seeded: SourceActivity[]; rest: SourceActivity[] } {
	const none = { seeded: [], rest: activity };
	const created = roadmap.createdAt.getTime();
	// The demo is made by the seed, not a person: its template's rows are nobody's (userId null),
	// and forty "someone added …" lines would bury the period's real changes.
	const author = roadmap.createdBy ?? (roadmap.seeded ? null : undefined);
	if (roadmap.template === 'blank' || author === undefined || reportDay(roadmap.createdAt) < since)
		return none;
	const near = (r: SourceActivity) =>
		r.userId === author &&
		r.at.getTime() >= created &&
		r.at.getTime() - created <= CREATION_WINDOW_MS;
	// One projection wrote them all, with one time: the earliest moment near the creation.
	let moment = Infinity;
	for (const r of activity) if (near(r) && r.at.getTime() < moment) moment = r.at.getTime();
	const seeded = activity.filter((r) => near(r) && r.at.getTime() === moment);
	const taken = new Set(seeded);
	const added = seeded.some(
		(r) => r.field === 'created' && (r.entityType === 'task' || r.entityType === 'milestone')
	);
	if (!added) return none;
	return { seeded, rest: activity.filter((r) => !taken.has(r)) };
}

/** The template's rows as one change: "created the roadmap from the template … (5 tasks, …)". */
function creationChange(
	seeded: SourceActivity[],
	roadmap: ReportSource['roadmap'],
	title: Bilingual,
	homes: Map<string, Home>
): ReportChange {
	const count = (type: string) =>
		seeded.filter((r) => r.field === 'created' && r.entityType === type).length;
	const template = isTemplateKey(roadmap.template)
		? TEMPLATES[roadmap.template].name
		: { ko: roadmap.template, en: roadmap.template };
	const after: RoadmapCreation = {
		template,
		tasks: count('task'),
		milestones: count('milestone')
	};
	return {
		at: seeded[0].at.toISOString(),
		actor: actorOf(seeded[0], homes),
		taskId: null,
		entityType: 'roadmap',
		entityId: roadmap.id,
		entityTitle: title,
		field: 'created',
		before: null,
		after
	};
}

/** Commits of one scheduling land within this of each other (one commit: the same time). */
const SCHEDULE_JOIN_MS = 2_000;
const DATE_FIELDS = new Set(['startDate', 'dueDate']);

/**
 * A start and a due date set together (one click of "schedule a week", a bar dragged along the
 * timeline) are one change to read — "set the schedule of 'X' to 2 Mar – 8 Mar" — not two
 * sentences: they arrive as neighbouring rows of one person, one thing and one moment.
 */
export function joinSchedules(changes: readonly ReportChange[]): ReportChange[] {
	const out: ReportChange[] = [];
	for (const change of changes) {
		const prev = out[out.length - 1];
		if (prev && isSchedulePair(prev, change) && sameJson(prev.actor, change.actor)) {
			const [start, due] = prev.field === 'startDate' ? [prev, change] : [change, prev];
			const both = (a: unknown, b: unknown) =>
				a == null && b == null ? null : { startDate: a ?? null, dueDate: b ?? null };
			out[out.length - 1] = {
				...change,
				field: 'schedule',
				before: both(start.before, due.before),
				after: both(start.after, due.after)
			};
			continue;
		}
		out.push(change);
	}
	return out;
}

/** What two neighbouring changes need to read as one scheduling, but for being by one person. */
export interface DatedChange {
	field: string;
	entityType: string;
	entityId: string;
	at: string | Date;
}

/** Whether two neighbouring changes (either order) set one thing's start and due together. */
export function isSchedulePair(a: DatedChange, b: DatedChange): boolean {
	return (
		DATE_FIELDS.has(a.field) &&
		DATE_FIELDS.has(b.field) &&
		a.field !== b.field &&
		a.entityId === b.entityId &&
		a.entityType === b.entityType &&
		Math.abs(new Date(b.at).getTime() - new Date(a.at).getTime()) <= SCHEDULE_JOIN_MS
	);
}

const sameJson = (a: unknown, b: unknown) =>
	JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
