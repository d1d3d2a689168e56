const PALETTE = [
	'#1d5fd1',
	'#c2410c',
	'#0f766e',
	'#7c3aed',
	'#be123c',
	'#15803d',
	'#b45309',
	'#0e7490'
];

/** A stable colour per person, so everyone sees the same one for them (carets, presence). */
export function colorFor(id: string): string {
	let hash = 0;
	for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
	return PALETTE[hash % PALETTE.length];
}
