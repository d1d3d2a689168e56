/**
 * The PDF's fonts, from npm packages (never a system font, so every server prints the same):
 * Pretendard for Hangul and Latin, and Noto Sans KR for what Pretendard lacks (Hanja such as
 * 韓國). Both are TrueType files — pdfkit crashes on WOFF/WOFF2 or cannot subset them — loaded by
 * resolved path, which works in vitest and in the adapter-node build alike (the packages stay in
 * node_modules as runtime dependencies; only our code is bundled).
 *
 * Text is split into runs, each drawn in the first font that has all its characters, so a Hanja
 * title prints in Noto instead of as empty boxes.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

export type Weight = 'regular' | 'bold';
export type FontKey = 'sans' | 'sansBold' | 'cjk' | 'cjkBold';

const FILES: Record<FontKey, string> = {
	sans: 'pretendard/dist/public/static/alternative/Pretendard-Regular.ttf',
	sansBold: 'pretendard/dist/public/static/alternative/Pretendard-Bold.ttf',
	cjk: '@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf',
	cjkBold: '@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf'
};

/** Characters neither font has, drawn as the closest one that exists (never as a box). */
const SUBSTITUTES: Record<string, string> = {
	'\u223C': '~', // ∼ tilde operator, common in Korean ranges ("1∼3월")
	'\u2E3A': '——',
	'\u00A0': ' ',
	// Check and cross marks say done / not done: kept as the plain marks Pretendard has, rather
	// than dropped with the other emoji.
	'\u2714': '✓', // ✔
	'\u2705': '✓', // ✅
	'\u2611': '✓', // ☑
	'\u2718': '✗', // ✘
	'\u274C': '✗', // ❌
	'\u274E': '✗', // ❎
	'\u2610': '□', // ☐
	'\u2B50': '★' // ⭐
};

/**
 * Emoji and their parts (variation selectors, skin tones, keycaps, flags' regional indicators,
 * tags), and combining marks, when no font has them: dropped. Neither font has colour emoji, so
 * they printed as .notdef boxes; they decorate a title ("🔌⚡ 전력망") rather than carry its words,
 * and a mark without its glyph still leaves its base letter.
 */
const DECORATION = /[\p{Extended_Pictographic}\p{Emoji_Component}\p{Variation_Selector}\p{M}]/u;
/** Stands for a run of other characters no font has (Thai, Arabic, private use, U+FFFD): they
 * are words, so their place is marked, not lost silently. Also the whole text when nothing in it
 * could be drawn (a milestone named "🌞"), so a cell is never blank. */
const MISSING = '?';

interface LoadedFont {
	/** Parsed once per process and handed to every document (pdfkit 0.20 takes a fontkit font):
	 * re-parsing Noto Sans KR for each document would cost most of a second. */
	font: fontkit.Font;
	has(codePoint: number): boolean;
}

const loaded = new Map<FontKey, LoadedFont>();
const require = createRequire(import.meta.url);

/** The absolute path of a font file, resolved through Node's module resolution. */
export function fontPath(key: FontKey): string {
	return require.resolve(FILES[key]);
}

/**
 * Reads every font, off the event loop, once per process. Rendering calls this first, so the
 * synchronous lookups below always find their font.
 */
export async function loadFonts(): Promise<void> {
	const keys = (Object.keys(FILES) as FontKey[]).filter((key) => !loaded.has(key));
	const buffers = await Promise.all(keys.map((key) => readFile(fontPath(key))));
	keys.forEach((key, index) => {
		if (loaded.has(key)) return;
		const parsed = fontkit.create(buffers[index]);
		if (!('glyphForCodePoint' in parsed)) throw new Error(`${FILES[key]} is a font collection`);
		const coverage = new Map<number, boolean>();
		const has = (codePoint: number) => {
			let known = coverage.get(codePoint);
			if (known === undefined) {
				known = parsed.hasGlyphForCodePoint(codePoint);
				coverage.set(codePoint, known);
			}
			return known;
		};
		loaded.set(key, { font: withoutShaping(parsed), has });
	});
}

export function loadedFont(key: FontKey): LoadedFont {
	const font = loaded.get(key);
	if (!font) throw new Error('Fonts are not loaded: call loadFonts() first');
	return font;
}

