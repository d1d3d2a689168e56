/**
 * Builds a progress report (ReportData) from SQL only: the projection (tasks, milestones,
 * task_owners), organizations and users, `activity` for the period's changes, and the saved
 * snapshots for the trend. Never a live Y.Doc: a report reads what was committed.
 *
 * Queries run one after another: inside a transaction they share one connection.
 */
import { and, asc, desc, eq, gt, gte, inArray, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../../db/client';
import {
	activity,
	milestones,
	organizationMembers,
	organizations,
	reportSnapshots,
	roadmaps,
	taskOwners,
	tasks,
	users
} from '../../../../db/schema';
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
	type TrendPoint
} from '../../report/model';
import { addDays } from '../../report/dates';
import { reportDay } from '../../report/text';
import { normaliseDate } from '../../roadmap/doc';
import { isOneOf, LOCALES, SECTORS, type Locale, type Sector } from '../../roadmap/vocabulary';
import { DomainError } from '../errors';
import { ensureProjected } from '../roadmaps/projector';

export interface BuildOptions {
	/** First day of the period (YYYY-MM-DD); default: the last saved report's day, else 90 days ago. */
	since?: string;
	now?: Date;
	/** Who asks for the report (null: a public-link reader). */
	viewer?: ReportPerson | null;
}

/** Days ahead the "due soon" section looks. */
export const DUE_SOON_DAYS = 90;
/** Default period when no report was saved yet. */
export const DEFAULT_PERIOD_DAYS = 90;

const OPEN = (status: string) => status !== 'done' && status !== 'cancelled';
/** Milestones have no risk state of their own yet: an open milestone of a task in trouble is. */
const TROUBLED_TASK = new Set(['at_risk', 'delayed', 'on_hold']);
/** Field changes a reader does not care about in a progress report. */
const NOISE_FIELDS = new Set(['position']);

const bilingual = (ko: string | null | undefined, en: string | null | undefined): Bilingual => ({
	ko: (ko ?? '').normalize('NFC'),
	en: (en ?? '').normalize('NFC')
});
/** Midnight of `day` in the report's zone (Korea keeps +09:00 all year). */
const dayStartInReportZone = (day: string) => new Date(`${day}T00:00:00+09:00`);
const mean = (values: number[]) =>
	values.length ? Math.round(values.reduce((a, b) => a + b, 0) / values.length) : 0;

/** The query string of a report URL, checked: `?lang=ko|en&since=YYYY-MM-DD`. */
export function parseReportQuery(
	url: URL,
	fallbackLang: Locale = 'ko',
	now = new Date()
): { lang: Locale; since: string | undefined } {
	const lang = url.searchParams.get('lang') ?? fallbackLang;
	if (!isOneOf(LOCALES, lang))
		throw new DomainError(
			'invalid_input',
			400,
			`Unknown language "${lang.slice(0, 20)}": use lang=ko or lang=en.`
		);
	const raw = url.searchParams.get('since');
	if (raw === null || raw === '') return { lang, since: undefined };
	if (!/^\d{4}-\d{2}-\d{2}$/.test(raw))
		throw new DomainError(
			'invalid_input',
			400,
			`"since" must be a date written YYYY-MM-DD, like 2026-01-31; got "${raw.slice(0, 20)}".`
		);
	if (!normaliseDate(raw))
		throw new DomainError('invalid_input', 400, `"since" names a day that does not exist: ${raw}.`);
	if (raw > reportDay(now))
		throw new DomainError(
			'invalid_input',
			400,
			`"since" (${raw}) is in the future; a report covers days up to today.`
		);
	return { lang, since: raw };
}

/** The default start of a report's period: the day of the last saved report, else 90 days ago. */
export async function defaultSince(db: DbOrTx, roadmapId: string, now: Date): Promise<string> {
	const [last] = await db
		.select({ createdAt: reportSnapshots.createdAt })
		.from(reportSnapshots)
		.where(eq(reportSnapshots.roadmapId, roadmapId))
		.orderBy(desc(reportSnapshots.createdAt))
		.limit(1);
	return last ? reportDay(last.createdAt) : addDays(reportDay(now), -DEFAULT_PERIOD_DAYS);
}

