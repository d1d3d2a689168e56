/**
 * The few words the report's graphics and long lists need beyond the report dictionary
 * (text.ts): chart labels and "left out" notes. Shared by the page and the PDF.
 */
import type { Locale } from '../roadmap/vocabulary';

const MONTHS_EN = [
	'Jan',
	'Feb',
	'Mar',
	'Apr',
	'May',
	'Jun',
	'Jul',
	'Aug',
	'Sep',
	'Oct',
	'Nov',
	'Dec'
];

/** The timeline legend's statuses: every status a bar can have (cancelled ones are drawn too). */
export const LEGEND_STATUSES = [
	'planned',
	'in_progress',
	'done',
	'at_risk',
	'blocked',
	'cancelled'
] as const;

/** "2026년 3월" / "3월", "Mar 2026" / "Mar", from YYYY-MM. */
export function monthLabel(month: string, withYear: boolean, locale: Locale): string {
	const year = month.slice(0, 4);
	const index = Number(month.slice(5, 7)) - 1;
	if (locale === 'ko') return withYear ? `${year}년 ${index + 1}월` : `${index + 1}월`;
	return withYear ? `${MONTHS_EN[index]} ${year}` : MONTHS_EN[index];
}

export const CHART_WORDS = {
	ko: {
		reportDate: '보고 기준일',
		more: (n: number) => `외 ${n}건`,
		undated: (n: number) => `마감일이 없는 이정표 ${n}건은 타임라인에 표시하지 않았습니다.`,
		outside: (n: number) =>
			`이 기간 밖의 이정표 ${n}건은 타임라인에 표시하지 않았습니다(XLSX·CSV 내보내기에 모든 이정표가 있습니다).`,
		leftOut: (n: number) => `외 ${n}건은 XLSX·CSV 내보내기에 모두 실려 있습니다.`,
		trendLabel: '진행률 추이 차트',
		timelineLabel: '이정표 타임라인'
	},
	en: {
		reportDate: 'Report date',
		more: (n: number) => `+${n} more`,
		undated: (n: number) =>
			n === 1
				? '1 milestone without a due date is not on the timeline.'
				: `${n} milestones without a due date are not on the timeline.`,
		outside: (n: number) =>
			n === 1
				? '1 milestone outside these dates is not on the timeline (the XLSX and CSV exports list every milestone).'
				: `${n} milestones outside these dates are not on the timeline (the XLSX and CSV exports list every milestone).`,
		leftOut: (n: number) => `${n} more are listed in full in the XLSX and CSV exports.`,
		trendLabel: 'Progress trend chart',
		timelineLabel: 'Milestone timeline'
	}
} satisfies Record<Locale, Record<string, unknown>>;
