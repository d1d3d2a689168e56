/**
 * Every word a progress report renders, in Korean and English, and the sentences that describe a
 * change. One dictionary for the page, the PDF, the XLSX, the CSV and the Markdown, so a report
 * reads the same in every format. Pure and browser-safe: no server imports, no Paraglide (the
 * report's language is the one asked for in the URL, not the reader's UI language).
 *
 * Dates: what people read (the page, the PDF, the Markdown) writes days as a reader does in the
 * report's language ("2026년 3월 2일", "2 Mar 2026"); the data exports (XLSX date cells, CSV, JSON)
 * keep ISO days (YYYY-MM-DD), which sort and parse the same in Seoul and abroad. Calendar days are counted in Korea's time
 * zone (REPORT_TIME_ZONE), whatever the server's clock zone is.
 */
import { josa } from '../i18n/particles';
import { statusFromMilestones } from '../roadmap/schedule';
import { TEXT_LIMITS } from '../roadmap/limits';
import type { Locale, OwnerRole, RoadmapRole, Sector, TaskStatus } from '../roadmap/vocabulary';
import type {
	Bilingual,
	ReportChange,
	ReportData,
	ReportFormat,
	ReportMilestoneStatus,
	ReportPerson,
	ReportTask,
	RoadmapCreation
} from './model';

/** The zone a report counts calendar days in (a change at 08:00 KST is that day's change). */
export const REPORT_TIME_ZONE = 'Asia/Seoul';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
	timeZone: REPORT_TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: REPORT_TIME_ZONE,
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/**
 * Korea has kept UTC+9 without summer time since this instant (the end of 1988's summer time,
 * 1988-10-09 03:00 KDT, in the time zone database). From then on a day is plain arithmetic;
 * Intl.DateTimeFormat, which knows the history, took ~20 µs a call: 0.2 s of a 10,000-change export.
 */
const FIXED_KST_SINCE = Date.UTC(1988, 9, 8, 18);
const KST_OFFSET_MS = 9 * 3_600_000;

/** The calendar day (YYYY-MM-DD) of an instant, in the report's time zone. */
export function reportDay(at: Date | string): string {
	const date = typeof at === 'string' ? new Date(at) : at;
	const time = date.getTime();
	// Years 1988–9999 only: toISOString writes other years with a sign and six digits.
	if (time >= FIXED_KST_SINCE && time < Date.UTC(9999, 11, 31, 15))
		return new Date(time + KST_OFFSET_MS).toISOString().slice(0, 10);
	return dayFormat.format(date);
}

const readerDayFormats: Record<Locale, Intl.DateTimeFormat> = {
	ko: new Intl.DateTimeFormat('ko-KR', {
		timeZone: 'UTC',
		year: 'numeric',
		month: 'long',
		day: 'numeric'
	}),
	en: new Intl.DateTimeFormat('en-GB', {
		timeZone: 'UTC',
		year: 'numeric',
		month: 'short',
		day: 'numeric'
	})
};

/** A calendar day (YYYY-MM-DD) as a reader writes it: "2026년 3월 2일", "2 Mar 2026". */
export function readerDay(day: string, locale: Locale): string {
	const date = new Date(`${day}T00:00:00Z`);
	// Only a real day: Date would read 2026-02-30 as 2 March.
	const real = !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
	return real ? readerDayFormats[locale].format(date) : day;
}

/** "2026년 3월 2일 14:05 (KST)", "2 Mar 2026 14:05 (KST)": a moment in the report's zone, named. */
export function readerDateTime(at: Date | string, locale: Locale): string {
	const date = typeof at === 'string' ? new Date(at) : at;
	return `${readerDay(reportDay(date), locale)} ${timeFormat.format(date)} (KST)`;
}

/**
 * "2026-03-02 14:05 (KST)": a moment in the report's time zone, named, since the pages that show
 * activity give times in the reader's own zone.
 */
export function reportDateTime(at: Date | string): string {
	const date = typeof at === 'string' ? new Date(at) : at;
	return `${dayFormat.format(date)} ${timeFormat.format(date)} (KST)`;
}

