/**
 * The page flow of the PDF: an A4 content box, a cursor that moves down it, and new pages when a
 * block does not fit. pdfkit's own pagination is off (zero margins, no line breaking), so nothing
 * is ever split where we did not decide to split it.
 */
import { REPORT_COLORS } from '../../../report/palette';
import { Typesetter, type TextStyle } from './typeset';

export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = { top: 64, bottom: 64, left: 56, right: 56 };
const HEADING_SIZE = { 1: 16, 2: 12.5 } as const;

export class Flow {
	readonly ts: Typesetter;
	readonly left = MARGIN.left;
	readonly width = A4.width - MARGIN.left - MARGIN.right;
	readonly bottom = A4.height - MARGIN.bottom;
	y = MARGIN.top;
	private started = performance.now();

	constructor(readonly doc: PDFKit.PDFDocument) {
		this.ts = new Typesetter(doc);
	}

	get pageIndex(): number {
		const range = this.doc.bufferedPageRange();
		return range.start + range.count - 1;
	}

	newPage() {
		this.doc.addPage({ size: 'A4', margin: 0 });
		this.y = MARGIN.top;
	}

	/** Starts a new page unless `height` more points fit on this one. */
	ensure(height: number) {
		if (this.y + height > this.bottom) this.newPage();
	}

	/** Vertical space, dropped at the top of a page. */
	gap(points: number) {
		if (this.y > MARGIN.top) this.y += points;
	}

	/** Wrapped text at the cursor, moving it down; a paragraph taller than the rest of the page
	 * continues on the next one, line by line. */
	text(raw: string, style: TextStyle & { indent?: number; gap?: number }) {
		const indent = style.indent ?? 0;
		const height = style.size * (1 + (style.gap ?? 0.5));
		for (const line of this.ts.wrap(raw, this.width - indent, style)) {
			this.ensure(height);
			this.ts.line(line, this.left + indent, this.y, style);
			this.y += height;
		}
	}

	/**
	 * The room a one-line heading of `level` takes with the `keep` points it is kept with: the
	 * `keep` of a heading whose content starts with such a subheading. Kept with less, the heading
	 * stayed alone at a page's foot while its subheading went to the next page.
	 */
	headingSpace(level: 1 | 2, keep = 60, lines = 1): number {
		const size = HEADING_SIZE[level];
		return (level === 1 ? 18 : 12) + size * 1.5 * lines + size * 0.1 + keep + (level === 1 ? 6 : 0);
	}

	/** A section heading, kept with at least `keep` points of what follows. */
	heading(title: string, level: 1 | 2, keep = 60) {
		const size = HEADING_SIZE[level];
		const style = { size, weight: 'bold', color: REPORT_COLORS.ink } as const;
		// A long title (a task's can be 200 characters) wraps onto a second line and is cut there.
		const lines = this.ts.wrap(title, this.width, style, 2);
		this.gap(level === 1 ? 18 : 12);
		this.ensure(size * 1.5 * lines.length + size * 0.1 + (level === 1 ? 6 : 0) + keep);
		for (const line of lines) {
			this.ts.line(line, this.left, this.y, style);
			this.y += size * 1.5;
		}
		if (level === 1) {
			this.doc
				.moveTo(this.left, this.y - 4)
				.lineTo(this.left + this.width, this.y - 4)
				.lineWidth(0.8)
				.strokeColor(REPORT_COLORS.ink)
				.stroke();
			this.y += 6;
		}
	}

	/**
	 * Hands the event loop back now and then, so a long export does not stall live editing of
	 * other roadmaps on the same server: pdfkit is synchronous, the awaits between rows are not.
	 */
	async breathe() {
		if (performance.now() - this.started < 12) return;
		await new Promise((resolve) => setImmediate(resolve));
		this.started = performance.now();
	}
}
