import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { Flow } from './flow';
import { loadFonts } from './fonts';

beforeAll(() => loadFonts());

/** A flow on its first page, its cursor `room` points above the foot of the page. */
function flowWithRoom(room: number) {
	const doc = new PDFDocument({ size: 'A4', margin: 0, bufferPages: true, autoFirstPage: false });
	const flow = new Flow(doc);
	flow.newPage();
	flow.y = flow.bottom - room;
	return flow;
}

describe('Flow headings', () => {
	it('keeps a heading with the subheading its content starts with, on the next page when they do not fit', () => {
		// Room for the heading and 60 points, not for the subheading and its own 60 as well.
		const flow = flowWithRoom(120);
		flow.heading('이정표', 1, flow.headingSpace(2));
		const headingPage = flow.pageIndex;
		flow.heading('기간 중 완료 (2)', 2);
		expect(flow.pageIndex).toBe(headingPage);
		expect(headingPage).toBe(1);
	});

	it('counts the rule under a section heading: no room left where only those 6 points lack', () => {
		for (let room = 100; room <= 260; room += 1) {
			const flow = flowWithRoom(room);
			flow.heading('이정표', 1, flow.headingSpace(2));
			const headingPage = flow.pageIndex;
			flow.heading('기간 중 완료 (2)', 2);
			expect(flow.pageIndex, `${room} points of room`).toBe(headingPage);
		}
	});

	it('with room for both, draws them on this page', () => {
		const flow = flowWithRoom(260);
		flow.heading('이정표', 1, flow.headingSpace(2));
		flow.heading('기간 중 완료 (2)', 2);
		expect(flow.pageIndex).toBe(0);
		// And the subheading's content still has its 60 points.
		expect(flow.bottom - flow.y).toBeGreaterThanOrEqual(60);
	});

	it('kept with only 60 points, a heading would stay alone at the foot (the defect this guards)', () => {
		const flow = flowWithRoom(120);
		flow.heading('이정표', 1, 60);
		const headingPage = flow.pageIndex;
		flow.heading('기간 중 완료 (2)', 2);
		expect(flow.pageIndex).toBe(headingPage + 1);
	});
});