export interface ReportText {
	report: string;
	/** Title page and header. */
	period: string;
	/** The period's first and last day, as the spreadsheet's summary names them. */
	periodFrom: string;
	periodUntil: string;
	generatedAt: string;
	generatedBy: string;
	anonymous: string;
	/** Titles shown in the other language, having none in the report's (see otherLanguageTitles). */
	otherLanguage: string;
	otherLanguageNote: (count: number) => string;
	contents: string;
	overallProgress: string;
	/** "n / N" page numbers. */
	pageOf: (n: number, total: number) => string;
	sections: {
		summary: string;
		byTask: string;
		bySector: string;
		byOrganization: string;
		milestones: string;
		doneInPeriod: string;
		dueNext90Days: string;
		overdue: string;
		atRiskOrBlocked: string;
		changes: string;
		trend: string;
		timeline: string;
		comparison: string;
	};
	columns: {
		number: string;
		task: string;
		milestone: string;
		status: string;
		progress: string;
		startDate: string;
		dueDate: string;
		doneAt: string;
		owners: string;
		leads: string;
		supports: string;
		sector: string;
		organization: string;
		kind: string;
		role: string;
		tasks: string;
		milestones: string;
		/** A task's milestones as "done/total" (1/3). */
		doneOfTotal: string;
		done: string;
		overdue: string;
		date: string;
		when: string;
		who: string;
		change: string;
		item: string;
		value: string;
		before: string;
		after: string;
		overall: string;
		/** A milestone's description (the spreadsheets' column). */
		description: string;
	};
	/** XLSX sheet names (at most 31 characters, none of : \ / ? * [ ]). */
	sheets: { summary: string; tasks: string; milestones: string; owners: string; changes: string };
	/** What each download holds (the link's title): the CSV is the milestone list, not the period. */
	formats: Record<ReportFormat, string>;
	summary: {
		roadmap: string;
		tasks: string;
		milestones: string;
		milestonesDone: string;
		milestonesOverdue: string;
	};
	empty: {
		milestones: string;
		changes: string;
		trend: string;
		/** By organization, when no task has an organization among its owners (people may own). */
		organizations: string;
		/** By sector: sectors come from organizations. */
		sectors: string;
	};
	compare: {
		title: string;
		tasksMoved: string;
		milestonesAdded: string;
		milestonesCompleted: string;
		milestonesRestated: string;
		milestonesSlipped: string;
		/** The headline numbers' heading, and each number's name. */
		overall: string;
		ownersChanged: string;
		/** Marks an owner change that is a milestone's, not a task's. */
		milestone: string;
		nothing: string;
	};
	actions: {
		save: string;
		saved: string;
		savedReports: string;
		open: string;
		download: string;
		compare: string;
		print: string;
		live: string;
	};
	taskStatus: Record<TaskStatus, string>;
	milestoneStatus: Record<ReportMilestoneStatus, string>;
	sector: Record<Sector, string>;
	ownerRole: Record<OwnerRole, string>;
	/** Before a milestone's owners when they are its task's (it has none of its own). */
	ownersOfTask: string;
	ownerKind: Record<'organization' | 'user', string>;
	roadmapRole: Record<RoadmapRole | 'public', string>;
	/** Names of fields a change can touch. */
	field: Record<string, string>;
	/** For people and things no longer known. */
	someone: string;
	untitled: string;
	none: string;
	/** Beside a task's status that its milestones contradict: what they say instead. */
	milestonesSay: (status: string) => string;
}

