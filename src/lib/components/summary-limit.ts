/**
 * The summary's length limit in the rich-text editor. The readers (API, exports, reports) keep the
 * first TEXT_LIMITS.summary characters of a summary's plain text, so the editor must not hold more
 * than they show: what one types past the limit is refused, a paste keeps the part that fits, and
 * either says how much was left out (onRefused). Others' changes (y-prosemirror's sync) always
 * pass: refusing them would part the editor from the shared doc.
 */
import { Extension } from '@tiptap/core';
import { Fragment, Slice, type Node as ProseMirrorNode, type Schema } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';

const lengths = new WeakMap<ProseMirrorNode, number>();

/** The summary's length as the readers count it: blocks and line breaks one character each. */
export function summaryLength(doc: ProseMirrorNode): number {
	// Docs are immutable, and a keystroke's doc is measured twice (the limit, then the counter).
	let length = lengths.get(doc);
	if (length === undefined) {
		length = doc.textBetween(0, doc.content.size, '\n', '\n').trim().length;
		lengths.set(doc, length);
	}
	return length;
}

export interface SummaryLimitOptions {
	limit: number;
	/** How many characters of a change did not fit. */
	onRefused: (dropped: number) => void;
}

/**
 * The pasted slice cut to `room` characters: its text, one paragraph a line (a paste that does
 * not fit loses its formatting, not the part that fits).
 */
function cutToFit(slice: Slice, room: number, schema: Schema): Slice {
	const text = slice.content.textBetween(0, slice.content.size, '\n', '\n').slice(0, room);
	const paragraphs = text
		.split('\n')
		.map((line) => schema.nodes.paragraph.create(null, line ? schema.text(line) : null));
	return new Slice(Fragment.from(paragraphs), 1, 1);
}

/** The plugin itself (a plain ProseMirror plugin, so it can be tried without an editor). */
export function summaryLimitPlugin({ limit, onRefused }: SummaryLimitOptions): Plugin {
	return new Plugin({
		key: new PluginKey('summaryLimit'),
		props: {
			// A paste keeps what fits, and says how much did not.
			transformPasted(slice, view) {
				const { state } = view;
				const { from, to } = state.selection;
				const kept = summaryLength(state.doc) - state.doc.textBetween(from, to, '\n', '\n').length;
				const pasted = slice.content.textBetween(0, slice.content.size, '\n', '\n').length;
				const room = Math.max(0, limit - kept);
				if (pasted <= room) return slice;
				onRefused(pasted - room);
				return cutToFit(slice, room, state.schema);
			}
		},
		filterTransaction(tr, state) {
			if (!tr.docChanged || tr.getMeta(ySyncPluginKey)) return true;
			const after = summaryLength(tr.doc);
			if (after <= limit) return true;
			const before = summaryLength(state.doc);
			// Already over (written before the limit, or by an older client): shortening is fine.
			if (after <= before) return true;
			onRefused(after - Math.max(limit, before));
			return false;
		}
	});
}

export const SummaryLimit = Extension.create<SummaryLimitOptions>({
	name: 'summaryLimit',
	addOptions: () => ({ limit: Infinity, onRefused: () => {} }),
	addProseMirrorPlugins() {
		return [summaryLimitPlugin(this.options)];
	}
});
