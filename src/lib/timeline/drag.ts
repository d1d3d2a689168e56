/**
 * What dragging or keying a milestone's bar does to its dates. A bar is moved (both dates) or
 * resized from either end; a due date never ends up before the start. A milestone with only
 * one date (a diamond) is a bar of one day that keeps its single date unless a resize opens it.
 */
import { addDays } from '$lib/report/dates';

export type DragMode = 'move' | 'start' | 'end';

export interface Span {
	startDate: string | null;
	dueDate: string | null;
}

/** The span after moving `mode` by `days` (whole days; dates are YYYY-MM-DD). */
export function shiftSpan(span: Span, mode: DragMode, days: number): Span {
	const start = span.startDate ?? span.dueDate;
	const due = span.dueDate ?? span.startDate;
	if (!start || !due) return span; // nothing to move
	let nextStart = start;
	let nextDue = due;
	if (mode === 'move') {
		nextStart = addDays(start, days);
		nextDue = addDays(due, days);
	} else if (mode === 'start') {
		const moved = addDays(start, days);
		nextStart = moved > due ? due : moved;
	} else {
		const moved = addDays(due, days);
		nextDue = moved < start ? start : moved;
	}
	// A diamond stays a diamond, with its one date, until a resize opens it into a bar.
	if (nextStart === nextDue && (!span.startDate || !span.dueDate))
		return span.dueDate
			? { startDate: null, dueDate: nextDue }
			: { startDate: nextStart, dueDate: null };
	return { startDate: nextStart, dueDate: nextDue };
}

export const sameSpan = (a: Span, b: Span) =>
	a.startDate === b.startDate && a.dueDate === b.dueDate;

export interface KeyStep {
	mode: DragMode;
	days: number;
}

/**
 * The keyboard's rules for a focused bar: ←/→ move it a day, PageUp/PageDown a week;
 * with Shift they move the due date instead (resize the end), with Ctrl (⌘ on a Mac) the start.
 * Null for any other key.
 */
export function keyStep(event: {
	key: string;
	shiftKey: boolean;
	ctrlKey: boolean;
	metaKey: boolean;
	altKey: boolean;
}): KeyStep | null {
	if (event.altKey) return null; // Alt+← is the browser's "back"
	const days =
		{ ArrowLeft: -1, ArrowRight: 1, PageUp: -7, PageDown: 7 }[event.key] ?? (0 as number);
	if (!days) return null;
	const mode: DragMode = event.shiftKey ? 'end' : event.ctrlKey || event.metaKey ? 'start' : 'move';
	return { mode, days };
}
