import { describe, expect, it } from 'vitest';
import { sampleChange } from './change-fixture';
import {
	changeValueText,
	describeChange,
	diffExcerpts,
	excerpt,
	pick,
	REPORT_TEXT,
	readerDay,
	reportDay,
	taskMetaLine
} from './text';

const change = sampleChange;

describe('describeChange', () => {
	it('says who moved what from where to where, and when, in both languages', () => {
		const c = change({ actor: { name: 'Kim Minji', organization: 'MSIT' } });
		expect(describeChange(c, 'en')).toBe(
			"Kim Minji (MSIT) changed the status of 'PIM prototype' from planned to in progress, 2026-03-02"
		);
		expect(describeChange(change({}), 'ko')).toBe(
			"2026-03-02 김민지 (과학기술정보통신부)님이 'PIM 시제품'의 상태를 예정에서 진행 중으로 바꿨습니다"
		);
	});

	it('names a long title whole, so titles that begin alike can be told apart', () => {
		const title =
			'Focused investment in high-performance, low-power next-generation AI semiconductors (NPU, PIM)';
		const c = change({ entityTitle: { ko: title, en: title } });
		expect(describeChange(c, 'en')).toContain(`'${title}'`);
		expect(describeChange(c, 'ko')).toContain(`'${title}'`);
	});

	it('writes dates as the reader does on a page, and as YYYY-MM-DD in the exports', () => {
		const moved = change({ field: 'dueDate', before: '2026-03-01', after: '2026-04-15' });
		expect(describeChange(moved, 'ko', { readerDates: true })).toBe(
			"2026년 3월 2일 김민지 (과학기술정보통신부)님이 'PIM 시제품'의 마감일을 2026년 3월 1일에서 2026년 4월 15일로 바꿨습니다"
		);
		expect(describeChange(moved, 'en', { readerDates: true })).toMatch(
			/from 1 Mar 2026 to 15 Apr 2026, 2 Mar 2026$/
		);
		expect(describeChange(moved, 'en')).toMatch(/from 2026-03-01 to 2026-04-15, 2026-03-02$/);
		expect(readerDay('2026-02-30', 'en')).toBe('2026-02-30'); // not a day: left as it was
	});

	it('counts days in Korea: 23:30 UTC is the next day', () => {
		expect(reportDay('2026-03-01T23:30:00Z')).toBe('2026-03-02');
		expect(describeChange(change({ at: '2026-03-01T23:30:00Z' }), 'en')).toMatch(/2026-03-02$/);
	});

	it('counts days as the time zone database does, summer time of 1987–88 included', () => {
		const seoul = new Intl.DateTimeFormat('en-CA', {
			timeZone: 'Asia/Seoul',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit'
		});
		const instants = [
			'1988-10-08T14:59:59Z', // 23:59:59 KDT (UTC+10): still the 8th
			'1988-10-08T15:00:00Z',
			'1988-10-08T17:59:59Z',
			'1988-10-08T18:00:00Z', // summer time ends
			'1988-05-07T15:30:00Z',
			'1987-08-01T14:30:00Z',
			'1970-01-01T00:00:00Z',
			'9999-12-31T14:59:59Z',
			'9999-12-31T15:00:00Z'
		].map((iso) => new Date(iso).getTime());
		// And every 3 days 13 min 20 s from 1985 to 2060: the time of day moves round the clock.
		for (let t = Date.UTC(1985, 0, 1); t < Date.UTC(2060, 0, 1); t += 260_000_000) instants.push(t);
		for (const t of instants)
			expect(reportDay(new Date(t)), new Date(t).toISOString()).toBe(seoul.format(t));
	});

	it('shows a text edit as short excerpts around what changed, never the whole text', () => {
		const long = '가'.repeat(300);
		const c = change({
			entityType: 'task',
			field: 'summaryKo',
			before: long + ' 초안',
			after: long + ' 최종안'
		});
		const sentence = describeChange(c, 'ko');
		expect(sentence).toContain('“…');
		expect(sentence).toContain('초안”');
		expect(sentence).toContain('최종안”');
		expect(sentence.length).toBeLessThan(160);
	});

	it('names owners by name and role, and progress in percent', () => {
		const owner = {
			owner: 'org:1',
			role: 'lead',
			name: { ko: '메모리 반도체 기업', en: 'Memory chip maker' }
		};
		const assigned = change({ entityType: 'owner', field: 'assigned', before: null, after: owner });
		expect(describeChange(assigned, 'en')).toContain('assigned Memory chip maker as lead of');
		expect(describeChange(assigned, 'ko')).toContain('주관으로 메모리 반도체 기업을 지정했습니다');
		const progress = change({ entityType: 'task', field: 'progress', before: 10, after: 35 });
		expect(describeChange(progress, 'en')).toContain('from 10% to 35%');
		expect(describeChange(progress, 'ko')).toContain('10%에서 35%로 바꿨습니다');
	});

	it('falls back to the other language and to "someone" for a deleted account', () => {
		const c = change({ actor: null, entityTitle: { ko: '한국어만', en: '' }, field: 'created' });
		expect(describeChange(c, 'en')).toBe("Someone added the milestone '한국어만', 2026-03-02");
		expect(describeChange(c, 'ko')).toContain('누군가가');
	});

	it('names something added by the title it was added with, not the one it has now', () => {
		const c = change({
			field: 'created',
			before: null,
			after: { taskId: 'task_1', titleKo: 'PIM 시제품', titleEn: 'PIM prototype' },
			entityTitle: { ko: 'PIM 시제품 검증', en: 'PIM prototype check' }
		});
		expect(describeChange(c, 'en')).toBe(
			"김민지 (과학기술정보통신부) added the milestone 'PIM prototype', 2026-03-02"
		);
		expect(describeChange(c, 'ko')).toContain("'PIM 시제품'");
	});

	it('names something added under the placeholder title by the title it has now', () => {
		const c = change({
			field: 'created',
			before: null,
			after: { taskId: 'task_1', titleKo: '새 이정표', titleEn: '' },
			entityTitle: { ko: 'PIM 시제품 검증', en: 'PIM prototype check' }
		});
		expect(describeChange(c, 'en')).toBe(
			"김민지 (과학기술정보통신부) added the milestone 'PIM prototype check', 2026-03-02"
		);
		expect(describeChange(c, 'ko')).toContain("'PIM 시제품 검증'");
	});

	it('names something added without a title by the title it was given after', () => {
		const c = change({
			field: 'created',
			before: null,
			after: { taskId: 'task_1', titleKo: '', titleEn: '' },
			entityTitle: { ko: 'PIM 시제품 검증', en: 'PIM prototype check' }
		});
		expect(describeChange(c, 'en')).toBe(
			"김민지 (과학기술정보통신부) added the milestone 'PIM prototype check', 2026-03-02"
		);
		expect(describeChange(c, 'ko')).toContain("'PIM 시제품 검증'");
		// Still untitled: said so.
		const bare = change({ ...c, entityTitle: { ko: '', en: '' } });
		expect(describeChange(bare, 'en')).toContain("'(untitled)'");
	});

	it('normalises decomposed (NFD) Hangul to NFC', () => {
		const nfd = 'PIM 시제품'.normalize('NFD');
		const c = change({ entityTitle: { ko: nfd, en: '' } });
		expect(describeChange(c, 'ko')).toContain('PIM 시제품'.normalize('NFC'));
		expect(describeChange(c, 'ko')).not.toContain(nfd.slice(4));
	});
});

