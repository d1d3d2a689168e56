/**
 * A link from another view (a board card, a timeline row) to one milestone in the outline, where
 * its description, owners and comments are: the outline's address with the view's filter kept
 * (so the milestone is among those shown) and `milestone=<id>` added.
 */
export const MILESTONE_PARAM = 'milestone';

export function milestoneHref(outlinePath: string, search: URLSearchParams, id: string): string {
	const params = new URLSearchParams(search);
	params.delete('comment');
	params.delete('zoom'); // the timeline's own: the outline has none
	params.set(MILESTONE_PARAM, id);
	return `${outlinePath}?${params}`;
}

/**
 * The query string another view is opened with: the filter travels, a link to one item does not,
 * and neither does a view's own setting (the timeline's zoom) to a view that has no such thing.
 */
export function viewSearch(search: string, view?: string): string {
	const params = new URLSearchParams(search);
	params.delete(MILESTONE_PARAM);
	params.delete('comment');
	if (view !== undefined && view !== 'timeline') params.delete('zoom');
	const query = params.toString();
	return query ? `?${query}` : '';
}