export async function buildReport(
	db: DbOrTx,
	roadmapId: string,
	opts: BuildOptions = {}
): Promise<ReportData> {
	const now = opts.now ?? new Date();
	const today = reportDay(now);
	// A report must include every commit made before it was asked for.
	await ensureProjected(db, roadmapId);
	const [roadmap] = await db.select().from(roadmaps).where(eq(roadmaps.id, roadmapId));
	if (!roadmap) throw new DomainError('not_found', 404, 'Roadmap not found');
	const since = opts.since ?? (await defaultSince(db, roadmapId, now));

	const taskRows = await db
		.select()
		.from(tasks)
		.where(eq(tasks.roadmapId, roadmapId))
		.orderBy(asc(tasks.position), asc(tasks.id));
	const milestoneRows = await readMilestones(db, roadmapId);
	const ownerRows = await db
		.select({
			taskId: taskOwners.taskId,
			key: taskOwners.ownerKey,
			role: taskOwners.role,
			orgId: organizations.id,
			orgName: organizations.name,
			orgNameEn: organizations.nameEn,
			orgSector: organizations.sector,
			userId: users.id,
			userName: users.name
		})
		.from(taskOwners)
		.leftJoin(organizations, eq(organizations.id, taskOwners.organizationId))
		.leftJoin(users, eq(users.id, taskOwners.userId))
		.where(eq(taskOwners.roadmapId, roadmapId))
		.orderBy(asc(taskOwners.taskId), asc(taskOwners.ownerKey));

	// A person's organization (and sector) is their first one.
	const ownerUserIds = [...new Set(ownerRows.flatMap((o) => (o.userId ? [o.userId] : [])))];
	const homes = await firstOrganizations(db, ownerUserIds);

	const ownersByTask = new Map<string, ReportOwner[]>();
	for (const o of ownerRows) {
		const home = o.userId ? homes.get(o.userId) : undefined;
		const owner: ReportOwner = o.orgId
			? {
					kind: 'organization',
					id: o.orgId,
					name: bilingual(o.orgName, o.orgNameEn),
					sector: o.orgSector,
					role: o.role
				}
			: {
					kind: 'user',
					id: o.userId ?? o.key,
					name: bilingual(o.userName, o.userName),
					sector: home?.sector ?? null,
					role: o.role
				};
		const list = ownersByTask.get(o.taskId) ?? [];
		list.push(owner);
		ownersByTask.set(o.taskId, list);
	}
	const roleOrder = { lead: 0, support: 1, consulted: 2, informed: 3 } as const;
	for (const list of ownersByTask.values())
		list.sort(
			(a, b) => roleOrder[a.role] - roleOrder[b.role] || a.name.ko.localeCompare(b.name.ko)
		);

	// When each milestone was last marked done, from the whole history.
	const doneRows = await db
		.select({ id: activity.entityId, at: sql<string>`max(${activity.at})` })
		.from(activity)
		.where(
			and(
				eq(activity.roadmapId, roadmapId),
				eq(activity.entityType, 'milestone'),
				eq(activity.field, 'status'),
				sql`${activity.after} = '"done"'::jsonb`
			)
		)
		.groupBy(activity.entityId);
	const doneAt = new Map(doneRows.map((r) => [r.id, new Date(r.at).toISOString()]));

	const taskStatus = new Map(taskRows.map((t) => [t.id, t.status]));
	const reportMilestones: ReportMilestone[] = milestoneRows.map((m) => ({
		id: m.id,
		taskId: m.taskId,
		title: bilingual(m.titleKo, m.titleEn),
		status: m.status,
		startDate: null,
		dueDate: m.dueDate,
		progress: null,
		owners: ownersByTask.get(m.taskId) ?? [],
		doneAt: m.status === 'done' ? (doneAt.get(m.id) ?? null) : null
	}));
	const isOverdue = (m: ReportMilestone) => OPEN(m.status) && !!m.dueDate && m.dueDate < today;

	const reportTasks: ReportTask[] = taskRows.map((t, i) => {
		const own = reportMilestones.filter((m) => m.taskId === t.id);
		return {
			id: t.id,
			number: i + 1,
			title: bilingual(t.titleKo, t.titleEn),
			status: t.status,
			progress: t.progress,
			startDate: t.startDate,
			dueDate: t.dueDate,
			owners: ownersByTask.get(t.id) ?? [],
			milestones: {
				total: own.length,
				done: own.filter((m) => m.status === 'done').length,
				overdue: own.filter(isOverdue).length
			}
		};
	});

	const byDue = (a: ReportMilestone, b: ReportMilestone) =>
		(a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.id.localeCompare(b.id);
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

	await breathe();
	const suggested = new Map(taskRows.map((t) => [t.id, t.suggestedSectors]));
	const changes = await readChanges(db, roadmapId, since, now, taskRows, milestoneRows, {
		title: bilingual(roadmap.title, roadmap.titleEn)
	});
	const trend = await readTrend(db, roadmapId);
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
			title: bilingual(roadmap.title, roadmap.titleEn),
			overview: bilingual(roadmap.overviewKo, roadmap.overviewEn)
		},
		period: { since, until: today },
		generatedAt: now.toISOString(),
		generatedBy: opts.viewer ?? null,
		overall: {
			progress: overallProgress,
			tasks: reportTasks.length,
			milestones: reportMilestones.length,
			milestonesDone: reportMilestones.filter((m) => m.status === 'done').length,
			milestonesOverdue: sections.overdue.length
		},
		tasks: reportTasks,
		bySector: groupBySector(reportTasks, suggested),
		byOrganization: groupByOrganization(reportTasks),
		milestones: reportMilestones,
		sections,
		changes,
		trend
	};
}

