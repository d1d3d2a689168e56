/**
 * What this page made or changed while a filter was on, so the filter keeps showing it: a
 * milestone added under "status: in progress" is "planned", and without this it would vanish the
 * moment it was made, looking lost. Only this page's own edits count (a transaction's `local`:
 * the server's and IndexedDB's updates are applied as remote), and each id remembers the filter it
 * was kept under, so changing the filter shows exactly what the new filter matches.
 */
import * as Y from 'yjs';
import { SvelteMap } from 'svelte/reactivity';
import { BOOKKEEPING, milestonesMap, tasksMap } from '$lib/roadmap/doc';
import type { PlanFilter } from '$lib/roadmap/filter';

export const filterKey = (filter: PlanFilter) => JSON.stringify(filter);

export class KeptHere {
	/** id → the filter (filterKey) it was made or changed under. */
	private readonly under = new SvelteMap<string, string>();

	/** The ids kept under this filter. */
	for(filter: PlanFilter): Set<string> {
		const key = filterKey(filter);
		return new Set([...this.under].filter(([, at]) => at === key).map(([id]) => id));
	}

	/** Starts noting the tasks and milestones this page's own transactions touch; returns a stop. */
	watch(doc: Y.Doc, currentFilter: () => PlanFilter): () => void {
		const stops = [tasksMap(doc), milestonesMap(doc)].map((root) => {
			const note = (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction) => {
				if (!tr.local || tr.origin === BOOKKEEPING) return;
				const key = filterKey(currentFilter());
				for (const event of events) {
					const ids = event.target === root ? [...event.keys.keys()] : [event.path[0]];
					for (const id of ids) if (typeof id === 'string') this.under.set(id, key);
				}
			};
			root.observeDeep(note);
			return () => root.unobserveDeep(note);
		});
		return () => stops.forEach((stop) => stop());
	}
}
