/**
 * Characters neither embedded font has a glyph for (emoji above all) must not reach the PDF: they
 * printed as .notdef boxes followed by gaps in task titles, timeline labels and milestone tables.
 */
import PDFDocument from 'pdfkit';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Flow } from './flow';
import { cleanText, fontRuns, loadFonts, loadedFont } from './fonts';
import { Typesetter } from './typeset';

beforeAll(() => loadFonts());

/** Every character of clean text has a glyph in the font its run is drawn in, in both weights. */
function expectAllDrawable(text: string) {
	for (const weight of ['regular', 'bold'] as const)
		for (const run of fontRuns(text, weight))
			for (const char of run.text)
				expect(loadedFont(run.font).has(char.codePointAt(0)!), `${char} in ${run.font}`).toBe(true);
}

describe('cleanText and characters no font has', () => {
	it('drops emoji with the space they leave, keeping the words', () => {
		expect(cleanText('🔌⚡ 전력망 구축')).toBe('전력망 구축');
		expect(cleanText('전력 🔌 망')).toBe('전력 망');
		expect(cleanText('여름 점검 🌞')).toBe('여름 점검');
		// Variation selectors, keycaps, skin tones, ZWJ sequences and flags go with them.
		expect(cleanText('👩🏽‍💻 개발 1️⃣ 단계 🇰🇷')).toBe('개발 1 단계');
	});

	it('keeps a symbol one font has (☀, ♥) and draws check marks as the plain ones', () => {
		expect(cleanText('☀️ 여름 ♥')).toBe('☀ 여름 ♥');
		expect(cleanText('✅ 완료 ❌ 취소 ✔️')).toBe('✓ 완료 ✗ 취소 ✓');
	});

	it('marks a run of undrawable letters with "?" and a wholly undrawable text as "?"', () => {
		expect(cleanText('Bangkok สำนักงาน opening')).toBe('Bangkok ? opening');
		expect(cleanText('a\uFFFDb')).toBe('a?b');
		expect(cleanText('🌞')).toBe('?');
		expect(cleanText('🔌 ⚡ ')).toBe('?');
		// Nothing undrawable: empty stays empty and spaces stay as they were.
		expect(cleanText('')).toBe('');
		expect(cleanText('  가  나 ')).toBe('  가  나 ');
	});

	it('leaves Korean, Latin, digits, Hanja and common punctuation untouched, all drawable', () => {
		const text =
			'가나다 ABC xyz 0123456789 韓國 · – — ‘ ’ “ ” … → ← ↑ ↓ ※ ★ ● ■ □ ○ ① ② % ℃ ± × ≤ ≥ ₩ € © ® ™ 「」『』【】〈〉《》 ~ ^ | \\ / @ # & * ( ) [ ] { } ! ? : ; , . \' "';
		expect(cleanText(text)).toBe(text);
		expectAllDrawable(text);
	});

	it('returns clean text unchanged, as wrap, fit and line each clean what they get', () => {
		for (const raw of ['🔌⚡ 전력망', '🌞', '✔️ 완료', 'x สวัสดี y', '1∼3월 🌞 '])
			expect(cleanText(cleanText(raw))).toBe(cleanText(raw));
	});
});

describe('Typesetter with emoji', () => {
	const ts = new Typesetter(new PDFDocument({ size: 'A4', font: null as unknown as string }));
	const style = { size: 8.5 };

	it('wraps and fits a title with emoji to its words, every character drawable', () => {
		const title = '🔌⚡ 전력망 안정화 🌞 태양광 연계 실증 ✅ 완료';
		const lines = ts.wrap(title, 80, style, 3);
		expect(lines.join(' ')).toBe('전력망 안정화 태양광 연계 실증 ✓ 완료');
		lines.forEach(expectAllDrawable);
		expect(ts.fit('🌞', 100, style)).toBe('?');
		expect(ts.wrap('🌞', 100, style)).toEqual(['?']);
	});

	it('stays cheap for a long title with emoji (cached per code point)', () => {
		const long = '🔌⚡ 차세대 메모리 반도체 기술 개발 🌞 '.repeat(40);
		ts.wrap(long, 200, style); // warm the caches
		const start = performance.now();
		for (let i = 0; i < 1000; i++) cleanText(long);
		const perTitle = (performance.now() - start) / 1000;
		// 20–35 µs here for ~1,000 characters (as before the change); the bound catches an uncached
		// font lookup per character.
		expect(perTitle).toBeLessThan(0.5);
	});
});

/** The text of every page, as pdfjs extracts it (through the fonts' ToUnicode maps). */
async function extractText(pdf: Uint8Array): Promise<string> {
	const document = await getDocument({ data: pdf, useSystemFonts: false }).promise;
	let text = '';
	for (let number = 1; number <= document.numPages; number++) {
		const content = await (await document.getPage(number)).getTextContent();
		for (const item of content.items) if ('str' in item) text += item.str + '\n';
	}
	await document.destroy();
	return text;
}

async function render(draw: (flow: Flow) => void): Promise<Uint8Array> {
	const doc = new PDFDocument({ size: 'A4', margin: 0, font: null as unknown as string });
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const ended = new Promise((resolve) => doc.on('end', resolve));
	draw(new Flow(doc));
	doc.end();
	await ended;
	return new Uint8Array(Buffer.concat(chunks));
}

describe('a PDF with emoji in its titles', () => {
	it('holds the Korean text and no .notdef glyph', async () => {
		const pdf = await render((flow) => {
			flow.heading('3. 🔌⚡ 전력망 안정화', 2);
			flow.text('🌞 태양광 연계 실증', { size: 8.5 });
			flow.ts.line(flow.ts.fit('🌞', 100, { size: 6.5 }), flow.left, flow.y, { size: 6.5 });
		});
		const text = await extractText(pdf);
		expect(text).toContain('3. 전력망 안정화');
		expect(text).toContain('태양광 연계 실증');
		expect(text).toContain('?');
		// pdfkit maps .notdef (glyph 0) to U+0000 in ToUnicode; nothing else may stand for a
		// missing glyph either.
		expect(text).not.toContain('\u0000');
		expect(text).not.toMatch(/\uFFFD|\p{Extended_Pictographic}/u);
	});

	it('(the check above sees a .notdef glyph: one drawn past cleanText)', async () => {
		const pdf = await render((flow) => {
			flow.ts.line('전력망', flow.left, flow.y, { size: 10 }); // selects Pretendard
			flow.doc.text('🔌 전력망', flow.left, flow.y + 20, { lineBreak: false });
		});
		expect(await extractText(pdf)).toContain('\u0000 전력망');
	});
});
