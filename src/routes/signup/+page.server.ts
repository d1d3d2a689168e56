import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { createUser } from '$lib/server/accounts/users';
import { startSession } from '$lib/server/auth/sign-in';
import { db, services } from '$lib/server/context';
import { failure, parseForm } from '$lib/server/http/forms';
import { safeReturnPath } from '$lib/server/http/redirects';
import { signUpInput } from '$lib/server/schemas';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeReturnPath(url.searchParams.get('next'), '/roadmaps'));
	return { next: safeReturnPath(url.searchParams.get('next'), '') };
};

export const actions: Actions = {
	default: async (event) => {
		const { request, cookies, url, locals } = event;
		try {
			await services().throttle.consume('signUpIp', event.getClientAddress());
			const parsed = await parseForm(request, signUpInput);
			if (!parsed.ok) return parsed.failure;
			const user = await createUser(db(), { ...parsed.data, locale: locals.locale });
			await startSession(cookies, url, user);
		} catch (error) {
			return failure(error);
		}
		redirect(303, safeReturnPath(url.searchParams.get('next'), '/roadmaps'));
	}
};
