/**
 * What a summary makes of a pasted table. The summary has paragraphs, lists and marks, no tables:
 * ProseMirror would pour a table's cells into one paragraph ("예산100억기간3년"), and a ministry
 * officer's table from a Hangul or Word document would read as one run-on line. Each row becomes
 * a paragraph of its cells, " | " between them, so the table's reading survives the paste.
 */

/** The cell separator of a flattened row. */
export const CELL_SEPARATOR = ' | ';

/** `html` with every table in it turned into one paragraph per row (innermost tables first). */
export function flattenPastedTables(html: string): string {
	if (!/<table[\s>]/i.test(html)) return html;
	const doc = new DOMParser().parseFromString(html, 'text/html');
	for (const table of [...doc.querySelectorAll('table')].reverse()) {
		const paragraphs = [...table.rows].flatMap((row) => {
			const cells = [...row.cells].map((cell) => cellText(cell)).filter(Boolean);
			if (!cells.length) return [];
			const p = doc.createElement('p');
			p.textContent = cells.join(CELL_SEPARATOR);
			return [p];
		});
		table.replaceWith(...paragraphs);
	}
	return doc.body.innerHTML;
}

/** A cell's words on one line; its paragraphs and line breaks become spaces ("AI 인재"). */
function cellText(cell: HTMLTableCellElement): string {
	for (const block of cell.querySelectorAll('p, div, li, br, h1, h2, h3, h4, h5, h6'))
		block.after(' ');
	return (cell.textContent ?? '').replace(/\s+/g, ' ').trim();
}
