/**
 * The projector: brings a roadmap's projection (tasks, milestones, task_owners, activity, the
 * overview) from roadmaps.projected_seq up to the log's end, in one transaction that may cover
 * many commits, and records how far it got. Commits never wait for it: a live room runs it right
 * after relaying, and whoever must read the projection with its own writes calls
 * `ensureProjected` first. After a crash between a commit and its projection, the next room load
 * or `ensureProjected` projects the rest from the log.
 *
 * Projectors take the roadmap's advisory lock (lock.ts), never the roadmap's row, which writers
 * lock to draw their sequence numbers: projected_seq has a row of its own (roadmap_projections),
 * so projecting never delays a commit. Only a pass that projects an edit of the overview updates
 * the roadmap's row (its overview columns), and holds it until it commits.
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { DbOrTx } from '../../../../db/client';
import { inOrder } from '../../../../db/in-order';
import { roadmapProjections, roadmaps, roadmapUpdates } from '../../../../db/schema';
import { startedServices } from '../context';
import { BACKGROUND_SLICE_MS, timeSlices } from '../event-loop';
import { decodeRow, onlyAddsEntities } from './additions';
import { summariesDeletedBy } from './gone-summaries';
import { lockRoadmap } from './lock';
import { loadRoadmapDoc } from './log';
import { plainEdits, projectEdits, type EditRun } from './project-edits';
import {
	projectChanges,
	trackChanges,
	type Dirty,
	type OverviewState,
	type ProjectionResult
} from './projection';

/** A roadmap's projected_seq, in a query joining roadmap_projections: 0 without a row. */
const projectedSeqOf = sql<number>`coalesce(${roadmapProjections.projectedSeq}, 0)`.mapWith(Number);

/** A doc holding exactly the log up to `seq`: what the projection shows once projected_seq = seq. */
export interface ProjectedDoc {
	doc: Y.Doc;
	seq: number;
}

export interface CatchUpResult {
	/** projected_seq after the catch-up. */
	seq: number;
	/** Per log row that named unknown owners: its writer and those owners (not projected). */
	rejected: { userId: string | null; owners: ProjectionResult['rejectedOwners'] }[];
	/** Rows of tasks, milestones and task_owners written. */
	rowsWritten: number;
	/**
	 * Runs of one writer's log rows projected (see the loop below): a round of reads and writes
	 * each, except that consecutive runs of plain edits share one (project-edits.ts).
	 */
	runs: number;
	/** The doc at `seq`, to hand back next time; null when there is no such roadmap, or nothing was behind and no usable base was given (the next pass reads it then). */
	projected: ProjectedDoc | null;
}

/**
 * Projects the log past projected_seq. `base` (the previous result's `projected`) saves reading
 * the doc back; it is used only when it is exactly at projected_seq. It is mutated: if this
 * throws, discard it.
 */
