/**
 * The PDF as a reader gets it: built from the seeded demo roadmap by the real pipeline, parsed
 * back with pdfjs (the text is there: titles, Hanja, "n / N") and rendered to pixels with
 * poppler's pdftoppm (the text is visible: ink where each title is). Text extraction alone passes
 * a PDF whose glyphs are blank; the pixels do not.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { roadmaps } from '../../db/schema';
import { seedDatabase } from '../../db/seed';
import type { ReportData } from '../../src/lib/report/model';
import { fiveTasks } from '../../src/lib/roadmap/templates/five-tasks';
import { buildReport } from '../../src/lib/server/reports/build';
import { renderReportPdf } from '../../src/lib/server/reports/pdf';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';

const HANJA = '韓國 AI 전략 점검 ∼ 2분기';
const DPI = 72; // one pixel per PDF point, so text positions map straight onto the image

interface Placed {
	str: string;
	page: number;
	x: number;
	/** Top of the glyph box, from the top of the page, in points. */
	top: number;
	width: number;
	height: number;
}

/** Every text item of the PDF with its box on the page. */
async function textItems(pdf: Uint8Array) {
	const document = await getDocument({ data: pdf.slice(), useSystemFonts: false }).promise;
	const items: Placed[] = [];
	const pageText: string[] = [];
	for (let number = 1; number <= document.numPages; number++) {
		const page = await document.getPage(number);
		const { height: pageHeight } = page.getViewport({ scale: 1 });
		const content = await page.getTextContent();
		let text = '';
		for (const item of content.items) {
			if (!('str' in item)) continue;
			text += item.str;
			const size = Math.hypot(item.transform[2], item.transform[3]);
			items.push({
				str: item.str,
				page: number,
				x: item.transform[4],
				top: pageHeight - item.transform[5] - size * 0.8,
				width: item.width,
				height: size
			});
		}
		pageText.push(text);
	}
	return { pages: document.numPages, items, pageText };
}

