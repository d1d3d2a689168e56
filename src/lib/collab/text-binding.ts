/**
 * Binds a plain <input>/<textarea> to a Y.Text so that several people can type in one field:
 *
 * - A local edit is written as the smallest splice (common prefix and suffix kept), never as
 *   "replace everything", so concurrent edits elsewhere in the text survive.
 * - A remote edit rewrites the field, and each person's caret and selection are restored from
 *   Yjs relative positions taken just before the remote change was applied: they stay next to
 *   the characters they were next to, instead of jumping to the end.
 * - While an IME composition is in progress (Hangul is typed that way) the field is never
 *   written: that would break the syllable being composed. Remote changes that arrive meanwhile
 *   are collected and, at compositionend, the composed text is placed where it belongs in the
 *   current text (its position mapped through those changes), then the field is refreshed once.
 * - A length limit is enforced at the keyboard, with a callback so the field can say what did
 *   not fit instead of cutting silently.
 *
 * DOM-free on purpose (the field is anything with value and selection), so it is unit-tested
 * in Node; `collabText` (collab-text.ts) wires it to real elements.
 */
import * as Y from 'yjs';

export interface FieldLike {
	value: string;
	readonly selectionStart: number | null;
	readonly selectionEnd: number | null;
	setSelectionRange(start: number, end: number, direction?: 'forward' | 'backward' | 'none'): void;
}

export interface TextBindingOptions {
	/** Longest text the field accepts (in UTF-16 code units, like `maxlength`). */
	maxLength?: number;
	/** Is the field focused? Only a focused field has a caret worth restoring. */
	hasFocus?: () => boolean;
	/** Called after each local change has been written to the Y.Text. */
	onLocalChange?: () => void;
	/** Called when typed or pasted text did not fit: how many characters were left out. */
	onOverflow?: (droppedCharacters: number) => void;
	/** Called whenever the field shows a new value, whoever changed it. */
	onShow?: (value: string) => void;
}

/** One Yjs text delta op, as `YTextEvent.delta` gives them. */
export type DeltaOp = { retain?: number; insert?: unknown; delete?: number };

/**
 * Where index `index` of the text before `delta` is afterwards. `assoc` decides ties: with -1
 * the index stays before text inserted exactly there, with 1 it moves after it.
 */
export function mapIndex(index: number, delta: readonly DeltaOp[], assoc: -1 | 1 = 1): number {
	let oldPos = 0;
	let shift = 0;
	for (const op of delta) {
		if (op.retain !== undefined) {
			if (index < oldPos + op.retain) break;
			oldPos += op.retain;
		} else if (op.insert !== undefined) {
			const length = typeof op.insert === 'string' ? op.insert.length : 1;
			if (oldPos < index || (oldPos === index && assoc === 1)) shift += length;
			else if (oldPos > index) break;
		} else if (op.delete !== undefined) {
			if (index <= oldPos) break;
			// An index inside deleted text collapses to where the deletion was.
			shift -= Math.min(op.delete, index - oldPos);
			oldPos += op.delete;
			if (index < oldPos) break;
		}
	}
	return index + shift;
}

