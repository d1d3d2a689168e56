/**
 * Comment threads on tasks and milestones: list, write, edit, delete (kept as "deleted"),
 * resolve and reopen. Who may do each is decided by the routes through `authorize()`; this module
 * checks what only it can see: that the target exists in the roadmap, who wrote a comment, and
 * that every person mentioned is a member.
 */
import { and, asc, eq, inArray, isNotNull, isNull, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../../../db/client';
import { comments, milestones, roadmapMembers, tasks, users } from '../../../../db/schema';
import { mentionIds } from '../../comments/mentions';
import type { CommentTarget, CommentView } from '../../comments/types';
import { ApiError } from '../http/api';
import { ensureProjected } from '../roadmaps/projector';
import { syncMentionNotices } from './mention-notifications';

/** A write's result: the comment as it is now, and whose mention notices it changed. */
export interface CommentWrite {
	comment: CommentView;
	/** The people to tell live that their notices changed. */
	noticesChanged: string[];
}

export interface CommentFilter {
	taskId?: string;
	/** Only this milestone's thread; `null`: only the task's own thread (no milestone). */
	milestoneId?: string | null;
	state?: 'open' | 'resolved' | 'all';
	/** One comment. */
	id?: string;
}

const resolver = alias(users, 'resolver');

/** A roadmap's comments, oldest first, with their authors' and mentioned members' names. */
export async function listComments(
	db: DbOrTx,
	roadmapId: string,
	filter: CommentFilter = {}
): Promise<CommentView[]> {
	const where: (SQL | undefined)[] = [eq(comments.roadmapId, roadmapId)];
	if (filter.id !== undefined) where.push(eq(comments.id, filter.id));
	if (filter.taskId !== undefined) where.push(eq(comments.taskId, filter.taskId));
	if (filter.milestoneId === null) where.push(isNull(comments.milestoneId));
	else if (filter.milestoneId !== undefined)
		where.push(eq(comments.milestoneId, filter.milestoneId));
	if (filter.state === 'open') where.push(isNull(comments.resolvedAt));
	if (filter.state === 'resolved') where.push(isNotNull(comments.resolvedAt));
	const rows = await db
		.select({
			comment: comments,
			authorName: users.name,
			resolverName: resolver.name
		})
		.from(comments)
		.leftJoin(users, eq(users.id, comments.userId))
		.leftJoin(resolver, eq(resolver.id, comments.resolvedBy))
		.where(and(...where))
		.orderBy(asc(comments.createdAt), asc(comments.id));
	const mentioned = [...new Set(rows.flatMap((r) => r.comment.mentions))];
	const names = new Map(
		mentioned.length
			? (
					await db
						.select({ id: users.id, name: users.name })
						.from(users)
						.where(inArray(users.id, mentioned))
				).map((u) => [u.id, u.name])
			: []
	);
	return rows.map(({ comment: c, authorName, resolverName }) => ({
		id: c.id,
		taskId: c.taskId,
		milestoneId: c.milestoneId,
		body: c.body,
		mentions: c.mentions.map((id) => ({ id, name: names.get(id) ?? '' })),
		author: c.userId ? { id: c.userId, name: authorName ?? '' } : null,
		createdAt: c.createdAt.toISOString(),
		editedAt: c.editedAt?.toISOString() ?? null,
		deletedAt: c.deletedAt?.toISOString() ?? null,
		resolvedAt: c.resolvedAt?.toISOString() ?? null,
		resolvedBy: c.resolvedBy ? { id: c.resolvedBy, name: resolverName ?? '' } : null
	}));
}

async function one(db: DbOrTx, roadmapId: string, id: string): Promise<CommentView> {
	const [found] = await listComments(db, roadmapId, { id });
	if (!found) throw notFound();
	return found;
}

const notFound = () => new ApiError(404, 'not_found', 'Comment not found');

/**
 * Refuses a task or milestone the roadmap does not have (or a milestone of another task). The
 * projection trails the log by a moment: a target not found there is looked for again once it
 * has caught up, so a comment on a task made a second ago is not refused.
 */
async function checkTarget(db: DbOrTx, roadmapId: string, target: CommentTarget) {
	if (await targetExists(db, roadmapId, target)) return;
	await ensureProjected(db, roadmapId);
	if (await targetExists(db, roadmapId, target)) return;
	throw new ApiError(
		400,
		'unknown_target',
		target.milestoneId
			? 'This roadmap has no such milestone in that task'
			: 'This roadmap has no such task'
	);
}

async function targetExists(db: DbOrTx, roadmapId: string, target: CommentTarget) {
	if (target.milestoneId) {
		const [ms] = await db
			.select({ taskId: milestones.taskId })
			.from(milestones)
			.where(and(eq(milestones.roadmapId, roadmapId), eq(milestones.id, target.milestoneId)));
		return ms?.taskId === target.taskId;
	}
	const [task] = await db
		.select({ id: tasks.id })
		.from(tasks)
		.where(and(eq(tasks.roadmapId, roadmapId), eq(tasks.id, target.taskId)));
	return !!task;
}

/**
 * The ids the body mentions; every one must be a member of the roadmap, but for those the
 * comment already mentioned (`kept`): someone who has left since stays named in an edited
 * comment, as in the one before the edit.
 */
async function checkMentions(
	db: DbOrTx,
	roadmapId: string,
	body: string,
	kept: readonly string[] = []
): Promise<string[]> {
	const ids = mentionIds(body);
	const fresh = ids.filter((id) => !kept.includes(id));
	if (!fresh.length) return ids;
	const found = await db
		.select({ userId: roadmapMembers.userId })
		.from(roadmapMembers)
		.where(and(eq(roadmapMembers.roadmapId, roadmapId), inArray(roadmapMembers.userId, fresh)));
	if (found.length !== fresh.length) {
		const members = new Set(found.map((f) => f.userId));
		throw new ApiError(
			400,
			'unknown_mention',
			'A mentioned person is not a member of this roadmap',
			{ userIds: fresh.filter((id) => !members.has(id)) }
		);
	}
	return ids;
}

export async function createComment(
	db: DbOrTx,
	roadmapId: string,
	userId: string,
	input: CommentTarget & { body: string }
): Promise<CommentWrite> {
	await checkTarget(db, roadmapId, input);
	const mentions = await checkMentions(db, roadmapId, input.body);
	const [row] = await db
		.insert(comments)
		.values({
			roadmapId,
			taskId: input.taskId,
			milestoneId: input.milestoneId,
			userId,
			body: input.body,
			mentions
		})
		.returning({ id: comments.id });
	const noticesChanged = await syncMentionNotices(
		db,
		{ id: row.id, roadmapId, userId },
		[],
		mentions
	);
	return { comment: await one(db, roadmapId, row.id), noticesChanged };
}

async function existing(db: DbOrTx, roadmapId: string, id: string) {
	const [row] = await db
		.select()
		.from(comments)
		.where(and(eq(comments.roadmapId, roadmapId), eq(comments.id, id)));
	if (!row || row.deletedAt) throw notFound();
	return row;
}

/** Edits the body: only its author may. */
export async function editComment(
	db: DbOrTx,
	roadmapId: string,
	userId: string,
	id: string,
	body: string
): Promise<CommentWrite> {
	const row = await existing(db, roadmapId, id);
	if (row.userId !== userId)
		throw new ApiError(403, 'forbidden', 'Only the author may edit a comment');
	const mentions = await checkMentions(db, roadmapId, body, row.mentions);
	if (body !== row.body)
		await db
			.update(comments)
			.set({ body, mentions, editedAt: new Date() })
			.where(eq(comments.id, id));
	// Only the newly mentioned are told; a mention taken out takes its unread notice with it.
	const noticesChanged = await syncMentionNotices(db, row, row.mentions, mentions);
	return { comment: await one(db, roadmapId, id), noticesChanged };
}

/** Resolves (or reopens) a thread's comment. */
export async function resolveComment(
	db: DbOrTx,
	roadmapId: string,
	userId: string,
	id: string,
	resolved: boolean
): Promise<CommentView> {
	const row = await existing(db, roadmapId, id);
	if (resolved !== (row.resolvedAt !== null))
		await db
			.update(comments)
			.set(
				resolved
					? { resolvedAt: new Date(), resolvedBy: userId }
					: { resolvedAt: null, resolvedBy: null }
			)
			.where(eq(comments.id, id));
	return one(db, roadmapId, id);
}

/** Deletes: the author, or an owner (`mayDeleteAny`); the row stays as "deleted", without words. */
export async function deleteComment(
	db: DbOrTx,
	roadmapId: string,
	userId: string,
	id: string,
	mayDeleteAny: boolean
): Promise<CommentWrite> {
	const row = await existing(db, roadmapId, id);
	if (row.userId !== userId && !mayDeleteAny)
		throw new ApiError(403, 'forbidden', 'Only the author or an owner may delete a comment');
	await db
		.update(comments)
		.set({ body: '', mentions: [], deletedAt: new Date(), deletedBy: userId })
		.where(eq(comments.id, id));
	const noticesChanged = await syncMentionNotices(db, row, row.mentions, []);
	return { comment: await one(db, roadmapId, id), noticesChanged };
}
