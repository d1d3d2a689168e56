import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { richSummaryFrom, richSummaryOf, writeRichSummary } from './rich-summary';

/** A summary as Tiptap writes one: a heading, formatted text, a link, a list, a line break. */
function formatted(doc: Y.Doc): Y.XmlFragment {
	const fragment = doc.getXmlFragment('summary');
	const heading = new Y.XmlElement('heading');
	heading.setAttribute('level', 2 as unknown as string);
	const paragraph = new Y.XmlElement('paragraph');
	const list = new Y.XmlElement('bulletList');
	fragment.insert(0, [heading, paragraph, list]);
	heading.insert(0, [new Y.XmlText('목표')]);
	const text = new Y.XmlText();
	paragraph.insert(0, [text, new Y.XmlElement('hardBreak'), new Y.XmlText('둘째 줄')]);
	text.insert(0, '반도체 ');
	text.insert(4, '협력', { bold: {} });
	text.insert(6, ' 보고서', { link: { href: 'https://example.org/r', target: '_blank' } });
	for (const line of ['첫째', '둘째']) {
		const item = new Y.XmlElement('listItem');
		const p = new Y.XmlElement('paragraph');
		list.insert(list.length, [item]);
		item.insert(0, [p]);
		p.insert(0, [new Y.XmlText(line)]);
	}
	return fragment;
}

describe('a rich summary as JSON', () => {
	it('comes back exactly, formatting and all, through JSON', () => {
		const source = formatted(new Y.Doc());
		const stored = JSON.parse(JSON.stringify(richSummaryOf(source)));
		const target = new Y.Doc().getXmlFragment('summary');
		target.insert(0, [new Y.XmlElement('paragraph')]); // what it held before is replaced
		writeRichSummary(target, richSummaryFrom(stored)!);
		expect(target.toString()).toBe(source.toString());
		expect(richSummaryOf(target)).toEqual(richSummaryOf(source));
		expect(target.toString()).toContain('<bold>협력</bold>');
		expect(target.toString()).toContain('<heading level="2">');
	});

	it('keeps what has the shape of one from a stored copy, and nothing else', () => {
		expect(richSummaryFrom(null)).toBeNull();
		expect(richSummaryFrom('text')).toBeNull();
		expect(
			richSummaryFrom([
				{ element: 'paragraph', attrs: [], children: [{ text: [{ insert: 'a' }, { insert: 3 }] }] },
				{ element: '<script>', children: [] },
				{ element: 'paragraph', children: 'x' },
				7
			])
		).toEqual([
			{ element: 'paragraph', attrs: {}, children: [{ text: [{ insert: 'a' }] }] },
			{ element: 'paragraph', attrs: {}, children: [] }
		]);
		// Nesting past any list's depth is cut, not followed.
		let deep: unknown = { text: [{ insert: 'bottom' }] };
		for (let i = 0; i < 1000; i++) deep = { element: 'blockquote', children: [deep] };
		expect(JSON.stringify(richSummaryFrom([deep]))).not.toContain('bottom');
	});
});
