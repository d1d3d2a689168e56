/**
 * Mentions inside a comment's body. Stored as `<@user-uuid>` so a renamed member shows under
 * their new name; written and edited in the composer as `@Name`. Shared by the API (which finds
 * the ids) and the page (which turns them into names and back).
 */

const TOKEN = /<@([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})>/gi;

/** The ids a body mentions, each once, in order of first mention. */
export function mentionIds(body: string): string[] {
	return [...new Set([...body.matchAll(TOKEN)].map((m) => m[1].toLowerCase()))];
}

export type BodyPart = { kind: 'text'; text: string } | { kind: 'mention'; id: string };

/** The body cut into plain text and mentions, for rendering (never as HTML). */
export function bodyParts(body: string): BodyPart[] {
	const parts: BodyPart[] = [];
	let last = 0;
	for (const match of body.matchAll(TOKEN)) {
		if (match.index > last) parts.push({ kind: 'text', text: body.slice(last, match.index) });
		parts.push({ kind: 'mention', id: match[1].toLowerCase() });
		last = match.index + match[0].length;
	}
	if (last < body.length) parts.push({ kind: 'text', text: body.slice(last) });
	return parts;
}

/** A stored body as the composer shows it: each mention as `@Name`. */
export function toDraft(body: string, nameOf: (id: string) => string): string {
	return body.replace(TOKEN, (_all, id: string) => `@${nameOf(id.toLowerCase())}`);
}

/**
 * A draft as stored: each `@Name` of a person picked in the composer becomes their token, and so
 * does a member's `@Name` typed out in full without picking it, when no other member has that
 * name. Longer names are replaced first, so "@Kim Minji" is not taken for "@Kim" followed by
 * " Minji". A typed name must stand on its own: "@Kimchi" does not mention Kim, while Korean's
 * particles and titles may follow one ("@김민지님", "@김민지에게").
 */
export function fromDraft(
	draft: string,
	picked: { id: string; name: string }[],
	members: { id: string; name: string }[] = []
): string {
	const byLength = [...picked].sort((a, b) => b.name.length - a.name.length);
	let out = draft;
	for (const person of byLength) out = out.split(`@${person.name}`).join(`<@${person.id}>`);
	for (const person of typedOnly(picked, members))
		out = out.replace(typedName(person.name), (_all, before: string) => `${before}<@${person.id}>`);
	return out;
}

/** Members whose name no picked person and no other member has, the longer names first. */
function typedOnly(picked: { name: string }[], members: { id: string; name: string }[]) {
	const taken = new Set(picked.map((p) => p.name));
	const idsByName = new Map<string, Set<string>>();
	for (const { id, name } of members) {
		if (!name.trim() || taken.has(name)) continue;
		idsByName.set(name, (idsByName.get(name) ?? new Set()).add(id));
	}
	return [...idsByName]
		.filter(([, ids]) => ids.size === 1)
		.map(([name, ids]) => ({ name, id: [...ids][0] }))
		.sort((a, b) => b.name.length - a.name.length);
}

/** `@Name` after the start, a space or punctuation, and not running on into Latin letters or digits. */
function typedName(name: string): RegExp {
	const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`(^|[^\\p{L}\\p{N}_])@${escaped}(?![\\p{Script=Latin}\\p{N}_])`, 'gu');
}

/**
 * The mention being typed at `caret`: the text after an `@` that starts the text or follows a
 * space, up to the caret, when it has no line break. Null when the caret is not in one.
 */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
	const before = text.slice(0, caret);
	const at = before.lastIndexOf('@');
	if (at < 0 || (at > 0 && !/\s/.test(before[at - 1]))) return null;
	const query = before.slice(at + 1);
	if (/[\n<>]/.test(query) || query.length > 40) return null;
	return { start: at, query };
}
