/**
 * What a room sends a client that has nothing (a new page, a first visit), kept as the log's
 * own bytes: the snapshot the room loaded, then every update its doc took since. Encoding the
 * whole doc instead (Y.encodeStateAsUpdate) took ~130 ms of the event loop for a 5 × 2,000 plan,
 * for the first newcomer after every edit, and while it ran every room's relays and every
 * page's requests waited (the page's own scripts among them). Merging the few updates since the
 * last newcomer costs a millisecond or two.
 *
 * Updates keep what they delete (only a doc collects it), so the rows cannot grow for ever. Once
 * they outgrow the base (or a thousand wait unmerged):
 * - a large state (WORKER_MIN_BYTES and up) is merged with them on a worker thread, when the room
 *   has one (`merge`), and becomes the new base; newcomers meanwhile get the base and every row;
 * - otherwise they are forgotten, and the next newcomer's answer is encoded from the doc, once,
 *   which becomes the new base (a small doc encodes in a few ms).
 */
import * as Y from 'yjs';
import {
	totalBytes,
	WORKER_MIN_BYTES,
	type StateMerger
} from '../../src/lib/server/roadmaps/merge-state';
import { DeflatedCache } from './deflated';
import { fullStateMessages, syncStep2FromUpdate } from './messages';

/** Rows kept unmerged at most (merging more at once would itself hold the event loop). */
const MAX_ROWS = 1_000;
/** Rows may always reach this many bytes, however small the base: a small doc encodes in a few ms. */
const MIN_ROW_BYTES = 64 * 1024;
/** Rows that may pile up behind a merge still under way before they are forgotten after all. */
const MAX_ROWS_WHILE_MERGING = 10 * MAX_ROWS;

export class NewcomerState {
	/** A whole state (the stored snapshot, or the doc once encoded); null: the rows are all. */
	private base: Uint8Array | null;
	/** Rows handed to the merger (they follow the base, before `rows`); null: no merge under way. */
	private merging: Uint8Array[] | null = null;
	/** Updates after the base (and `merging`), in order; null: forgotten, the doc is encoded next time. */
	private rows: Uint8Array[] | null;
	private rowBytes = 0;
	/** Changes each time the rows are forgotten or replaced, so a late merge is dropped. */
	private generation = 0;
	/** The answer, until the doc changes: many people open a roadmap around the same time. */
	private answer: Uint8Array[] | null = null;
	/** The answer's sync step 2 deflated, for pages that take it (deflated.ts). */
	private readonly deflater = new DeflatedCache();

	/** `parts` as the log holds them: the snapshot first when `fromSnapshot`, then the rows. */
	constructor(
		parts: Uint8Array[],
		fromSnapshot: boolean,
		private readonly merge?: StateMerger
	) {
		this.base = fromSnapshot ? parts[0] : null;
		this.rows = [];
		for (const row of fromSnapshot ? parts.slice(1) : parts) this.add(row);
	}

	/** An update the room's doc took (a commit, a catch-up, another instance's relay). */
	add(update: Uint8Array): void {
		this.answer = null;
		if (!this.rows) return;
		this.rows.push(update);
		this.rowBytes += update.length;
		if (this.rowsOutgrowBase()) this.outgrown();
	}

	/** Too many rows, or more bytes of them than the base they follow. */
	private rowsOutgrowBase(): boolean {
		return (
			this.rows!.length > MAX_ROWS ||
			this.rowBytes > Math.max(MIN_ROW_BYTES, this.base?.length ?? 0)
		);
	}

	/**
	 * The messages for a newcomer from the stored bytes alone (no doc needed: a room still being
	 * built answers with them), or null when they were forgotten or there are none.
	 */
	fromLog(): Uint8Array[] | null {
		if (this.answer || !this.rows) return this.answer;
		// Merged once here, not again for the next newcomer.
		if (this.merging && this.merging.length > 1) this.merging = [Y.mergeUpdates(this.merging)];
		if (this.rows.length > 1) this.rows = [Y.mergeUpdates(this.rows)];
		this.rowBytes = totalBytes(this.rows) + totalBytes(this.merging ?? []);
		const after = [...(this.merging ?? []), ...this.rows];
		const parts = this.base ? [this.base, ...after] : after;
		this.answer = fullStateMessages(parts, !!this.base);
		return this.answer;
	}

	/** The messages for a newcomer, ending with the sync step 2 that makes it synced. */
	messages(doc: Y.Doc): Uint8Array[] {
		return this.fromLog() ?? this.encoded(doc);
	}

	/**
	 * `answer` (from messages()) for a newcomer that inflates (deflated.ts): its sync step 2
	 * deflated, once it is. Never rejects: anything zlib cannot shrink goes as it is.
	 */
	async deflated(answer: Uint8Array[]): Promise<Uint8Array[]> {
		const last = answer.length - 1;
		// With a base the answer ends with its step 2, deflated once while the base lasts (edits
		// only add rows before it); without one, with the rows merged, once per answer.
		const small = await this.deflater.ready(this.base ?? answer[last], answer[last]);
		return small ? [...answer.slice(0, last), small] : answer;
	}

	/** The answer encoded from the doc, which becomes the new base. */
	private encoded(doc: Y.Doc): Uint8Array[] {
		this.generation++;
		this.base = Y.encodeStateAsUpdate(doc);
		this.merging = null;
		this.rows = [];
		this.rowBytes = 0;
		this.answer = [syncStep2FromUpdate(this.base)];
		return this.answer;
	}

	private outgrown() {
		const size = (this.base?.length ?? 0) + this.rowBytes;
		if (!this.merge || size < WORKER_MIN_BYTES) return this.forgetRows();
		if (this.merging) {
			if (this.rows!.length > MAX_ROWS_WHILE_MERGING) this.forgetRows();
			return; // the merge under way takes these rows next
		}
		const rows = this.rows!;
		const parts = this.base ? [this.base, ...rows] : rows;
		const generation = ++this.generation;
		this.merging = rows;
		this.rows = [];
		this.merge(parts).then(
			(state) => {
				if (generation !== this.generation) return;
				this.base = state;
				this.merging = null;
				this.rowBytes = totalBytes(this.rows!);
				this.answer = null;
				// Rows that came during the merge may have outgrown the new base already.
				if (this.rowsOutgrowBase()) this.outgrown();
			},
			() => {
				if (generation === this.generation) this.forgetRows();
			}
		);
	}

	private forgetRows() {
		this.generation++;
		this.rows = null;
		this.merging = null;
		this.rowBytes = 0;
		this.base = null;
	}
}
