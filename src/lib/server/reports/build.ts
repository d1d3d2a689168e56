/**
 * Builds a progress report (ReportData) from SQL only: the projection (tasks, milestones,
 * task_owners), organizations and users, `activity` for the period's changes, and the saved
 * snapshots for the trend. Never a live Y.Doc: a report reads what was committed.
 *
 * Two steps: readReportSource runs the queries (here, on whatever thread owns the database) and
 * returns plain rows; assembleReport (assemble.ts) makes the report of them, here or on the render
 * worker. Queries run one after another: inside a transaction they share one connection.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../../db/client';
import {
	activity,
	organizationMembers,
	organizations,
	reportSnapshots,
	roadmaps,
	tasks,
	users
} from '../../../../db/schema';
import type { Bilingual, ReportData, ReportPerson, TrendPoint } from '../../report/model';
import { addDays } from '../../report/dates';
import { FIRST_YEAR } from '../../i18n/date-entry';
import { reportDay } from '../../report/text';
import { normaliseDate } from '../../roadmap/doc';
import { isOneOf, LOCALES, type Locale } from '../../roadmap/vocabulary';
import { DomainError } from '../errors';
import { ensureProjected } from '../roadmaps/projector';
import { readMilestoneOwnerRows, readOwnerRows } from '../roadmaps/read';
import { assembleReport, bilingual, type Home, type ReportSource } from './assemble';
import { parseSourcePages, type ReportSourcePages } from './source-pages';
import { yieldToEventLoop } from '../event-loop';

export interface BuildOptions {
	/**
	 * First day of the period (YYYY-MM-DD); default: the last saved report's day, else 90 days ago.
	 * Either way no earlier than the day the roadmap was made (periodStartFor).
	 */
	since?: string;
	now?: Date;
	/** Who asks for the report (null: a public-link reader). */
	viewer?: ReportPerson | null;
}

/** Default period when no report was saved yet. */
export const DEFAULT_PERIOD_DAYS = 90;

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
	// Before 1900 is a typo on a policy roadmap (as in the editor's date fields), and the years
	// around 0 are not days the database's timestamps can hold.
	if (Number(raw.slice(0, 4)) < FIRST_YEAR)
		throw new DomainError(
			'invalid_input',
			400,
			`"since" (${raw}) is before ${FIRST_YEAR}; a report's period starts in ${FIRST_YEAR} or later.`
		);
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

/**
 * A period starts no earlier than the day the roadmap was made: nothing happened to it before,
 * and a start typed as 1900.01.01 (or the default 90 days, for a roadmap a week old) would stretch
 * the report's timeline over years of nothing and date the period from before the roadmap was.
 */
export function periodStartFor(since: string, roadmapCreatedAt: Date, until: string): string {
	const created = reportDay(roadmapCreatedAt);
	// A report dated before the roadmap was made (`now` given) keeps its one-day period.
	const start = since < created ? created : since;
	return start > until ? until : start;
}

export async function buildReport(
	db: DbOrTx,
	roadmapId: string,
	opts: BuildOptions = {}
): Promise<ReportData> {
	return assembleReport(await readReportSource(db, roadmapId, opts));
}

/** The rows a report is made of (see assemble.ts), read a page at a time where they grow large. */
export async function readReportSource(
	db: DbOrTx,
	roadmapId: string,
	opts: BuildOptions = {}
): Promise<ReportSource> {
	return parseSourcePages(await readReportPages(db, roadmapId, opts));
}

/**
 * What readReportSource reads, with milestones and activity left as the JSON pages the database
 * wrote (see source-pages.ts): a live export hands these to the render worker unparsed.
 */
