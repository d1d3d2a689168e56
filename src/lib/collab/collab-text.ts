/**
 * `use:collabText={{ text, maxLength, … }}` on an <input> or <textarea>: the field edits the
 * Y.Text together with everyone else (see TextBinding for what that guarantees).
 */
import type { Action } from 'svelte/action';
import type * as Y from 'yjs';
import { TextBinding, type TextBindingOptions } from './text-binding';

export interface CollabTextParams extends Omit<TextBindingOptions, 'hasFocus'> {
	text: Y.Text;
	/**
	 * A title in a textarea that wraps: Enter adds no line, and pasted or dropped line breaks
	 * become spaces, as an <input> would have it.
	 */
	singleLine?: boolean;
	/**
	 * A title that must not be left empty: if this person empties it and leaves the field, the
	 * text it had when they came in is written back, and `onRestored` says what.
	 */
	required?: boolean;
	onRestored?: (value: string) => void;
}

type Field = HTMLInputElement | HTMLTextAreaElement;

const LINE_BREAK = /\r\n|[\r\n]/g;

let sizesItselfMemo: boolean | undefined;
/** Can the browser size a textarea to its text by itself (CSS field-sizing)? Asked once. */
const sizesItself = () =>
	(sizesItselfMemo ??=
		typeof CSS !== 'undefined' && CSS.supports?.('field-sizing', 'content') === true);

/** Grows a one-row textarea to its text where CSS cannot: only then is layout read. */
function fitHeight(node: Field) {
	if (!(node instanceof HTMLTextAreaElement) || sizesItself()) return;
	node.style.height = 'auto';
	node.style.height = `${node.scrollHeight + node.offsetHeight - node.clientHeight}px`;
}

/** Replaces line breaks in the field by spaces, keeping the caret and selection in place. */
function flattenLines(node: Field) {
	if (!/[\r\n]/.test(node.value)) return;
	// A textarea's value has "\n" only, so every break is one character and offsets hold.
	const { selectionStart, selectionEnd } = node;
	node.value = node.value.replace(LINE_BREAK, ' ');
	if (selectionStart !== null && selectionEnd !== null)
		node.setSelectionRange(selectionStart, selectionEnd);
}

export const collabText: Action<Field, CollabTextParams> = (node, params) => {
	let binding: TextBinding;
	let current = params;

	const bind = (p: CollabTextParams) =>
		new TextBinding(p.text, node, {
			...p,
			// Read through `current` so updated callbacks are used without rebinding.
			onLocalChange: () => current.onLocalChange?.(),
			onOverflow: (n) => current.onOverflow?.(n),
			onShow: (v) => {
				if (current.singleLine) fitHeight(node);
				current.onShow?.(v);
			},
			hasFocus: () => node.ownerDocument.activeElement === node
		});
	binding = bind(params);

	const onInput = (event: Event) => {
		// Chromium reports composition keystrokes as input events too; those wait for compositionend.
		if ((event as InputEvent).isComposing) return;
		if (current.singleLine) flattenLines(node);
		binding.input();
	};
	const onBeforeInput = (event: Event) => {
		if (!current.singleLine) return;
		const { inputType } = event as InputEvent;
		if (inputType === 'insertLineBreak' || inputType === 'insertParagraph') event.preventDefault();
	};
	const onResize = () => {
		if (current.singleLine) fitHeight(node);
	};
	const onCompositionStart = () => binding.compositionStart();
	const onCompositionEnd = () => {
		// A composition can commit a break too (a mobile keyboard's paste or dictation).
		if (current.singleLine) flattenLines(node);
		binding.compositionEnd();
	};
	// What the text was when this person came into the field, for a required one left empty.
	let atFocus = '';
	const onFocus = () => (atFocus = current.text.toString());
	const onBlur = (event: Event) => {
		// Left for Undo or Redo: the history decides what the title becomes (a restore written
		// now would be the step Undo takes back, leaving the title empty).
		if (((event as FocusEvent).relatedTarget as Element | null)?.closest?.('[data-history]'))
			return;
		const text = current.text;
		// Someone else may have deleted the task meanwhile (its text goes with it), or typed.
		const gone = !text.doc || text._item?.deleted;
		if (!current.required || gone || text.length > 0 || !atFocus.trim()) return;
		binding.replaceAll(atFocus);
		current.onRestored?.(atFocus);
	};
	node.addEventListener('input', onInput);
	node.addEventListener('beforeinput', onBeforeInput);
	node.addEventListener('focus', onFocus);
	node.addEventListener('blur', onBlur);
	const resizes = sizesItself() ? null : new ResizeObserver(onResize);
	resizes?.observe(node);
	node.addEventListener('compositionstart', onCompositionStart);
	node.addEventListener('compositionend', onCompositionEnd);

	return {
		update(next) {
			const rebind = next.text !== current.text || next.maxLength !== current.maxLength;
			current = next;
			if (rebind) {
				binding.destroy();
				binding = bind(next);
			}
		},
		destroy() {
			node.removeEventListener('input', onInput);
			node.removeEventListener('beforeinput', onBeforeInput);
			node.removeEventListener('focus', onFocus);
			node.removeEventListener('blur', onBlur);
			resizes?.disconnect();
			node.removeEventListener('compositionstart', onCompositionStart);
			node.removeEventListener('compositionend', onCompositionEnd);
			binding.destroy();
		}
	};
};
