import { describe, expect, it } from 'vitest';
import { bodyParts, fromDraft, mentionIds, mentionQuery, plainText, toDraft } from './mentions';

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

	it("takes a member's name typed out in full as a mention, when it stands on its own", () => {
		const LEE = { id: '33333333-3333-4333-8333-333333333333', name: '이서연' };
		const members = [KIM, KIM_MINJI, LEE];
		expect(fromDraft('@Kim Minji and @Kim: see (@Kim)', [], members)).toBe(
			`<@${KIM_MINJI.id}> and <@${KIM.id}>: see (<@${KIM.id}>)`
		);
		// Korean titles and particles may follow a name; Latin letters and digits may not.
		expect(fromDraft('@이서연님 확인 부탁드립니다, @이서연에게도', [], members)).toBe(
			`<@${LEE.id}>님 확인 부탁드립니다, <@${LEE.id}>에게도`
		);
		expect(fromDraft('@Kimchi @Kim2 mail@Kim', [], members)).toBe('@Kimchi @Kim2 mail@Kim');
		// A name two members share is only a mention when picked.
		const twin = { id: '44444444-4444-4444-8444-444444444444', name: 'Kim' };
		expect(fromDraft('@Kim hello', [], [...members, twin])).toBe('@Kim hello');
		expect(fromDraft('@Kim hello', [twin], [...members, twin])).toBe(`<@${twin.id}> hello`);
		// A short name picked earlier does not take over a longer one typed in full later.
		expect(fromDraft('@Kim hi, and @Kim Minji too', [KIM], members)).toBe(
			`<@${KIM.id}> hi, and <@${KIM_MINJI.id}> too`
		);
		// Other scripts and hyphens run on too: a prefix of a longer word is not a name.
		const ivan = { id: '66666666-6666-4666-8666-666666666666', name: 'Иван' };
		const ann = { id: '77777777-7777-4777-8777-777777777777', name: 'Ann' };
		const wang = { id: '88888888-8888-4888-8888-888888888888', name: '王小' };
		const kimMin = { id: '99999999-9999-4999-8999-999999999999', name: '김민' };
		const others = [ivan, ann, wang, kimMin];
		expect(fromDraft('@Иванов @Ann-Marie @王小明 @김민지 @김민지님', [], others)).toBe(
			'@Иванов @Ann-Marie @王小明 @김민지 @김민지님'
		);
		expect(fromDraft("@Иван, @Ann's @王小 @김민님께서 @김민 과장님", [], others)).toBe(
			`<@${ivan.id}>, <@${ann.id}>'s <@${wang.id}> <@${kimMin.id}>님께서 <@${kimMin.id}> 과장님`
		);
		// Typed in any case.
		expect(fromDraft('@kim minji and @KIM', [], members)).toBe(
			`<@${KIM_MINJI.id}> and <@${KIM.id}>`
		);
		// Names are text, not patterns.
		const dotted = { id: '55555555-5555-4555-8555-555555555555', name: 'J. (Lee)' };
		expect(fromDraft('@J. (Lee) and @Jx (Lee)', [], [dotted])).toBe(
			`<@${dotted.id}> and @Jx (Lee)`
		);
	});

	it("leaves an edited comment's plain @Name as it was: only a newly typed one mentions", () => {
		const LEE = { id: '33333333-3333-4333-8333-333333333333', name: '이서연' };
		// Written before Lee joined: "@이서연" was text then, and Kim was picked.
		const body = `@이서연 팀장 의견 반영, <@${KIM.id}> 확인 바랍니다`;
		expect(plainText(body)).toBe('@이서연 팀장 의견 반영, \n 확인 바랍니다');
		const draft = toDraft(body, (id) => names.get(id)!);
		expect(draft).toBe('@이서연 팀장 의견 반영, @Kim 확인 바랍니다');
		const members = [KIM, LEE];
		// A typo fixed: Lee, a member now, is not told of a comment that never mentioned her.
		const fixed = draft.replace('바랍니다', '부탁드립니다');
		expect(fromDraft(fixed, [KIM], members, plainText(body))).toBe(
			`@이서연 팀장 의견 반영, <@${KIM.id}> 확인 부탁드립니다`
		);
		// Her name typed out once more: that one mentions her.
		expect(fromDraft(`${fixed} @이서연님도`, [KIM], members, plainText(body))).toBe(
			`@이서연 팀장 의견 반영, <@${KIM.id}> 확인 부탁드립니다 <@${LEE.id}>님도`
		);
		// Picked from the list, every "@이서연" is her: the picking says so.
		expect(fromDraft(fixed, [KIM, LEE], members, plainText(body))).toBe(
			`<@${LEE.id}> 팀장 의견 반영, <@${KIM.id}> 확인 부탁드립니다`
		);
	});

	it('knows when the caret is in a mention being typed', () => {
		expect(mentionQuery('hello @Ki', 9)).toEqual({ start: 6, query: 'Ki' });
		expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
		expect(mentionQuery('mail me at a@b', 14)).toBeNull();
		expect(mentionQuery('@Kim\nnext', 9)).toBeNull();
		expect(mentionQuery('no at here', 5)).toBeNull();
	});
});