export async function catchUpProjection(
	db: DbOrTx,
	roadmapId: string,
	base: ProjectedDoc | null = null,
	/** The activity clock (tests move it; production leaves the default). */
	now: Date = new Date()
): Promise<CatchUpResult> {
	return db.transaction(async (tx) => {
		// The lock, then the read (issued together where the driver allows: db/in-order.ts): the
		// read starts once the lock is held, so it sees every projection committed before.
		// Committed rows of one roadmap are a prefix of its log (see appendUpdates): none can
		// appear later below the last one read here.
		const [, behind] = await inOrder(tx, [
			lockRoadmap(tx, roadmapId),
			tx
				.select({
					projectedSeq: projectedSeqOf,
					seq: roadmapUpdates.seq,
					userId: roadmapUpdates.userId,
					data: roadmapUpdates.data,
					committedAt: roadmapUpdates.createdAt
				})
				.from(roadmaps)
				.leftJoin(roadmapProjections, eq(roadmapProjections.roadmapId, roadmaps.id))
				.leftJoin(
					roadmapUpdates,
					and(eq(roadmapUpdates.roadmapId, roadmaps.id), gt(roadmapUpdates.seq, projectedSeqOf))
				)
				.where(eq(roadmaps.id, roadmapId))
				.orderBy(asc(roadmapUpdates.seq))
		]);
		if (!behind.length) return { seq: 0, rejected: [], rowsWritten: 0, runs: 0, projected: null };
		const from = behind[0].projectedSeq;
		const usable = base && base.seq === from ? base : null;
		const rows = behind.flatMap(({ seq, userId, data, committedAt }) =>
			seq === null || data === null ? [] : [{ seq, userId, data, committedAt }]
		);
		// Nothing behind (a room that just loaded, usually): no doc to read back.
		if (!rows.length)
			return { seq: from, rejected: [], rowsWritten: 0, runs: 0, projected: usable };
		let doc = usable ? usable.doc : (await loadRoadmapDoc(tx, roadmapId, from)).doc;

		const overview: OverviewState = { current: null, changed: false };
		const rejected: CatchUpResult['rejected'] = [];
		let rowsWritten = 0;
		let runs = 0;
		const record = (result: ProjectionResult, userId: string | null) => {
			rowsWritten += result.rowsWritten;
			if (result.rejectedOwners.length) rejected.push({ userId, owners: result.rejectedOwners });
		};
		const projectNow = async (userId: string | null, dirty: Dirty, at: Date | null, on = doc) => {
			if (dirty.overview && !overview.current) {
				const [current] = await tx
					.select({ ko: roadmaps.overviewKo, en: roadmaps.overviewEn })
					.from(roadmaps)
					.where(eq(roadmaps.id, roadmapId));
				overview.current = current;
			}
			const result = await projectChanges(tx, roadmapId, on, dirty, userId, overview, now, {
				committedAt: at
			});
			record(result, userId);
		};
		// Runs of plain edits wait here and are projected together (project-edits.ts), before the
		// next run of another kind and at the end: two people typing in a roadmap take turns in
		// the log, a run each every few keystrokes.
		let waiting: { run: EditRun; dirty: Dirty }[] = [];
		const projectWaiting = async () => {
			if (!waiting.length) return;
			const edits = waiting;
			waiting = [];
			const together = await projectEdits(
				tx,
				roadmapId,
				edits.map((e) => e.run),
				now
			);
			if (together) {
				rowsWritten += together.rowsWritten;
				return;
			}
			// Not plain edits of what the projection holds after all (an owner it refused, say):
			// one at a time, each on the doc as it was at the run's end (rare: read from the log).
			for (const { run, dirty } of edits) {
				const { doc: then } = await loadRoadmapDoc(tx, roadmapId, run.seq);
				await projectNow(run.userId, dirty, run.committedAt, then);
			}
		};
		type Run = {
			userId: string | null;
			dirty: Dirty;
			seq: number;
			at: Date | null;
			adds: boolean;
		};
		const project = async ({ userId, dirty, seq, at }: Run) => {
			runs += 1;
			const edited = plainEdits(doc, dirty);
			if (edited) {
				waiting.push({ run: { userId, committedAt: at, seq, ...edited }, dirty });
				return;
			}
			await projectWaiting();
			await projectNow(userId, dirty, at);
		};
		// In order, one run of one writer's consecutive rows at a time: every activity row names
		// the person who made it. Within a run, field edits are projected once, as of the run's
		// end: the same rows and activity as row by row, since one person's consecutive edits of a
		// field coalesce into one change anyway (projection.ts), at a few statements a run instead
		// of a few a row (one difference: a field edited and put back within a run records no
		// change). A row that adds, removes, replaces or re-owns an entity (never coalesced) ends its
		// run, so its events keep their place among the others.
		// Rows that only add new tasks or milestones (additions.ts: told before they are applied)
		// make runs of their own: nothing in them existed before, so projecting them together at
		// the run's end records what each added row by row would, in one round and one insert for
		// an import or a burst of new milestones (within such a run, new tasks are recorded before
		// new milestones). A row of the other kind ends the run before it is applied, so an edit of
		// what was just added is its own change, as row by row.
		// A run's time is its first commit's: how live the edit is, for coalescing (projection.ts).
		let run: Run | null = null;
		// Plain edits no longer wait for a round trip per run, so without pauses a pass would apply
		// a second of two people's typing in one block of the event loop, relays waiting behind it.
		const pause = timeSlices(BACKGROUND_SLICE_MS);
		for (const entry of rows) {
			await pause();
			const decoded = decodeRow(entry.data);
			const adds = onlyAddsEntities(doc, entry.data, decoded);
			if (run && (run.userId !== entry.userId || run.adds !== adds)) {
				await project(run);
				run = null;
			}
			// What a task this row deletes held in its summary, for the copy its deletion keeps.
			const summaries = summariesDeletedBy(doc, decoded);
			const apply = () => {
				Y.applyUpdate(doc, entry.data);
			};
			const track = () => {
				const d = trackChanges(doc, apply);
				if (summaries) d.goneSummaries = summaries;
				return d;
			};
			const dirty = track();
			const start = (d: Dirty): Run => ({
				userId: entry.userId,
				dirty: d,
				seq: entry.seq,
				at: entry.committedAt,
				adds
			});
			if (adds) {
				if (run) {
					mergeDirty(run.dirty, dirty);
					run.seq = entry.seq;
				} else run = start(dirty);
				continue;
			}
			if (run && dirty.structural && overlaps(run.dirty, dirty)) {
				// It removed, replaced or re-owned what the run edited, and the run must be projected
				// as it stood before this row: read that back from the log (rare: deleting what one
				// just edited within one pass), then apply the row again on its own.
				doc = (await loadRoadmapDoc(tx, roadmapId, run.seq)).doc;
				await project(run);
				run = start(track());
			} else if (run) {
				mergeDirty(run.dirty, dirty);
				run.seq = entry.seq;
			} else run = start(dirty);
			if (run.dirty.structural) {
				await project(run);
				run = null;
			}
		}
		if (run) await project(run);
		await projectWaiting();
		const seq = rows[rows.length - 1].seq;
		if (overview.changed && overview.current)
			await tx
				.update(roadmaps)
				.set({ overviewKo: overview.current.ko, overviewEn: overview.current.en })
				.where(eq(roadmaps.id, roadmapId));
		await tx
			.insert(roadmapProjections)
			.values({ roadmapId, projectedSeq: seq })
			.onConflictDoUpdate({ target: roadmapProjections.roadmapId, set: { projectedSeq: seq } });
		return { seq, rejected, rowsWritten, runs, projected: { doc, seq } };
	});
}

