/**
 * A roadmap's activity feed: who changed what and when, newest first, a page at a time, for one
 * person or one task if asked. The sentences are the report's (assembleChanges + describeChange):
 * the feed only reads fewer rows, in the other order, and keeps reorders.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../../db/client';
import { activity, milestones, roadmaps, tasks, users } from '../../../../db/schema';
import { describeChange, personLabel, pick } from '../../report/text';
import type { Locale } from '../../roadmap/vocabulary';
import { latestDeletions } from '../roadmaps/deletions';
import { ensureProjected } from '../roadmaps/projector';
import type { RestoreKind } from '../roadmaps/restore';
import type { ReportChange } from '../../report/model';
import {
	assembleChanges,
	bilingual,
	isSchedulePair,
	ownerChangeMilestone,
	type ChangeSource,
	type DatedChange
} from './assemble';
import { ACTIVITY_COLUMNS, firstOrganizations, readOwnerNames } from './build';

/** Changes per page. */
export const FEED_PAGE = 50;

export interface FeedFilter {
	/** A user id: only their changes. */
	person: string | null;
	/** A task id: only changes to it, its owners and its milestones (also ones moved out). */
	task: string | null;
	/** From 1. */
	page: number;
}

export interface FeedEntry {
	id: number;
	/** ISO time of the change (its last edit, for coalesced typing). */
	at: string;
	text: string;
	taskId: string | null;
	/** Its time and its author: entries of one moment are one save (see feed-moments.ts). */
	moment: string;
	/**
	 * A deletion that can be undone from here: the item is gone and this is its latest deletion.
	 * `taskGone`: a milestone whose task is gone too (restoring the task brings it back).
	 */
	restore?: { kind: RestoreKind; id: string; taskGone: boolean };
}

