import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { createUser } from '$lib/server/accounts/users';
import { startSession } from '$lib/server/auth/sign-in';
import { Throttled } from '$lib/server/auth/throttle';
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
		const { throttle } = services();
		const address = event.getClientAddress();
		let typed: Record<string, unknown> | undefined;
		try {
			// The limit is on accounts made (README): a form sent back for a short password or a
			// taken address does not count, so an office behind one address is not locked out by
			// its own typos.
			await throttle.check('signUpIp', address, 1);
			const parsed = await parseForm(request, signUpInput);
			if (!parsed.ok) return parsed.failure;
			typed = parsed.data;
			const user = await createUser(db(), { ...parsed.data, locale: locals.locale });
			// Counted once made; two made at the same moment may pass the check together, and
			// the account stands either way.
			await throttle.consume('signUpIp', address).catch((error: unknown) => {
				if (!(error instanceof Throttled)) throw error;
			});
			await startSession(cookies, url, user);
		} catch (error) {
			// A taken address: the name and the address come back to correct, not to type again.
			return failure(error, undefined, typed);
		}
		redirect(303, safeReturnPath(url.searchParams.get('next'), '/roadmaps'));
	}
};
