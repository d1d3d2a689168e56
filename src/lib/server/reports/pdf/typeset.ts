/**
 * Measuring, wrapping and drawing text in the PDF. pdfkit's own line breaking treats every pair
 * of Hangul syllables as a break opportunity (a word split mid-way reads as a typo in Korean), and
 * it draws a whole string in one font. So text is wrapped here, at spaces, measuring each run in
 * the font it will be drawn in, and every line is drawn run by run with pdfkit's breaking off.
 */
import { cleanText, fontRuns, loadedFont, type FontKey, type Weight } from './fonts';

export interface TextStyle {
	size: number;
	weight?: Weight;
	color?: string;
}

export class Typesetter {
	private readonly registered = new Set<FontKey>();
	private readonly widths = new Map<string, number>();
	private current: FontKey | null = null;
	private currentSize = 0;

	constructor(private readonly doc: PDFKit.PDFDocument) {}

	/** Selects a font (embedding it on first use only, so an all-Hangul PDF carries no Noto). */
	private use(font: FontKey, size: number) {
		if (this.current === font && this.currentSize === size) return;
		this.current = font;
		this.currentSize = size;
		if (!this.registered.has(font)) {
			// pdfkit 0.20 accepts a parsed fontkit font; its typings only list files and buffers.
			this.doc.registerFont(font, loadedFont(font).font as unknown as Buffer);
			this.registered.add(font);
		}
		this.doc.font(font).fontSize(size);
	}

	/** Width of clean text, in points. Measured per run in the font that will draw it. */
	width(text: string, style: TextStyle): number {
		let total = 0;
		for (const run of fontRuns(text, style.weight ?? 'regular')) {
			const key = `${run.font}|${style.size}|${run.text}`;
			let width = this.widths.get(key);
			if (width === undefined) {
				this.use(run.font, style.size);
				width = this.doc.widthOfString(run.text);
				if (this.widths.size < 50_000) this.widths.set(key, width);
			}
			total += width;
		}
		return total;
	}

	/**
	 * Lines of at most `maxWidth` points, broken at spaces. Only a single word longer than a whole
	 * line is broken inside, character by character (never inside a Hangul syllable, since
	 * the text is NFC). With `maxLines`, the last line kept ends in "…".
	 */
	wrap(raw: string, maxWidth: number, style: TextStyle, maxLines = Infinity): string[] {
		const text = cleanText(raw).replace(/ +/g, ' ').trim();
		if (!text) return [''];
		const space = this.width(' ', style);
		const lines: string[] = [];
		let line = '';
		let lineWidth = 0;
		for (const word of text.split(' ')) {
			const wordWidth = this.width(word, style);
			if (line && lineWidth + space + wordWidth <= maxWidth) {
				line += ' ' + word;
				lineWidth += space + wordWidth;
				continue;
			}
			if (line) lines.push(line);
			if (wordWidth <= maxWidth) {
				line = word;
				lineWidth = wordWidth;
				continue;
			}
			// A word wider than the line (a URL, a long compound): break it where it must.
			line = '';
			lineWidth = 0;
			for (const char of word) {
				const charWidth = this.width(char, style);
				if (line && lineWidth + charWidth > maxWidth) {
					lines.push(line);
					line = '';
					lineWidth = 0;
				}
				line += char;
				lineWidth += charWidth;
			}
		}
		if (line) lines.push(line);
		if (lines.length <= maxLines) return lines;
		const kept = lines.slice(0, maxLines);
		kept[maxLines - 1] = this.fit(kept[maxLines - 1] + '…', maxWidth, style);
		return kept;
	}

	/** The text cut (with "…") to fit on one line of `maxWidth` points. */
	fit(raw: string, maxWidth: number, style: TextStyle): string {
		let text = cleanText(raw);
		if (this.width(text, style) <= maxWidth) return text;
		const chars = Array.from(text.replace(/…$/, ''));
		while (chars.length > 0) {
			chars.pop();
			text = chars.join('').trimEnd() + '…';
			if (this.width(text, style) <= maxWidth) return text;
		}
		return '';
	}

	/** Draws one line with its top at y. `align` positions it within `width` from x. */
	line(
		raw: string,
		x: number,
		y: number,
		style: TextStyle & { width?: number; align?: 'left' | 'right' | 'center' }
	): number {
		const text = cleanText(raw);
		const weight = style.weight ?? 'regular';
		const total = this.width(text, style);
		let cursor = x;
		if (style.width !== undefined && style.align === 'right') cursor = x + style.width - total;
		if (style.width !== undefined && style.align === 'center')
			cursor = x + (style.width - total) / 2;
		this.doc.fillColor(style.color ?? INK);
		for (const run of fontRuns(text, weight)) {
			this.use(run.font, style.size);
			this.doc.text(run.text, cursor, y, { lineBreak: false });
			cursor += this.width(run.text, style);
		}
		return total;
	}

	/** Draws wrapped lines from y; returns the height used. */
	paragraph(raw: string, x: number, y: number, width: number, style: TextStyle & { gap?: number }) {
		const lines = this.wrap(raw, width, style);
		const height = lineHeight(style.size, style.gap);
		lines.forEach((text, index) => this.line(text, x, y + index * height, style));
		return lines.length * height;
	}
}

export const INK = '#1f2937';

/** Line height for a font size: Hangul needs more leading than Latin to read comfortably. */
export const lineHeight = (size: number, gap = 0.5) => size * (1 + gap);