const ko: ReportText = {
	report: '진행 보고서',
	period: '기간',
	periodFrom: '기간 시작일',
	periodUntil: '기간 종료일 (보고 기준일)',
	generatedAt: '작성 시각',
	generatedBy: '작성자',
	anonymous: '공개 링크 열람자',
	otherLanguage: '한국어 제목 없음',
	otherLanguageNote: (count) => `${count}개 (영어 제목으로 표시)`,
	contents: '목차',
	overallProgress: '전체 진행률',
	pageOf: (n, total) => `${n} / ${total}`,
	sections: {
		summary: '요약',
		byTask: '과제별 진행률',
		bySector: '부문별 진행률',
		byOrganization: '기관별 진행률',
		milestones: '이정표',
		doneInPeriod: '기간 중 완료',
		dueNext90Days: '향후 90일 내 마감',
		overdue: '기한 초과',
		atRiskOrBlocked: '위험·차단된 이정표와 위험·지연·보류 과제의 이정표',
		changes: '기간 중 변경 사항',
		trend: '진행률 추이',
		timeline: '타임라인',
		comparison: '보고서 비교'
	},
	columns: {
		number: '번호',
		task: '과제',
		milestone: '이정표',
		status: '상태',
		progress: '진행률',
		startDate: '시작일',
		dueDate: '마감일',
		doneAt: '완료일',
		owners: '담당',
		leads: '주관',
		supports: '협력',
		sector: '부문',
		organization: '기관',
		kind: '구분',
		role: '역할',
		tasks: '과제 수',
		milestones: '이정표 수',
		doneOfTotal: '이정표 완료/전체',
		done: '완료',
		overdue: '기한 초과',
		date: '날짜',
		when: '일시',
		who: '변경자',
		change: '변경 내용',
		item: '항목',
		value: '값',
		before: '이전',
		after: '이후',
		overall: '전체',
		description: '설명'
	},
	sheets: {
		summary: '요약',
		tasks: '과제',
		milestones: '이정표',
		owners: '담당',
		changes: '변경 사항'
	},
	formats: {
		pdf: 'PDF: 보고서 전체, 인쇄·배포용',
		xlsx: 'XLSX: 요약·과제·이정표·담당·변경 사항 시트',
		csv: 'CSV: 이정표 목록(오늘 기준, 기간과 관계없음)',
		md: 'MD(Markdown): 보고서 전체, 텍스트',
		json: 'JSON: 보고서 데이터, 다른 도구용'
	},
	summary: {
		roadmap: '로드맵',
		tasks: '과제',
		milestones: '이정표',
		milestonesDone: '완료된 이정표',
		milestonesOverdue: '기한 초과 이정표'
	},
	empty: {
		milestones: '해당하는 이정표가 없습니다.',
		changes: '이 기간에 변경 사항이 없습니다.',
		trend:
			'아직 그릴 추이가 없습니다. 추이는 날짜마다 한 점(그날 마지막으로 저장한 보고서, 그리고 오늘)을 잇습니다. 지난 날짜에 저장한 보고서가 있으면 선이 그려집니다.',
		organizations:
			'담당 기관이 지정된 과제가 없습니다. 기관에 속하지 않은 사람만 담당한 과제는 여기에 나오지 않습니다.',
		sectors: '담당 기관이 지정된 과제가 없어 부문별로 나눌 수 없습니다.'
	},
	compare: {
		title: '두 보고서 비교',
		tasksMoved: '진행률 또는 상태가 바뀐 과제',
		milestonesAdded: '추가된 이정표',
		milestonesCompleted: '완료된 이정표',
		milestonesRestated: '상태가 바뀐 이정표',
		overall: '전체',
		milestonesSlipped: '마감일이 늦춰진 이정표',
		ownersChanged: '담당이 바뀐 과제와 이정표',
		milestone: '이정표',
		nothing: '두 보고서 사이에 달라진 점이 없습니다.'
	},
	actions: {
		save: '이 보고서 저장',
		saved: '저장됨',
		savedReports: '저장된 보고서',
		open: '열기',
		download: '내려받기',
		compare: '비교',
		print: '인쇄',
		live: '현재 보고서'
	},
	taskStatus: {
		planned: '예정',
		in_progress: '진행 중',
		at_risk: '위험',
		delayed: '지연',
		done: '완료',
		on_hold: '보류'
	},
	milestoneStatus: {
		planned: '예정',
		in_progress: '진행 중',
		done: '완료',
		cancelled: '취소',
		at_risk: '위험',
		blocked: '차단'
	},
	sector: { government: '정부', industry: '산업계', academia: '학계·연구계', other: '기타' },
	ownerRole: { lead: '주관', support: '협력', consulted: '자문', informed: '공유' },
	ownersOfTask: '과제 담당',
	ownerKind: { organization: '기관', user: '개인' },
	roadmapRole: {
		owner: '소유자',
		editor: '편집자',
		commenter: '댓글 작성자',
		viewer: '열람자',
		public: '공개 열람'
	},
	field: {
		titleKo: '한국어 제목',
		titleEn: '영어 제목',
		summaryKo: '한국어 요약',
		summaryEn: '영어 요약',
		overviewKo: '한국어 개요',
		overviewEn: '영어 개요',
		status: '상태',
		progress: '진행률',
		startDate: '시작일',
		dueDate: '마감일',
		schedule: '일정',
		suggestedSectors: '제안 부문',
		position: '순서',
		taskId: '소속 과제',
		descriptionKo: '한국어 설명',
		descriptionEn: '영어 설명'
	},
	someone: '누군가',
	untitled: '(제목 없음)',
	none: '없음',
	milestonesSay: (status) => `이정표로 보면 ${status}`
};