/**
 * Resolves once the projection of `roadmapId` includes every commit made before the call.
 * Readers that must see their own writes call it first: the JSON API's roadmap read, the roadmap
 * page, reports. Cheap when nothing is behind (one indexed read). Otherwise the roadmap's room
 * projects now when it is loaded in this process (it keeps the doc at projected_seq, where a
 * catch-up here would read it back from the log); else this waits for a projector already at
 * work elsewhere (the advisory lock) or does the catch-up itself.
 */
export async function ensureProjected(db: DbOrTx, roadmapId: string): Promise<void> {
	const [row] = await db
		.select({ behind: sql<boolean>`${projectedSeqOf} < ${roadmaps.lastSeq}` })
		.from(roadmaps)
		.leftJoin(roadmapProjections, eq(roadmapProjections.roadmapId, roadmaps.id))
		.where(eq(roadmaps.id, roadmapId));
	if (!row?.behind) return;
	// Only for the services' own database outside a transaction: the room projects through its
	// own connection, which must not wait on a transaction its reader holds open.
	const started = startedServices();
	const collab = started?.database.db === db ? started.collab : undefined;
	if (collab?.projectNow && (await collab.projectNow(roadmapId).catch(() => false))) return;
	await catchUpProjection(db, roadmapId);
}

/**
 * The start-up sweep: projects every roadmap whose projection is behind its log (a crash
 * between a commit and its projection). Readers of one roadmap never need it (they call
 * `ensureProjected`); lists across roadmaps (the home page's progress, search) read the
 * projection as it is, so the sweep keeps them from showing a crash's gap until someone opens
 * each roadmap. One roadmap at a time, in the background; a roadmap that fails is logged and
 * left to its next reader. Resolves with how many it brought up to date.
 */
export async function projectRoadmapsBehind(
	db: DbOrTx,
	options: {
		log?: (message: string) => void;
		stopped?: () => boolean;
		/** Roadmaps projected elsewhere (a live room projects its own on load): passed over. */
		skip?: (roadmapId: string) => boolean;
	} = {}
): Promise<number> {
	const behind = await db
		.select({ id: roadmaps.id })
		.from(roadmaps)
		.leftJoin(roadmapProjections, eq(roadmapProjections.roadmapId, roadmaps.id))
		.where(sql`${projectedSeqOf} < ${roadmaps.lastSeq}`);
	let projected = 0;
	for (const { id } of behind) {
		if (options.stopped?.()) break;
		if (options.skip?.(id)) continue;
		try {
			await catchUpProjection(db, id);
			projected += 1;
		} catch (error) {
			options.log?.(
				`projection of ${id} failed, its next reader retries: ${(error as Error).message}`
			);
		}
	}
	return projected;
}

/** Whether two runs of changes touched a task or milestone in common. */
function overlaps(a: Dirty, b: Dirty): boolean {
	for (const id of b.tasks) if (a.tasks.has(id)) return true;
	for (const id of b.milestones) if (a.milestones.has(id)) return true;
	return false;
}

/** Adds what `b` touched to `a`. */
function mergeDirty(a: Dirty, b: Dirty): void {
	a.overview ||= b.overview;
	a.structural ||= b.structural;
	if (b.goneSummaries) a.goneSummaries = new Map([...(a.goneSummaries ?? []), ...b.goneSummaries]);
	for (const id of b.tasks) a.tasks.add(id);
	for (const id of b.milestones) a.milestones.add(id);
}
