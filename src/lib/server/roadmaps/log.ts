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
 * last_seq, in one statement: one round trip. See appendToLogs.
 */
export async function appendUpdates(
	tx: DbOrTx,
	roadmapId: string,
	entries: LogEntry[]
): Promise<Appended> {
	return (await appendToLogs(tx, [{ roadmapId, entries }])).get(roadmapId)!;
}

/**
 * Runs a statement that Postgres parses and plans once per connection, under `name` (a `pg`
 * pool's query with a name): the commit's statement is the same text on every keystroke, and
 * sent unnamed it is parsed and planned again each time.
 */
export type PreparedRunner = (statement: {
	name: string;
	text: string;
	values: unknown[];
}) => Promise<{ rows: unknown[] }>;

// The commit's statement, spelled once for both ways of sending it: named through `pg` (its
// text with $n placeholders) and through drizzle (the same columns and casts around parameters).
const APPEND_TO_LOGS_COLUMNS = 'appended_id as id, previous_seq as previous, new_seq as seq';
const APPEND_TO_LOGS_TYPES = ['uuid[]', 'int[]', 'bytea[]', 'uuid[]'];
const APPEND_TO_LOGS_TEXT = `select ${APPEND_TO_LOGS_COLUMNS} from append_to_logs(${APPEND_TO_LOGS_TYPES.map(
	(type, n) => `$${n + 1}::${type}`
).join(', ')})`;

export interface LogAppend {
	roadmapId: string;
	entries: LogEntry[];
}

/**
 * Appends to the logs of several roadmaps (each at most once) in one statement (the function
 * append_to_logs, migration 0008), each roadmap's entries in order and each with its writer, and
 * advances each one's last_seq. The statement
 * first locks the roadmaps' rows, in id order (two such statements never wait on each other in a
 * circle), FOR NO KEY UPDATE: writers queue on each other, but not on the key-share locks a
 * projector's inserts into tasks or activity take on the same rows. The inserted rows read from
 * those locks, so a roadmap's sequence numbers are drawn only once its lock is held and commit
 * order is sequence order for one roadmap (committed rows are always a prefix of its log).
 * A roadmap that does not exist gets previousSeq null and no rows.
 */
export async function appendToLogs(
	tx: DbOrTx,
	appends: LogAppend[],
	prepared?: PreparedRunner
): Promise<Map<string, Appended>> {
	const ids = new Set(appends.map((a) => a.roadmapId));
	if (ids.size !== appends.length) throw new Error('appendToLogs takes each roadmap once');
	const rows = appends.flatMap((a) => a.entries.map((e) => ({ roadmapId: a.roadmapId, ...e })));
	if (!rows.length || appends.some((a) => !a.entries.length))
		throw new Error('appendToLogs needs at least one update per roadmap');
	// One statement of fixed text whatever the number of rows (append_to_logs, migration 0008):
	// the rows go as four parallel arrays, and PL/pgSQL prepares the function's statement once per
	// connection.
	const values = [
		rows.map((r) => r.roadmapId),
		rows.map((_, n) => n),
		rows.map((r) => r.data),
		rows.map((r) => r.userId)
	];
	const result = prepared
		? await prepared({ name: 'ieum_append_to_logs', text: APPEND_TO_LOGS_TEXT, values })
		: await tx.execute(
				sql`select ${sql.raw(APPEND_TO_LOGS_COLUMNS)} from append_to_logs(${sql.join(
					values.map((v, n) => sql`${sql.param(v)}::${sql.raw(APPEND_TO_LOGS_TYPES[n])}`),
					sql`, `
				)})`
			);
	const found = (result as unknown as { rows: { id: string; previous: unknown; seq: unknown }[] })
		.rows;
	const appended = new Map<string, Appended>();
	for (const id of ids) appended.set(id, { previousSeq: null, seq: 0 });
	// Keyed as the caller spelled the id: Postgres answers uuids in lower case.
	const asked = new Map([...ids].map((id) => [id.toLowerCase(), id]));
	for (const row of found)
		appended.set(asked.get(row.id.toLowerCase()) ?? row.id, {
			previousSeq: Number(row.previous),
			seq: Number(row.seq)
		});
	return appended;
}
