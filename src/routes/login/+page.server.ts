import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { authenticate, normaliseEmail } from '$lib/server/accounts/users';
import { startSession } from '$lib/server/auth/sign-in';
import { db, services } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';
import { failure, parseForm } from '$lib/server/http/forms';
import { safeReturnPath } from '$lib/server/http/redirects';
import { signInInput } from '$lib/server/schemas';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeReturnPath(url.searchParams.get('next'), '/roadmaps'));
	return { next: safeReturnPath(url.searchParams.get('next'), '') };
};

export const actions: Actions = {
	default: async (event) => {
		const { request, cookies, url } = event;
		const { throttle } = services();
		const parsed = await parseForm(request, signInInput);
		if (!parsed.ok) return parsed.failure;
		try {
			const account = normaliseEmail(parsed.data.email);
			await throttle.consume('signInIp', event.getClientAddress());
			await throttle.check('signInAccount', account);
			const user = await authenticate(db(), account, parsed.data.password);
			if (!user) {
				await throttle.consume('signInAccount', account);
				throw new DomainError('invalid_credentials', 400);
			}
			await throttle.reset('signInAccount', account);
			await startSession(cookies, url, user);
		} catch (error) {
			// Keep the email so a typo in the password does not cost retyping it.
			const result = failure(error);
			return fail(result.status, { ...result.data, values: { email: parsed.data.email } });
		}
		redirect(303, safeReturnPath(url.searchParams.get('next'), '/roadmaps'));
	}
};
