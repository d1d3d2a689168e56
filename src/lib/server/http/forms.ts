/** Form-action plumbing: parse with a shared schema, answer with messages in the reader's language. */
import { fail, type ActionFailure } from '@sveltejs/kit';
import type { z } from 'zod';
import { errorMessage } from '$lib/i18n/errors';
import { m } from '$lib/paraglide/messages';
import { Throttled } from '../auth/throttle';
import { DomainError } from '../errors';
import { formObject } from '../schemas';

export interface FormFailure {
	/** Which form on the page failed (pages with several forms). */
	form?: string;
	error: string;
	fields?: Record<string, string>;
	/** What was typed, minus secrets, to refill the form. */
	values?: Record<string, string>;
}

const SECRET_FIELDS = new Set(['password', 'current', 'next', 'confirm']);

/** What was typed, to give back to the form: text fields only, secrets left out. */
function typedValues(raw: Record<string, unknown>): Record<string, string> {
	return Object.fromEntries(
		Object.entries(raw).filter(
			(entry): entry is [string, string] =>
				!SECRET_FIELDS.has(entry[0]) && typeof entry[1] === 'string'
		)
	);
}

function fieldMessage(issue: z.core.$ZodIssue): string {
	if (issue.message === 'too_short') return m.error_password_too_short();
	if (issue.message === 'too_long') return m.error_password_too_long();
	if (issue.message === 'guessable') return m.error_password_guessable();
	if (issue.message === 'same_password') return m.error_password_same();
	if (issue.path[0] === 'email' && issue.code !== 'too_small') return m.error_email_invalid();
	// Numbers (days, uses): their bounds, not a text's length or "required".
	if (issue.code === 'too_big' && issue.origin === 'number')
		return m.error_number_max({ max: Number(issue.maximum) });
	if (issue.code === 'too_small' && issue.origin === 'number')
		return m.error_number_min({ min: Number(issue.minimum) });
	if (issue.code === 'invalid_type' && (issue.expected === 'number' || issue.expected === 'int'))
		return m.validation_whole_number();
	if (issue.code === 'too_small' || issue.code === 'invalid_type') return m.error_required();
	if (issue.code === 'too_big' && typeof issue.maximum === 'number')
		return m.error_too_long({ max: issue.maximum });
	return m.error_invalid_input();
}

type Parsed<T> = { ok: true; data: T } | { ok: false; failure: ActionFailure<FormFailure> };

export async function parseForm<T extends z.ZodType>(
	request: Request,
	schema: T,
	form?: string
): Promise<Parsed<z.infer<T>>> {
	const raw = formObject(await request.formData().catch(() => new FormData()));
	const parsed = schema.safeParse(raw);
	if (parsed.success) return { ok: true, data: parsed.data };
	const fields: Record<string, string> = {};
	for (const issue of parsed.error.issues) {
		const key = String(issue.path[0] ?? '');
		fields[key] ??= fieldMessage(issue);
	}
	const values = typedValues(raw);
	return {
		ok: false,
		failure: fail(400, { form, error: m.error_invalid_input(), fields, values })
	};
}

/**
 * A field the schema could not judge refused (a name already taken): the form comes back as
 * typed, its message at that field and the usual summary above the form (the same long sentence
 * twice read as two problems).
 */
export function fieldFailure(
	status: 400 | 409,
	field: string,
	message: string,
	values: Record<string, string>,
	form?: string
): ActionFailure<FormFailure> {
	return fail(status, {
		form,
		error: m.error_invalid_input(),
		fields: { [field]: message },
		values
	});
}

/** Turns a known failure into an ActionFailure; anything else is a bug and is rethrown. */
export function failure(
	error: unknown,
	form?: string,
	/** What was typed, to give back (secrets are left out). */
	typed?: Record<string, unknown>
): ActionFailure<FormFailure> {
	const values = typed && typedValues(typed);
	if (error instanceof DomainError)
		return fail(error.status, { form, error: errorMessage(error.code), values });
	if (error instanceof Throttled) {
		return fail(429, { form, error: errorMessage('throttled', error.retryAfterSeconds) });
	}
	throw error;
}
