/**
 * JSON API plumbing: one wrapper turns every known failure into `{ error: { code, message } }`
 * with the right status, so no endpoint answers 500 for bad input.
 */
import { json, type RequestEvent, type RequestHandler } from '@sveltejs/kit';
import { z } from 'zod';
import { AccessDenied } from '../auth/authorization';
import type { SessionUser } from '../auth/sessions';
import { Throttled } from '../auth/throttle';
import { DomainError } from '../errors';

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
			if (e instanceof DomainError) return json(errorBody(e.code, e.message), { status: e.status });
			if (e instanceof Throttled) {
				return json(errorBody('throttled', e.message), {
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

/**
 * `value` with U+0000 taken out of every string in it: Postgres text cannot store it, and a
 * query that names it fails whole (a sign-in with one in the address was a 500). Nobody types
 * it; it arrives only from scripts and pasted binary, where dropping it loses nothing.
 */
export function withoutNul(value: unknown): unknown {
	if (typeof value === 'string')
		return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
	if (Array.isArray(value)) return value.map(withoutNul);
	if (value && typeof value === 'object')
		return Object.fromEntries(
			Object.entries(value).map(([k, v]) => [withoutNul(k), withoutNul(v)])
		);
	return value;
}

/** The request's JSON body checked against `schema`; 400 with the problems otherwise. */
export async function readBody<T extends z.ZodType>(
	event: RequestEvent,
	schema: T
): Promise<z.infer<T>> {
	let body: unknown;
	try {
		body = await event.request.json();
	} catch {
		throw new ApiError(400, 'invalid_json', 'The request body must be JSON');
	}
	const parsed = schema.safeParse(withoutNul(body));
	if (!parsed.success) {
		throw new ApiError(
			400,
			'invalid_input',
			'Some fields are missing or invalid',
			z.flattenError(parsed.error).fieldErrors
		);
	}
	return parsed.data;
}