/** The single splice that turns `from` into `to`: start, how many removed, what inserted. */
export function splice(
	from: string,
	to: string
): { start: number; remove: number; insert: string } {
	let start = 0;
	const max = Math.min(from.length, to.length);
	while (start < max && from.charCodeAt(start) === to.charCodeAt(start)) start++;
	// Never split a surrogate pair (an emoji or a rare Hanja): back up to its first half.
	if (start > 0 && isHighSurrogate(from.charCodeAt(start - 1))) start--;
	let end = 0;
	while (
		end < from.length - start &&
		end < to.length - start &&
		from.charCodeAt(from.length - 1 - end) === to.charCodeAt(to.length - 1 - end)
	)
		end++;
	if (end > 0 && isLowSurrogate(from.charCodeAt(from.length - end))) end--;
	return {
		start,
		remove: from.length - start - end,
		insert: to.slice(start, to.length - end)
	};
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

export class TextBinding {
	/** What the field showed after the last sync: equal to the Y.Text unless composing. */
	private shown: string;
	private composing = false;
	/** Remote changes that arrived during the composition, in order. */
	private pending: DeltaOp[][] = [];
	/** The caret as relative positions, taken just before a remote change. */
	private saved: { start: Y.RelativePosition; end: Y.RelativePosition } | null = null;
	/**
	 * Our own transactions carry the binding itself as origin: the binding skips their echo, and
	 * undo (undo.ts) recognises a person's typing by this class.
	 */
	private readonly origin = this;
	private readonly doc: Y.Doc;

	constructor(
		private readonly text: Y.Text,
		private readonly field: FieldLike,
		private readonly options: TextBindingOptions = {}
	) {
		if (!text.doc) throw new Error('The Y.Text must belong to a Y.Doc');
		this.doc = text.doc;
		this.shown = text.toString();
		field.value = this.shown;
		options.onShow?.(this.shown);
		this.doc.on('beforeTransaction', this.beforeTransaction);
		text.observe(this.observe);
	}

	get isComposing(): boolean {
		return this.composing;
	}

	/** The field's value changed by the person at this keyboard (an `input` event). */
	input(): void {
		if (this.composing) return; // written once, at compositionend
		this.enforceLimit();
		this.writeLocal(this.shown, this.field.value, (i) => i);
		this.show(this.field.value);
	}

	compositionStart(): void {
		this.composing = true;
		this.pending = [];
	}

	compositionEnd(): void {
		if (!this.composing) return;
		this.composing = false;
		const pending = this.pending;
		this.pending = [];
		this.enforceLimit();
		const base = this.shown;
		const composed = this.field.value;
		// `base` is what the field showed when the composition began; the Y.Text has moved on by
		// `pending`. Map each position of the composed splice through those changes.
		const mapThrough = (index: number, assoc: -1 | 1) =>
			pending.reduce((i, delta) => mapIndex(i, delta, assoc), index);
		const edit = this.writeLocal(base, composed, mapThrough);
		const current = this.text.toString();
		if (current !== composed || pending.length) {
			const caret = edit ? edit.start + edit.insert.length : (this.field.selectionEnd ?? 0);
			this.field.value = current;
			if (this.focused()) this.field.setSelectionRange(caret, caret);
		}
		this.show(current);
	}

	/**
	 * Writes `value` over the whole text as this person's edit (undone like their typing), and
	 * shows it: a required title emptied and left is given back its text (collab-text.ts).
	 */
	replaceAll(value: string): void {
		if (this.composing) return;
		const from = this.text.toString();
		this.writeLocal(from, value, (i) => i);
		this.field.value = value;
		this.show(value);
	}

	destroy(): void {
		this.doc.off('beforeTransaction', this.beforeTransaction);
		this.text.unobserve(this.observe);
	}

	// ---- internals -----------------------------------------------------------------------------

	private show(value: string) {
		if (value === this.shown) return;
		this.shown = value;
		this.options.onShow?.(value);
	}

	private focused(): boolean {
		return this.options.hasFocus ? this.options.hasFocus() : true;
	}

	/** Writes the splice from `from` to `to` into the Y.Text, positions mapped by `map`. */
	private writeLocal(
		from: string,
		to: string,
		map: (index: number, assoc: -1 | 1) => number
	): { start: number; insert: string } | null {
		if (from === to) return null;
		const edit = splice(from, to);
		const start = map(edit.start, 1);
		const end = Math.max(start, map(edit.start + edit.remove, -1));
		this.doc.transact(() => {
			if (end > start) this.text.delete(start, end - start);
			if (edit.insert) this.text.insert(start, edit.insert);
		}, this.origin);
		this.options.onLocalChange?.();
		return { start, insert: edit.insert };
	}

	/** Keeps the field within maxLength, dropping what was just typed or pasted past it. */
	private enforceLimit(): void {
		const max = this.options.maxLength;
		const value = this.field.value;
		if (max === undefined || value.length <= max) return;
		const caret = this.field.selectionEnd ?? value.length;
		const excess = value.length - max;
		// Drop the characters just before the caret: those are the ones that were typed.
		const cut = Math.max(0, caret - excess);
		let kept = value.slice(0, cut) + value.slice(caret);
		if (kept.length > max) kept = kept.slice(0, max); // the text was already too long
		this.field.value = kept;
		if (this.focused()) this.field.setSelectionRange(cut, cut);
		this.options.onOverflow?.(value.length - kept.length);
	}

	private beforeTransaction = (transaction: Y.Transaction) => {
		if (transaction.origin === this.origin || this.composing || !this.focused()) {
			this.saved = null;
			return;
		}
		const start = this.field.selectionStart;
		const end = this.field.selectionEnd;
		if (start === null || end === null) {
			this.saved = null;
			return;
		}
		// The start sticks to the character after it, the end to the one before it, so text
		// inserted at the very edge of a selection is not pulled into it.
		this.saved = {
			start: Y.createRelativePositionFromTypeIndex(this.text, start, 0),
			end: Y.createRelativePositionFromTypeIndex(this.text, end, start === end ? 0 : -1)
		};
	};

	private observe = (event: Y.YTextEvent, transaction: Y.Transaction) => {
		if (transaction.origin === this.origin) return;
		if (this.composing) {
			this.pending.push(event.delta as DeltaOp[]);
			return;
		}
		const next = this.text.toString();
		if (next === this.field.value) {
			this.show(next);
			return;
		}
		const saved = this.saved;
		this.field.value = next;
		this.show(next);
		if (saved && this.focused()) {
			const start = Y.createAbsolutePositionFromRelativePosition(saved.start, this.doc)?.index;
			const end = Y.createAbsolutePositionFromRelativePosition(saved.end, this.doc)?.index;
			if (start !== undefined && end !== undefined)
				this.field.setSelectionRange(start, Math.max(start, end));
		}
	};
}