/** Each person's first organization (by joining date). */
async function firstOrganizations(db: DbOrTx, userIds: string[]) {
	const homes = new Map<string, { name: string; nameEn: string | null; sector: Sector }>();
	if (!userIds.length) return homes;
	const rows = await db
		.select({
			userId: organizationMembers.userId,
			name: organizations.name,
			nameEn: organizations.nameEn,
			sector: organizations.sector
		})
		.from(organizationMembers)
		.innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
		.where(inArray(organizationMembers.userId, userIds))
		.orderBy(asc(organizationMembers.createdAt), asc(organizations.name));
	for (const r of rows) if (!homes.has(r.userId)) homes.set(r.userId, r);
	return homes;
}

/**
 * A task counts for every sector among its owners; a task nobody owns yet counts for the sectors
 * its template suggests. All four sectors are always listed, in order, so charts keep their shape.
 */
function groupBySector(list: ReportTask[], suggested: Map<string, Sector[]>): ProgressGroup[] {
	return SECTORS.map((sector) => {
		const members = list.filter((t) => {
			const sectors = t.owners.length ? t.owners.map((o) => o.sector) : (suggested.get(t.id) ?? []);
			return sectors.includes(sector);
		});
		return {
			key: sector,
			label: { ko: sector, en: sector },
			sector,
			tasks: members.length,
			progress: mean(members.map((t) => t.progress))
		};
	});
}

/** Organizations owning tasks, most tasks first. People are counted under themselves. */
function groupByOrganization(list: ReportTask[]): ProgressGroup[] {
	const groups = new Map<string, { owner: ReportOwner; progress: number[] }>();
	for (const t of list) {
		for (const o of t.owners) {
			const g = groups.get(o.id) ?? { owner: o, progress: [] };
			g.progress.push(t.progress);
			groups.set(o.id, g);
		}
	}
	return [...groups.values()]
		.map(({ owner, progress }) => ({
			key: owner.id,
			label: owner.name,
			sector: owner.sector,
			tasks: progress.length,
			progress: mean(progress)
		}))
		.sort((a, b) => b.tasks - a.tasks || a.label.ko.localeCompare(b.label.ko));
}

