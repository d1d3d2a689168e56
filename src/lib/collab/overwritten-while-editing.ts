/**
 * Two people set the same field of the same item at the same moment (or one of them offline):
 * Yjs keeps one value, by its own rule, and the other person's choice vanishes without a word,
 * so they believe the plan says what they chose. This watcher remembers the fields this page set
 * and reports the one case that loses a choice: another client's value replaces ours and that
 * client had not seen ours. A later change by someone who saw our value (their Yjs item's origin
 * is our item) is an ordinary edit, shown like any other, and is not reported.
 *
 * Only a task's or milestone's own fields of one value are watched (status, dates, progress):
 * text is merged character by character and loses nothing, and owners are entries of their own.
 */
import * as Y from 'yjs';
import { BOOKKEEPING, ROOT } from '$lib/roadmap/doc';

/** The fields whose concurrent choices are reported; what else is set (position, stamps) is not. */
export const WATCHED_FIELDS = ['status', 'startDate', 'dueDate', 'progress'] as const;
export type WatchedField = (typeof WATCHED_FIELDS)[number];

export interface Overwrite {
	kind: 'task' | 'milestone';
	id: string;
	field: WatchedField;
	/** The item's title now, in both languages (either may be empty). */
	title: { ko: string; en: string };
	/** What this page set. */
	mine: unknown;
	/** What the item holds now. */
	theirs: unknown;
	/** The Yjs client that wrote `theirs` (awareness names it, while its writer is here). */
	byClient: number;
}

/** How long a choice made here is remembered: a working session offline and back. */
const REMEMBER_MS = 8 * 60 * 60 * 1000;
/** The most choices remembered (the oldest are forgotten first). */
const REMEMBER_MAX = 1_000;

const KINDS = { [ROOT.tasks]: 'task', [ROOT.milestones]: 'milestone' } as const;
type Root = keyof typeof KINDS;

const isWatched = (key: string | null): key is WatchedField =>
	(WATCHED_FIELDS as readonly (string | null)[]).includes(key);

const textOf = (value: unknown) => (value instanceof Y.Text ? value.toString() : '');

/** The root (tasks or milestones) and id of `map` when it is a task's or milestone's own map. */
function entryOf(doc: Y.Doc, map: Y.Map<unknown>): { root: Root; id: string } | null {
	const item = map._item;
	if (!item?.parentSub) return null;
	for (const root of [ROOT.tasks, ROOT.milestones] as const)
		if (item.parent === doc.share.get(root)) return { root, id: item.parentSub };
	return null;
}

/** The watched fields of tasks and milestones that `transaction` changed, with their items. */
function* changedFields(doc: Y.Doc, transaction: Y.Transaction) {
	for (const [type, keys] of transaction.changed) {
		if (!(type instanceof Y.Map)) continue;
		const entry = entryOf(doc, type);
		if (!entry) continue;
		for (const field of keys)
			if (isWatched(field))
				yield { map: type, ...entry, field, key: `${entry.root} ${entry.id} ${field}` };
	}
}

export function watchOverwrites(
	doc: Y.Doc,
	onOverwritten: (overwrite: Overwrite) => void,
	{ now = Date.now }: { now?: () => number } = {}
): () => void {
	/** `root id field` → the item this page's value went in as, the value and when. */
	const chosen = new Map<string, { id: Y.ID; value: unknown; at: number }>();

	const afterTransaction = (transaction: Y.Transaction) => {
		if (transaction.local) {
			// The page filling in fields an old doc lacks chooses nothing.
			if (transaction.origin === BOOKKEEPING) return;
			for (const { map, field, key } of changedFields(doc, transaction)) {
				const item = map._map.get(field);
				if (!item || item.deleted) continue;
				chosen.delete(key); // re-inserted: the most recent last
				chosen.set(key, { id: item.id, value: map.get(field), at: now() });
			}
			while (chosen.size > REMEMBER_MAX) chosen.delete(chosen.keys().next().value!);
			return;
		}
		if (!chosen.size) return; // nothing chosen here: nothing to lose (a first sync, a viewer)
		for (const { map, root, id, field, key } of changedFields(doc, transaction)) {
			const mine = chosen.get(key);
			if (!mine) continue;
			const current = map._map.get(field);
			// Still ours (theirs went in before it), or ours taken back by an undo here.
			if (!current || current.id.client === doc.clientID) continue;
			chosen.delete(key);
			if (now() - mine.at > REMEMBER_MS) continue;
			// They saw our value and changed it: an ordinary later edit.
			if (current.origin && Y.compareIDs(current.origin, mine.id)) continue;
			const theirs = current.deleted ? undefined : map.get(field);
			if (theirs === mine.value) continue; // the same choice: nothing lost
			onOverwritten({
				kind: KINDS[root],
				id,
				field,
				title: { ko: textOf(map.get('titleKo')), en: textOf(map.get('titleEn')) },
				mine: mine.value,
				theirs,
				byClient: current.id.client
			});
		}
	};

	doc.on('afterTransaction', afterTransaction);
	return () => doc.off('afterTransaction', afterTransaction);
}
