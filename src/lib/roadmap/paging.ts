/**
 * A task's milestones drawn a page at a time. Every drawn row is live (text bindings, pickers,
 * comment threads), so a task with 2,000 milestones drawn whole takes seconds to open; the
 * outline draws the first page and offers the rest. Rows this page added or moved stay drawn
 * wherever they land (pinned), so what one just made never vanishes below the fold.
 */

/** How many of a task's milestones the outline draws before "show more". */
export const MILESTONE_PAGE = 50;

export interface PagedRow<T> {
	item: T;
	/** Its place in the whole list (what reordering counts in). */
	index: number;
}

/** The first `count` items and any pinned ones after them, in order, and how many are left out. */
export function firstPage<T extends { id: string }>(
	items: readonly T[],
	count: number,
	pinned: ReadonlySet<string> = new Set()
): { rows: PagedRow<T>[]; hidden: number } {
	const rows: PagedRow<T>[] = [];
	items.forEach((item, index) => {
		if (index < count || pinned.has(item.id)) rows.push({ item, index });
	});
	return { rows, hidden: items.length - rows.length };
}
