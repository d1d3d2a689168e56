/**
 * Where a person is on the plan page: the task or milestone their focus is in. It travels in
 * their awareness state beside `user` (which the server overwrites from the session; this part
 * it relays as sent), so everything read from a peer is checked here before it is shown.
 */
import { shorten } from '$lib/i18n/shorten';

export interface PresenceLocation {
	kind: 'task' | 'milestone';
	id: string;
	/** In its comment thread (writing or reading comments), not in its fields. */
	commenting?: true;
}

/** A peer's location, or null when absent or malformed. */
export function readLocation(value: unknown): PresenceLocation | null {
	if (!value || typeof value !== 'object') return null;
	const { kind, id, commenting } = value as Partial<PresenceLocation>;
	if (kind !== 'task' && kind !== 'milestone') return null;
	if (typeof id !== 'string' || !id || id.length > 64) return null;
	return commenting === true ? { kind, id, commenting } : { kind, id };
}

export const sameLocation = (a: PresenceLocation | null, b: PresenceLocation | null) =>
	a === b ||
	(!!a && !!b && a.kind === b.kind && a.id === b.id && !!a.commenting === !!b.commenting);

/**
 * The location an element is in: its milestone (row, bar or card), else its task card (by data attributes);
 * `commenting` inside a comment thread.
 */
export function locationOf(element: EventTarget | null): PresenceLocation | null {
	if (!element || typeof (element as Element).closest !== 'function') return null;
	const el = element as Element;
	const at = (kind: PresenceLocation['kind'], id: string): PresenceLocation =>
		el.closest('[data-testid="comments"]') ? { kind, id, commenting: true } : { kind, id };
	// A milestone's row in the outline or bar on the timeline, or its card on the board.
	const milestone =
		el.closest<HTMLElement>('[data-milestone-id]')?.dataset.milestoneId ??
		el.closest<HTMLElement>('[data-card-id]')?.dataset.cardId;
	if (milestone) return at('milestone', milestone);
	const task = el.closest<HTMLElement>('[data-task-id]')?.dataset.taskId;
	return task ? at('task', task) : null;
}

/**
 * The title to show for a location, or null when it names nothing on this roadmap (a peer's
 * stale or made-up id is simply not shown).
 */
export function locationTitle(
	location: PresenceLocation | null,
	titles: { tasks: Map<string, string>; milestones: Map<string, string> }
): string | null {
	if (!location) return null;
	const title = (location.kind === 'task' ? titles.tasks : titles.milestones).get(location.id);
	return title ?? null;
}

/** Characters of a title a presence chip shows (PresenceList). */
export const CHIP_TITLE = 20;

/**
 * A title as a presence chip shows it: a long one cut, at a word where one is near, with "…".
 * The title is shortened, not the chip: in Korean the verb comes last ("… 편집 중"), and a chip
 * cut at its end would say where someone is but not what they do.
 */
export const chipTitle = (title: string): string => shorten(title, CHIP_TITLE);
