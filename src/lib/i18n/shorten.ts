/**
 * A text cut to at most `max` characters (code points, so never inside a surrogate pair) for a
 * chip or a preview: at the last space past half of it where there is one, with "…" when
 * anything was left out. Runs of whitespace read as one space.
 */
export function shorten(text: string, max: number): string {
	const chars = [...text.replace(/\s+/g, ' ').trim()];
	if (chars.length <= max) return chars.join('');
	const cut = chars.slice(0, max).join('');
	const space = cut.lastIndexOf(' ');
	return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}
