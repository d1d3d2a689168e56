/**
 * How many changes the activity feed has that the page does not show yet: those made after the
 * newest it drew, including one it drew that has been typed on since (typing goes on coalescing
 * into the change it made, with a later time). Entries have no id that lasts from one reading of
 * the feed to the next (a change may join another), so their times are what is compared.
 */
export function countNewChanges(shown: { at: string }[], fresh: { at: string }[]): number {
	const newest = Math.max(...shown.map((e) => Date.parse(e.at)).filter(Number.isFinite));
	return fresh.filter((e) => Date.parse(e.at) > newest).length;
}

/**
 * What the feed's news button says: the count of new changes on the feed's first page, and
 * whether there may be more than that (every entry of a full first page is new and a second page
 * follows), so a reader away for a busy hour is told "50 or more", not "50".
 */
export function newChangesOf(
	shown: { at: string }[],
	fresh: { entries: { at: string }[]; hasMore: boolean }
): { count: number; orMore: boolean } {
	const count = countNewChanges(shown, fresh.entries);
	return { count, orMore: fresh.hasMore && count > 0 && count === fresh.entries.length };
}
