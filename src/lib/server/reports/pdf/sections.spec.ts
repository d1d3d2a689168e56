import PDFDocument from 'pdfkit';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportFixture, withDescriptions } from '../../../../../tests/helpers/report-fixture';
import type { ReportData } from '../../../report/model';
import { A4, Flow, MARGIN } from './flow';
import { loadFonts } from './fonts';
import { renderReportPdf } from './index';
import { DESCRIPTION_LINES, descriptionLines } from './sections';

beforeAll(() => loadFonts());

/** Every text item of a PDF: its text, page, top (points from the page's top) and size. */
async function textItems(pdf: Uint8Array) {
	const document = await getDocument({ data: pdf.slice(), useSystemFonts: false }).promise;
	const items: { str: string; page: number; top: number; size: number }[] = [];
	for (let number = 1; number <= document.numPages; number++) {
		const page = await document.getPage(number);
		const { height } = page.getViewport({ scale: 1 });
		for (const item of (await page.getTextContent()).items) {
			if (!('str' in item) || !item.str.trim()) continue;
			const size = Math.hypot(item.transform[2], item.transform[3]);
			items.push({ str: item.str, page: number, top: height - item.transform[5], size });
		}
	}
	return items;
}

const compact = (text: string) => text.replace(/\s+/g, '');

const WHY = {
	ko: '조달 지연으로 일정이 밀림. 2026-09-20 KISTEP과 만회 계획 합의.',
	en: 'Delayed by procurement; recovery plan agreed with KISTEP on 2026-09-20.'
};

/** The fixture with descriptions on its at-risk (m-4), overdue (m-3) and done (m-1) milestones. */
function described(extra: Partial<ReportData> = {}): ReportData {
	return withDescriptions(reportFixture(extra), {
		'm-4': WHY,
		'm-3': { ko: '', en: 'Waiting for the budget office.' },
		'm-1': { ko: '완료 보고서 제출.', en: 'Final report filed.' }
	});
}

describe('the PDF’s milestone tables', () => {
	it('show the descriptions of at-risk and overdue milestones under their rows, smaller', async () => {
		for (const locale of ['ko', 'en'] as const) {
			const items = await textItems(await renderReportPdf(described(), locale));
			const small = items.filter((item) => Math.abs(item.size - 7.5) < 0.2);
			const text = compact(small.map((item) => item.str).join(''));
			expect(text, locale).toContain(compact(WHY[locale]));
			// Written in English only: shown in Korean too, as titles are.
			expect(text).toContain(compact('Waiting for the budget office.'));
			// Not in the done section: only the late and the troubled say why.
			expect(compact(items.map((item) => item.str).join(''))).not.toContain(
				compact(locale === 'ko' ? '완료 보고서 제출.' : 'Final report filed.')
			);
		}
	});

	it('cut a long description to a few lines and keep every row inside the page, on any page', async () => {
		const report = reportFixture();
		const long = `${'조달 지연과 예산 재배정으로 일정이 늦어졌고 관계 부처 협의를 거쳐 만회 계획을 세웠습니다. '.repeat(40)}\n끝 문단`;
		// Many rows with long descriptions, so the table runs over pages.
		const milestones = Array.from({ length: 30 }, (_, i) => ({
			...report.milestones[3],
			id: `risk-${i}`,
			description: { ko: long, en: long }
		}));
		const pdf = await renderReportPdf(
			{
				...report,
				milestones: [...report.milestones, ...milestones],
				sections: { ...report.sections, atRiskOrBlocked: milestones.map((m) => m.id) }
			},
			'ko'
		);
		const items = await textItems(pdf);
		const small = items.filter((item) => Math.abs(item.size - 7.5) < 0.2);
		expect(small.length).toBeGreaterThan(30);
		// Nothing but the page number below the content box.
		const below = items.filter((item) => item.top > A4.height - MARGIN.bottom + 2);
		expect(below.every((item) => /^\d+ \/ \d+$/.test(item.str.trim()))).toBe(true);
		// The last paragraph is not reached: the lines stop, ending in "…".
		expect(small.some((item) => item.str.includes('끝 문단'))).toBe(false);
		expect(small.some((item) => item.str.endsWith('…'))).toBe(true);
	});
});

describe('descriptionLines', () => {
	const flow = () => {
		const doc = new PDFDocument({ size: 'A4', margin: 0, bufferPages: true, autoFirstPage: false });
		const f = new Flow(doc);
		f.newPage();
		return f;
	};

	it('wraps each paragraph on its own lines and stops at the limit with "…"', () => {
		const { ts } = flow();
		expect(descriptionLines(ts, '1차 점검 완료.\n\n예산 집행률 45%.', 400)).toEqual([
			'1차 점검 완료.',
			'예산 집행률 45%.'
		]);
		const many = Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1}`).join('\n');
		const lines = descriptionLines(ts, many, 400);
		expect(lines).toHaveLength(DESCRIPTION_LINES);
		expect(lines.at(-1)).toBe(`Paragraph ${DESCRIPTION_LINES}…`);
		const wide = descriptionLines(ts, 'word '.repeat(5000), 200);
		expect(wide).toHaveLength(DESCRIPTION_LINES);
		expect(wide.at(-1)!.endsWith('…')).toBe(true);
		expect(descriptionLines(ts, '', 400)).toEqual([]);
	});
});
