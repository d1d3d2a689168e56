/**
 * Edits that cannot survive: someone deleted a task or milestone that this page edited (often
 * while this page was offline). Yjs merges the two without complaint and the edits vanish with
 * the item, so the page would say "Saved" over lost work. This watcher remembers what this page
 * edited lately and reports it when another client's change deletes it. It reports too an item
 * that was only open here (the caret in its title, a comment half written): it vanishes from
 * under the reader, who would otherwise not know whether it moved, was filtered out or went.
 */
import * as Y from 'yjs';
import { BOOKKEEPING, ROOT } from '$lib/roadmap/doc';

export interface LostEdit {
	kind: 'task' | 'milestone';
	id: string;
	/** Its title when last edited (or opened) here, in both languages (either may be empty). */
	title: { ko: string; en: string };
	/** Edits of this page went with it; false: it was only open here (focused, its comments). */
	edited: boolean;
	/**
	 * Set (true) when this page held edits the server had not confirmed as the deletion came:
	 * those are gone. Without it, what was edited here had been saved, and is in the copy the
	 * deletion keeps (the activity log restores it).
	 */
	unsaved?: true;
	/**
	 * A milestone that went with its whole task (deleted in the same change): the task, with its
	 * title then. The activity log tells the task's deletion, so the notice names it too.
	 */
	task?: { id: string; title: LostEdit['title'] };
}

/** The item this page has open (its fields or its comments focused), with its title then. */
export interface OpenItem {
	kind: LostEdit['kind'];
	id: string;
	title: LostEdit['title'];
}

/** How long an edit is remembered: longer than a working session offline is unusual. */
const REMEMBER_MS = 8 * 60 * 60 * 1000;
/**
 * An edit saved longer ago than this is not "lost" by a delete: the person finished with it, and
 * the delete is someone's decision about the item, seen like any other change.
 */
const RECENT_MS = 60_000;
/** The most items remembered (the oldest are forgotten first). */
const REMEMBER_MAX = 500;

const KINDS = { [ROOT.tasks]: 'task', [ROOT.milestones]: 'milestone' } as const;

/** The root entry (task or milestone) a changed type belongs to, if any. */
function entryOf(doc: Y.Doc, type: Y.AbstractType<unknown>): { root: string; id: string } | null {
	let current: Y.AbstractType<unknown> | null = type;
	while (current?._item) {
		const parent = current._item.parent as Y.AbstractType<unknown>;
		const key = current._item.parentSub;
		if (parent === doc.share.get(ROOT.tasks) && key) return { root: ROOT.tasks, id: key };
		if (parent === doc.share.get(ROOT.milestones) && key) return { root: ROOT.milestones, id: key };
		current = parent;
	}
	return null;
}

const textOf = (value: unknown) => (value instanceof Y.Text ? value.toString() : '');

/**
 * What a map deleted by the change being observed held under `key`. Its entries are deleted
 * with it, so `get` no longer returns them, but their content stays until the transaction's
 * clean-up collects it, after the observers.
 */
function heldBefore(map: unknown, key: string): unknown {
	if (!(map instanceof Y.Map)) return undefined;
	const content = (map._map.get(key) as Y.Item | undefined)?.content.getContent();
	return content?.[content.length - 1];
}

/** A text deleted by the change being observed, as it read before (see heldBefore). */
function textBefore(text: unknown): string {
	if (!(text instanceof Y.Text)) return '';
	let read = '';
	// Text deleted earlier is collected already (no string left); only this change's is kept.
	for (let item = text._start; item; item = item.right)
		if (item.content instanceof Y.ContentString) read += item.content.str;
	return read;
}

/** The task a deleted milestone belonged to, when the same change deleted that whole task. */
function goneWithTask(doc: Y.Doc, milestone: unknown): LostEdit['task'] {
	const taskId = heldBefore(milestone, 'taskId');
	if (typeof taskId !== 'string') return undefined;
	const tasks = doc.getMap<unknown>(ROOT.tasks);
	if (tasks.get(taskId) instanceof Y.Map) return undefined; // the task stays: only this went
	const task = (tasks._map.get(taskId) as Y.Item | undefined)?.content.getContent()[0];
	if (!(task instanceof Y.Map)) return undefined;
	const title = {
		ko: textBefore(heldBefore(task, 'titleKo')),
		en: textBefore(heldBefore(task, 'titleEn'))
	};
	return { id: taskId, title };
}

