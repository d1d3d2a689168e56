/**
 * readRoadmap(doc), kept up to date incrementally.
 *
 * readRoadmap walks and normalises every task and milestone, which with thousands of milestones
 * takes long enough to freeze the page on every keystroke, drop or remote edit; and each call
 * hands out new objects, so keyed {#each} blocks re-render every row. This reader observes the
 * doc's three root maps, remembers which entities a transaction touched, and on read() re-reads
 * only those. Everything else keeps its identity: an unchanged task or milestone is the same
 * object as before, an unchanged list is the same array, and read() with nothing changed returns
 * the same RoadmapData. The output is always what readRoadmap(doc) would return.
 *
 * Changes are noticed when a transaction ends (Yjs calls deep observers before the doc's
 * 'update' event), so read() inside an unfinished transaction still shows the state before it.
 */
import * as Y from 'yjs';
import {
	byPosition,
	metaMap,
	milestonesMap,
	readMetaEdited,
	readMilestone,
	readOverview,
	readTask,
	tasksMap,
	type MilestoneData,
	type RoadmapData,
	type TaskData
} from './doc';

/** Structural equality of the plain data readTask/readMilestone return. */
function same(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	const ka = Object.keys(a);
	if (ka.length !== Object.keys(b).length) return false;
	for (const k of ka) {
		if (!Object.hasOwn(b, k)) return false;
		if (!same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
	}
	return true;
}

/**
 * The ids of the root map's entries an event happened in (its first path step). keysChanged, not
 * `event.keys`: the latter works out each key's action and old value, ~1 µs a key, and a first
 * sync adds 10,000 at once.
 */
function touchedIds(event: Y.YEvent<Y.AbstractType<unknown>>, root: unknown): Iterable<string> {
	if (event.target === root) return (event as Y.YMapEvent<unknown>).keysChanged as Set<string>;
	const id = event.path[0];
	return typeof id === 'string' ? [id] : [];
}

/** Where `item` goes in the byPosition-sorted `list`. */
function insertionIndex<T extends { position: number; id: string }>(list: T[], item: T): number {
	let low = 0;
	let high = list.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (byPosition(list[mid], item) < 0) low = mid + 1;
		else high = mid;
	}
	return low;
}

export class LiveRoadmapReader {
	private readonly doc: Y.Doc;
	private readonly tasks = new Map<string, TaskData>();
	/** Every milestone map's reading, orphans included (a task added later brings them back). */
	private readonly milestones = new Map<string, MilestoneData | null>();
	private readonly dirtyTasks = new Set<string>();
	private readonly dirtyMilestones = new Set<string>();
	private dirtyMeta = true;
	private result: RoadmapData | null = null;
	private readonly unobserve: () => void;

