/**
 * Drag and drop for reordering, with the browser's own drag events: `dragSource` on a handle,
 * `dropTarget` on each item. What is being dragged is kept here, not in dataTransfer, which
 * `dragover` may not read; a drop says where relative to the target (before or after its middle).
 */
import type { Action } from 'svelte/action';
import { scrollNearEdges } from './edge-scroll';

export interface Dragged {
	kind: 'task' | 'milestone';
	id: string;
}

let dragging: Dragged | null = null;
/** Stops the page scrolling with the drag (see edge-scroll.ts). */
let stopScrolling: (() => void) | null = null;

function endDrag() {
	dragging = null;
	stopScrolling?.();
	stopScrolling = null;
}

export const dragSource: Action<HTMLElement, Dragged> = (node, initial) => {
	let current = initial;
	const start = (event: DragEvent) => {
		dragging = current;
		event.dataTransfer?.setData('text/plain', current.id);
		if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
		// Drag the whole item, not just the handle.
		const item = node.closest<HTMLElement>(current.kind === 'task' ? 'article' : 'li');
		if (item) event.dataTransfer?.setDragImage(item, 16, 16);
		// Far targets: the page scrolls while the item is held near the top or bottom.
		stopScrolling?.();
		stopScrolling = scrollNearEdges();
	};
	const end = () => endDrag();
	node.addEventListener('dragstart', start);
	node.addEventListener('dragend', end);
	return {
		update: (next) => (current = next),
		destroy() {
			node.removeEventListener('dragstart', start);
			node.removeEventListener('dragend', end);
		}
	};
};

export interface DropTargetParams {
	/** Which kind of item this target takes. */
	kind: Dragged['kind'];
	id: string;
	/** Called on a drop of another item of `kind`: after = dropped below the middle. */
	onDrop: (draggedId: string, after: boolean) => void;
}

export const dropTarget: Action<HTMLElement, DropTargetParams> = (node, initial) => {
	let current = initial;
	const accepts = () => dragging?.kind === current.kind && dragging.id !== current.id;
	const isAfter = (event: DragEvent) => {
		const box = node.getBoundingClientRect();
		return event.clientY > box.top + box.height / 2;
	};
	const clear = () => node.removeAttribute('data-drop');
	const over = (event: DragEvent) => {
		if (!accepts()) return;
		event.preventDefault();
		event.stopPropagation();
		if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
		node.dataset.drop = isAfter(event) ? 'after' : 'before';
	};
	const drop = (event: DragEvent) => {
		if (!accepts() || !dragging) return;
		event.preventDefault();
		event.stopPropagation();
		const id = dragging.id;
		endDrag();
		clear();
		current.onDrop(id, isAfter(event));
	};
	node.addEventListener('dragover', over);
	node.addEventListener('dragleave', clear);
	node.addEventListener('drop', drop);
	return {
		update: (next) => (current = next),
		destroy() {
			node.removeEventListener('dragover', over);
			node.removeEventListener('dragleave', clear);
			node.removeEventListener('drop', drop);
		}
	};
};