const en: ReportText = {
	report: 'Progress report',
	period: 'Period',
	periodFrom: 'Period from',
	periodUntil: 'Period until (report date)',
	generatedAt: 'Generated at',
	generatedBy: 'Generated by',
	anonymous: 'a public-link reader',
	otherLanguage: 'Not in English',
	otherLanguageNote: (count) =>
		count === 1 ? '1 title, shown in Korean' : `${count} titles, shown in Korean`,
	contents: 'Contents',
	overallProgress: 'Overall progress',
	pageOf: (n, total) => `${n} / ${total}`,
	sections: {
		summary: 'Summary',
		byTask: 'Progress by task',
		bySector: 'Progress by sector',
		byOrganization: 'Progress by organization',
		milestones: 'Milestones',
		doneInPeriod: 'Done in the period',
		dueNext90Days: 'Due in the next 90 days',
		overdue: 'Overdue',
		atRiskOrBlocked: 'At risk, blocked, or in a task at risk, delayed or on hold',
		changes: 'Changes in the period',
		trend: 'Trend',
		timeline: 'Timeline',
		comparison: 'Comparison'
	},
	columns: {
		number: 'No.',
		task: 'Task',
		milestone: 'Milestone',
		status: 'Status',
		progress: 'Progress',
		startDate: 'Start',
		dueDate: 'Due',
		doneAt: 'Done on',
		owners: 'Owners',
		leads: 'Lead',
		supports: 'Support',
		sector: 'Sector',
		organization: 'Organization',
		kind: 'Kind',
		role: 'Role',
		tasks: 'Tasks',
		milestones: 'Milestones',
		doneOfTotal: 'Milestones done/total',
		done: 'Done',
		overdue: 'Overdue',
		date: 'Date',
		when: 'When',
		who: 'Who',
		change: 'Change',
		item: 'Item',
		value: 'Value',
		before: 'Before',
		after: 'After',
		overall: 'Overall',
		description: 'Description'
	},
	sheets: {
		summary: 'Summary',
		tasks: 'Tasks',
		milestones: 'Milestones',
		owners: 'Owners',
		changes: 'Changes'
	},
	formats: {
		pdf: 'PDF: the whole report, to print or send',
		xlsx: 'XLSX: sheets of the summary, tasks, milestones, owners and changes',
		csv: 'CSV: the milestone list as of today, whatever the period',
		md: 'MD (Markdown): the whole report as text',
		json: 'JSON: the report as data, for other tools'
	},
	summary: {
		roadmap: 'Roadmap',
		tasks: 'Tasks',
		milestones: 'Milestones',
		milestonesDone: 'Milestones done',
		milestonesOverdue: 'Milestones overdue'
	},
	empty: {
		milestones: 'No milestones here.',
		changes: 'Nothing changed in this period.',
		trend:
			'No trend to draw yet. The trend joins one point a day (the last report saved that day, and today): a report saved on an earlier day starts the line.',
		organizations:
			'No task has an organization among its owners. Tasks owned only by people without an organization are not counted here.',
		sectors: 'No task has an organization among its owners, so there are no sectors to show.'
	},
	compare: {
		title: 'Compare two reports',
		tasksMoved: 'Tasks whose progress or status moved',
		milestonesAdded: 'Milestones added',
		milestonesCompleted: 'Milestones completed',
		milestonesRestated: 'Milestones whose state changed',
		overall: 'Overall',
		milestonesSlipped: 'Milestones that slipped',
		ownersChanged: 'Tasks and milestones whose owners changed',
		milestone: 'milestone',
		nothing: 'Nothing differs between these two reports.'
	},
	actions: {
		save: 'Save this report',
		saved: 'Saved',
		savedReports: 'Saved reports',
		open: 'Open',
		download: 'Download',
		compare: 'Compare',
		print: 'Print',
		live: 'Current report'
	},
	taskStatus: {
		planned: 'planned',
		in_progress: 'in progress',
		at_risk: 'at risk',
		delayed: 'delayed',
		done: 'done',
		on_hold: 'on hold'
	},
	milestoneStatus: {
		planned: 'planned',
		in_progress: 'in progress',
		done: 'done',
		cancelled: 'cancelled',
		at_risk: 'at risk',
		blocked: 'blocked'
	},
	sector: {
		government: 'Government',
		industry: 'Industry',
		academia: 'Academia & research',
		other: 'Other'
	},
	ownerRole: { lead: 'lead', support: 'support', consulted: 'consulted', informed: 'informed' },
	ownersOfTask: 'Task owners',
	ownerKind: { organization: 'organization', user: 'person' },
	roadmapRole: {
		owner: 'owner',
		editor: 'editor',
		commenter: 'commenter',
		viewer: 'viewer',
		public: 'public reader'
	},
	field: {
		titleKo: 'Korean title',
		titleEn: 'English title',
		summaryKo: 'Korean summary',
		summaryEn: 'English summary',
		overviewKo: 'Korean overview',
		overviewEn: 'English overview',
		status: 'status',
		progress: 'progress',
		startDate: 'start date',
		dueDate: 'due date',
		schedule: 'schedule',
		suggestedSectors: 'suggested sectors',
		position: 'order',
		taskId: 'task',
		descriptionKo: 'Korean description',
		descriptionEn: 'English description'
	},
	someone: 'Someone',
	untitled: '(untitled)',
	none: 'none',
	milestonesSay: (status) => `milestones say ${status}`
};

export const REPORT_TEXT: Record<Locale, ReportText> = { ko, en };

export const reportText = (locale: Locale): ReportText => REPORT_TEXT[locale];

/** The text in `locale`, falling back to the other language when empty (NFC, trimmed). */
/**
 * How many of the report's titles (the roadmap's, its tasks' and milestones') it shows in the
 * other language, having none in `locale`: the report says so under its facts, so a reader of the
 * English report knows those are untranslated, not left out, and its author what to translate.
 */
export function otherLanguageTitles(report: ReportData, locale: Locale): number {
	const other: Locale = locale === 'ko' ? 'en' : 'ko';
	const titles = [report.roadmap.title, ...report.tasks.map((t) => t.title)];
	for (const milestone of report.milestones) titles.push(milestone.title);
	return titles.filter((title) => !title[locale]?.trim() && !!title[other]?.trim()).length;
}

export function pick(value: Bilingual, locale: Locale): string {
	const other: Locale = locale === 'ko' ? 'en' : 'ko';
	const text = value[locale]?.trim() ? value[locale] : (value[other] ?? '');
	return text.normalize('NFC').trim();
}

/**
 * A milestone's description in `locale`, falling back to the other language as titles do (NFC,
 * trimmed; line breaks kept). Empty when it has none, or in a report saved before descriptions.
 */
export function milestoneDescription(
	milestone: { description?: Bilingual | null },
	locale: Locale
): string {
	return milestone.description ? pick(milestone.description, locale) : '';
}

/** A person as a report names them: "김민지 (과학기술정보통신부)". */
export function personLabel(person: ReportPerson | null, locale: Locale): string {
	if (!person) return REPORT_TEXT[locale].someone;
	const name = person.name.normalize('NFC').trim() || REPORT_TEXT[locale].someone;
	const organization =
		(locale === 'en' && person.organizationEn?.trim()) || person.organization?.trim();
	return organization ? `${name} (${organization.normalize('NFC')})` : name;
}

