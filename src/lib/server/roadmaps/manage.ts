/** Creating, listing, renaming, archiving, sharing and deleting roadmaps. */
import { and, count, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../../db/client';
import { roadmapMembers, roadmaps, tasks } from '../../../../db/schema';
import { applyTemplate, TEMPLATES, type TemplateKey } from '../../roadmap/templates';
import { DomainError } from '../errors';
import { changeRoadmap } from './change';

export interface NewRoadmap {
	title: string;
	titleEn?: string | null;
	template: TemplateKey;
}

/**
 * Creates a roadmap owned by `userId`, its content written from the template in the same
 * transaction. The template's activity rows are dated with the roadmap's own creation time, so
 * a report can tell them from the first edits (templateCreation in reports/assemble.ts).
 */
export async function createRoadmap(db: DbOrTx, userId: string, input: NewRoadmap) {
	const now = new Date();
	return db.transaction(async (tx) => {
		const [roadmap] = await tx
			.insert(roadmaps)
			.values({
				title: input.title.trim(),
				titleEn: input.titleEn?.trim() || null,
				template: input.template,
				createdBy: userId,
				createdAt: now
			})
			.returning();
		await tx.insert(roadmapMembers).values({ roadmapId: roadmap.id, userId, role: 'owner' });
		const template = TEMPLATES[input.template];
		if (template.tasks.length || template.overview.ko) {
			await changeRoadmap(tx, roadmap.id, userId, (doc) => void applyTemplate(doc, template), now);
		}
		return roadmap;
	});
}

/** Roadmaps the user is a member of, newest activity first. */
export async function listMyRoadmaps(
	db: DbOrTx,
	userId: string,
	options: { archived?: boolean } = {}
) {
	const taskCounts = db
		.select({ roadmapId: tasks.roadmapId, n: count().as('n') })
		.from(tasks)
		.groupBy(tasks.roadmapId)
		.as('task_counts');
	const rows = await db
		.select({
			id: roadmaps.id,
			title: roadmaps.title,
			titleEn: roadmaps.titleEn,
			role: roadmapMembers.role,
			updatedAt: roadmaps.updatedAt,
			archivedAt: roadmaps.archivedAt,
			publicRead: roadmaps.publicRead,
			taskCount: taskCounts.n
		})
		.from(roadmapMembers)
		.innerJoin(roadmaps, eq(roadmaps.id, roadmapMembers.roadmapId))
		.leftJoin(taskCounts, eq(taskCounts.roadmapId, roadmaps.id))
		.where(
			and(
				eq(roadmapMembers.userId, userId),
				options.archived ? isNotNull(roadmaps.archivedAt) : isNull(roadmaps.archivedAt)
			)
		)
		.orderBy(desc(roadmaps.updatedAt));
	return rows.map((r) => ({ ...r, taskCount: Number(r.taskCount ?? 0) }));
}

/**
 * Renames a roadmap. With `seen` (the titles the person's form was showing), only when they are
 * still the titles: otherwise someone renamed it meanwhile, nothing is written, and the titles
 * as they are now come back so the person can decide (a last save silently winning lost the
 * other's rename). Null when it was renamed.
 */
export async function renameRoadmap(
	db: DbOrTx,
	roadmapId: string,
	title: string,
	titleEn: string | null,
	seen?: { title: string; titleEn: string }
): Promise<{ title: string; titleEn: string | null } | null> {
	const next = { title: title.trim(), titleEn: titleEn?.trim() || null };
	const renamed = await db
		.update(roadmaps)
		.set({ ...next, updatedAt: new Date() })
		.where(
			seen
				? and(
						eq(roadmaps.id, roadmapId),
						eq(roadmaps.title, seen.title),
						eq(sql`coalesce(${roadmaps.titleEn}, '')`, seen.titleEn)
					)
				: eq(roadmaps.id, roadmapId)
		)
		.returning({ id: roadmaps.id });
	if (renamed.length || !seen) return null;
	const [now] = await db
		.select({ title: roadmaps.title, titleEn: roadmaps.titleEn })
		.from(roadmaps)
		.where(eq(roadmaps.id, roadmapId));
	// Renamed to what this person typed anyway, or gone (the guard before said it was there).
	if (!now || (now.title === next.title && (now.titleEn ?? null) === next.titleEn)) return null;
	return now;
}

export async function setArchived(db: DbOrTx, roadmapId: string, archived: boolean) {
	await db
		.update(roadmaps)
		.set({ archivedAt: archived ? new Date() : null })
		.where(eq(roadmaps.id, roadmapId));
}

export async function setPublicRead(db: DbOrTx, roadmapId: string, publicRead: boolean) {
	await db.update(roadmaps).set({ publicRead }).where(eq(roadmaps.id, roadmapId));
}

/**
 * Deletes a roadmap and everything in it; the caller must repeat its exact title, in either of
 * its languages (an English reader may have no Korean keyboard).
 */
export async function deleteRoadmap(db: DbOrTx, roadmapId: string, confirmation: string) {
	const [roadmap] = await db
		.select({ title: roadmaps.title, titleEn: roadmaps.titleEn })
		.from(roadmaps)
		.where(eq(roadmaps.id, roadmapId));
	if (!roadmap) throw new DomainError('not_found', 404);
	const typed = confirmation.trim();
	if (!typed || (typed !== roadmap.title && typed !== roadmap.titleEn?.trim()))
		throw new DomainError('confirmation_mismatch', 400);
	await db.delete(roadmaps).where(eq(roadmaps.id, roadmapId));
}
