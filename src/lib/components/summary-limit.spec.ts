import { Fragment, Schema, Slice } from '@tiptap/pm/model';
import { EditorState, TextSelection } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import { summaryLength, summaryLimitPlugin } from './summary-limit';

const schema = new Schema({
	nodes: { doc: { content: 'block+' }, paragraph: { group: 'block', content: 'text*' }, text: {} }
});
const LIMIT = 20;

function editor(text: string) {
	const refused: number[] = [];
	const doc = schema.node('doc', null, [
		schema.node('paragraph', null, text ? [schema.text(text)] : [])
	]);
	let state = EditorState.create({
		schema,
		doc,
		plugins: [summaryLimitPlugin({ limit: LIMIT, onRefused: (n) => refused.push(n) })]
	});
	state = state.apply(state.tr.setSelection(TextSelection.atEnd(state.doc)));
	const text_ = () => state.doc.textContent;
	const dispatch = (build: (s: EditorState) => ReturnType<EditorState['tr']['insertText']>) => {
		state = state.applyTransaction(build(state)).state;
	};
	return { refused, text: text_, dispatch, state: () => state };
}

describe('the summary editor’s length limit', () => {
	it('refuses typing past the limit and says how much did not fit', () => {
		const e = editor('x'.repeat(LIMIT - 1));
		e.dispatch((s) => s.tr.insertText('ab'));
		expect(e.text()).toBe('x'.repeat(LIMIT - 1));
		expect(e.refused).toEqual([1]);
		e.dispatch((s) => s.tr.insertText('a'));
		expect(e.text()).toHaveLength(LIMIT);
		expect(summaryLength(e.state().doc)).toBe(LIMIT);
	});

	it('keeps the part of a paste that fits, as plain paragraphs', () => {
		const e = editor('0123456789');
		const plugin = e.state().plugins[0];
		const slice = new Slice(
			Fragment.from([
				schema.node('paragraph', null, [schema.text('ABCDEF')]),
				schema.node('paragraph', null, [schema.text('GHIJKLMNOP')])
			]),
			1,
			1
		);
		const paste = plugin.props.transformPasted!.call(
			plugin,
			slice,
			{ state: e.state() } as never,
			true
		);
		// Ten characters fit: "ABCDEF", a line break and "GHI".
		expect(paste.content.textBetween(0, paste.content.size, '\n', '\n')).toBe('ABCDEF\nGHI');
		expect(e.refused).toEqual([7]);
		expect(
			plugin.props.transformPasted!.call(plugin, Slice.empty, { state: e.state() } as never, true)
		).toBe(Slice.empty);
	});

	it('lets a summary already over the limit shrink, and others’ changes through', () => {
		const e = editor('y'.repeat(LIMIT + 5));
		e.dispatch((s) => s.tr.delete(1, 3));
		expect(e.text()).toHaveLength(LIMIT + 3);
		e.dispatch((s) => s.tr.insertText('z'));
		expect(e.text()).toHaveLength(LIMIT + 3);
		e.dispatch((s) => s.tr.insertText('remote').setMeta(ySyncPluginKey, { isChangeOrigin: true }));
		expect(e.text()).toHaveLength(LIMIT + 9);
	});
});