// ---- excerpts --------------------------------------------------------------------------------

const segmenter =
	typeof Intl !== 'undefined' && 'Segmenter' in Intl
		? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
		: null;

/**
 * Text in which every UTF-16 unit is a character of its own: printable ASCII and precomposed
 * Hangul syllables never join a neighbour from this set into one grapheme (UAX #29: a syllable
 * only joins a following conjoining jamo, which is outside it). Most titles are such text, and
 * skipping the segmenter for them keeps a 10,000-row export's sentences cheap.
 */
const ONE_UNIT_PER_CHARACTER = /^[\x20-\x7e\uac00-\ud7a3]*$/;

/** User-perceived characters of NFC text: a Hangul syllable or an emoji is never split. */
function graphemes(text: string): string[] {
	// Such text is NFC already: normalising it is a copy.
	if (ONE_UNIT_PER_CHARACTER.test(text)) return text.split('');
	const nfc = text.normalize('NFC');
	return segmenter ? Array.from(segmenter.segment(nfc), (s) => s.segment) : Array.from(nfc);
}

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The first `count` user-perceived characters of NFC text, or all of them when there are fewer.
 * Segmenting stops there: an export excerpts thousands of long values (a created milestone's whole
 * payload), and segmenting each to its end cost about a second per 10,000-change spreadsheet.
 */
function leadingGraphemes(text: string, count: number): string[] {
	if (ONE_UNIT_PER_CHARACTER.test(text)) return text.slice(0, count).split('');
	const nfc = text.normalize('NFC');
	if (!segmenter) return Array.from(nfc).slice(0, count);
	const out: string[] = [];
	for (const { segment } of segmenter.segment(nfc)) {
		if (out.length === count) break;
		out.push(segment);
	}
	return out;
}

/** At most `max` (≥ 1) characters of `text` (whitespace collapsed), with "…" when cut. */
export function excerpt(text: string, max = 40): string {
	// One character more than fits tells whether the text had to be cut.
	const chars = leadingCharacters(text, max + 1);
	return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('') + '…';
}

/**
 * leadingGraphemes(flat(text), count) without flattening and normalising all of a long text (a
 * created milestone's whole payload, for a 40-character excerpt): a prefix is tried first. Cutting
 * text can only change its last grapheme (a character cut from its combining marks, or from what
 * NFC would compose it with) and drop the whitespace at its end; so when a prefix yields more than
 * `count` graphemes, its first `count` are those of the whole text.
 */
function leadingCharacters(text: string, count: number): string[] {
	for (let length = 2 * (count + 1); length < text.length; length *= 4) {
		const chars = leadingGraphemes(flat(text.slice(0, length)), count + 1);
		if (chars.length > count) return chars.slice(0, count);
	}
	return leadingGraphemes(flat(text), count);
}

/**
 * Short excerpts of a text before and after an edit, centred on what changed: the common start
 * and end are cut to a little context, so a one-word edit in a long summary shows that word.
 */
export function diffExcerpts(
	before: string,
	after: string,
	max = 40
): { before: string; after: string } {
	const a = graphemes(flat(before));
	const b = graphemes(flat(after));
	let prefix = 0;
	while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
	let suffix = 0;
	while (
		suffix < a.length - prefix &&
		suffix < b.length - prefix &&
		a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
	)
		suffix++;
	const context = 8;
	// The context reaches back and on to whole words ("…술 경쟁력" reads as a typo), by at most
	// as much again; a word longer than that is cut as before.
	const isSpace = (c: string | undefined) => c !== undefined && /\s/u.test(c);
	const cut = (chars: string[]) => {
		let start = Math.max(0, prefix - context);
		for (let s = start; s > 0 && start - s <= context; s--)
			if (isSpace(chars[s - 1])) {
				start = s;
				break;
			}
		let end = Math.min(chars.length, chars.length - suffix + context);
		for (let e = end; e < chars.length && e - end <= context; e++)
			if (isSpace(chars[e])) {
				end = e;
				break;
			}
		let middle = chars.slice(start, end);
		let tail = end < chars.length;
		if (middle.length > max) {
			middle = middle.slice(0, max - 1);
			tail = true;
		}
		return (start > 0 ? '…' : '') + middle.join('') + (tail ? '…' : '');
	};
	return { before: cut(a), after: cut(b) };
}

// ---- sentences -------------------------------------------------------------------------------

/**
 * A label as a table cell, a legend or the start of a line shows it: "In progress". The status
 * labels are lower case, for sentences ("from planned to in progress"); Korean is unchanged.
 */
export const asCell = (label: string): string => label.charAt(0).toUpperCase() + label.slice(1);

/** A report's milestones by task (Map.groupBy, which Node 20 lacks). */
export function milestonesByTask<T extends { taskId: string }>(
	milestones: readonly T[]
): Map<string, T[]> {
	const byTask = new Map<string, T[]>();
	for (const milestone of milestones) {
		const list = byTask.get(milestone.taskId);
		if (list) list.push(milestone);
		else byTask.set(milestone.taskId, [milestone]);
	}
	return byTask;
}

