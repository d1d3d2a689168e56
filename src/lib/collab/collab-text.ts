/**
 * `use:collabText={{ text, maxLength, … }}` on an <input> or <textarea>: the field edits the
 * Y.Text together with everyone else (see TextBinding for what that guarantees).
 */
import type { Action } from 'svelte/action';
import type * as Y from 'yjs';
import { TextBinding, type TextBindingOptions } from './text-binding';

export interface CollabTextParams extends Omit<TextBindingOptions, 'hasFocus'> {
	text: Y.Text;
}

type Field = HTMLInputElement | HTMLTextAreaElement;

export const collabText: Action<Field, CollabTextParams> = (node, params) => {
	let binding: TextBinding;
	let current = params;

	const bind = (p: CollabTextParams) =>
		new TextBinding(p.text, node, {
			...p,
			// Read through `current` so updated callbacks are used without rebinding.
			onLocalChange: () => current.onLocalChange?.(),
			onOverflow: (n) => current.onOverflow?.(n),
			onShow: (v) => current.onShow?.(v),
			hasFocus: () => node.ownerDocument.activeElement === node
		});
	binding = bind(params);

	const onInput = (event: Event) => {
		// Chromium reports composition keystrokes as input events too; those wait for compositionend.
		if ((event as InputEvent).isComposing) return;
		binding.input();
	};
	const onCompositionStart = () => binding.compositionStart();
	const onCompositionEnd = () => binding.compositionEnd();
	node.addEventListener('input', onInput);
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
			node.removeEventListener('compositionstart', onCompositionStart);
			node.removeEventListener('compositionend', onCompositionEnd);
			binding.destroy();
		}
	};
};
