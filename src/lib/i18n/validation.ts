/**
 * The browser's own form checks (required, type="email", minlength, min/max…) word their
 * bubbles in the browser's language, not the page's: a Korean page in an English Chrome said
 * "Please fill out this field." Each check's message here is the app's, in the page's language;
 * the browser still decides when to check and where to show it.
 */
import { m } from '$lib/paraglide/messages';

type Checked = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** What the field says is wrong, in the page's language; null when nothing is (or the app said). */
export function validationMessage(field: Checked): string | null {
	const v = field.validity;
	if (v.valid || v.customError) return null;
	const length = field.value.length;
	// Text in a number box reads as no value: "missing" too, but what was typed is the problem.
	if (v.badInput) return field.type === 'number' ? m.validation_number() : m.validation_invalid();
	if (v.valueMissing)
		return field instanceof HTMLSelectElement ? m.validation_choose() : m.validation_required();
	if (v.typeMismatch && field.type === 'email') return m.validation_email();
	if (v.tooShort)
		return m.validation_too_short({ min: (field as HTMLInputElement).minLength, length });
	if (v.tooLong)
		return m.validation_too_long({ max: (field as HTMLInputElement).maxLength, length });
	if (v.patternMismatch) return field.title || m.validation_invalid();
	// Number wording for numbers only; a date out of range gets the general message.
	if (field.type === 'number' || field.type === 'range') {
		const { min, max, step } = field as HTMLInputElement;
		if (v.rangeUnderflow || v.rangeOverflow) {
			if (min && max) return m.validation_range({ min, max });
			return min ? m.validation_min({ min }) : m.validation_max({ max });
		}
		if (v.stepMismatch && (!step || step === '1')) return m.validation_whole_number();
	}
	return m.validation_invalid();
}

const isChecked = (target: EventTarget | null): target is Checked =>
	target instanceof HTMLInputElement ||
	target instanceof HTMLTextAreaElement ||
	target instanceof HTMLSelectElement;

/**
 * Words every check on the page this way, from now on; returns the undo. A message set here is
 * taken back as soon as the field changes, so the browser checks the new value afresh.
 */
export function localizeValidation(root: Document): () => void {
	const ours = new WeakSet<Checked>();
	const onInvalid = (event: Event) => {
		const field = event.target;
		if (!isChecked(field)) return;
		if (ours.has(field)) field.setCustomValidity('');
		const message = validationMessage(field);
		if (message === null) return;
		field.setCustomValidity(message);
		ours.add(field);
	};
	const takeBack = (field: Checked) => {
		if (!ours.has(field)) return;
		field.setCustomValidity('');
		ours.delete(field);
	};
	const onChange = (event: Event) => {
		const field = event.target;
		if (!isChecked(field)) return;
		takeBack(field);
		// Checking one radio answers for its group, but the message sat on the first of them.
		if (field instanceof HTMLInputElement && field.type === 'radio' && field.name)
			for (const other of root.querySelectorAll<HTMLInputElement>(
				`input[type="radio"][name="${CSS.escape(field.name)}"]`
			))
				takeBack(other);
	};
	root.addEventListener('invalid', onInvalid, true);
	root.addEventListener('input', onChange, true);
	root.addEventListener('change', onChange, true);
	return () => {
		root.removeEventListener('invalid', onInvalid, true);
		root.removeEventListener('input', onChange, true);
		root.removeEventListener('change', onChange, true);
	};
}
