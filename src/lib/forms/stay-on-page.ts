/**
 * Progressive enhancement for a form whose action answers on the same page (use:enhance). Without
 * it the browser posts and reloads: the address keeps `?/invite`, a reload asks to send the form
 * again, the page jumps to its top and focus is lost. With it the page updates in place.
 *
 * After the answer, focus goes to the first field the server refused (its message is beside it),
 * or else back where it was (SvelteKit moves it to the top of the page), or, when the answer took
 * that away (a member removed), to the heading of the part of the page the form was in. A form that succeeded is
 * reset to its defaults, which the refreshed page data then sets (a field that keeps what was
 * saved, like a title, shows the saved value); `reset: false` keeps what was typed instead.
 * A redirect (a roadmap deleted, one's own membership left, the language changed) loads its page
 * whole, as without JavaScript: the next page may be in another language or no longer have the
 * roadmap the live page was connected to.
 */
import type { SubmitFunction } from '@sveltejs/kit';

export interface StayOptions {
	reset?: boolean;
	/** Asked first; the form is not sent unless confirmed (without JavaScript: not asked). */
	confirm?: string;
}

export function stayOnPage(options: StayOptions = {}): SubmitFunction {
	return ({ formElement, cancel }) => {
		if (options.confirm && !window.confirm(options.confirm)) {
			cancel();
			return;
		}
		const focused = document.activeElement;
		// Where the form is: if the answer takes the button away (a member removed, a token
		// revoked), focus goes to this part of the page's heading, not to the top of the page.
		const part = formElement.closest('section') ?? document.querySelector('main');
		return async ({ update, result }) => {
			if (result.type === 'redirect') {
				window.location.assign(result.location);
				return;
			}
			await update({ reset: options.reset ?? true });
			const refused = formElement.isConnected
				? formElement.querySelector<HTMLElement>('[aria-invalid="true"]')
				: null;
			if (refused) refused.focus();
			else if (focused instanceof HTMLElement && focused.isConnected) focused.focus();
			else if (focused instanceof HTMLElement) focusHeading(part);
		};
	};
}

/** Focuses the first heading of `part` (still on the page), made focusable by script only. */
function focusHeading(part: Element | null) {
	const heading =
		(part?.isConnected ? part.querySelector<HTMLElement>('h1, h2, h3') : null) ??
		document.querySelector<HTMLElement>('h1');
	if (!heading) return;
	if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
	heading.focus();
}