	constructor(doc: Y.Doc) {
		this.doc = doc;
		const tasks = tasksMap(doc);
		const milestones = milestonesMap(doc);
		const meta = metaMap(doc);
		// Nothing read yet (or a reading dropped): the next read() reads everything anyway.
		const onTasks = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
			if (!this.result) return;
			for (const e of events) for (const id of touchedIds(e, tasks)) this.dirtyTasks.add(id);
		};
		const onMilestones = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
			if (!this.result) return;
			for (const e of events)
				for (const id of touchedIds(e, milestones)) this.dirtyMilestones.add(id);
		};
		const onMeta = () => {
			this.dirtyMeta = true;
		};
		tasks.observeDeep(onTasks);
		milestones.observeDeep(onMilestones);
		meta.observeDeep(onMeta);
		this.unobserve = () => {
			tasks.unobserveDeep(onTasks);
			milestones.unobserveDeep(onMilestones);
			meta.unobserveDeep(onMeta);
		};
	}

	/** The roadmap as readRoadmap(doc) reads it, re-reading only what changed since last time. */
	read(): RoadmapData {
		const previous = this.result;
		if (!previous) return (this.result = this.readAll());
		if (!this.dirtyMeta && !this.dirtyTasks.size && !this.dirtyMilestones.size) return previous;

		let overview = previous.overview;
		let overviewEdited = previous.overviewEdited;
		if (this.dirtyMeta) {
			this.dirtyMeta = false;
			const nextOverview = readOverview(this.doc);
			if (!same(nextOverview, overview)) overview = nextOverview;
			const nextEdited = readMetaEdited(this.doc);
			if (!same(nextEdited, overviewEdited)) overviewEdited = nextEdited;
		}

		const { tasks, added: taskSetChanged } = this.applyTasks(previous.tasks);
		// Which milestones show depends on which tasks exist; a change there filters them anew.
		const milestones = this.applyMilestones(previous.milestones, taskSetChanged);

		if (
			overview === previous.overview &&
			overviewEdited === previous.overviewEdited &&
			tasks === previous.tasks &&
			milestones === previous.milestones
		)
			return previous;
		return (this.result = { overview, overviewEdited, tasks, milestones });
	}

	/** Stops observing the doc. */
	destroy(): void {
		this.unobserve();
		this.result = null;
	}

	private readAll(): RoadmapData {
		this.dirtyMeta = false;
		this.dirtyTasks.clear();
		this.dirtyMilestones.clear();
		this.tasks.clear();
		this.milestones.clear();
		for (const [id, map] of tasksMap(this.doc).entries()) {
			const task = map instanceof Y.Map ? readTask(id, map) : null;
			if (task) this.tasks.set(id, task);
		}
		for (const [id, map] of milestonesMap(this.doc).entries())
			this.milestones.set(id, map instanceof Y.Map ? readMilestone(id, map) : null);
		return {
			overview: readOverview(this.doc),
			overviewEdited: readMetaEdited(this.doc),
			tasks: [...this.tasks.values()].sort(byPosition),
			milestones: this.shownMilestones()
		};
	}

	private shownMilestones(): MilestoneData[] {
		const out: MilestoneData[] = [];
		for (const m of this.milestones.values()) if (m && this.tasks.has(m.taskId)) out.push(m);
		return out.sort(byPosition);
	}

	/**
	 * The sorted task list with the dirty tasks re-read (`previous` itself if none changed), and
	 * whether a task came or went.
	 */
	private applyTasks(previous: TaskData[]): { tasks: TaskData[]; added: boolean } {
		if (!this.dirtyTasks.size) return { tasks: previous, added: false };
		const map = tasksMap(this.doc);
		const changed = new Map<string, TaskData | null>();
		let reorder = false;
		let cameOrWent = false;
		for (const id of this.dirtyTasks) {
			const raw = map.get(id);
			const before = this.tasks.get(id);
			const after = raw instanceof Y.Map ? readTask(id, raw) : null;
			if (before && after && same(before, after)) continue;
			if (after) this.tasks.set(id, after);
			else this.tasks.delete(id);
			if (!before && !after) continue;
			changed.set(id, after);
			if (!before || !after) cameOrWent = true;
			if (cameOrWent || before?.position !== after?.position) reorder = true;
		}
		this.dirtyTasks.clear();
		if (!changed.size) return { tasks: previous, added: false };
		const tasks = reorder
			? [...this.tasks.values()].sort(byPosition)
			: previous.map((t) => changed.get(t.id) ?? t);
		return { tasks, added: cameOrWent };
	}

	/** The shown, sorted milestones with the dirty ones re-read; `previous` if none changed. */
	private applyMilestones(previous: MilestoneData[], refilter: boolean): MilestoneData[] {
		const map = milestonesMap(this.doc);
		const changed = new Map<string, MilestoneData | null>();
		let reorder = false;
		for (const id of this.dirtyMilestones) {
			const raw = map.get(id);
			const before = this.milestones.get(id) ?? null;
			const after = raw instanceof Y.Map ? readMilestone(id, raw) : null;
			if (raw === undefined) this.milestones.delete(id);
			if (before && after && same(before, after)) continue;
			if (raw !== undefined) this.milestones.set(id, after);
			if (!before && !after) continue;
			changed.set(id, after);
			if (!before || !after || before.position !== after.position || before.taskId !== after.taskId)
				reorder = true;
		}
		this.dirtyMilestones.clear();
		let next: MilestoneData[];
		if (refilter) next = this.shownMilestones();
		else if (!changed.size) return previous;
		else if (!reorder) next = previous.map((m) => changed.get(m.id) ?? m);
		else {
			next = previous.filter((m) => !changed.has(m.id));
			const moved = [...changed.values()].filter(
				(m): m is MilestoneData => !!m && this.tasks.has(m.taskId)
			);
			// A drag moves one milestone: put it in its place rather than sort 10,000 again.
			if (moved.length > 16) next = [...next, ...moved].sort(byPosition);
			else for (const m of moved) next.splice(insertionIndex(next, m), 0, m);
		}
		// Edits to milestones that are not shown (their task is gone) change nothing here.
		return next.length === previous.length && next.every((m, i) => m === previous[i])
			? previous
			: next;
	}
}