export function watchDeletedWhileEditing(
	doc: Y.Doc,
	onLost: (lost: LostEdit) => void,
	{
		unsaved = () => true,
		now = Date.now,
		openHere = () => null,
		onBack = () => {}
	}: {
		/** Whether this page holds edits the server has not confirmed (offline, or just typed). */
		unsaved?: () => boolean;
		now?: () => number;
		/** The item open on this page, if any. */
		openHere?: () => OpenItem | null;
		/** A task or milestone is there again under its id (restored, or its deletion undone). */
		onBack?: (kind: LostEdit['kind'], id: string) => void;
	} = {}
): () => void {
	/** `root id` → when last edited here and its title then. */
	const edited = new Map<string, { at: number; title: LostEdit['title'] }>();

	const afterTransaction = (transaction: Y.Transaction) => {
		// Another client's change, or the page filling in fields an old doc lacks: not an edit.
		if (!transaction.local || transaction.origin === BOOKKEEPING) return;
		for (const type of transaction.changed.keys()) {
			const entry = entryOf(doc, type as Y.AbstractType<unknown>);
			if (!entry) continue;
			const map = doc.getMap<unknown>(entry.root).get(entry.id);
			if (!(map instanceof Y.Map)) continue;
			const key = `${entry.root} ${entry.id}`;
			edited.delete(key); // re-inserted: the most recent last
			edited.set(key, {
				at: now(),
				title: { ko: textOf(map.get('titleKo')), en: textOf(map.get('titleEn')) }
			});
		}
		while (edited.size > REMEMBER_MAX) edited.delete(edited.keys().next().value!);
	};

	const watch = (root: typeof ROOT.tasks | typeof ROOT.milestones) => {
		const map = doc.getMap(root);
		const observer = (event: Y.YMapEvent<unknown>) => {
			if (event.transaction.local) return; // this page's own delete loses nothing unawares
			const open = openHere();
			// Read from keysChanged, not event.changes: working out every key's action and old value
			// costs ~1 µs a key, and a first sync brings 10,000 of them, none deleted from this page.
			for (const id of event.keysChanged as Set<string>) {
				if (map.has(id)) {
					onBack(KINDS[root], id);
					continue;
				}
				if (!edited.size && !open) continue; // nothing here to lose
				const change = event.changes.keys.get(id);
				if (change?.action !== 'delete') continue;
				const key = `${root} ${id}`;
				const seen = edited.get(key);
				edited.delete(key);
				const age = seen ? now() - seen.at : Infinity;
				const pending = unsaved();
				const lostEdits = age <= RECENT_MS || (age <= REMEMBER_MS && pending);
				const wasOpen = open?.kind === KINDS[root] && open.id === id;
				if (!lostEdits && !wasOpen) continue;
				const title = (lostEdits ? seen?.title : open?.title) ?? { ko: '', en: '' };
				const task = root === ROOT.milestones ? goneWithTask(doc, change.oldValue) : undefined;
				onLost({
					kind: KINDS[root],
					id,
					title,
					edited: lostEdits,
					...(lostEdits && pending ? { unsaved: true as const } : {}),
					...(task ? { task } : {})
				});
			}
		};
		map.observe(observer);
		return () => map.unobserve(observer);
	};

	doc.on('afterTransaction', afterTransaction);
	const stops = [watch(ROOT.tasks), watch(ROOT.milestones)];
	return () => {
		doc.off('afterTransaction', afterTransaction);
		for (const stop of stops) stop();
	};
}

/** The item at `location` with its title now, for `openHere` (null: nothing, or nothing known). */
export function openItemOf(
	doc: Y.Doc,
	location: { kind: 'task' | 'milestone'; id: string } | null
): OpenItem | null {
	if (!location) return null;
	const map = doc
		.getMap<unknown>(location.kind === 'task' ? ROOT.tasks : ROOT.milestones)
		.get(location.id);
	if (!(map instanceof Y.Map)) return null;
	const title = { ko: textOf(map.get('titleKo')), en: textOf(map.get('titleEn')) };
	return { kind: location.kind, id: location.id, title };
}
