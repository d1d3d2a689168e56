import { describe, expect, it } from 'vitest';
import type { LostEdit } from './deleted-while-editing';
import { lostNoticeLines } from './lost-notice';

const item = (
	id: string,
	ko: string,
	edited: boolean | 'unsaved',
	task?: LostEdit['task'],
	kind: LostEdit['kind'] = 'milestone'
): LostEdit => ({
	kind,
	id,
	title: { ko, en: '' },
	edited: !!edited,
	...(edited === 'unsaved' ? { unsaved: true as const } : {}),
	...(task ? { task } : {})
});

describe('the notice of what someone else deleted', () => {
	it('tells items deleted on their own, edited and only open, in one sentence each', () => {
		const lost = [
			item('a', '시제품', 'unsaved'),
			item('d', '예산안', true),
			item('b', '예산', false),
			item('c', '', false)
		];
		expect(lostNoticeLines(lost, 'ko')).toEqual([
			'편집하는 사이 다른 사람이 ‘시제품’을 삭제해서 그 변경은 저장되지 않았습니다.',
			// Edits that reached the server before the deletion are in its copy.
			'편집하는 사이 다른 사람이 ‘예산안’을 삭제했습니다. 입력한 내용은 함께 저장되어 있어 복원하면 함께 돌아옵니다.',
			'열어 둔 ‘예산’, ‘(제목 없음)’ 항목을 다른 사람이 삭제했습니다.'
		]);
	});

	it('names the whole task a milestone went with, once, as the log tells it', () => {
		const task = { id: 't', title: { ko: '반도체 협력', en: 'Chips' } };
		const lines = lostNoticeLines(
			[
				item('a', '시제품', false, task),
				// The task's own title was being typed in: told in the task's sentence, not again.
				item('t', '반도체 협력', 'unsaved', undefined, 'task'),
				item('x', '다른 이정표', false)
			],
			'en'
		);
		expect(lines).toEqual([
			'Someone else deleted ‘다른 이정표’, which you had open.',
			'Someone else deleted the task ‘Chips’ while you were editing ‘시제품’ in it, so your changes were not kept.'
		]);
		expect(lostNoticeLines([item('a', '시제품', false, task)], 'ko')).toEqual([
			'열어 둔 ‘시제품’ 항목이 든 과제 ‘반도체 협력’을 다른 사람이 삭제했습니다.'
		]);
		expect(lostNoticeLines([item('a', 'Pilot', true, task)], 'en')).toEqual([
			'Someone else deleted the task ‘Chips’ while you were editing ‘Pilot’ in it. What you typed was saved with it, so restoring the task brings that back too.'
		]);
	});
});
