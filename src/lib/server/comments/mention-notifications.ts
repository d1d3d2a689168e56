/**
 * In-app notices of mentions: "X mentioned you in a comment on ‘task’". Written when a comment
 * mentions a member (never its own author), taken back while unread when the mention goes (the
 * comment edited or deleted), and read only by the person mentioned. A member who has since left
 * the roadmap is not shown its notices: the comment is no longer theirs to read.
 */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../../db/client';
import {
	comments,
	mentionNotifications,
	milestones,
	roadmapMembers,
	roadmaps,
	tasks,
	users
} from '../../../../db/schema';
import type { MentionNotice } from '../../comments/types';

/**
 * Brings a comment's notices in line with who it mentions now: the newly mentioned are told
 * (except the author), the no-longer-mentioned lose their unread notice. Returns whose notices
 * changed, so their open pages can be told.
 */
export async function syncMentionNotices(
	db: DbOrTx,
	comment: { id: string; roadmapId: string; userId: string | null },
	before: readonly string[],
	after: readonly string[]
): Promise<string[]> {
	const added = after.filter((id) => !before.includes(id) && id !== comment.userId);
	const removed = before.filter((id) => !after.includes(id));
	if (added.length)
		await db
			.insert(mentionNotifications)
			.values(
				added.map((userId) => ({ userId, roadmapId: comment.roadmapId, commentId: comment.id }))
			)
			.onConflictDoNothing();
	if (removed.length)
		await db
			.delete(mentionNotifications)
			.where(
				and(
					eq(mentionNotifications.commentId, comment.id),
					inArray(mentionNotifications.userId, removed),
					isNull(mentionNotifications.readAt)
				)
			);
	return [...added, ...removed];
}

/** Joined in: the recipient is still a member of the notice's roadmap. */
const stillMember = and(
	eq(roadmapMembers.roadmapId, mentionNotifications.roadmapId),
	eq(roadmapMembers.userId, mentionNotifications.userId)
);

/** The notices this person may still read: the comment not deleted, they still a member. */
const readable = (userId: string) =>
	and(eq(mentionNotifications.userId, userId), isNull(comments.deletedAt));

export interface NoticeQuery {
	unreadOnly?: boolean;
	limit?: number;
}

/** A person's notices, newest first, with whatever the page needs to say and link them. */
export async function listMentionNotices(
	db: DbOrTx,
	userId: string,
	query: NoticeQuery = {}
): Promise<MentionNotice[]> {
	const rows = await db
		.select({
			id: mentionNotifications.id,
			createdAt: mentionNotifications.createdAt,
			readAt: mentionNotifications.readAt,
			roadmapId: mentionNotifications.roadmapId,
			roadmapTitle: roadmaps.title,
			roadmapTitleEn: roadmaps.titleEn,
			commentId: comments.id,
			taskId: comments.taskId,
			milestoneId: comments.milestoneId,
			authorId: comments.userId,
			authorName: users.name,
			taskTitleKo: tasks.titleKo,
			taskTitleEn: tasks.titleEn,
			milestoneTitleKo: milestones.titleKo,
			milestoneTitleEn: milestones.titleEn
		})
		.from(mentionNotifications)
		.innerJoin(comments, eq(comments.id, mentionNotifications.commentId))
		.innerJoin(roadmaps, eq(roadmaps.id, mentionNotifications.roadmapId))
		.innerJoin(roadmapMembers, stillMember)
		.leftJoin(users, eq(users.id, comments.userId))
		.leftJoin(tasks, and(eq(tasks.roadmapId, comments.roadmapId), eq(tasks.id, comments.taskId)))
		.leftJoin(
			milestones,
			and(eq(milestones.roadmapId, comments.roadmapId), eq(milestones.id, comments.milestoneId))
		)
		.where(
			and(readable(userId), query.unreadOnly ? isNull(mentionNotifications.readAt) : undefined)
		)
		.orderBy(desc(mentionNotifications.createdAt), desc(mentionNotifications.id))
		.limit(query.limit ?? 50);
	return rows.map((r) => ({
		id: r.id,
		createdAt: r.createdAt.toISOString(),
		readAt: r.readAt?.toISOString() ?? null,
		roadmap: { id: r.roadmapId, title: { ko: r.roadmapTitle, en: r.roadmapTitleEn ?? '' } },
		commentId: r.commentId,
		taskId: r.taskId,
		milestoneId: r.milestoneId,
		author: r.authorId ? { id: r.authorId, name: r.authorName ?? '' } : null,
		target: r.milestoneId
			? { ko: r.milestoneTitleKo ?? '', en: r.milestoneTitleEn ?? '' }
			: { ko: r.taskTitleKo ?? '', en: r.taskTitleEn ?? '' }
	}));
}

/** How many of a person's notices are unread (what the bell shows). */
export async function countUnreadMentions(db: DbOrTx, userId: string): Promise<number> {
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(mentionNotifications)
		.innerJoin(comments, eq(comments.id, mentionNotifications.commentId))
		.innerJoin(roadmapMembers, stillMember)
		.where(and(readable(userId), isNull(mentionNotifications.readAt)));
	return row?.n ?? 0;
}

/**
 * Marks the person's own notices read: the ones named, or all. Ids that are not theirs are
 * simply not matched, so nobody learns whether another person's notice exists.
 */
export async function markMentionsRead(
	db: DbOrTx,
	userId: string,
	which: { ids: string[] } | 'all'
): Promise<void> {
	if (which !== 'all' && !which.ids.length) return;
	await db
		.update(mentionNotifications)
		.set({ readAt: new Date() })
		.where(
			and(
				eq(mentionNotifications.userId, userId),
				isNull(mentionNotifications.readAt),
				which === 'all' ? undefined : inArray(mentionNotifications.id, which.ids)
			)
		);
}