export async function readReportPages(
	db: DbOrTx,
	roadmapId: string,
	opts: BuildOptions & { pageRows?: number } = {}
): Promise<ReportSourcePages> {
	const pageRows = opts.pageRows ?? PAGE;
	// A report must include every commit made before it was asked for.
	await ensureProjected(db, roadmapId);
	// Taken after: a change's activity row is dated when it is projected, so the rows that
	// ensureProjected just wrote would otherwise be after "now" and left out of the period (on
	// Postgres, where the projector lagged the bench's writes, 3,000-6,000 of 10,027 changes).
	const now = opts.now ?? new Date();
	const [roadmap] = await db.select().from(roadmaps).where(eq(roadmaps.id, roadmapId));
	if (!roadmap) throw new DomainError('not_found', 404, 'Roadmap not found');
	const since = periodStartFor(
		opts.since ?? (await defaultSince(db, roadmapId, now)),
		roadmap.createdAt,
		reportDay(now)
	);

	const taskRows = await db
		.select({
			id: tasks.id,
			titleKo: tasks.titleKo,
			titleEn: tasks.titleEn,
			status: tasks.status,
			progress: tasks.progress,
			startDate: tasks.startDate,
			dueDate: tasks.dueDate,
			suggestedSectors: tasks.suggestedSectors
		})
		.from(tasks)
		.where(eq(tasks.roadmapId, roadmapId))
		.orderBy(asc(tasks.position), asc(tasks.id));
	const milestonePages = await readMilestonePages(db, roadmapId, pageRows);
	const ownerRows = await readOwnerRows(db, roadmapId);
	const milestoneOwnerRows = await readMilestoneOwnerRows(db, roadmapId);

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
	await yieldToEventLoop();
	const period = await readActivityPages(db, roadmapId, since, now, pageRows);

	// Owners and the period's actors are named with their first organization.
	const people = new Set<string>(period.userIds);
	for (const o of [...ownerRows, ...milestoneOwnerRows]) if (o.userId) people.add(o.userId);
	return {
		now,
		since,
		viewer: opts.viewer ?? null,
		roadmap: {
			id: roadmap.id,
			title: roadmap.title,
			titleEn: roadmap.titleEn,
			overviewKo: roadmap.overviewKo,
			overviewEn: roadmap.overviewEn,
			createdAt: roadmap.createdAt,
			createdBy: roadmap.createdBy,
			template: roadmap.template,
			seeded: roadmap.seedKey !== null
		},
		tasks: taskRows,
		milestonePages,
		owners: ownerRows.map(({ isExample: _, ...o }) => o),
		milestoneOwners: milestoneOwnerRows.map(({ isExample: _, ...o }) => o),
		homes: await firstOrganizations(db, [...people]),
		doneAt: new Map(doneRows.map((r) => [r.id, new Date(r.at).toISOString()])),
		activityPages: period.pages,
		ownerNames: await ownerNamesOf(db, period.ownerKeys),
		trend: await readTrend(db, roadmapId)
	};
}

