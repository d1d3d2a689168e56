/**
 * The roadmap log: append-only Yjs updates plus at most one compacted snapshot per roadmap.
 * A doc is rebuilt from the snapshot and the updates after it.
 */
import { sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { DbOrTx } from '../../../../db/client';

export interface LoadedDoc {
	doc: Y.Doc;
	/** Highest log sequence number included (0 when the roadmap has no content yet). */
	lastSeq: number;
}

export interface StoredLog {
	/** The snapshot (when there is one), then every update after it, in sequence order. */
	parts: Uint8Array[];
	/** Highest log sequence number included (0 when the roadmap has no content yet). */
	lastSeq: number;
	/** Whether parts[0] is the compacted snapshot. */
	fromSnapshot: boolean;
}

/**
 * The log as stored, whole or only up to `uptoSeq` (which must not precede the snapshot).
 *
 * One statement, so the snapshot and the rows after it come from one view of the database: read
 * as two, a compaction committing in between (it replaces the snapshot and deletes the rows it
 * merged) left the reader the old snapshot and no rows after it, a doc missing committed changes.
 */
export async function readRoadmapLog(
	db: DbOrTx,
	roadmapId: string,
	uptoSeq?: number
): Promise<StoredLog> {
	const upto = uptoSeq === undefined ? sql`` : sql`and u.seq <= ${uptoSeq}`;
	const result = await db.execute(sql`
		with snap as (
			select state, upto_seq from roadmap_snapshots where roadmap_id = ${roadmapId}
		)
		select 0 as part, upto_seq as seq, state as data from snap
		union all
		select 1 as part, u.seq, u.data from roadmap_updates u
		where u.roadmap_id = ${roadmapId}
			and u.seq > coalesce((select upto_seq from snap), 0) ${upto}
		order by part, seq`);
	const rows = (result as unknown as { rows: { part: unknown; seq: unknown; data: Uint8Array }[] })
		.rows;
	const fromSnapshot = rows.length > 0 && Number(rows[0].part) === 0;
	if (fromSnapshot && uptoSeq !== undefined && Number(rows[0].seq) > uptoSeq)
		throw new Error(`roadmap ${roadmapId}: compacted past ${uptoSeq}`);
	const parts = rows.map((row) => row.data);
	const lastSeq = rows.length ? Number(rows[rows.length - 1].seq) : 0;
	return { parts, lastSeq, fromSnapshot };
}

/** A doc holding exactly the given log parts. */
export function docFromLog(parts: Uint8Array[]): Y.Doc {
	const doc = new Y.Doc({ gc: true });
	// One transaction around the applies, not Y.mergeUpdates first: merging many rows is
	// superlinear (20,000 keystroke rows: 12 s merged, 0.8 s applied in one transaction).
	doc.transact(() => {
		for (const part of parts) Y.applyUpdate(doc, part);
	});
	return doc;
}

/** The doc as of the whole log, or only up to `uptoSeq` (which must not precede the snapshot). */
export async function loadRoadmapDoc(
	db: DbOrTx,
	roadmapId: string,
	uptoSeq?: number
): Promise<LoadedDoc> {
	const { parts, lastSeq } = await readRoadmapLog(db, roadmapId, uptoSeq);
	return { doc: docFromLog(parts), lastSeq };
}

export interface LogEntry {
	userId: string | null;
	data: Uint8Array;
}

export interface Appended {
	/** The roadmap's last_seq before the append; null when the roadmap does not exist. */
	previousSeq: number | null;
	/** Its last_seq after: the sequence number of the last appended row. */
	seq: number;
}

/**
 * Appends `entries` (one row each, in order, each with its writer) and advances the roadmap's
 * last_seq, in one statement: one round trip. The statement first locks the roadmap's row (FOR NO
 * KEY UPDATE: writers queue on each other, but not on the key-share locks a projector's inserts
 * into tasks or activity take on the same row); the
 * inserted rows read from that lock, so their sequence numbers are drawn only once it is held and
 * commit order is sequence order for one roadmap (committed rows are always a prefix of its log).
 */
export async function appendUpdates(
	tx: DbOrTx,
	roadmapId: string,
	entries: LogEntry[]
): Promise<Appended> {
	if (!entries.length) throw new Error('appendUpdates needs at least one update');
	const data = sql.join(
		entries.map((e) => sql`${e.data}::bytea`),
		sql`, `
	);
	const users = sql.join(
		entries.map((e) => sql`${e.userId}::uuid`),
		sql`, `
	);
	const result = await tx.execute(sql`
		with locked as (
			select id, last_seq from roadmaps where id = ${roadmapId} for no key update
		), appended as (
			insert into roadmap_updates (roadmap_id, data, user_id)
			select locked.id, u.data, u.user_id
			from locked, unnest(array[${data}], array[${users}]) with ordinality as u(data, user_id, n)
			order by u.n
			returning seq
		), advanced as (
			update roadmaps set last_seq = (select max(seq) from appended), updated_at = now()
			where id = ${roadmapId} and exists (select 1 from appended)
			returning last_seq
		)
		select (select last_seq from locked) as previous, (select last_seq from advanced) as seq`);
	const row = (result as unknown as { rows: { previous: unknown; seq: unknown }[] }).rows[0];
	if (row?.previous === null || row?.previous === undefined) return { previousSeq: null, seq: 0 };
	return { previousSeq: Number(row.previous), seq: Number(row.seq) };
}
