import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanText, fontRuns, loadFonts } from './fonts';
import { Typesetter } from './typeset';

beforeAll(() => loadFonts());

describe('cleanText', () => {
	it('composes NFD Hangul into syllables', () => {
		const nfd = '보고서'.normalize('NFD');
		expect(nfd.length).toBeGreaterThan(3);
		expect(cleanText(nfd)).toBe('보고서');
	});

	it('turns line breaks and tabs into spaces, drops zero-width characters', () => {
		expect(cleanText('가\n나\t다\u200B라')).toBe('가 나 다라');
	});

	it('drops direction controls (RLO, PDF, isolates, marks), which would print as boxes', () => {
		expect(cleanText('AI 규제\u202E RTL\u202C 정책\u2067x\u2069\u200F')).toBe('AI 규제 RTL 정책x');
	});

	it('draws ∼, which no embedded font has, as a tilde rather than a box', () => {
		expect(cleanText('1∼3월')).toBe('1~3월');
	});
});

describe('fontRuns', () => {
	it('keeps Hangul and Latin in Pretendard and sends Hanja to Noto Sans KR', () => {
		expect(fontRuns('韓國 AI 전략', 'regular')).toEqual([
			{ font: 'cjk', text: '韓國 ' },
			{ font: 'sans', text: 'AI 전략' }
		]);
		expect(fontRuns('大韓民國', 'bold')).toEqual([{ font: 'cjkBold', text: '大韓民國' }]);
	});
});

describe('Typesetter.wrap', () => {
	const ts = new Typesetter(new PDFDocument({ size: 'A4', font: null as unknown as string }));
	const style = { size: 10 };
	const text =
		'차세대 메모리 반도체 기술 개발을 위한 고성능 저전력 차세대 메모리 기술 개발 집중 투자';

	it('breaks Korean only at spaces, every line within the width', () => {
		const lines = ts.wrap(text, 120, style);
		expect(lines.length).toBeGreaterThan(2);
		expect(lines.join(' ')).toBe(text);
		const words = new Set(text.split(' '));
		for (const line of lines) {
			expect(ts.width(line, style)).toBeLessThanOrEqual(120);
			for (const word of line.split(' ')) expect(words.has(word)).toBe(true);
		}
	});

	it('breaks a single word longer than the line inside it, and caps the lines with …', () => {
		const long = '가'.repeat(60);
		const lines = ts.wrap(long, 100, style);
		expect(lines.join('')).toBe(long);
		expect(lines.length).toBeGreaterThan(1);
		const capped = ts.wrap(text, 120, style, 2);
		expect(capped).toHaveLength(2);
		expect(capped[1].endsWith('…')).toBe(true);
		expect(ts.width(capped[1], style)).toBeLessThanOrEqual(120);
	});
});