/**
 * A task's line under its title: "In progress · Milestones 2/5 · Overdue 1". The status leads the
 * line, so it starts with a capital in English (the labels are lower case for sentences).
 */
export function taskMetaLine(
	task: ReportTask,
	locale: Locale,
	/** The task's milestones: when the task's status contradicts them, the line says so. */
	milestones: readonly { status: string }[] = []
): string {
	const t = REPORT_TEXT[locale];
	const status = t.taskStatus[task.status] ?? task.status;
	const overdue = task.milestones.overdue
		? ` · ${t.columns.overdue} ${task.milestones.overdue}`
		: '';
	const said = statusFromMilestones(task.status as TaskStatus, milestones);
	const milestonesSay = said ? ` · ${t.milestonesSay(t.taskStatus[said] ?? said)}` : '';
	return `${asCell(status)}${milestonesSay} · ${t.columns.doneOfTotal} ${task.milestones.done}/${task.milestones.total}${overdue}`;
}

/**
 * A change's before or after value as a table cell shows it: labels, names and titles in the
 * report's language, never codes or raw JSON; empty for nothing. Whole: a written text (a title,
 * a description) as it was and became, a task's title uncut; the sentence beside it
 * (describeChange) is the one that shows excerpts.
 */
export function changeValueText(change: ReportChange, value: unknown, locale: Locale): string {
	if (value === null || value === undefined || value === '') return '';
	switch (change.field) {
		case 'created':
		case 'deleted': {
			const creation = creationOf(change);
			if (creation)
				return `${pick(creation.template, locale)} (${creationCounts(creation, locale)})`;
			const title = titleWhenCreated(value);
			return title ? pick(title, locale) : '';
		}
		case 'assigned':
		case 'removed':
		case 'role': {
			const owner = ownerOf(value, locale);
			return owner ? (owner.role ? `${owner.name} (${owner.role})` : owner.name) : '';
		}
		case 'position':
			return typeof value === 'number' ? String(value) : '';
		case 'taskId': {
			// The task's whole title: a sentence shortens it (taskOf), a cell holds all of it.
			const title = (value as { title?: Bilingual } | null)?.title;
			return (title && pick(title, locale)) || REPORT_TEXT[locale].untitled;
		}
	}
	if (isTextChange(change)) return typeof value === 'string' ? value.normalize('NFC') : '';
	return valueLabel(change, value, locale);
}

function valueLabel(
	change: ReportChange,
	value: unknown,
	locale: Locale,
	readerDates = false
): string {
	const t = REPORT_TEXT[locale];
	if (value === null || value === undefined || value === '') return t.none;
	switch (change.field) {
		case 'startDate':
		case 'dueDate':
			return readerDates && typeof value === 'string' ? readerDay(value, locale) : String(value);
		case 'schedule': {
			// { startDate, dueDate } (assembleChanges joins the two edits of one scheduling)
			const { startDate, dueDate } = value as { startDate?: unknown; dueDate?: unknown };
			const day = (d: unknown) =>
				typeof d !== 'string' || !d ? '…' : readerDates ? readerDay(d, locale) : d;
			return startDate || dueDate ? `${day(startDate)} – ${day(dueDate)}` : t.none;
		}
		case 'status':
			return change.entityType === 'milestone'
				? (t.milestoneStatus[value as ReportMilestoneStatus] ?? String(value))
				: (t.taskStatus[value as TaskStatus] ?? String(value));
		case 'progress':
			return `${value}%`;
		case 'taskId':
			return taskOf(value, locale);
		case 'suggestedSectors':
			return Array.isArray(value) && value.length
				? value.map((s) => t.sector[s as Sector] ?? String(s)).join(', ')
				: t.none;
		default:
			return typeof value === 'string' ? value : JSON.stringify(value);
	}
}

/**
 * Titles in sentences are whole (a title holds at most 200 characters, limits.ts): policy titles
 * share long beginnings ("Focused investment in high-performance, low-power next-generation AI
 * semiconductors"), and one cut after 60 characters could not be told from its neighbours, in a
 * report's sentences nor in its spreadsheet's cells. Only a title stored before that limit is cut.
 */
const TITLE_IN_SENTENCE = TEXT_LIMITS.milestoneTitle;

/**
 * A milestone's task before or after a move: the report builder gives `{ taskId, title }`; a bare
 * id (a task nobody can name any more) reads as "(untitled)".
 */
function taskOf(value: unknown, locale: Locale): string {
	const title = (value as { title?: Bilingual } | null)?.title;
	return excerpt((title && pick(title, locale)) || REPORT_TEXT[locale].untitled, TITLE_IN_SENTENCE);
}

/** Owner changes carry `{ owner, role, name? }`; the report builder adds the owner's name. */
function ownerOf(value: unknown, locale: Locale): { name: string; role: string } | null {
	if (!value || typeof value !== 'object') return null;
	const v = value as { owner?: string; role?: OwnerRole; name?: Bilingual };
	const t = REPORT_TEXT[locale];
	const name = v.name ? pick(v.name, locale) : '';
	return {
		name: name || t.someone,
		role: v.role ? (t.ownerRole[v.role] ?? v.role) : ''
	};
}

