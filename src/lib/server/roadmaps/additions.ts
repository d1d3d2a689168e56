/**
 * Whether a log row only adds new tasks or milestones, read from the row itself before it is
 * applied. The projector (projector.ts) projects such rows of one writer together: an import or
 * a burst of new milestones is one round of reads and one insert instead of one round a row.
 * Only the update tells this before it is applied; afterwards the doc cannot say what an entity
 * looked like when it was added, so a row is classed here or not at all.
 *
 * A row qualifies when it deletes nothing, and every item in it either sets a key of the tasks or
 * milestones map that the doc has never held (a set over an earlier value names that value as
 * its origin, so replacing or re-adding never qualifies), or lies inside items the row itself
 * creates (a new milestone's fields, texts and owners). Anything else (an edit, a move, a gap in
 * the update) does not qualify; the projector then treats the row as it treats every other.
 */
import * as Y from 'yjs';
import { ROOT } from '../../roadmap/doc';

/** Root maps whose new keys are entities: tasks and milestones (not the overview). */
const ENTITY_ROOTS: ReadonlySet<string> = new Set([ROOT.tasks, ROOT.milestones]);

/** A log row's update, decoded once for the checks made before it is applied; null if broken. */
export type DecodedRow = ReturnType<typeof Y.decodeUpdate> | null;

export function decodeRow(update: Uint8Array): DecodedRow {
	try {
		return Y.decodeUpdate(update);
	} catch {
		return null; // applying it will tell
	}
}

export function onlyAddsEntities(
	doc: Y.Doc,
	update: Uint8Array,
	decoded: DecodedRow = decodeRow(update)
): boolean {
	// A row that does not decode is nothing to batch.
	if (!decoded || decoded.ds.clients.size > 0 || !decoded.structs.length) return false;
	// Each client's clocks in this row: without gaps (a Skip fails below), one range each.
	const ranges = new Map<number, { from: number; to: number }>();
	for (const struct of decoded.structs) {
		if (!(struct instanceof Y.Item)) return false;
		const { client, clock } = struct.id;
		const range = ranges.get(client);
		if (!range) ranges.set(client, { from: clock, to: clock + struct.length });
		else range.to = Math.max(range.to, clock + struct.length);
	}
	const inRow = (id: Y.ID | null) => {
		if (!id) return false;
		const range = ranges.get(id.client);
		return !!range && id.clock >= range.from && id.clock < range.to;
	};
	for (const item of decoded.structs as Y.Item[]) {
		const parent = item.parent as unknown;
		if (typeof parent === 'string') {
			// A key of a root map: a new entity, if the doc never had that key.
			if (!ENTITY_ROOTS.has(parent) || item.parentSub === null) return false;
			if (item.origin || item.rightOrigin) return false;
			if (doc.getMap(parent)._map.has(item.parentSub)) return false;
			continue;
		}
		if (parent instanceof Y.ID) {
			// Inside a type this row creates: a new entity's fields, texts and owners.
			if (!inRow(parent) || (item.origin && !inRow(item.origin))) return false;
			if (item.rightOrigin && !inRow(item.rightOrigin)) return false;
			continue;
		}
		// No parent written: it sits beside its origins, which must be this row's own items.
		if (!(item.origin || item.rightOrigin)) return false;
		if (item.origin && !inRow(item.origin)) return false;
		if (item.rightOrigin && !inRow(item.rightOrigin)) return false;
	}
	return true;
}