export interface ActivityFeed {
	entries: FeedEntry[];
	hasMore: boolean;
	/** Everyone who changed something on this roadmap, for the person filter. */
	people: { id: string; name: string }[];
	/** The roadmap's tasks in order, then those deleted (newest first), for the task filter. */
	tasks: { id: string; title: string; deleted: boolean }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PAGE = 10_000;

/**
 * The filter of a feed URL (`?person=<user id>&task=<task id>&page=<n>`), checked. What cannot be
 * a person, a task or a page is reported back, and the feed is shown without it.
 */
export function parseFeedQuery(url: URL): { filter: FeedFilter; invalid: string[] } {
	const invalid: string[] = [];
	const person = url.searchParams.get('person') || null;
	const task = url.searchParams.get('task') || null;
	const rawPage = url.searchParams.get('page');
	const page = rawPage === null || rawPage === '' ? 1 : Number(rawPage);
	const okPage = Number.isInteger(page) && page >= 1 && page <= MAX_PAGE;
	if (!okPage) invalid.push('page');
	const okPerson = person === null || UUID.test(person);
	if (!okPerson) invalid.push('person');
	const okTask = task === null || (task.length <= 64 && /^[\w-]+$/.test(task));
	if (!okTask) invalid.push('task');
	return {
		filter: {
			person: okPerson ? person : null,
			task: okTask ? task : null,
			page: okPage ? page : 1
		},
		invalid
	};
}

type FeedRow = DatedChange & { userId: string | null };

/** Same person, one thing's start and due: shown together (see readActivityFeed). */
const together = (a: FeedRow, b: FeedRow) => a.userId === b.userId && isSchedulePair(a, b);

/**
 * Cuts one page out of `rows` (newest first): FEED_PAGE rows from `start`, with the row before
 * them (if any) and up to two after. A pair split by the page's top edge belongs to the page
 * before; one split by its bottom edge is taken whole.
 */
export function pageOf<T extends FeedRow>(
	rows: readonly T[],
	start: number
): { page: T[]; hasMore: boolean } {
	const before = start > 0 ? rows[start - 1] : undefined;
	const page = rows.slice(start, start + FEED_PAGE);
	const after = rows.slice(start + FEED_PAGE);
	if (before && page.length && together(before, page[0])) page.shift();
	if (page.length && after.length && together(page[page.length - 1], after[0])) {
		page.push(after.shift()!);
	}
	return { page, hasMore: after.length > 0 };
}

export async function readActivityFeed(
	db: DbOrTx,
	roadmapId: string,
	filter: FeedFilter,
	locale: Locale,
	/**
	 * False: read the projection as it is, a moment behind the live plan (the feed's JSON, which
	 * the activity page asks every 10 s: making every such ask project at once would take the
	 * projector's rests away while people edit).
	 */
	{ current = true }: { current?: boolean } = {}
): Promise<ActivityFeed> {
	if (current) await ensureProjected(db, roadmapId);
	const conditions = [
		eq(activity.roadmapId, roadmapId),
		// A coalesced edit that ended where it began changed nothing.
		sql`(${activity.field} in ('created', 'deleted') or ${activity.before} is distinct from ${activity.after})`
	];
	if (filter.person) conditions.push(eq(activity.userId, filter.person));
	if (filter.task) conditions.push(taskCondition(roadmapId, filter.task));
	// The page's rows, and one either side of it: a start and a due date set together read as one
	// scheduling, so a pair that straddles two pages is shown whole on the earlier page (the
	// newer one) and left out of the later.
	const offset = (filter.page - 1) * FEED_PAGE;
	const from = Math.max(0, offset - 1);
	const rows = await db
		.select(ACTIVITY_COLUMNS)
		.from(activity)
		.leftJoin(users, eq(users.id, activity.userId))
		.where(and(...conditions))
		.orderBy(desc(activity.at), desc(activity.id))
		.limit(offset - from + FEED_PAGE + 2)
		.offset(from);
	const { page, hasMore } = pageOf(rows, offset - from);

	const [roadmap] = await db
		.select({ title: roadmaps.title, titleEn: roadmaps.titleEn })
		.from(roadmaps)
		.where(eq(roadmaps.id, roadmapId));
	const taskRows = await db
		.select({ id: tasks.id, titleKo: tasks.titleKo, titleEn: tasks.titleEn })
		.from(tasks)
		.where(eq(tasks.roadmapId, roadmapId))
		.orderBy(asc(tasks.position), asc(tasks.id));
	const source: ChangeSource = {
		activity: page,
		tasks: [...taskRows], // deleted ones are added below, for their names only
		milestones: await namesOfMilestones(db, roadmapId, page),
		homes: await firstOrganizations(db, [
			...new Set(page.flatMap((r) => (r.userId ? [r.userId] : [])))
		]),
		ownerNames: await readOwnerNames(db, page)
	};
	const present = new Set([...source.tasks, ...source.milestones].map((e) => e.id));
	await addDeletedNames(db, roadmapId, page, source);
	const changes = assembleChanges(
		source,
		bilingual(roadmap?.title, roadmap?.titleEn),
		new Set()
	).reverse();
	const restorable = await restorableDeletions(db, roadmapId, changes, present);
	const entries = changes.map((change, i): FeedEntry => ({
		id: i,
		at: change.at,
		text: describeChange(change, locale, { day: false, readerDates: true }),
		taskId: change.taskId,
		moment: `${change.at}|${personLabel(change.actor, locale)}`,
		restore: restorable(change)
	}));

	const people = await db
		.selectDistinct({ id: users.id, name: users.name })
		.from(activity)
		.innerJoin(users, eq(users.id, activity.userId))
		.where(eq(activity.roadmapId, roadmapId))
		.orderBy(asc(users.name), asc(users.id));
	return {
		entries,
		hasMore,
		people,
		tasks: [
			...taskRows.map((t) => ({
				id: t.id,
				title: pick(bilingual(t.titleKo, t.titleEn), locale),
				deleted: false
			})),
			...(await deletedTasks(db, roadmapId, new Set(taskRows.map((t) => t.id)))).map((t) => ({
				id: t.id,
				title: pick(bilingual(t.titleKo, t.titleEn), locale),
				deleted: true
			}))
		]
	};
}

/**
 * Tasks deleted and not back, named as their latest deletion says, newest first: the task
 * filter offers them too, so one can find what a deleted task went through (and restore it).
 */
async function deletedTasks(db: DbOrTx, roadmapId: string, present: ReadonlySet<string>) {
	const rows = await latestDeletions(db, roadmapId, { kinds: ['task'] });
	return rows
		.filter((r) => !present.has(r.id))
		.sort((a, b) => b.rowId - a.rowId)
		.map((r) => ({ id: r.id, titleKo: r.titleKo, titleEn: r.titleEn }));
}

/**
 * Which of the page's deletions may be restored (restore.ts): those of items gone now, and of
 * each only its latest deletion, which keeps a copy of it.
 */
async function restorableDeletions(
	db: DbOrTx,
	roadmapId: string,
	changes: ReportChange[],
	present: ReadonlySet<string>
): Promise<(change: ReportChange) => FeedEntry['restore']> {
	const isGoneDeletion = (c: ReportChange) =>
		c.field === 'deleted' &&
		(c.entityType === 'task' || c.entityType === 'milestone') &&
		!present.has(c.entityId);
	const ids = [...new Set(changes.filter(isGoneDeletion).map((c) => c.entityId))];
	if (!ids.length) return () => undefined;
	// Only an item's latest deletion restores it, and only when that row keeps a copy.
	const latest = (await latestDeletions(db, roadmapId, { ids })).filter((r) => r.hasCopy);
	const byEntity = new Map(latest.map((r) => [`${r.kind} ${r.id}`, r]));
	return (change) => {
		if (!isGoneDeletion(change)) return undefined;
		const row = byEntity.get(`${change.entityType} ${change.entityId}`);
		if (!row || row.at.toISOString() !== change.at) return undefined;
		const kind = change.entityType as RestoreKind;
		return {
			kind,
			id: change.entityId,
			taskGone: kind === 'milestone' && !(row.taskId && present.has(row.taskId))
		};
	};
}

/**
 * Rows about a task: the task itself and its owners, and its milestones — those in it now, and
 * those that were added to it or moved in or out of it.
 */
function taskCondition(roadmapId: string, taskId: string) {
	return sql`(
		(${activity.entityType} in ('task', 'owner') and ${activity.entityId} = ${taskId})
		or (${activity.entityType} = 'milestone' and ${activity.entityId} in (
			select ${milestones.id} from ${milestones}
			where ${milestones.roadmapId} = ${roadmapId} and ${milestones.taskId} = ${taskId}
			union
			select a.entity_id from activity a
			where a.roadmap_id = ${roadmapId} and a.entity_type = 'milestone'
				and ((a.field = 'created' and a.after ->> 'taskId' = ${taskId})
					or (a.field = 'taskId' and (a.before #>> '{}' = ${taskId} or a.after #>> '{}' = ${taskId})))
		))
	)`;
}

type FeedNameRow = { entityType: string; entityId: string; before: unknown; after: unknown };

/** The milestone a row is about: its own, or the one whose owners it changed. */
function mentionedMilestones(row: FeedNameRow): string[] {
	if (row.entityType === 'milestone') return [row.entityId];
	const owners = row.entityType === 'owner' ? ownerChangeMilestone(row) : null;
	return owners ? [owners] : [];
}

/** The milestones a page of rows mentions, as they are now. */
async function namesOfMilestones(db: DbOrTx, roadmapId: string, rows: FeedNameRow[]) {
	const ids = [...new Set(rows.flatMap(mentionedMilestones))];
	if (!ids.length) return [];
	return db
		.select({
			id: milestones.id,
			taskId: milestones.taskId,
			titleKo: milestones.titleKo,
			titleEn: milestones.titleEn
		})
		.from(milestones)
		.where(and(eq(milestones.roadmapId, roadmapId), inArray(milestones.id, ids)));
}

/**
 * Tasks and milestones the page mentions that are gone: named as their 'created' or 'deleted'
 * row last said, which may be on another page.
 */
async function addDeletedNames(
	db: DbOrTx,
	roadmapId: string,
	rows: FeedNameRow[],
	source: ChangeSource
) {
	const known = new Set([...source.tasks, ...source.milestones].map((e) => e.id));
	const missing = [
		...new Set(
			rows
				.flatMap((r) => (r.entityType === 'task' ? [r.entityId] : mentionedMilestones(r)))
				.filter((id) => !known.has(id))
		)
	];
	if (!missing.length) return;
	const named = await db
		.select({
			entityType: activity.entityType,
			entityId: activity.entityId,
			payload: sql<{
				titleKo?: string;
				titleEn?: string;
				taskId?: string;
			} | null>`coalesce(${activity.before}, ${activity.after})`
		})
		.from(activity)
		.where(
			and(
				eq(activity.roadmapId, roadmapId),
				inArray(activity.entityId, missing),
				inArray(activity.field, ['created', 'deleted'])
			)
		)
		.orderBy(asc(activity.id));
	for (const r of named) {
		const titles = { titleKo: r.payload?.titleKo ?? '', titleEn: r.payload?.titleEn ?? '' };
		if (r.entityType === 'task') source.tasks.push({ id: r.entityId, ...titles });
		else if (r.entityType === 'milestone')
			source.milestones.push({ id: r.entityId, taskId: r.payload?.taskId ?? '', ...titles });
	}
}
