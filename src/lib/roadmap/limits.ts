/**
 * One length rule per kind of text, in characters (UTF-16 code units, as `maxlength` counts).
 * The editor stops typing at the limit and says so; doc readers cut anything longer (only a
 * client that bypassed the editor can write it); the JSON API and forms refuse it with a
 * message. Nothing is cut silently where a person typed it.
 */
export const TEXT_LIMITS = {
	roadmapTitle: 200,
	organizationName: 200,
	taskTitle: 200,
	milestoneTitle: 200,
	/** A milestone's short description, plain text per language. */
	milestoneDescription: 1000,
	overview: 4000,
	/** A task summary, as plain text (the rich-text editor counts its characters). */
	summary: 10_000,
	/** A comment's body as stored (a mention counts as its `<@id>` token). */
	comment: 4000
} as const;

export type TextKind = keyof typeof TEXT_LIMITS;

/** From this share of the limit on, the editor shows a counter. */
export const COUNTER_FROM = 0.8;

/** `value` cut to the limit of its kind (for readers of a doc anyone could have written). */
export function clampText(kind: TextKind, value: string): string {
	const max = TEXT_LIMITS[kind];
	if (value.length <= max) return value;
	let cut = value.slice(0, max);
	// Do not leave half of a surrogate pair behind.
	const last = cut.charCodeAt(cut.length - 1);
	if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
	return cut;
}
