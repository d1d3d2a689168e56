import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mapIndex, splice, TextBinding, type FieldLike } from './text-binding';

/** An <input> as far as the binding sees it: a value and a selection. */
class FakeField implements FieldLike {
	value = '';
	selectionStart: number | null = 0;
	selectionEnd: number | null = 0;
	setSelectionRange(start: number, end: number) {
		this.selectionStart = start;
		this.selectionEnd = end;
	}
	caretAt(index: number) {
		this.setSelectionRange(index, index);
	}
	/** What a browser does for one keystroke: insert at the caret (replacing the selection). */
	typeKey(char: string) {
		const start = this.selectionStart ?? 0;
		const end = this.selectionEnd ?? start;
		this.value = this.value.slice(0, start) + char + this.value.slice(end);
		this.caretAt(start + char.length);
	}
}

/** Two people, each with their own doc and field, connected like the server connects them. */
function twoPeople(initial: string, options: { maxLength?: number } = {}) {
	const docA = new Y.Doc();
	const docB = new Y.Doc();
	docA.getText('t').insert(0, initial);
	Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA));
	// Queue updates so each side's edits arrive when we say ("the network").
	const toB: Uint8Array[] = [];
	const toA: Uint8Array[] = [];
	docA.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && toB.push(u));
	docB.on('update', (u: Uint8Array, origin: unknown) => origin !== 'net' && toA.push(u));
	const fieldA = new FakeField();
	const fieldB = new FakeField();
	const a = new TextBinding(docA.getText('t'), fieldA, options);
	const b = new TextBinding(docB.getText('t'), fieldB, options);
	const deliver = () => {
		for (const u of toB.splice(0)) Y.applyUpdate(docB, u, 'net');
		for (const u of toA.splice(0)) Y.applyUpdate(docA, u, 'net');
	};
	const type = (who: 'a' | 'b', chars: string) => {
		const [field, binding] = who === 'a' ? [fieldA, a] : [fieldB, b];
		for (const ch of chars) {
			field.typeKey(ch);
			binding.input();
		}
	};
	return { docA, docB, fieldA, fieldB, a, b, deliver, type };
}

describe('mapIndex', () => {
	it('moves an index past text inserted before it and keeps it before text inserted after it', () => {
		expect(mapIndex(5, [{ insert: 'abc' }])).toBe(8);
		expect(mapIndex(5, [{ retain: 6 }, { insert: 'abc' }])).toBe(5);
	});
	it('decides ties at the index by assoc', () => {
		expect(mapIndex(3, [{ retain: 3 }, { insert: 'xy' }], 1)).toBe(5);
		expect(mapIndex(3, [{ retain: 3 }, { insert: 'xy' }], -1)).toBe(3);
	});
	it('pulls an index back over deleted text and collapses an index inside a deletion', () => {
		expect(mapIndex(10, [{ retain: 2 }, { delete: 3 }])).toBe(7);
		expect(mapIndex(4, [{ retain: 2 }, { delete: 5 }])).toBe(2);
		expect(mapIndex(1, [{ retain: 2 }, { delete: 5 }])).toBe(1);
	});
});

describe('splice', () => {
	it('finds the changed middle', () => {
		expect(splice('abcdef', 'abXYef')).toEqual({ start: 2, remove: 2, insert: 'XY' });
		expect(splice('', '한국')).toEqual({ start: 0, remove: 0, insert: '한국' });
	});
	it('never splits a surrogate pair', () => {
		// Two different emoji that share their high surrogate.
		const edit = splice('a😀b', 'a😃b');
		expect(edit.start).toBe(1);
		expect(edit.insert).toBe('😃');
	});
});

