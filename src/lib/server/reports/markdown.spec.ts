import { describe, expect, it } from 'vitest';
import { reportFixture } from '../../../../tests/helpers/report-fixture';
import { reportText } from '../../report/text';
import { layoutTrend } from '../../report/trend';
import { renderReportMarkdown } from './markdown';

/** The lines of one `## ` section, up to the next. */
const sectionOf = (markdown: string, heading: string) => {
	const lines = markdown.split('\n');
	const from = lines.indexOf(`## ${heading}`);
	const to = lines.findIndex((line, i) => i > from && line.startsWith('## '));
	return lines.slice(from + 1, to).filter(Boolean);
};

describe('renderReportMarkdown trend', () => {
	it('says there is no trend yet for one point, as the page and the PDF do', () => {
		const report = reportFixture();
		const onePoint = { ...report, trend: report.trend.slice(-1) };
		expect(layoutTrend(onePoint).tooFew).toBe(true); // what the page and the PDF go by
		for (const locale of ['ko', 'en'] as const) {
			const t = reportText(locale);
			expect(sectionOf(renderReportMarkdown(onePoint, locale), t.sections.trend)).toEqual([
				t.empty.trend
			]);
		}
	});

	it('tables the trend from two points, a row a point', () => {
		const t = reportText('ko');
		const lines = sectionOf(renderReportMarkdown(reportFixture(), 'ko'), t.sections.trend);
		expect(lines).toHaveLength(2 + 3); // header, rule, three points
		expect(lines[2]).toMatch(/^\| 2026-01-02 \| 20% \|/);
	});
});
