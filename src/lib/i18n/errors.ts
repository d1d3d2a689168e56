/** Messages for domain errors and field problems, in the current language. */
import { m } from '$lib/paraglide/messages';
import type { DomainErrorCode } from '$lib/server/errors';

const messages: Record<Exclude<DomainErrorCode, 'throttled'>, () => string> = {
	invalid_input: m.error_invalid_input,
	signup_refused: m.error_signup_refused,
	invalid_credentials: m.error_invalid_credentials,
	wrong_password: m.error_wrong_password,
	last_owner: m.error_last_owner,
	role_too_high: m.error_role_too_high,
	invitation_invalid: m.error_invitation_invalid,
	invitation_email_mismatch: m.error_invitation_email_mismatch,
	user_not_found: m.error_user_not_found,
	org_user_not_found: m.error_org_user_not_found,
	confirmation_mismatch: m.error_confirmation_mismatch,
	not_found: m.error_not_found
};

export function errorMessage(code: DomainErrorCode, retryAfterSeconds = 60): string {
	if (code === 'throttled')
		return retryAfterSeconds > 90
			? m.error_throttled_minutes({ minutes: Math.ceil(retryAfterSeconds / 60) })
			: m.error_throttled({ seconds: retryAfterSeconds });
	return messages[code]();
}