describe('TextBinding', () => {
	it("keeps a person's caret next to the same characters when the other types before it", () => {
		const { fieldA, type, deliver } = twoPeople('hello world');
		fieldA.caretAt(6); // before "world"
		type('b', 'Big ');
		// B typed at its own caret, which starts at 0.
		deliver();
		expect(fieldA.value).toBe('Big hello world');
		expect(fieldA.selectionStart).toBe(10);
		expect(fieldA.value.slice(fieldA.selectionStart!)).toBe('world');
	});

	it('keeps a selection around the same word', () => {
		const { fieldA, fieldB, type, deliver } = twoPeople('one two three');
		fieldA.setSelectionRange(4, 7); // "two"
		fieldB.caretAt(0);
		type('b', '>> ');
		deliver();
		expect(fieldA.value.slice(fieldA.selectionStart!, fieldA.selectionEnd!)).toBe('two');
	});

	it('leaves each typed run contiguous when two people type at once at the start and the end', () => {
		const { fieldA, fieldB, type, deliver } = twoPeople('인공지능 강화');
		fieldA.caretAt(0);
		fieldB.caretAt(fieldB.value.length);
		const runA = 'A0A1A2A3';
		const runB = 'B0B1B2B3';
		for (let i = 0; i < runA.length; i++) {
			type('a', runA[i]);
			type('b', runB[i]);
			deliver();
		}
		expect(fieldA.value).toBe(`${runA}인공지능 강화${runB}`);
		expect(fieldB.value).toBe(fieldA.value);
	});

	it('keeps a run typed into the middle of the other person’s word in one piece', () => {
		const { fieldA, fieldB, type, deliver } = twoPeople('');
		fieldA.caretAt(0);
		type('a', 'roadmap');
		deliver();
		fieldB.caretAt(4); // road|map
		const runA = ' draft';
		const runB = '-XYZ-';
		for (let i = 0; i < Math.max(runA.length, runB.length); i++) {
			if (runA[i]) type('a', runA[i]);
			if (runB[i]) type('b', runB[i]);
			deliver();
		}
		expect(fieldA.value).toBe('road-XYZ-map draft');
		expect(fieldB.value).toBe(fieldA.value);
	});

	it('never writes the field during a composition and places the composed syllables where they were typed', () => {
		const { fieldA, fieldB, docA, a, type, deliver } = twoPeople('과제');
		fieldA.caretAt(0);
		fieldB.caretAt(2);
		a.compositionStart();
		// The IME updates the field as jamo become syllables.
		const steps = ['ㅎ', '하', '한', '한ㄱ', '한구', '한국'];
		for (const step of steps) {
			fieldA.value = step + '과제';
			fieldA.caretAt(step.length);
			a.input(); // ignored while composing
			type('b', step.length % 2 ? 'Z' : 'X');
			const before = fieldA.value;
			deliver();
			// The remote keystroke did not touch A's field mid-syllable.
			expect(fieldA.value).toBe(before);
			expect(docA.getText('t').toString().startsWith('과제')).toBe(true);
		}
		a.compositionEnd();
		deliver();
		expect(fieldA.value).toBe('한국과제ZZZXXX');
		expect(fieldB.value).toBe('한국과제ZZZXXX');
		expect(fieldA.selectionStart).toBe(2); // right after 한국
	});

	it('maps a composition through remote text inserted before it', () => {
		const { fieldA, fieldB, a, type, deliver } = twoPeople('로드맵');
		fieldA.caretAt(3);
		fieldB.caretAt(0);
		a.compositionStart();
		fieldA.value = '로드맵한';
		fieldA.caretAt(4);
		type('b', 'AI ');
		deliver();
		expect(fieldA.value).toBe('로드맵한');
		fieldA.value = '로드맵한국';
		fieldA.caretAt(5);
		a.compositionEnd();
		deliver();
		expect(fieldA.value).toBe('AI 로드맵한국');
		expect(fieldB.value).toBe('AI 로드맵한국');
		expect(fieldA.selectionStart).toBe(8);
	});

	it('refuses text past maxLength and says how much did not fit', () => {
		const dropped: number[] = [];
		const docA = new Y.Doc();
		const field = new FakeField();
		const binding = new TextBinding(docA.getText('t'), field, {
			maxLength: 5,
			onOverflow: (n) => dropped.push(n)
		});
		field.typeKey('abc');
		binding.input();
		field.typeKey('defgh'); // a paste
		binding.input();
		expect(docA.getText('t').toString()).toBe('abcde');
		expect(field.value).toBe('abcde');
		expect(dropped).toEqual([3]);
	});

	it('stops following the text once destroyed', () => {
		const { fieldA, a, type, deliver } = twoPeople('x');
		a.destroy();
		type('b', 'yz');
		deliver();
		expect(fieldA.value).toBe('x');
	});
});

describe('replaceAll', () => {
	it('writes the whole text as this person’s edit, which the other side receives', () => {
		const { docA, fieldA, fieldB, a, deliver } = twoPeople('AI 반도체');
		fieldA.value = '';
		a.input();
		deliver();
		expect(fieldB.value).toBe('');
		const origins: unknown[] = [];
		docA.on('afterTransaction', (t: Y.Transaction) => origins.push(t.origin));
		a.replaceAll('AI 반도체');
		deliver();
		expect(fieldA.value).toBe('AI 반도체');
		expect(docA.getText('t').toString()).toBe('AI 반도체');
		expect(fieldB.value).toBe('AI 반도체');
		// The binding's own origin: undo takes it as this person's typing.
		expect(origins).toEqual([a]);
	});
});