/** Progress of every saved report, oldest first: the trend's points before "now". */
async function readTrend(db: DbOrTx, roadmapId: string): Promise<TrendPoint[]> {
	const rows = await db
		.select({
			id: reportSnapshots.id,
			createdAt: reportSnapshots.createdAt,
			overall: sql<
				number | string | null
			>`(${reportSnapshots.content}->'overall'->>'progress')::int`,
			tasks: sql<Record<
				string,
				number
			> | null>`(select jsonb_object_agg(t->>'id', (t->>'progress')::int) from jsonb_array_elements(${reportSnapshots.content}->'tasks') t)`
		})
		.from(reportSnapshots)
		.where(eq(reportSnapshots.roadmapId, roadmapId))
		.orderBy(asc(reportSnapshots.createdAt));
	return rows.map((r) => ({
		date: reportDay(r.createdAt),
		overall: Number(r.overall ?? 0),
		tasks: r.tasks ?? {},
		snapshotId: r.id
	}));
}

type TaskRow = typeof tasks.$inferSelect;
type MilestoneRow = Awaited<ReturnType<typeof readMilestones>>[number];
type ActivityRow = {
	id: number;
	at: Date;
	userId: string | null;
	userName: string | null;
	entityType: string;
	entityId: string;
	field: string;
	before: unknown;
	after: unknown;
};

/**
 * Rows per query for the two tables that grow large. PGlite runs queries on the main thread, so
 * a 10,000-row read in one go blocks the event loop for hundreds of milliseconds; pages of this
 * size, with a pause between them, keep each block short enough for live editing to go on.
 */
const PAGE = 500;
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The roadmap's milestones in order, the columns a report needs, a page at a time. */
async function readMilestones(db: DbOrTx, roadmapId: string) {
	const select = {
		id: milestones.id,
		taskId: milestones.taskId,
		position: milestones.position,
		titleKo: milestones.titleKo,
		titleEn: milestones.titleEn,
		status: milestones.status,
		dueDate: milestones.dueDate
	};
	const pageAfter = (last: { position: number; id: string } | null) =>
		db
			.select(select)
			.from(milestones)
			.where(
				and(
					eq(milestones.roadmapId, roadmapId),
					last
						? sql`(${milestones.position}, ${milestones.id}) > (${last.position}, ${last.id})`
						: undefined
				)
			)
			.orderBy(asc(milestones.position), asc(milestones.id))
			.limit(PAGE);
	const rows: Awaited<ReturnType<typeof pageAfter>> = [];
	let last: { position: number; id: string } | null = null;
	for (;;) {
		const page = await pageAfter(last);
		rows.push(...page);
		if (page.length < PAGE) return rows;
		last = page[page.length - 1];
		await breathe();
	}
}

