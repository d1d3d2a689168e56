import type { Actions, PageServerLoad } from './$types';
import { createApiToken, listApiTokens, revokeApiToken } from '$lib/server/auth/api-tokens';
import { db, revalidateConnections } from '$lib/server/context';
import { parseForm } from '$lib/server/http/forms';
import { requireUser } from '$lib/server/http/guards';
import { apiTokenInput, formField } from '$lib/server/schemas';

const DAY = 24 * 60 * 60 * 1000;

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return { tokens: await listApiTokens(db(), user.id) };
};

export const actions: Actions = {
	create: async (event) => {
		const user = requireUser(event);
		const parsed = await parseForm(event.request, apiTokenInput, 'create');
		if (!parsed.ok) return parsed.failure;
		const days = parsed.data.expiresInDays;
		const created = await createApiToken(
			db(),
			user.id,
			parsed.data.name,
			days ? new Date(Date.now() + days * DAY) : null
		);
		return { created: { name: parsed.data.name, token: created.token } };
	},
	revoke: async (event) => {
		const user = requireUser(event);
		const id = formField(await event.request.formData(), 'id');
		if (id) await revokeApiToken(db(), user.id, id);
		revalidateConnections();
		return { revoked: true };
	}
};
