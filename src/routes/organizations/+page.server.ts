import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	createOrganization,
	listMyOrganizations,
	listOrganizationsAddedBy
} from '$lib/server/accounts/organizations';
import { db } from '$lib/server/context';
import { parseForm } from '$lib/server/http/forms';
import { requireUser } from '$lib/server/http/guards';
import { organizationInput } from '$lib/server/schemas';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const [organizations, added] = await Promise.all([
		listMyOrganizations(db(), user.id),
		listOrganizationsAddedBy(db(), user.id)
	]);
	return { organizations, added };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const parsed = await parseForm(event.request, organizationInput);
		if (!parsed.ok) return parsed.failure;
		const org = await createOrganization(db(), user.id, parsed.data);
		redirect(303, `/organizations/${org.id}`);
	}
};
