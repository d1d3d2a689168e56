/**
 * Scrolls the page while something is dragged near the top or bottom of the window, so an item
 * can be carried past what the screen shows. Browsers' own auto-scroll during a drag is slow,
 * differs between them, and in some (headless Chromium, some touchpads) does not happen at all.
 * The speed grows as the pointer nears the edge; it stops when the drag ends.
 */

/** How close to an edge (px) the pointer must be for the page to scroll. */
const EDGE = 80;
/** Pixels per frame at the very edge. */
const MAX_STEP = 28;

/** Starts following a drag's pointer; returns the stop. */
export function scrollNearEdges(win: Window = window): () => void {
	let pointerY: number | null = null;
	let frame = 0;
	const track = (event: DragEvent) => {
		// Some browsers send a last dragover at (0, 0) as the drag ends: not a place to scroll to.
		if (event.clientX === 0 && event.clientY === 0) return;
		pointerY = event.clientY;
	};
	const step = () => {
		frame = win.requestAnimationFrame(step);
		if (pointerY === null) return;
		const fromTop = pointerY;
		const fromBottom = win.innerHeight - pointerY;
		const speed = (distance: number) => Math.ceil(MAX_STEP * (1 - Math.max(distance, 0) / EDGE));
		if (fromTop < EDGE) win.scrollBy(0, -speed(fromTop));
		else if (fromBottom < EDGE) win.scrollBy(0, speed(fromBottom));
	};
	// Capturing: drop targets stop the event's bubbling once they take it.
	win.document.addEventListener('dragover', track, true);
	frame = win.requestAnimationFrame(step);
	return () => {
		win.cancelAnimationFrame(frame);
		win.document.removeEventListener('dragover', track, true);
	};
}
