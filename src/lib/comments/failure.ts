/** A failed comment write, said in the reader's language. */
import { formatCount } from '$lib/i18n/labels';
import { m } from '$lib/paraglide/messages';
import { TEXT_LIMITS } from '$lib/roadmap/limits';
import type { WriteFailure } from './threads.svelte';

export function failureText(
	failure: WriteFailure,
	length = 0,
	/** A new comment: "not found" then means the roadmap itself, out of the reader's reach. */
	creating = false
): string {
	switch (failure.code) {
		case 'empty_body':
			return m.comments_error_empty_body();
		case 'too_long':
			return m.comments_error_too_long({
				max: formatCount(TEXT_LIMITS.comment),
				count: formatCount(length)
			});
		case 'unknown_mention':
			return m.comments_error_unknown_mention();
		case 'unknown_target':
			return m.comments_error_unknown_target();
		case 'forbidden':
		case 'unauthenticated':
			return m.comments_error_forbidden();
		case 'not_found':
			return creating ? m.comments_error_no_access() : m.comments_error_not_found();
		case 'network':
			return m.comments_error_network();
		default:
			return m.comments_error_other({ detail: failure.message || failure.code });
	}
}