/**
 * The font with its layout replaced by plain glyph advances. fontkit's shaping (GSUB/GPOS) is
 * what takes most of a PDF's time, and it buys nothing for precomposed NFC Hangul; what it costs
 * is Latin kerning, which a report can spare. Glyphs keep their code points, so every glyph still
 * maps back to its text (ToUnicode) for search and copy.
 */
function withoutShaping(font: fontkit.Font): fontkit.Font {
	const plain = Object.create(font) as fontkit.Font;
	const layout = (text: string) => {
		const glyphs: fontkit.Glyph[] = [];
		const positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[] =
			[];
		for (const char of text) {
			const glyph = font.glyphForCodePoint(char.codePointAt(0)!);
			glyphs.push(glyph);
			positions.push({ xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 });
		}
		return {
			glyphs,
			positions,
			get advanceWidth() {
				return positions.reduce((sum, position) => sum + position.xAdvance, 0);
			}
		};
	};
	Object.defineProperty(plain, 'layout', { value: layout });
	return plain;
}

const primary = (weight: Weight): FontKey => (weight === 'bold' ? 'sansBold' : 'sans');
const fallback = (weight: Weight): FontKey => (weight === 'bold' ? 'cjkBold' : 'cjk');

/**
 * What to draw for a character other than a space: itself when a font has it (in both weights),
 * else its substitute, '' to drop it, or null for MISSING. Cached per code point, so a
 * 10,000-milestone report asks the fonts once per distinct character.
 */
const drawnAs = new Map<number, string | null>();
function drawAs(char: string, code: number): string | null {
	let known = drawnAs.get(code);
	if (known === undefined) {
		const drawable =
			(loadedFont('sans').has(code) || loadedFont('cjk').has(code)) &&
			(loadedFont('sansBold').has(code) || loadedFont('cjkBold').has(code));
		known = drawable ? char : (SUBSTITUTES[char] ?? (DECORATION.test(char) ? '' : null));
		drawnAs.set(code, known);
	}
	return known;
}

/**
 * Text made safe to draw: NFC (NFD Hangul jamo would print as loose letters), control characters
 * and line breaks as spaces, zero-width and direction controls dropped, characters no font has
 * substituted, dropped (emoji, with the space they leave) or marked "?". Clean text comes back
 * unchanged, as wrap, fit and line each clean what they are given.
 */
export function cleanText(text: string): string {
	const nfc = text
		.normalize('NFC')
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, ' ')
		// Zero-width and bidirectional controls: PDFKit lays text out left to right and draws
		// these as boxes.
		.replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, '');
	let out = '';
	let lost = false; // something in the text cannot be drawn
	let dropped = false; // the last thing seen was dropped: a space after it would double up
	let missing = false; // the last thing added was MISSING for a run of undrawable characters
	for (const char of nfc) {
		const code = char.codePointAt(0)!;
		if (code === 0x20) {
			// "🔌⚡ 전력망" → "전력망", "전력 🔌 망" → "전력 망": no space where one was dropped.
			if (!(dropped && (out === '' || out.endsWith(' ')))) out += char;
			missing = false;
			continue;
		}
		const shown = drawAs(char, code);
		if (shown === '') {
			lost = dropped = true;
			continue; // a dropped mark inside a run of missing characters keeps the run one "?"
		}
		if (shown === null) {
			lost = true;
			if (!missing) out += MISSING;
			missing = true;
			dropped = false;
			continue;
		}
		out += shown;
		dropped = missing = false;
	}
	if (!lost) return out;
	if (dropped && out.endsWith(' ')) out = out.slice(0, -1); // "전력망 🔌"
	return out.trim() ? out : MISSING;
}

export interface Run {
	font: FontKey;
	text: string;
}

/** Splits clean text into runs of one font each: Pretendard where it can, else Noto Sans KR. */
export function fontRuns(text: string, weight: Weight): Run[] {
	const first = primary(weight);
	const second = fallback(weight);
	const sans = loadedFont(first);
	const cjk = loadedFont(second);
	const runs: Run[] = [];
	for (const char of text) {
		const code = char.codePointAt(0)!;
		// Spaces stay in the current run, so a Hanja phrase is one run, not one per word.
		const font =
			code === 0x20 && runs.length > 0
				? runs[runs.length - 1].font
				: sans.has(code)
					? first
					: cjk.has(code)
						? second
						: first; // neither has it: cleanText leaves no such character
		const last = runs[runs.length - 1];
		if (last && last.font === font) last.text += char;
		else runs.push({ font, text: char });
	}
	return runs;
}
