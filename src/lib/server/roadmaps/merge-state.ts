/**
 * One whole state from a log's parts (a snapshot and the updates after it, in order): built
 * through a doc, not Y.mergeUpdates, so what was deleted is garbage-collected and the state is
 * no larger than the roadmap. For a 5 × 2,000-milestone roadmap this is ~300 ms of work, which
 * is why the collaboration server hands large ones to a worker thread (server/collab/state-merger.ts).
 */
import * as Y from 'yjs';
import { docFromLog } from './log';

/** Merges parts into one state, somewhere: inline, or on a worker thread. */
export type StateMerger = (parts: Uint8Array[]) => Promise<Uint8Array>;

export function mergeStates(parts: Uint8Array[]): Uint8Array {
	const doc = docFromLog(parts);
	try {
		return Y.encodeStateAsUpdate(doc);
	} finally {
		doc.destroy();
	}
}

/** The same work on the calling thread (tests, the dev server, small states). */
export const mergeInline: StateMerger = async (parts) => mergeStates(parts);

/** Parts smaller than this together are merged inline: a worker's round trip would cost more. */
export const WORKER_MIN_BYTES = 256 * 1024;

export const totalBytes = (parts: Uint8Array[]) => parts.reduce((n, p) => n + p.length, 0);
