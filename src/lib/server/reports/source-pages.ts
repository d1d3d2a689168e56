/**
 * A live report's two large tables as they travel: pages of JSON text that the database wrote
 * (json_agg in build.ts), parsed only where the report is assembled (the render worker).
 *
 * Why text: read as rows, 10,000 milestones and 10,000 changes cost PGlite's JavaScript protocol
 * parser ~0.2–0.3 s per table (a copied buffer per field), then a structured clone per hop, and
 * the main thread built every row object only to hand it on. As one JSON text per page the
 * database writes the rows in C, the threads pass a string (a copy of its characters), and the
 * worker's JSON.parse takes ~10 ms for all of them. Pure: no database import, runs on the worker.
 *
 * Each row is an array, in the order build.ts's json_build_array writes it (see the tuples).
 */
import type { MilestoneStatus } from '../../roadmap/vocabulary';
import type { ReportSource, SourceActivity, SourceMilestone } from './assemble';

/** ReportSource with `milestones` and `activity` as JSON pages (see build.ts, readReportPages). */
export interface ReportSourcePages extends Omit<ReportSource, 'milestones' | 'activity'> {
	/** Each a JSON array of MilestoneTuple, in the roadmap's order (position, id). */
	milestonePages: string[];
	/** Each a JSON array of ActivityTuple, in id order. */
	activityPages: string[];
}

/**
 * id, taskId, position, titleKo, titleEn, status, startDate, dueDate, progress, descriptionKo,
 * descriptionEn (the last two added later, at the end: a page of the older shape reads them as '').
 */
type MilestoneTuple = [
	string,
	string,
	number | string,
	string,
	string,
	MilestoneStatus,
	string | null,
	string | null,
	number,
	string | null | undefined,
	string | null | undefined
];

/** id, at (epoch ms), userId, userName, entityType, entityId, field, before, after. */
type ActivityTuple = [
	number,
	number,
	string | null,
	string | null,
	string,
	string,
	string,
	unknown,
	unknown
];

function parsePages<T>(pages: string[], row: (tuple: never) => T): T[] {
	const rows: T[] = [];
	for (const page of pages) for (const tuple of JSON.parse(page) as never[]) rows.push(row(tuple));
	return rows;
}

export function parseMilestonePages(pages: string[]): SourceMilestone[] {
	return parsePages(
		pages,
		([
			id,
			taskId,
			position,
			titleKo,
			titleEn,
			status,
			startDate,
			dueDate,
			progress,
			descriptionKo,
			descriptionEn
		]: MilestoneTuple) => ({
			id,
			taskId,
			// float8 as JSON: a number, or "NaN"/"Infinity" as a string.
			position: Number(position),
			titleKo,
			titleEn,
			status,
			startDate,
			dueDate,
			progress,
			descriptionKo: descriptionKo ?? '',
			descriptionEn: descriptionEn ?? ''
		})
	);
}

export function parseActivityPages(pages: string[]): SourceActivity[] {
	return parsePages(
		pages,
		([id, at, userId, userName, entityType, entityId, field, before, after]: ActivityTuple) => ({
			id,
			at: new Date(at),
			userId,
			userName,
			entityType,
			entityId,
			field,
			before,
			after
		})
	);
}

/** The source assembleReport takes, from the pages. */
export function parseSourcePages(source: ReportSourcePages): ReportSource {
	const { milestonePages, activityPages, ...rest } = source;
	return {
		...rest,
		milestones: parseMilestonePages(milestonePages),
		activity: parseActivityPages(activityPages)
	};
}