/** Renders every page to 8-bit grey PGM with pdftoppm; returns the images, page 1 first. */
function renderPages(pdf: Uint8Array, pages: number) {
	const dir = mkdtempSync(join(tmpdir(), 'ieum-pdf-'));
	try {
		writeFileSync(join(dir, 'report.pdf'), pdf);
		execFileSync('pdftoppm', ['-gray', '-r', String(DPI), join(dir, 'report.pdf'), join(dir, 'p')]);
		const digits = String(pages).length;
		return Array.from({ length: pages }, (_, i) =>
			parsePgm(readFileSync(join(dir, `p-${String(i + 1).padStart(digits, '0')}.pgm`)))
		);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

function parsePgm(file: Buffer) {
	const header = file
		.subarray(0, 64)
		.toString('latin1')
		.match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
	if (!header) throw new Error('not a PGM image');
	const [, width, height] = header.map(Number);
	return { width, height, pixels: file.subarray(header[0].length) };
}

/** Share of dark pixels inside a box (points = pixels at 72 dpi). */
function inkIn(image: ReturnType<typeof parsePgm>, box: Placed): number {
	let dark = 0;
	let total = 0;
	const x0 = Math.max(0, Math.floor(box.x));
	const x1 = Math.min(image.width, Math.ceil(box.x + box.width));
	const y0 = Math.max(0, Math.floor(box.top));
	const y1 = Math.min(image.height, Math.ceil(box.top + box.height));
	for (let y = y0; y < y1; y++)
		for (let x = x0; x < x1; x++) {
			total += 1;
			if (image.pixels[y * image.width + x] < 160) dark += 1;
		}
	return total ? dark / total : 0;
}

const compact = (text: string) => text.replace(/\s+/g, '');

/** The demo roadmap's report, with one milestone renamed to a Hanja title and made overdue. */
async function demoReport(handle: TestDatabase): Promise<ReportData> {
	const { demoRoadmapId } = await seedDatabase(handle.database);
	// Made before the report's fixed clock: a period starts no earlier than its roadmap.
	await handle.database.db
		.update(roadmaps)
		.set({ createdAt: new Date('2025-01-01T00:00:00Z') })
		.where(eq(roadmaps.id, demoRoadmapId));
	const report = await buildReport(handle.database.db, demoRoadmapId, {
		now: new Date('2026-03-31T03:00:00Z')
	});
	const [first, ...rest] = report.milestones;
	const hanja = { ...first, title: { ko: HANJA, en: HANJA }, dueDate: '2026-03-01' };
	return {
		...report,
		milestones: [hanja, ...rest],
		sections: { ...report.sections, overdue: [hanja.id, ...report.sections.overdue] }
	};
}

describe('the report PDF', () => {
	let handle: TestDatabase;
	let report: ReportData;
	beforeAll(async () => {
		handle = await createTestDatabase('pglite');
		report = await demoReport(handle);
	});
	afterAll(() => handle?.dispose());

	it('holds the five Korean task titles, a Hanja title and "n / N" page numbers as text, all visible', async () => {
		const pdf = await renderReportPdf(report, 'ko');
		expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
		const { pages, items, pageText } = await textItems(pdf);
		expect(pages).toBeGreaterThanOrEqual(4);

		// When it was made, in the report's zone, named: the app's pages show the reader's own.
		// Days as the report's page writes them, not YYYY-MM-DD: a paper handed upward.
		expect(pageText[0]).toMatch(/작성 시각\s*2026년 3월 31일 12:00 \(KST\)/);
		expect(compact(pageText[0])).toContain(compact('기간 2025년 12월 31일 – 2026년 3월 31일'));
		const overdue = pageText.find((text) => text.includes('韓國 AI 전략 점검'));
		expect(compact(overdue ?? '')).toContain(compact('2026년 3월 1일'));
		expect(pageText.join('')).not.toMatch(/\d{4}-\d{2}-\d{2}/);

		// Page numbers: "n / N" on every page.
		for (let n = 1; n <= pages; n++) expect(pageText[n - 1]).toContain(`${n} / ${pages}`);

		const images = renderPages(pdf, pages);
		const checkVisible = (wanted: string) => {
			const item = items.find((i) => compact(i.str).includes(compact(wanted)));
			expect(item, `"${wanted}" as one text item`).toBeDefined();
			const ink = inkIn(images[item!.page - 1], item!);
			expect(ink, `ink where "${wanted}" is on page ${item!.page}`).toBeGreaterThan(0.04);
		};
		for (const task of fiveTasks.tasks) {
			const title = task.title.ko;
			expect(pageText.some((text) => compact(text).includes(compact(title)))).toBe(true);
			checkVisible(title);
		}
		// Hanja come from the fallback font; ∼ (in neither font) prints as a tilde, not a box.
		expect(pageText.join('')).toContain('韓國 AI 전략 점검 ~ 2분기');
		checkVisible('韓國');
		checkVisible(`1 / ${pages}`);
	});

	it('renders English with the same structure, and every page has ink', async () => {
		const pdf = await renderReportPdf(report, 'en');
		const { pages, pageText } = await textItems(pdf);
		expect(compact(pageText[0])).toContain(compact('31 Dec 2025 – 31 Mar 2026'));
		expect(pageText[1]).toContain('Contents');
		for (const task of fiveTasks.tasks)
			expect(pageText.some((text) => text.includes(task.title.en))).toBe(true);
		// The timeline's legend names every status a bar can have, as labels.
		const legend = pageText.find((text) => text.includes('Report date'));
		for (const label of ['Planned', 'In progress', 'Done', 'At risk', 'Blocked', 'Cancelled'])
			expect(legend).toContain(label);
		renderPages(pdf, pages).forEach((image, index) => {
			const wholePage = { str: '', page: index + 1, x: 0, top: 0, ...image };
			expect(inkIn(image, wholePage), `ink on page ${index + 1}`).toBeGreaterThan(0.002);
		});
	});

	it('keeps a 200-character task title inside the page, in the contents and the changes alike', async () => {
		const long = '차세대 메모리 반도체 기술 개발 '.repeat(12).slice(0, 200);
		const [first, ...rest] = report.tasks;
		const pdf = await renderReportPdf(
			{
				...report,
				tasks: [{ ...first, title: { ko: long, en: long } }, ...rest],
				changes: [
					{
						at: '2026-03-02T01:00:00.000Z',
						actor: { name: '김민지', organization: '과학기술정보통신부' },
						taskId: first.id,
						entityType: 'task',
						entityId: first.id,
						entityTitle: { ko: long, en: long },
						field: 'status',
						before: 'planned',
						after: 'in_progress'
					}
				]
			},
			'ko'
		);
		const { items } = await textItems(pdf);
		const A4_WIDTH = 595.28;
		const outside = items.filter((item) => item.str.trim() && item.x + item.width > A4_WIDTH - 20);
		expect(outside.map((item) => `p${item.page}: ${item.str.slice(0, 30)}`)).toEqual([]);
		// The heading of that task's changes is there, wrapped, not dropped.
		expect(items.some((item) => item.str.startsWith('1. 차세대 메모리'))).toBe(true);
	});

	it('names a milestone that begins just before the timeline’s end, before its arrow', async () => {
		// The report date is 2026-03-31; the timeline reaches 90 days on, to 2026-06-29.
		const [first, ...rest] = report.milestones;
		const late = {
			...first,
			title: { ko: '창 끝 이정표 검증', en: 'Window end check' },
			status: 'planned' as const,
			startDate: '2026-06-26',
			dueDate: '2026-12-31'
		};
		const pdf = await renderReportPdf({ ...report, milestones: [late, ...rest] }, 'ko');
		const { items, pages } = await textItems(pdf);
		// The timeline's labels are set at 6.5 pt (the tables' at 8.5 list it too).
		const name = items.find(
			(item) => item.str.startsWith('창 끝') && Math.abs(item.height - 6.5) < 0.3
		);
		expect(name, 'the name is on the timeline').toBeDefined();
		const A4_WIDTH = 595.28;
		expect(name!.x + name!.width).toBeLessThan(A4_WIDTH - 20);
		expect(inkIn(renderPages(pdf, pages)[name!.page - 1], name!)).toBeGreaterThan(0.02);
	});

	it('draws script in a title as text and normalises NFD Hangul', async () => {
		const nfd = '진행 보고서 점검'.normalize('NFD');
		const pdf = await renderReportPdf(
			{
				...report,
				roadmap: { ...report.roadmap, title: { ko: `<script>alert(1)</script> ${nfd}`, en: '' } }
			},
			'ko'
		);
		const { pageText } = await textItems(pdf);
		expect(pageText[0]).toContain('<script>alert(1)</script>');
		expect(pageText[0]).toContain('진행 보고서 점검'.normalize('NFC'));
	});
});
