/**
 * A task's milestones drawn a page at a time. Every drawn row is live (text bindings, pickers,
 * comment threads), so a task with 2,000 milestones drawn whole takes seconds to open; the
 * outline draws the first page and offers the rest. Rows this page added or moved stay drawn
 * wherever they land (pinned), so what one just made never vanishes below the fold.
 */

/** How many of a task's milestones the outline draws before "show more". */
export const MILESTONE_PAGE = 50;

/**
 * How many of them a task draws in the frame the live outline first appears. A page of 50 rows
 * for each of five tasks is 250 live editors, most of a second to build and lay out on a slow
 * machine, while a screen shows the first few; the rest of the page follows once that frame is
 * painted, a task at a time (see afterFirstPaint).
 */
export const FIRST_DRAW = 10;

/** A milestone row's least height in the outline, in CSS pixels (one line of fields, wide screen). */
const ROW_MIN_PX = 80;

/**
 * How many milestones each task draws in that first frame: tasks in order, as many rows as could
 * fill a window `viewportHeight` tall (at most FIRST_DRAW each), and none for the tasks below
 * them, which are out of sight until the rest is drawn. On a big plan the frame the live outline
 * first appears in is most of the wait before one can type; drawing ten rows for every task put
 * fifty live rows into it where a screen shows a dozen.
 */
export function firstDraws(counts: readonly number[], viewportHeight: number): number[] {
	let left = Math.max(1, Math.ceil(viewportHeight / ROW_MIN_PX));
	return counts.map((count) => {
		const drawn = Math.min(count, FIRST_DRAW, left);
		left -= drawn;
		return drawn;
	});
}

/**
 * Runs `then` once the browser has painted the current frame, as a task of its own so input
 * waiting meanwhile goes first; returns a cancel.
 */
export function afterFirstPaint(then: () => void): () => void {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const frame = requestAnimationFrame(() => (timer = setTimeout(then, 0)));
	return () => {
		cancelAnimationFrame(frame);
		clearTimeout(timer);
	};
}

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
