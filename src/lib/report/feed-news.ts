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
