import { describe, expect, it } from 'vitest';
import { reportFixture, withDescriptions } from '../../../../tests/helpers/report-fixture';
import { readerDateTime, readerDay, reportText } from '../../report/text';
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
		expect(lines[2]).toMatch(/^\| 2026년 1월 2일 \| 20% \|/);
	});
});

describe('renderReportMarkdown milestone descriptions', () => {
	const why = {
		ko: '1차 점검 완료.\n예산 집행률 45%.',
		en: 'Delayed by procurement; recovery plan agreed with KISTEP on 2026-09-20.'
	};
	/** The fixture with its at-risk milestone (m-4) and its overdue one (m-3) described. */
	const described = () =>
		withDescriptions(reportFixture(), {
			'm-4': why,
			'm-3': { ko: '', en: '| pipes * and <b>tags</b>' }
		});
	/** The lines of one `### ` subsection. */
	const subsection = (markdown: string, heading: string) => {
		const lines = markdown.split('\n');
		const from = lines.findIndex((line) => line.startsWith(`### ${heading} (`));
		const to = lines.findIndex((line, i) => i > from && /^##/.test(line));
		return lines.slice(from + 1, to).filter(Boolean);
	};

	it('shows an at-risk milestone’s description in its row of the at-risk section', () => {
		for (const locale of ['ko', 'en'] as const) {
			const t = reportText(locale);
			const lines = subsection(
				renderReportMarkdown(described(), locale),
				t.sections.atRiskOrBlocked
			);
			expect(lines[0]).toMatch(new RegExp(`\\| ${t.columns.description} \\|$`));
			const row = lines.find((line) => line.includes('韓國'))!;
			// One line in the table: its paragraphs are joined with a space.
			const text = locale === 'ko' ? '1차 점검 완료. 예산 집행률 45%.' : why.en;
			expect(row.endsWith(`| ${text} |`)).toBe(true);
			// The blocked milestone has none: a dash, as other empty cells.
			expect(lines.find((line) => line.startsWith('| 3. '))!.endsWith('| — |')).toBe(true);
		}
	});

	it('shows the overdue section’s descriptions too, escaped, and none in the other sections', () => {
		const t = reportText('ko');
		const md = renderReportMarkdown(described(), 'ko');
		const overdue = subsection(md, t.sections.overdue);
		expect(overdue[0]).toContain(`| ${t.columns.description} |`);
		// English only: shown in the Korean report, as titles are; typed markup stays text.
		expect(overdue[2]).toMatch(/\| \\\| pipes \\\* and &lt;b&gt;tags&lt;\/b&gt; \|$/);
		for (const name of [t.sections.doneInPeriod, t.sections.dueNext90Days])
			expect(subsection(md, name)[0]).not.toContain(t.columns.description);
		expect(md).not.toContain('1차 점검 완료.\n');
	});

	it('reads a report saved before descriptions as having none', () => {
		const t = reportText('en');
		const lines = subsection(
			renderReportMarkdown(reportFixture(), 'en'),
			t.sections.atRiskOrBlocked
		);
		expect(lines.slice(2).every((line) => line.endsWith('| — |'))).toBe(true);
	});
});

describe('renderReportMarkdown dates', () => {
	it('writes days as the report’s page does, in either language, not YYYY-MM-DD', () => {
		const report = reportFixture();
		const due = report.milestones.find((m) => m.dueDate)!;
		for (const locale of ['ko', 'en'] as const) {
			const t = reportText(locale);
			const markdown = renderReportMarkdown(report, locale);
			const since = readerDay(report.period.since, locale);
			const until = readerDay(report.period.until, locale);
			expect(markdown).toContain(`- ${t.period}: ${since} – ${until}`);
			expect(markdown).toContain(
				`- ${t.generatedAt}: ${readerDateTime(report.generatedAt, locale)}`
			);
			expect(markdown).toContain(`| ${readerDay(due.dueDate!, locale)} |`);
			expect(markdown).not.toMatch(/\d{4}-\d{2}-\d{2}/);
		}
		expect(readerDay(report.period.until, 'ko')).toMatch(/^\d{4}년 \d{1,2}월 \d{1,2}일$/);
	});
});

describe('renderReportMarkdown progress by sector and organization', () => {
	it('says no task has an organization, not that nobody owns anything, when people own tasks', () => {
		// A roadmap whose tasks are owned by people without an organization: the task table names
		// them, so "no owners" under the organizations would contradict it.
		const report = { ...reportFixture(), bySector: [], byOrganization: [] };
		for (const locale of ['ko', 'en'] as const) {
			const t = reportText(locale);
			const markdown = renderReportMarkdown(report, locale);
			expect(sectionOf(markdown, t.sections.byOrganization)).toEqual([t.empty.organizations]);
			expect(sectionOf(markdown, t.sections.bySector)).toEqual([t.empty.sectors]);
		}
		expect(reportText('en').empty.organizations).toMatch(/^No task has an organization/);
	});
});

describe('renderReportMarkdown titles in the other language', () => {
	it('says how many titles an English report shows in Korean, and none when all are English', () => {
		const report = reportFixture();
		expect(renderReportMarkdown(report, 'en')).not.toContain('Not in English');
		const [task] = report.tasks;
		const [milestone] = report.milestones;
		const untranslated = {
			...report,
			tasks: [{ ...task, title: { ...task.title, en: ' ' } }, ...report.tasks.slice(1)],
			milestones: [
				{ ...milestone, title: { ...milestone.title, en: '' } },
				...report.milestones.slice(1)
			]
		};
		const english = renderReportMarkdown(untranslated, 'en');
		expect(english).toContain('- Not in English: 2 titles, shown in Korean');
		// The titles are there, in Korean: not left out.
		expect(english).toContain(task.title.ko);
		// The Korean report has every Korean title: nothing to say.
		expect(renderReportMarkdown(untranslated, 'ko')).not.toContain('한국어 제목 없음');
		const koreanMissing = {
			...report,
			tasks: [{ ...task, title: { ko: '', en: 'Semiconductors' } }, ...report.tasks.slice(1)]
		};
		expect(renderReportMarkdown(koreanMissing, 'ko')).toContain(
			'- 한국어 제목 없음: 1개 (영어 제목으로 표시)'
		);
	});
});
