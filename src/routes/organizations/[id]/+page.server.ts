import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	addOrganizationMember,
	findOrganizationNamed,
	getOrganizationForMember,
	removeOrganizationMember,
	setOrganizationMemberRole,
	updateOrganization
} from '$lib/server/accounts/organizations';
import { db } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';
import { failure, fieldFailure, parseForm } from '$lib/server/http/forms';
import { requireUser } from '$lib/server/http/guards';
import { email, formField, organizationInput } from '$lib/server/schemas';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const found = await getOrganizationForMember(db(), user.id, event.params.id);
	if (!found) error(404, 'Organization not found');
	return found;
};

export const actions: Actions = {
	update: async (event) => {
		const user = requireUser(event);
		const parsed = await parseForm(event.request, organizationInput, 'update');
		if (!parsed.ok) return parsed.failure;
		const { name, nameEn, sector } = parsed.data;
		// Renamed to another organization's name: two of it in every picker, as when creating.
		const other = await findOrganizationNamed(db(), name);
		if (other && other.id !== event.params.id)
			return fieldFailure(
				409,
				'name',
				m.org_exists({ name: other.name }),
				{ name, nameEn: nameEn ?? '', sector },
				'update'
			);
		try {
			await updateOrganization(db(), user.id, event.params.id, parsed.data);
		} catch (e) {
			return failure(e, 'update');
		}
		return { updated: true };
	},
	add: async (event) => {
		const user = requireUser(event);
		const parsed = await parseForm(event.request, z.object({ email }), 'add');
		if (!parsed.ok) return parsed.failure;
		try {
			await addOrganizationMember(db(), user.id, event.params.id, parsed.data.email);
		} catch (e) {
			return failure(e, 'add');
		}
		return { added: true };
	},
	role: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const role = formField(form, 'role');
		if (role !== 'admin' && role !== 'member')
			return failure(new DomainError('invalid_input', 400));
		try {
			await setOrganizationMemberRole(
				db(),
				user.id,
				event.params.id,
				formField(form, 'userId'),
				role
			);
		} catch (e) {
			return failure(e, 'role');
		}
		return { roleChanged: true };
	},
	remove: async (event) => {
		const user = requireUser(event);
		const userId = formField(await event.request.formData(), 'userId');
		try {
			await removeOrganizationMember(db(), user.id, event.params.id, userId);
		} catch (e) {
			return failure(e, 'remove');
		}
		if (userId === user.id) redirect(303, '/organizations');
		return { removed: true };
	}
};