/** The period's activity as changes, oldest first, with titles, task and people resolved. */
async function readChanges(
	db: DbOrTx,
	roadmapId: string,
	since: string,
	now: Date,
	taskRows: TaskRow[],
	milestoneRows: MilestoneRow[],
	roadmap: { title: ReportChange['entityTitle'] }
): Promise<ReportChange[]> {
	const rows: ActivityRow[] = [];
	for (let after = 0; ;) {
		const page = await db
			.select({
				id: activity.id,
				at: activity.at,
				userId: activity.userId,
				userName: users.name,
				entityType: activity.entityType,
				entityId: activity.entityId,
				field: activity.field,
				before: activity.before,
				after: activity.after
			})
			.from(activity)
			.leftJoin(users, eq(users.id, activity.userId))
			.where(
				and(
					eq(activity.roadmapId, roadmapId),
					gte(activity.at, dayStartInReportZone(since)),
					lte(activity.at, now),
					gt(activity.id, after)
				)
			)
			.orderBy(asc(activity.id))
			.limit(PAGE);
		rows.push(...page);
		if (page.length < PAGE) break;
		after = page[page.length - 1].id;
		await breathe();
	}
	// Coalescing moves a row's time forward: order by time, then by id.
	rows.sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id);

	// Titles of things as they are now, or as they were last seen (deleted ones).
	const taskTitle = new Map(taskRows.map((t) => [t.id, bilingual(t.titleKo, t.titleEn)]));
	const milestoneTitle = new Map(milestoneRows.map((m) => [m.id, bilingual(m.titleKo, m.titleEn)]));
	const milestoneTask = new Map(milestoneRows.map((m) => [m.id, m.taskId]));
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

	const actorIds = [...new Set(rows.flatMap((r) => (r.userId ? [r.userId] : [])))];
	const homes = await firstOrganizations(db, actorIds);
	const ownerNames = await readOwnerNames(db, rows);
	const withName = (value: unknown) => {
		const v = value as { owner?: string } | null;
		return v && typeof v === 'object' && v.owner
			? { ...v, name: ownerNames.get(v.owner) ?? { ko: '', en: '' } }
			: value;
	};

	const out: ReportChange[] = [];
	for (const r of rows) {
		if (NOISE_FIELDS.has(r.field)) continue;
		// A coalesced edit that ended where it began changed nothing.
		if (r.field !== 'created' && r.field !== 'deleted' && sameJson(r.before, r.after)) continue;
		const entityType = (
			['roadmap', 'task', 'milestone', 'owner'].includes(r.entityType) ? r.entityType : 'task'
		) as ReportChange['entityType'];
		const taskId =
			entityType === 'task' || entityType === 'owner'
				? r.entityId
				: entityType === 'milestone'
					? (milestoneTask.get(r.entityId) ?? null)
					: null;
		const entityTitle =
			entityType === 'milestone'
				? (milestoneTitle.get(r.entityId) ?? { ko: '', en: '' })
				: entityType === 'roadmap'
					? roadmap.title // "edited the overview of '<the roadmap>'", not of '(untitled)'
					: (taskTitle.get(r.entityId) ?? { ko: '', en: '' });
		const home = r.userId ? homes.get(r.userId) : undefined;
		out.push({
			at: r.at.toISOString(),
			actor: r.userId
				? {
						name: r.userName ?? '',
						organization: home?.name ?? null,
						organizationEn: home?.nameEn ?? null
					}
				: null,
			taskId,
			entityType,
			entityId: r.entityId,
			entityTitle,
			field: r.field,
			before: entityType === 'owner' ? withName(r.before) : r.before,
			after: entityType === 'owner' ? withName(r.after) : r.after
		});
	}
	return out;
}

const sameJson = (a: unknown, b: unknown) =>
	JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Names of the owners ("org:<id>", "user:<id>") that owner changes mention. */
async function readOwnerNames(
	db: DbOrTx,
	rows: { entityType: string; before: unknown; after: unknown }[]
): Promise<Map<string, Bilingual>> {
	const keys = new Set<string>();
	for (const r of rows) {
		if (r.entityType !== 'owner') continue;
		for (const v of [r.before, r.after]) {
			const key = (v as { owner?: unknown } | null)?.owner;
			if (typeof key === 'string') keys.add(key);
		}
	}
	const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
	const idsOf = (prefix: string) =>
		[...keys]
			.filter((k) => k.startsWith(prefix))
			.map((k) => k.slice(prefix.length))
			.filter((id) => UUID.test(id));
	const names = new Map<string, Bilingual>();
	const orgIds = idsOf('org:');
	if (orgIds.length)
		for (const o of await db
			.select({ id: organizations.id, name: organizations.name, nameEn: organizations.nameEn })
			.from(organizations)
			.where(inArray(organizations.id, orgIds)))
			names.set(`org:${o.id}`, bilingual(o.name, o.nameEn));
	const userIds = idsOf('user:');
	if (userIds.length)
		for (const u of await db
			.select({ id: users.id, name: users.name })
			.from(users)
			.where(inArray(users.id, userIds)))
			names.set(`user:${u.id}`, bilingual(u.name, u.name));
	return names;
}

/** A signed-in person as a report names them (with their first organization), or null. */
export async function reportViewer(
	db: DbOrTx,
	userId: string | null | undefined
): Promise<ReportPerson | null> {
	if (!userId) return null;
	const [user] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
	if (!user) return null;
	const home = (await firstOrganizations(db, [userId])).get(userId);
	return {
		name: user.name.normalize('NFC'),
		organization: home?.name ?? null,
		organizationEn: home?.nameEn ?? null
	};
}
