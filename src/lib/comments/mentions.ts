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
 * does a member's `@Name` typed out in full without picking it (in any case), when no other
 * member has that name (a picked person's name is theirs, whoever else has it). Longer names are replaced first,
 * so "@Kim Minji" is not taken for "@Kim" followed by " Minji". A name must stand on its own:
 * "@Kimchi", "@Ann-Marie" and "@Иванов" do not mention Kim, Ann or Иван; after a Korean name
 * only 님 and a particle may follow ("@김민지님께", "@김민지에게"), so "@김민지" does not
 * mention 김민.
 */
export function fromDraft(
	draft: string,
	picked: { id: string; name: string }[],
	members: { id: string; name: string }[] = [],
	/**
	 * An edited comment's plain text as it was (plainText): a name typed out in it that did not
	 * mention anyone then (the person was not a member, or shared the name) stays plain text, so
	 * fixing a typo does not tell them now. Only occurrences beyond those become mentions.
	 */
	plainBefore = ''
): string {
	let out = draft;
	for (const person of mentionable(picked, members)) {
		const pattern = typedName(person.name);
		let keep = person.typedOnly ? (plainBefore.match(pattern)?.length ?? 0) : 0;
		out = out.replace(pattern, (all, before: string) =>
			keep-- > 0 ? all : `${before}<@${person.id}>`
		);
	}
	return out;
}

/** A stored body's plain text, mentions left out (for fromDraft's `plainBefore`). */
export function plainText(body: string): string {
	return bodyParts(body)
		.map((part) => (part.kind === 'text' ? part.text : '\n'))
		.join('');
}

/**
 * Who a name may mention: the person picked under it, else the one member with it (a name two
 * members share is a mention only when picked). The longer names first.
 */
function mentionable(
	picked: { id: string; name: string }[],
	members: { id: string; name: string }[]
) {
	// By name as typed in any case: "@park seojun" is Park Seojun.
	const byName = new Map<string, { name: string; id: string | null; typedOnly: boolean }>();
	for (const { id, name } of picked)
		if (name.trim()) byName.set(name.toLowerCase(), { name, id, typedOnly: false });
	const pickedNames = new Set(byName.keys());
	for (const { id, name } of members) {
		const key = name.toLowerCase();
		if (!name.trim() || pickedNames.has(key)) continue;
		const other = byName.get(key);
		byName.set(key, { name, id: other && other.id !== id ? null : id, typedOnly: true });
	}
	return [...byName.values()]
		.flatMap(({ name, id, typedOnly }) => (id ? [{ name, id, typedOnly }] : []))
		.sort((a, b) => b.name.length - a.name.length);
}

/**
 * What may follow a Korean name directly: 님 and up to two particles (에게도). A title comes after
 * a space ("@김민지 과장님"), so "@김민지님" never reads as 김민 followed by "지님".
 */
const KOREAN_AFTER_NAME =
	'(?:님)?(?:께서|께|에게서|에게|한테|이랑|랑|이|가|은|는|을|를|의|도|과|와|만){0,2}';
/** What may not follow a name: a letter or digit, or a hyphen joining one (Ann-Marie). */
const RUNS_ON = '[\\p{L}\\p{N}_]|-[\\p{L}\\p{N}]';

/** `@Name` after the start, a space or punctuation, standing on its own (see fromDraft). */
function typedName(name: string): RegExp {
	const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const after = /[가-힣]$/.test(name) ? `(?=${KOREAN_AFTER_NAME}(?!${RUNS_ON}))` : `(?!${RUNS_ON})`;
	return new RegExp(`(^|[^\\p{L}\\p{N}_])@${escaped}${after}`, 'giu');
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
