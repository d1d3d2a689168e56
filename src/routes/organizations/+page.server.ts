import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	createOrganization,
	findOrganizationNamed,
	listMyOrganizations,
	listOrganizationsAddedBy
} from '$lib/server/accounts/organizations';
import { db } from '$lib/server/context';
import { fieldFailure, parseForm } from '$lib/server/http/forms';
import { requireUser } from '$lib/server/http/guards';
import { organizationInput } from '$lib/server/schemas';
import { m } from '$lib/paraglide/messages';

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
		const { name, nameEn } = parsed.data;
		const existing = await findOrganizationNamed(db(), name);
		// Founding a second one of the same name would split its people and its roadmaps in two.
		if (existing)
			return fieldFailure(409, 'name', m.org_exists({ name: existing.name }), {
				name,
				nameEn: nameEn ?? '',
				sector: parsed.data.sector
			});
		const org = await createOrganization(db(), user.id, parsed.data);
		redirect(303, `/organizations/${org.id}`);
	}
};
