/**
 * Failures a person can act on. Routes turn the code into a message in the reader's language
 * (see $lib/i18n/errors.ts) and the status into the HTTP answer.
 */
export type DomainErrorCode =
	| 'invalid_input'
	| 'signup_refused'
	| 'invalid_credentials'
	| 'wrong_password'
	| 'last_owner'
	| 'role_too_high'
	| 'invitation_invalid'
	| 'invitation_email_mismatch'
	| 'user_not_found'
	| 'org_user_not_found'
	| 'confirmation_mismatch'
	| 'not_found'
	| 'throttled';

export class DomainError extends Error {
	constructor(
		public readonly code: DomainErrorCode,
		public readonly status: 400 | 401 | 403 | 404 | 409 | 429 = 400,
		message: string = code
	) {
		super(message);
	}
}
