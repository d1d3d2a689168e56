/**
 * Focus that survives a redraw. Undoing a move can redraw what had focus as a new element (a
 * board card that goes back to its old column is a new card there), or move the element itself
 * (a milestone back to its old place in the list: taking a node out of the page to put it
 * elsewhere blurs it), and focus then falls to the page: a keyboard user is thrown back to the
 * top. `rememberFocus` notes where focus is by identity — the task, milestone or card it is in,
 * and which of its focusable controls — and the function it returns puts focus back on that
 * element, or on that control of the redrawn element.
 */
const HOLDERS = ['data-card-id', 'data-milestone-id', 'data-task-id'];
const FOCUSABLE = 'button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])';

export function rememberFocus(doc: Document = document): () => void {
	const active = doc.activeElement as HTMLElement | null;
	if (!active || active === doc.body) return () => {};
	const selector = HOLDERS.map((a) => `[${a}]`).join(', ');
	const holder = active.closest<HTMLElement>(selector);
	const attribute = holder && HOLDERS.find((a) => holder.hasAttribute(a));
	if (!holder || !attribute) return () => {};
	const id = holder.getAttribute(attribute)!;
	const index = [...holder.querySelectorAll<HTMLElement>(FOCUSABLE)].indexOf(active);
	return () => {
		if (doc.activeElement && doc.activeElement !== doc.body) return; // focus is somewhere
		if (active.isConnected) return active.focus(); // moved, not redrawn
		const again = [...doc.querySelectorAll<HTMLElement>(`[${attribute}]`)].find(
			(el) => el.getAttribute(attribute) === id
		);
		const controls = again ? [...again.querySelectorAll<HTMLElement>(FOCUSABLE)] : [];
		(controls[index] ?? again)?.focus();
	};
}
