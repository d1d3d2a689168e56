/**
 * Saved reports: a dated, immutable copy of a report — who saved it, when, the period and the
 * data as they were. The whole ReportData is frozen in `report_snapshots.content`; opening or
 * downloading a saved report renders that copy, never the roadmap as it is now, so a later edit
 * cannot change an old report. Nothing here updates a saved row.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../../db/client';
import { reportSnapshots, users } from '../../../../db/schema';
import { REPORT_SCHEMA, type ReportData } from '../../report/model';
import type { Locale } from '../../roadmap/vocabulary';
import { DomainError } from '../errors';

/** Marks rows holding a whole ReportData (every format renders from it). */
export const SNAPSHOT_FORMAT = 'report';

export interface SnapshotSummary {
	id: string;
	createdAt: string;
	createdBy: { id: string; name: string } | null;
	period: { since: string; until: string };
	overallProgress: number;
}

export interface Snapshot extends SnapshotSummary {
	report: ReportData;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function saveSnapshot(
	db: DbOrTx,
	roadmapId: string,
	userId: string | null,
	report: ReportData,
	locale: Locale
): Promise<SnapshotSummary> {
	if (report.roadmap.id !== roadmapId) throw new Error('The report is of another roadmap');
	const [row] = await db
		.insert(reportSnapshots)
		.values({
			roadmapId,
			createdBy: userId,
			createdAt: new Date(report.generatedAt),
			format: SNAPSHOT_FORMAT,
			locale,
			content: report
		})
		.returning({ id: reportSnapshots.id, createdAt: reportSnapshots.createdAt });
	const [user] = userId
		? await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, userId))
		: [];
	return {
		id: row.id,
		createdAt: row.createdAt.toISOString(),
		createdBy: user ?? null,
		period: report.period,
		overallProgress: report.overall.progress
	};
}

/** The roadmap's saved reports, newest first, without their (large) content. */
export async function listSnapshots(db: DbOrTx, roadmapId: string): Promise<SnapshotSummary[]> {
	const rows = await db
		.select({
			id: reportSnapshots.id,
			createdAt: reportSnapshots.createdAt,
			userId: users.id,
			userName: users.name,
			since: sql<string>`${reportSnapshots.content}->'period'->>'since'`,
			until: sql<string>`${reportSnapshots.content}->'period'->>'until'`,
			progress: sql<number | string>`(${reportSnapshots.content}->'overall'->>'progress')::int`
		})
		.from(reportSnapshots)
		.leftJoin(users, eq(users.id, reportSnapshots.createdBy))
		.where(eq(reportSnapshots.roadmapId, roadmapId))
		.orderBy(desc(reportSnapshots.createdAt), desc(reportSnapshots.id));
	return rows.map((r) => ({
		id: r.id,
		createdAt: r.createdAt.toISOString(),
		createdBy: r.userId ? { id: r.userId, name: r.userName ?? '' } : null,
		period: { since: r.since, until: r.until },
		overallProgress: Number(r.progress)
	}));
}

/** One saved report of this roadmap, or a 404 DomainError (also for another roadmap's id). */
export async function getSnapshot(
	db: DbOrTx,
	roadmapId: string,
	snapshotId: string
): Promise<Snapshot> {
	const notFound = new DomainError('not_found', 404, 'No saved report with this id');
	if (!UUID.test(snapshotId)) throw notFound;
	const [row] = await db
		.select({
			id: reportSnapshots.id,
			createdAt: reportSnapshots.createdAt,
			format: reportSnapshots.format,
			content: reportSnapshots.content,
			userId: users.id,
			userName: users.name
		})
		.from(reportSnapshots)
		.leftJoin(users, eq(users.id, reportSnapshots.createdBy))
		.where(and(eq(reportSnapshots.roadmapId, roadmapId), eq(reportSnapshots.id, snapshotId)));
	const report = row?.content as ReportData | undefined;
	if (!row || row.format !== SNAPSHOT_FORMAT || report?.schema !== REPORT_SCHEMA) throw notFound;
	return {
		id: row.id,
		createdAt: row.createdAt.toISOString(),
		createdBy: row.userId ? { id: row.userId, name: row.userName ?? '' } : null,
		period: report.period,
		overallProgress: report.overall.progress,
		report
	};
}
