import { describe, expect, it } from 'vitest';
import type { Overwrite } from './overwritten-while-editing';
import { overwriteNoticeLines } from './overwrite-notice';

const overwrite = (o: Partial<Overwrite> & { by?: string | null }) => ({
	kind: 'milestone' as const,
	id: 'ms_1',
	field: 'status' as const,
	title: { ko: 'PIM 시제품 검증', en: 'PIM prototype check' },
	mine: 'done',
	theirs: 'blocked',
	byClient: 2,
	by: '김민지 사무관',
	...o
});

describe('the notice of a choice someone else made at the same time', () => {
	it('names who, which field of which item, and both values, in Korean with its particles', () => {
		expect(
			overwriteNoticeLines(
				[
					overwrite({}),
					overwrite({ field: 'dueDate', mine: '2026-03-09', theirs: '2026-03-02', by: null }),
					overwrite({
						kind: 'task',
						field: 'progress',
						mine: 40,
						theirs: 60,
						title: { ko: '', en: '' }
					})
				],
				'ko'
			)
		).toEqual([
			'김민지 사무관님이 동시에 ‘PIM 시제품 검증’의 상태를 ‘차단’으로 바꿔 그 값이 남았습니다. 내가 고른 ‘완료’는 반영되지 않았습니다.',
			'다른 사람이 동시에 ‘PIM 시제품 검증’의 마감일을 ‘2026년 3월 2일’로 바꿔 그 값이 남았습니다. 내가 고른 ‘2026년 3월 9일’은 반영되지 않았습니다.',
			'김민지 사무관님이 동시에 ‘(제목 없음)’의 진행률을 ‘60%’로 바꿔 그 값이 남았습니다. 내가 고른 ‘40%’는 반영되지 않았습니다.'
		]);
	});

	it('speaks English with English labels and dates, and says "no date" for a date taken away', () => {
		expect(
			overwriteNoticeLines(
				[
					overwrite({ by: 'Minji Kim' }),
					overwrite({ field: 'startDate', mine: '2026-03-09', theirs: null, by: null })
				],
				'en'
			)
		).toEqual([
			'Minji Kim set the status of ‘PIM prototype check’ at the same time as you. Theirs was kept (Blocked); yours was not (Done).',
			'Someone else set the start date of ‘PIM prototype check’ at the same time as you. Theirs was kept (No date yet); yours was not (9 Mar 2026).'
		]);
	});
});