const TEXT_FIELDS = new Set([
	'titleKo',
	'titleEn',
	'summaryKo',
	'summaryEn',
	'overviewKo',
	'overviewEn',
	'descriptionKo',
	'descriptionEn'
]);

/** A change of written text (a title, summary, description or overview), shown as a diff. */
export const isTextChange = (change: ReportChange) => TEXT_FIELDS.has(change.field);

/** A roadmap's creation from a template (RoadmapCreation), if that is what the change records. */
function creationOf(change: ReportChange): RoadmapCreation | null {
	if (change.entityType !== 'roadmap' || change.field !== 'created') return null;
	const after = change.after as Partial<RoadmapCreation> | null;
	if (!after || typeof after !== 'object' || !after.template || typeof after.template !== 'object')
		return null;
	const { ko, en } = after.template as Partial<Bilingual>;
	return {
		template: { ko: typeof ko === 'string' ? ko : '', en: typeof en === 'string' ? en : '' },
		tasks: Number(after.tasks) || 0,
		milestones: Number(after.milestones) || 0
	};
}

/** "5 tasks, 20 milestones" / "과제 5개, 이정표 20개". */
function creationCounts(creation: RoadmapCreation, locale: Locale): string {
	if (locale === 'ko') return `과제 ${creation.tasks}개, 이정표 ${creation.milestones}개`;
	const n = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;
	return `${n(creation.tasks, 'task')}, ${n(creation.milestones, 'milestone')}`;
}

/** A 'created' change that brought back a deleted task or milestone (see roadmap/restore.ts). */
const restored = (change: ReportChange) =>
	(change.after as { restored?: unknown } | null)?.restored === true;

/**
 * The titles "+ Add task" and "+ Add milestone" give (messages new_task_title, new_milestone): an
 * addition recorded under one says nothing of what was added, so it is named by its title now.
 */
const PLACEHOLDER_TITLES = new Set(['새 과제', 'New task', '새 이정표', 'New milestone']);

/** No title a person gave: empty, or the placeholder a new task or milestone starts with. */
export const isPlaceholderTitle = (title: unknown): boolean =>
	typeof title !== 'string' || !title.trim() || PLACEHOLDER_TITLES.has(title);

/** The bilingual title a 'created' change recorded, if it holds a real one. */
export function titleWhenCreated(after: unknown): Bilingual | null {
	if (!after || typeof after !== 'object') return null;
	const { titleKo, titleEn } = after as { titleKo?: unknown; titleEn?: unknown };
	const real = (t: unknown) => (typeof t === 'string' && !PLACEHOLDER_TITLES.has(t) ? t : '');
	const title = { ko: real(titleKo), en: real(titleEn) };
	return title.ko || title.en ? title : null;
}

/** `make()` on the first call, its value after that. */
function once<T>(make: () => T): () => T {
	let made: { value: T } | undefined;
	return () => (made ??= { value: make() }).value;
}

/**
 * One change as a sentence a person reads:
 *   en: "Kim Minji (MSIT) changed the status of 'PIM prototype' from planned to in progress, 2026-03-02"
 *   ko: "2026-03-02 김민지 (과학기술정보통신부)님이 'PIM 시제품'의 상태를 계획에서 진행 중으로 바꿨습니다"
 * Text edits show short before → after excerpts around what changed.
 */
