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
	if (v.valueMissing)
		return field instanceof HTMLSelectElement ? m.validation_choose() : m.validation_required();
	if (v.typeMismatch && field.type === 'email') return m.validation_email();
	if (v.tooShort)
		return m.validation_too_short({ min: (field as HTMLInputElement).minLength, length });
	if (v.tooLong)
		return m.validation_too_long({ max: (field as HTMLInputElement).maxLength, length });
	if (v.badInput) return field.type === 'number' ? m.validation_number() : m.validation_invalid();
	if (v.rangeUnderflow || v.rangeOverflow) {
		const { min, max } = field as HTMLInputElement;
		if (min && max) return m.validation_range({ min, max });
		return min ? m.validation_min({ min }) : m.validation_max({ max });
	}
	if (v.stepMismatch) {
		const step = (field as HTMLInputElement).step;
		return !step || step === '1' ? m.validation_whole_number() : m.validation_invalid();
	}
	if (v.patternMismatch && field.title) return field.title;
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
	const onChange = (event: Event) => {
		const field = event.target;
		if (!isChecked(field) || !ours.has(field)) return;
		field.setCustomValidity('');
		ours.delete(field);
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
