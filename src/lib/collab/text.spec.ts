import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { replaceText } from './text';

describe('replaceText', () => {
	it('changes only the middle, so concurrent edits at both ends survive', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		const ta = a.getText('t');
		ta.insert(0, 'AI 전략 과제');
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		const tb = b.getText('t');
		replaceText(ta, '[긴급] AI 전략 과제'); // A edits the start
		replaceText(tb, 'AI 전략 과제 (2026)'); // B edits the end, at the same time
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(ta.toString()).toBe('[긴급] AI 전략 과제 (2026)');
		expect(tb.toString()).toBe(ta.toString());
	});

	it('handles deletion, replacement and no change', () => {
		const t = new Y.Doc().getText('t');
		t.insert(0, 'abcdef');
		replaceText(t, 'abef');
		expect(t.toString()).toBe('abef');
		replaceText(t, 'xyz');
		expect(t.toString()).toBe('xyz');
		replaceText(t, 'xyz');
		expect(t.toString()).toBe('xyz');
	});
});