export function describeChange(
	change: ReportChange,
	locale: Locale,
	{
		day: withDay = true,
		readerDates = false
	}: {
		/** false leaves the date off, for a page that shows the time beside the sentence. */
		day?: boolean;
		/** Dates as the reader writes them (a page) rather than YYYY-MM-DD (the exports). */
		readerDates?: boolean;
	} = {}
): string {
	const t = REPORT_TEXT[locale];
	const who = personLabel(change.actor, locale);
	// Something added is named as it was when added (it may have been renamed since: the rename
	// is its own change); everything else by its title now. Added without a title, or with the
	// placeholder "+ Add milestone" gives, it is named by its title now: thirty "added the
	// milestone 'New milestone'" would not say which was which.
	const created = change.field === 'created' ? titleWhenCreated(change.after) : null;
	const title = excerpt(
		(created && pick(created, locale)) || pick(change.entityTitle, locale) || t.untitled,
		TITLE_IN_SENTENCE
	);
	const q = `'${title}'`;
	const day = readerDates ? readerDay(reportDay(change.at), locale) : reportDay(change.at);
	const kind =
		locale === 'ko'
			? { task: '과제', milestone: '이정표', roadmap: '로드맵', owner: '과제' }[change.entityType]
			: { task: 'task', milestone: 'milestone', roadmap: 'roadmap', owner: 'task' }[
					change.entityType
				];
	const field = t.field[change.field] ?? change.field;
	// Only some sentences show the values: a created milestone's `after` is its whole payload.
	const before = once(() => valueLabel(change, change.before, locale, readerDates));
	const after = once(() => valueLabel(change, change.after, locale, readerDates));
	const creation = creationOf(change);
	const sentence = locale === 'ko' ? korean() : english();
	if (!withDay) return sentence;
	// Korean puts the day first, as a time adverbial ("2026년 3월 2일 김민지님이 …을 바꿨습니다"):
	// after the final verb (", 2026년 3월 2일") it read as an afterthought.
	return locale === 'ko' ? `${day} ${sentence}` : `${sentence}, ${day}`;

	function english(): string {
		if (creation)
			return `${who} created the roadmap ${q} from the template '${pick(creation.template, locale)}' (${creationCounts(creation, locale)})`;
		switch (change.field) {
			case 'created':
				return restored(change)
					? `${who} restored the deleted ${kind} ${q}`
					: `${who} added the ${kind} ${q}`;
			case 'deleted':
				return `${who} deleted the ${kind} ${q}`;
			case 'assigned': {
				const o = ownerOf(change.after, locale);
				return `${who} assigned ${o?.name} as ${o?.role} of ${q}`;
			}
			case 'removed': {
				const o = ownerOf(change.before, locale);
				return `${who} removed ${o?.name} from ${q}`;
			}
			case 'role': {
				const a = ownerOf(change.before, locale);
				const b = ownerOf(change.after, locale);
				return `${who} made ${b?.name} ${b?.role} instead of ${a?.role} of ${q}`;
			}
			case 'status':
				return `${who} changed the status of ${q} from ${before()} to ${after()}`;
			case 'progress':
				return `${who} changed the progress of ${q} from ${before()} to ${after()}`;
			case 'position':
				return `${who} reordered ${q}`;
			case 'taskId':
				return `${who} moved the ${kind} ${q} to the task '${after()}'`;
		}
		if (isTextChange(change)) {
			const d = diffExcerpts(String(change.before ?? ''), String(change.after ?? ''));
			return `${who} edited the ${field} of ${q}: “${d.before}” → “${d.after}”`;
		}
		if (change.before === null || change.before === undefined)
			return `${who} set the ${field} of ${q} to ${after()}`;
		if (change.after === null || change.after === undefined)
			return `${who} cleared the ${field} of ${q} (was ${before()})`;
		return `${who} changed the ${field} of ${q} from ${before()} to ${after()}`;
	}

	function korean(): string {
		const subject = change.actor ? `${who}님이` : `${who}${josa(who, '이가')}`;
		const obj = `${q}${josa(title, '을를')}`;
		const of = `${q}의`;
		if (creation) {
			const template = pick(creation.template, locale);
			return `${subject} '${template}' 템플릿으로 로드맵 ${obj} 만들었습니다 (${creationCounts(creation, locale)})`;
		}
		switch (change.field) {
			case 'created':
				return restored(change)
					? `${subject} 삭제된 ${kind} ${obj} 복원했습니다`
					: `${subject} ${kind} ${obj} 추가했습니다`;
			case 'deleted':
				return `${subject} ${kind} ${obj} 삭제했습니다`;
			case 'assigned': {
				const o = ownerOf(change.after, locale);
				return `${subject} ${of} ${o?.role}${josa(o?.role ?? '', '으로')} ${o?.name}${josa(o?.name ?? '', '을를')} 지정했습니다`;
			}
			case 'removed': {
				const o = ownerOf(change.before, locale);
				return `${subject} ${of} 담당에서 ${o?.name}${josa(o?.name ?? '', '을를')} 뺐습니다`;
			}
			case 'role': {
				const a = ownerOf(change.before, locale);
				const b = ownerOf(change.after, locale);
				return `${subject} ${of} ${b?.name} 역할을 ${a?.role}에서 ${b?.role}${josa(b?.role ?? '', '으로')} 바꿨습니다`;
			}
			case 'position':
				return `${subject} ${q}의 순서를 바꿨습니다`;
			case 'taskId':
				return `${subject} ${kind} ${obj} '${after()}' 과제로 옮겼습니다`;
		}
		if (isTextChange(change)) {
			const d = diffExcerpts(String(change.before ?? ''), String(change.after ?? ''));
			return `${subject} ${of} ${field}${josa(field, '을를')} 고쳤습니다: “${d.before}” → “${d.after}”`;
		}
		if (change.before === null || change.before === undefined)
			return `${subject} ${of} ${field}${josa(field, '을를')} ${after()}${josa(after(), '으로')} 정했습니다`;
		if (change.after === null || change.after === undefined)
			return `${subject} ${of} ${field}${josa(field, '을를')} 지웠습니다 (이전: ${before()})`;
		return `${subject} ${of} ${field}${josa(field, '을를')} ${before()}에서 ${after()}${josa(after(), '으로')} 바꿨습니다`;
	}
}

/**
 * A milestone's owners as a report shows them, `label` being their names: led by "과제 담당:" /
 * "Task owners:" when they are its task's, the milestone having none of its own.
 */
export function milestoneOwnersText(
	milestone: { ownersFromTask?: boolean },
	label: string,
	locale: Locale
): string {
	return label && milestone.ownersFromTask
		? `${REPORT_TEXT[locale].ownersOfTask}: ${label}`
		: label;
}
