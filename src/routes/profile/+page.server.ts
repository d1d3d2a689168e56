import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { listMyOrganizations } from '$lib/server/accounts/organizations';
import { changePassword, getUser, updateProfile } from '$lib/server/accounts/users';
import { listApiTokens } from '$lib/server/auth/api-tokens';
import { db, revalidateConnections } from '$lib/server/context';
import { failure, parseForm } from '$lib/server/http/forms';
import { DomainError } from '$lib/server/errors';
import { setLocaleCookie } from '$lib/server/http/locale-cookie';
import { cookieName } from '$lib/paraglide/runtime';
import { requireUser } from '$lib/server/http/guards';
import { passwordChangeInput, profileInput } from '$lib/server/schemas';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const [profile, organizations] = await Promise.all([
		getUser(db(), user.id),
		listMyOrganizations(db(), user.id)
	]);
	if (!profile) error(404, 'Profile not found');
	return { profile, organizations };
};

export const actions: Actions = {
	profile: async (event) => {
		const user = requireUser(event);
		const parsed = await parseForm(event.request, profileInput, 'profile');
		if (!parsed.ok) return parsed.failure;
		await updateProfile(db(), user.id, {
			name: parsed.data.name,
			locale: parsed.data.locale ?? null
		});
		// The page was drawn in the language of the request: a new choice shows from the next one,
		// so the page is asked for again. "Follow my browser" forgets the chosen language.
		const chosen = parsed.data.locale ?? null;
		const before = event.cookies.get(cookieName) ?? null;
		if (chosen) setLocaleCookie(event.cookies, event.url, chosen);
		else event.cookies.delete(cookieName, { path: '/' });
		if (chosen !== before) redirect(303, '/profile?saved=profile');
		return { form: 'profile', saved: true };
	},
	password: async (event) => {
		const user = requireUser(event);
		const parsed = await parseForm(event.request, passwordChangeInput, 'password');
		if (!parsed.ok) return parsed.failure;
		try {
			await changePassword(
				db(),
				user.id,
				parsed.data.current,
				parsed.data.next,
				event.locals.sessionId
			);
			revalidateConnections();
		} catch (error) {
			// A wrong current password is said at that field, where the person corrects it.
			if (error instanceof DomainError && error.code === 'wrong_password') {
				const said = failure(error, 'password');
				const fields: Record<string, string> = { current: said.data.error };
				return fail(said.status, { ...said.data, fields });
			}
			return failure(error, 'password');
		}
		// Sessions end; API tokens are credentials of their own and keep working, which the
		// person should know when changing a password they fear someone else knew.
		const now = Date.now();
		const tokens = (await listApiTokens(db(), user.id)).filter(
			(t) => !t.expiresAt || t.expiresAt.getTime() > now
		).length;
		return { form: 'password', saved: true, tokens };
	}
};
