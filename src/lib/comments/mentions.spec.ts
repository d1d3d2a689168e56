import { describe, expect, it } from 'vitest';
import { bodyParts, fromDraft, mentionIds, mentionQuery, toDraft } from './mentions';

const KIM = { id: '11111111-1111-4111-8111-111111111111', name: 'Kim' };
const KIM_MINJI = { id: '22222222-2222-4222-8222-222222222222', name: 'Kim Minji' };
const names = new Map([KIM, KIM_MINJI].map((p) => [p.id, p.name]));

describe('mentions', () => {
	it('finds each mentioned id once, in order, whatever the case of the token', () => {
		const body = `<@${KIM_MINJI.id}> and <@${KIM.id.toUpperCase()}>, again <@${KIM_MINJI.id}>`;
		expect(mentionIds(body)).toEqual([KIM_MINJI.id, KIM.id]);
		expect(mentionIds('<@not-an-id> @Kim')).toEqual([]);
	});

	it('cuts a body into text and mentions, never reading it as markup', () => {
		expect(bodyParts(`<b>hi</b> <@${KIM.id}>!`)).toEqual([
			{ kind: 'text', text: '<b>hi</b> ' },
			{ kind: 'mention', id: KIM.id },
			{ kind: 'text', text: '!' }
		]);
	});

	it('turns names picked in the composer into ids and back, the longer name first', () => {
		const draft = '@Kim Minji and @Kim, please check';
		const stored = fromDraft(draft, [KIM, KIM_MINJI]);
		expect(stored).toBe(`<@${KIM_MINJI.id}> and <@${KIM.id}>, please check`);
		expect(toDraft(stored, (id) => names.get(id)!)).toBe(draft);
		// A name typed by hand without picking it stays text.
		expect(fromDraft('@Lee hello', [KIM])).toBe('@Lee hello');
	});

	it('knows when the caret is in a mention being typed', () => {
		expect(mentionQuery('hello @Ki', 9)).toEqual({ start: 6, query: 'Ki' });
		expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
		expect(mentionQuery('mail me at a@b', 14)).toBeNull();
		expect(mentionQuery('@Kim\nnext', 9)).toBeNull();
		expect(mentionQuery('no at here', 5)).toBeNull();
	});
});