/** Each person's first organization (by joining date). */
export async function firstOrganizations(db: DbOrTx, userIds: string[]) {
	const homes = new Map<string, Home>();
	if (!userIds.length) return homes;
	const rows = await db
		.select({
			userId: organizationMembers.userId,
			id: organizations.id,
			name: organizations.name,
			nameEn: organizations.nameEn,
			sector: organizations.sector
		})
		.from(organizationMembers)
		.innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
		.where(inArray(organizationMembers.userId, userIds))
		.orderBy(asc(organizationMembers.createdAt), asc(organizations.name));
	for (const { userId, ...home } of rows) if (!homes.has(userId)) homes.set(userId, home);
	return homes;
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

/**
 * Rows per query for the two tables that grow large. Each page is one JSON text written by the
 * database (source-pages.ts), so what a page costs the main thread is receiving one string; the
 * pages bound how long one statement holds PGlite's single connection (~10 ms for 2,000
 * milestones, ~40 ms for 2,000 changes with their values, in-process on PGlite), with a pause
 * between them for other work.
 */
const PAGE = 2000;

/** Rows of `execute` on either driver (node-postgres and PGlite both answer with `rows`). */
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * The roadmap's milestones in order, the columns a report needs, as JSON pages of
 * source-pages.ts's MilestoneTuple.
 */
async function readMilestonePages(
	db: DbOrTx,
	roadmapId: string,
	pageRows: number
): Promise<string[]> {
	const pages: string[] = [];
	let after = sql``;
	for (;;) {
		const [page] = rowsOf<{
			n: number;
			rows: string;
			lastPosition: number | null;
			lastId: string | null;
		}>(
			await db.execute(sql`
				with page as (
					select id, task_id, position, title_ko, title_en, status, start_date, due_date, progress,
						description_ko, description_en
					from milestones
					where roadmap_id = ${roadmapId} ${after}
					order by position, id
					limit ${pageRows}
				)
				select count(*)::int as n,
					coalesce(json_agg(json_build_array(id, task_id, position, title_ko, title_en, status,
						start_date, due_date, progress, description_ko, description_en) order by position, id),
						'[]')::text as rows,
					(array_agg(position order by position desc, id desc))[1] as "lastPosition",
					(array_agg(id order by position desc, id desc))[1] as "lastId"
				from page`)
		);
		pages.push(page.rows);
		if (page.n < pageRows) return pages;
		after = sql`and (position, id) > (${page.lastPosition}::float8, ${page.lastId})`;
		await yieldToEventLoop();
	}
}

/** Dates of a period start at midnight in the report's zone (Korea keeps +09:00 all year). */
const dayStartInReportZone = (day: string) => new Date(`${day}T00:00:00+09:00`);

/** An activity row as reports and the feed read it (joined with `users` for the name). */
export const ACTIVITY_COLUMNS = {
	id: activity.id,
	at: activity.at,
	userId: activity.userId,
	userName: users.name,
	entityType: activity.entityType,
	entityId: activity.entityId,
	field: activity.field,
	before: activity.before,
	after: activity.after
};

/**
 * The period's activity rows in id order, with the actor's name, as JSON pages of
 * source-pages.ts's ActivityTuple; with them, who acted and which owner keys changes mention.
 */
async function readActivityPages(
	db: DbOrTx,
	roadmapId: string,
	since: string,
	now: Date,
	pageRows: number
): Promise<{ pages: string[]; userIds: Set<string>; ownerKeys: Set<string> }> {
	const pages: string[] = [];
	const userIds = new Set<string>();
	const ownerKeys = new Set<string>();
	for (let after = 0; ;) {
		const [page] = rowsOf<{
			n: number;
			last: number | string | bigint | null;
			rows: string;
			users: string;
			ownerKeys: string;
		}>(
			await db.execute(sql`
				with page as (
					select a.id, a.at, a.user_id, u.name as user_name, a.entity_type, a.entity_id, a.field,
						a.before, a.after
					from activity a left join users u on u.id = a.user_id
					where a.roadmap_id = ${roadmapId}
						and a.at >= ${dayStartInReportZone(since).toISOString()}::timestamptz
						and a.at <= ${now.toISOString()}::timestamptz
						and a.id > ${after}
					order by a.id
					limit ${pageRows}
				)
				select count(*)::int as n, max(id)::text as last,
					coalesce(json_agg(json_build_array(id, floor(extract(epoch from at) * 1000), user_id,
						user_name, entity_type, entity_id, field, before, after) order by id), '[]')::text as rows,
					coalesce(json_agg(distinct user_id) filter (where user_id is not null), '[]')::text as users,
					(select coalesce(json_agg(distinct v.key #>> '{}'), '[]')
						from page p, lateral (values (p.before -> 'owner'), (p.after -> 'owner')) v(key)
						where p.entity_type = 'owner' and jsonb_typeof(v.key) = 'string')::text as "ownerKeys"
				from page`)
		);
		pages.push(page.rows);
		for (const id of JSON.parse(page.users) as string[]) userIds.add(id);
		for (const key of JSON.parse(page.ownerKeys) as string[]) ownerKeys.add(key);
		if (page.n < pageRows) return { pages, userIds, ownerKeys };
		after = Number(page.last);
		await yieldToEventLoop();
	}
}

/** Names of the owners ("org:<id>", "user:<id>") that owner changes mention. */
export function readOwnerNames(
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
	return ownerNamesOf(db, keys);
}

/** Names of owner keys ("org:<id>", "user:<id>"); keys that name nothing are left out. */
async function ownerNamesOf(db: DbOrTx, keys: Set<string>): Promise<Map<string, Bilingual>> {
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
