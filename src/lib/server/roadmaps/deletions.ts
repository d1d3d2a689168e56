/**
 * The latest deletion of each task or milestone, as the activity log records it (projection.ts
 * writes a 'deleted' row that keeps a copy of the item). A restore reads the latest one, so the
 * restore API, the deleted-items list and the activity feed's restore buttons all ask here and
 * agree on which deletion counts. Served by `activity_deletions_idx` (migration 0010).
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../../db/client';
import { activity, users } from '../../../../db/schema';

export type DeletedKind = 'task' | 'milestone';

export interface Deletion {
	kind: DeletedKind;
	id: string;
	/** The activity row's id: a later deletion has a larger one. */
	rowId: number;
	at: Date;
	userId: string | null;
	/** The deleter's name (null: no user recorded, or the account is gone). */
	userName: string | null;
	titleKo: string;
	titleEn: string;
	/** A milestone's task, as the deletion recorded it (null: a task, or not recorded). */
	taskId: string | null;
	/** Whether the row keeps a copy a restore can write back. */
	hasCopy: boolean;
	/** The copy itself: only when asked for (`withCopy`), else undefined. */
	snapshot?: unknown;
}

export interface DeletionQuery {
	kinds?: readonly DeletedKind[];
	/** Only these items (all of the roadmap's when absent). */
	ids?: readonly string[];
	/** Read the copies too (large: one restore asks, listings do not). */
	withCopy?: boolean;
}

/** One row per deleted item, its latest deletion; in no particular order. */
export async function latestDeletions(
	db: DbOrTx,
	roadmapId: string,
	query: DeletionQuery = {}
): Promise<Deletion[]> {
	const kinds = query.kinds ?? ['task', 'milestone'];
	if (query.ids && !query.ids.length) return [];
	const rows = await db
		.selectDistinctOn([activity.entityType, activity.entityId], {
			kind: activity.entityType,
			id: activity.entityId,
			rowId: activity.id,
			at: activity.at,
			userId: activity.userId,
			userName: users.name,
			titleKo: sql<string | null>`${activity.before} ->> 'titleKo'`,
			titleEn: sql<string | null>`${activity.before} ->> 'titleEn'`,
			taskId: sql<
				string | null
			>`coalesce(${activity.before} -> 'snapshot' ->> 'taskId', ${activity.before} ->> 'taskId')`,
			hasCopy: sql<boolean>`coalesce(${activity.before} ? 'snapshot', false)`,
			// the whole row's `before`, as its column reads it, only when the copy is wanted
			before: query.withCopy ? activity.before : sql<null>`null`
		})
		.from(activity)
		.leftJoin(users, eq(users.id, activity.userId))
		.where(
			and(
				eq(activity.roadmapId, roadmapId),
				eq(activity.field, 'deleted'),
				inArray(activity.entityType, [...kinds]),
				query.ids ? inArray(activity.entityId, [...query.ids]) : undefined
			)
		)
		.orderBy(activity.entityType, activity.entityId, desc(activity.id));
	return rows.map((r): Deletion => ({
		kind: r.kind as DeletedKind,
		id: r.id,
		rowId: r.rowId,
		at: r.at,
		userId: r.userId,
		userName: r.userName,
		titleKo: r.titleKo ?? '',
		titleEn: r.titleEn ?? '',
		taskId: r.taskId,
		hasCopy: r.hasCopy,
		...(query.withCopy
			? { snapshot: ((r.before ?? {}) as { snapshot?: unknown }).snapshot ?? null }
			: {})
	}));
}
