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

/**
 * `text` without U+0000: Postgres text cannot hold that character, and a statement that names it
 * fails whole. Nobody types it; it comes from scripts, pasted binary and hostile clients. Every
 * reader of the doc (clampText) and every request body (forms, JSON) goes through this.
 */
export const withoutNul = (text: string): string =>
	text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;

/**
 * Left-to-right and right-to-left overrides (U+202D, U+202E) draw the letters after them in the
 * order they force: "‮txt.exe" shows as "exe.txt". No Korean or English title needs them, and
 * one could make a title read as something else than what it says; readers leave them out.
 */
const BIDI_OVERRIDES = /[\u202D\u202E]/g;

/**
 * `value` cut to the limit of its kind, without U+0000 or bidi overrides (for readers of a doc anyone could have
 * written): Postgres text cannot hold that character, and one in a title left every later
 * projection of the roadmap failing, and with it the roadmap's page.
 */
export function clampText(kind: TextKind, value: string): string {
	value = withoutNul(value).replace(BIDI_OVERRIDES, '');
	const max = TEXT_LIMITS[kind];
	if (value.length <= max) return value;
	let cut = value.slice(0, max);
	// Do not leave half of a surrogate pair behind.
	const last = cut.charCodeAt(cut.length - 1);
	if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
	return cut;
}

/** The longest task or milestone id a reader accepts (ours are 19 characters: doc.ts newId). */
export const MAX_ENTITY_ID = 100;

/**
 * Whether a task or milestone id, a key of the doc's maps that any client could have written, can
 * be shown and stored: readers leave out entities whose id is empty, too long for a key of the
 * projection's indexes, or holds U+0000, which Postgres text cannot store.
 */
export const isEntityId = (id: unknown): id is string =>
	typeof id === 'string' && id.length > 0 && id.length <= MAX_ENTITY_ID && !id.includes('\u0000');