describe('excerpts', () => {
	it('cuts at whole syllables and emoji, with an ellipsis', () => {
		expect(excerpt('가나다라마바사', 4)).toBe('가나다…');
		expect(excerpt('👩‍🔬👩‍🔬👩‍🔬', 2)).toBe('👩‍🔬…');
		expect(excerpt('짧다', 4)).toBe('짧다');
	});
	it('cuts every kind of text where whole-text segmentation would', () => {
		// The reference: segment the whole text, then cut (what excerpt did before it learned to stop
		// early and to skip the segmenter for plain ASCII and Hangul syllables).
		const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
		const reference = (text: string, max: number) => {
			const nfc = text.replace(/\s+/g, ' ').trim().normalize('NFC');
			const chars = Array.from(segmenter.segment(nfc), (s) => s.segment);
			return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('') + '…';
		};
		const texts = [
			'과제 1 마일스톤 12: 차세대 메모리 반도체 시제품 검증',
			'가나다라마바사'.normalize('NFD'),
			'각\u11a8각\u11a8각\u11a8', // a syllable and a trailing jamo stay one character
			'e\u0301e\u0301e\u0301 café',
			'🇰🇷🇰🇷🇰🇷 flags and 👩‍🔬 people',
			'韓國 roadmap  with\ttabs\nand lines',
			JSON.stringify({ titleKo: '차세대 메모리 반도체 시제품 검증', titleEn: 'prototype check' })
		];
		for (const text of texts)
			for (const max of [1, 2, 3, 5, 40])
				expect(excerpt(text, max), `${text} / ${max}`).toBe(reference(text, max));
		// Long texts are read from a prefix first: characters that join across its end (combining
		// marks, jamo, emoji sequences, whitespace runs) at every offset around where it is cut.
		const long = [
			' \t\n'.repeat(400) + 'e\u0301'.repeat(100),
			'e' + '\u0301'.repeat(1500) + 'abc',
			'가나다라마바사'.repeat(80).normalize('NFD'),
			'👩‍🔬🇰🇷'.repeat(300),
			'a \n b  '.repeat(300)
		];
		for (const text of long)
			for (let shift = 0; shift < 14; shift++)
				for (const max of [1, 2, 3, 5, 40]) {
					const shifted = 'x'.repeat(shift) + text;
					expect(excerpt(shifted, max), `${shift} / ${max}`).toBe(reference(shifted, max));
				}
	});
	it('centres on the edit', () => {
		const d = diffExcerpts(
			'a'.repeat(100) + 'X' + 'b'.repeat(100),
			'a'.repeat(100) + 'Y' + 'b'.repeat(100),
			30
		);
		expect(d.before).toBe('…aaaaaaaaXbbbbbbbb…');
		expect(d.after).toBe('…aaaaaaaaYbbbbbbbb…');
		// Words are kept whole at both ends of the excerpt.
		const words = diffExcerpts(
			'차세대 메모리 반도체 기술 경쟁력 확보 방안 마련',
			'차세대 메모리 반도체 설계 기술 경쟁력 확보 방안 마련'
		);
		expect(words.after).toBe('…메모리 반도체 설계 기술 경쟁력 확보…'); // not '… 경쟁력 확…'
	});
});

