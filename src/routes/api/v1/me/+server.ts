import { json } from '@sveltejs/kit';
import { listMyOrganizations } from '$lib/server/accounts/organizations';
import { getUser } from '$lib/server/accounts/users';
import { db } from '$lib/server/context';
import { apiRoute, apiUser } from '$lib/server/http/api';

export const GET = apiRoute(async (event) => {
	const user = apiUser(event);
	const [profile, organizations] = await Promise.all([
		getUser(db(), user.id),
		listMyOrganizations(db(), user.id)
	]);
	return json({ ...profile, organizations });
});
