/**
 * JSON API plumbing: one wrapper turns every known failure into `{ error: { code, message } }`
 * with the right status, so no endpoint answers 500 for bad input.
 */
import { json, type RequestEvent, type RequestHandler } from '@sveltejs/kit';
import { z } from 'zod';
import { AccessDenied, authorize, type Action } from '../auth/authorization';
import type { SessionUser } from '../auth/sessions';
import { Throttled } from '../auth/throttle';
import { db } from '../context';
import { withoutNul } from '../../roadmap/limits';
import { DomainError } from '../errors';
import { errorMessage } from '../../i18n/errors';

export class ApiError extends Error {
	constructor(
		public readonly status: number,
		public readonly code: string,
		message: string,
		public readonly details?: unknown
	) {
		super(message);
	}
}

const errorBody = (code: string, message: string, details?: unknown) => ({
	error: details === undefined ? { code, message } : { code, message, details }
});

export function apiRoute(handler: (event: RequestEvent) => Promise<Response>): RequestHandler {
	return async (event) => {
		try {
			return await handler(event);
		} catch (e) {
			if (e instanceof ApiError)
				return json(errorBody(e.code, e.message, e.details), { status: e.status });
			if (e instanceof AccessDenied) {
				const code = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found' }[e.status];
				return json(errorBody(code, e.message), { status: e.status });
			}
			if (e instanceof DomainError) {
				// An error raised with only its code is told in a sentence, as the pages tell it.
				const message = e.message === e.code ? errorMessage(e.code) : e.message;
				return json(errorBody(e.code, message), { status: e.status });
			}
			if (e instanceof Throttled) {
				return json(errorBody('throttled', errorMessage('throttled', e.retryAfterSeconds)), {
					status: 429,
					headers: { 'retry-after': String(e.retryAfterSeconds) }
				});
			}
			throw e;
		}
	};
}

export function apiUser(event: Pick<RequestEvent, 'locals'>): SessionUser {
	if (!event.locals.user)
		throw new ApiError(401, 'unauthenticated', 'Sign in or send a Bearer token');
	return event.locals.user;
}

/** The request's JSON body checked against `schema`; 400 with the problems otherwise. */
export async function readBody<T extends z.ZodType>(
	event: RequestEvent,
	schema: T
): Promise<z.infer<T>> {
	let text: string;
	try {
		text = await event.request.text();
	} catch (error) {
		// The server takes bodies up to BODY_SIZE_LIMIT (512 KB unless set): a bigger one is
		// cut off while read, and is too large, not malformed.
		if ((error as { status?: number }).status === 413)
			throw new ApiError(413, 'too_large', (error as Error).message || 'The body is too large');
		throw error;
	}
	let body: unknown;
	try {
		// U+0000 is taken out of every string (withoutNul). A body nested too deep for the reviver
		// is refused here like any unreadable one.
		body = JSON.parse(text, (_key, value: unknown) =>
			typeof value === 'string' ? withoutNul(value) : value
		);
	} catch {
		throw new ApiError(400, 'invalid_json', 'The request body must be JSON');
	}
	const parsed = schema.safeParse(body);
	if (!parsed.success) {
		const { formErrors, fieldErrors } = z.flattenError(parsed.error);
		// A problem of the body as a whole (an array, null, two fields that exclude each other)
		// has no field to sit on: it is the message itself.
		const whole = Object.keys(fieldErrors).length === 0 && formErrors.length > 0;
		throw new ApiError(
			400,
			'invalid_input',
			whole ? formErrors.join(' ') : 'Some fields are missing or invalid',
			whole ? { body: formErrors } : fieldErrors
		);
	}
	return parsed.data;
}

/** The roadmap of the route's `:id`, if the caller (signed in, by token, or not) may do `action`. */
export function routeRoadmap(event: Pick<RequestEvent, 'locals' | 'params'>, action: Action) {
	return authorize(db(), event.locals.user?.id ?? null, event.params.id!, action);
}
