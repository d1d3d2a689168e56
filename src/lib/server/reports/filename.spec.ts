import { describe, expect, it } from 'vitest';
import { reportFixture } from '../../../../tests/helpers/report-fixture';
import { reportDownload } from './filename';

const report = (since: string, until: string) => {
	const base = reportFixture();
	return {
		...base,
		roadmap: {
			...base.roadmap,
			title: { ko: '국가 AI 전략 2025', en: 'National AI Strategy 2025' }
		},
		period: { ...base.period, since, until }
	};
};

describe('reportDownload', () => {
	it('names the file a report of its period, apart from a year in the title', () => {
		const r = report('2026-11-30', '2026-12-07');
		expect(reportDownload(r, 'pdf', 'ko').filename).toBe(
			'국가 AI 전략 2025 보고서 2026-11-30~2026-12-07.pdf'
		);
		expect(reportDownload(r, 'xlsx', 'en').filename).toBe(
			'National AI Strategy 2025 report 2026-11-30~2026-12-07.xlsx'
		);
	});

	it('names the CSV the milestone list of the report’s day, which it is whatever the period', () => {
		expect(reportDownload(report('2026-11-30', '2026-12-07'), 'csv', 'ko').filename).toBe(
			'국가 AI 전략 2025 이정표 2026-12-07.csv'
		);
		expect(reportDownload(report('2026-11-30', '2026-12-07'), 'csv', 'en').filename).toBe(
			'National AI Strategy 2025 milestones 2026-12-07.csv'
		);
	});

	it('gives a one-day period once, and an ASCII name beside the UTF-8 one', () => {
		const { disposition } = reportDownload(report('2026-12-07', '2026-12-07'), 'md', 'ko');
		expect(disposition).toContain('filename="AI 2025 report 2026-12-07.md"');
		expect(disposition).toContain(
			`filename*=UTF-8''${encodeURIComponent('국가 AI 전략 2025 보고서 2026-12-07.md')}`
		);
	});
});
