/**
 * A box that may scroll sideways (a wide table or chart on a narrow screen). While its content
 * overflows it joins the tab order, so a keyboard can scroll it too (WCAG 2.1.1; axe's
 * scrollable-region-focusable), and says on which side more is hidden (`data-more`: "end",
 * "start", "both"), which the `.scroll-region` style in app.css shades. When everything fits it
 * is an ordinary box again: no extra tab stop, no shade.
 */
import type { Action } from 'svelte/action';

/** Which sides hide content, from the box's scroll position; null when nothing overflows. */
export function hiddenSides(
	scrollLeft: number,
	clientWidth: number,
	scrollWidth: number
): 'start' | 'end' | 'both' | null {
	// Sub-pixel widths leave a pixel of "overflow" that nobody can see.
	const slack = 1;
	if (scrollWidth - clientWidth <= slack) return null;
	const atStart = scrollLeft <= slack;
	const atEnd = scrollLeft + clientWidth >= scrollWidth - slack;
	if (atStart) return 'end';
	if (atEnd) return 'start';
	return 'both';
}

export const scrollRegion: Action<HTMLElement> = (node) => {
	const update = () => {
		const sides = hiddenSides(Math.abs(node.scrollLeft), node.clientWidth, node.scrollWidth);
		if (sides) {
			node.dataset.more = sides;
			node.tabIndex = 0;
		} else {
			delete node.dataset.more;
			node.removeAttribute('tabindex');
		}
	};
	const resized = new ResizeObserver(update);
	resized.observe(node);
	if (node.firstElementChild) resized.observe(node.firstElementChild);
	node.addEventListener('scroll', update, { passive: true });
	update();
	return {
		destroy() {
			resized.disconnect();
			node.removeEventListener('scroll', update);
		}
	};
};
