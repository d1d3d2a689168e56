/** What the person does to move on by themselves: from then on the page is theirs to scroll. */
const OWN_MOVES = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

/**
 * Shows what `find` returns in the middle of the window, and keeps it there while the page
 * around it settles: a link opened on a fresh load scrolls before the rest of the list is drawn
 * above its target and before the live doc replaces the server's first screen, and each of those
 * would push the target out of view. Stops at the person's first move of their own, or after
 * `settleMs`. Returns the stop.
 */
export function keepInView(
	find: () => HTMLElement | null,
	settleMs = 10_000,
	/** Where in the window: a whole task, taller than it, shows from its top. */
	block: ScrollLogicalPosition = 'center'
): () => void {
	const centre = () => find()?.scrollIntoView({ block });
	centre();
	const observer = new ResizeObserver(centre);
	observer.observe(document.body);
	const stop = () => {
		observer.disconnect();
		clearTimeout(timer);
		for (const type of OWN_MOVES) removeEventListener(type, stop, true);
	};
	const timer = setTimeout(stop, settleMs);
	for (const type of OWN_MOVES) addEventListener(type, stop, { capture: true, passive: true });
	return stop;
}