describe('dictionary', () => {
	it('has the same keys in both languages and valid sheet names', () => {
		const keys = (o: object): string[] =>
			Object.entries(o).flatMap(([k, v]) =>
				v && typeof v === 'object' ? keys(v).map((s) => `${k}.${s}`) : [k]
			);
		expect(keys(REPORT_TEXT.ko).sort()).toEqual(keys(REPORT_TEXT.en).sort());
		for (const t of Object.values(REPORT_TEXT))
			for (const name of Object.values(t.sheets)) expect(name).toMatch(/^[^:\\/?*[\]]{1,31}$/);
		expect(REPORT_TEXT.en.pageOf(2, 9)).toBe('2 / 9');
		expect(pick({ ko: ' ', en: 'x' }, 'ko')).toBe('x');
	});
});

describe('changeValueText (the change sheet’s before and after cells)', () => {
	it('shows labels, names and titles in the language, never codes or JSON', () => {
		const status = change({});
		expect(changeValueText(status, status.before, 'ko')).toBe(
			REPORT_TEXT.ko.milestoneStatus.planned
		);
		expect(changeValueText(status, status.after, 'en')).toBe(
			REPORT_TEXT.en.milestoneStatus.in_progress
		);
		const owner = {
			owner: 'org:o1',
			role: 'lead',
			name: { ko: '메모리 반도체 기업', en: 'Memory chip maker' }
		};
		const assigned = change({ entityType: 'owner', field: 'assigned', before: null, after: owner });
		expect(changeValueText(assigned, assigned.after, 'ko')).toBe(
			`메모리 반도체 기업 (${REPORT_TEXT.ko.ownerRole.lead})`
		);
		expect(changeValueText(assigned, assigned.before, 'ko')).toBe('');
		const created = change({
			field: 'created',
			before: null,
			after: { titleKo: '시제품', titleEn: 'Prototype', taskId: 'task_1', position: 3 }
		});
		expect(changeValueText(created, created.after, 'en')).toBe('Prototype');
		const progress = change({ entityType: 'task', field: 'progress', before: 10, after: 35 });
		expect(changeValueText(progress, progress.after, 'ko')).toBe('35%');
		const sectors = change({
			entityType: 'task',
			field: 'suggestedSectors',
			before: [],
			after: ['industry']
		});
		expect(changeValueText(sectors, sectors.after, 'en')).toBe(REPORT_TEXT.en.sector.industry);
	});
});

describe('taskMetaLine', () => {
	it('leads with the status, capitalised in English, and names overdue milestones', () => {
		const task = {
			status: 'in_progress',
			milestones: { total: 5, done: 2, overdue: 1 }
		} as Parameters<typeof taskMetaLine>[0];
		expect(taskMetaLine(task, 'en')).toBe(
			`${REPORT_TEXT.en.taskStatus.in_progress.replace(/^./, (c) => c.toUpperCase())} · Milestones done/total 2/5 · ${REPORT_TEXT.en.columns.overdue} 1`
		);
		expect(taskMetaLine(task, 'en')).toMatch(/^[A-Z]/);
		expect(taskMetaLine({ ...task, milestones: { total: 3, done: 1, overdue: 0 } }, 'ko')).toBe(
			`${REPORT_TEXT.ko.taskStatus.in_progress} · ${REPORT_TEXT.ko.columns.doneOfTotal} 1/3`
		);
	});

	it('says so when the task’s status contradicts its milestones', () => {
		const task = {
			status: 'planned',
			milestones: { total: 2, done: 0, overdue: 0 }
		} as Parameters<typeof taskMetaLine>[0];
		const begun = [{ status: 'in_progress' }, { status: 'planned' }];
		expect(taskMetaLine(task, 'en', begun)).toBe(
			'Planned · milestones say in progress · Milestones done/total 0/2'
		);
		expect(taskMetaLine(task, 'ko', begun)).toBe(
			'예정 · 이정표로 보면 진행 중 · 이정표 완료/전체 0/2'
		);
		expect(taskMetaLine(task, 'en', [{ status: 'planned' }])).toBe(
			'Planned · Milestones done/total 0/2'
		);
	});
});

describe('the report names sectors as the app does', () => {
	it('uses the app’s own sector names in both languages', async () => {
		const { readFileSync } = await import('node:fs');
		for (const locale of ['ko', 'en'] as const) {
			const app = JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8'));
			for (const [sector, label] of Object.entries(REPORT_TEXT[locale].sector))
				expect(label, `${locale} ${sector}`).toBe(app[`sector_${sector}`]);
		}
	});
});
