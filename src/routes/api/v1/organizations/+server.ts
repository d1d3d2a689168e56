import { json } from '@sveltejs/kit';
import {
	createOrganization,
	findOrganizationNamed,
	searchOrganizations
} from '$lib/server/accounts/organizations';
import { db } from '$lib/server/context';
import { apiRoute, apiUser, readBody } from '$lib/server/http/api';
import { organizationInput } from '$lib/server/schemas';

/** Organizations anyone signed in may name as owners; `?q=` filters by name. */
export const GET = apiRoute(async (event) => {
	apiUser(event);
	const query = (event.url.searchParams.get('q') ?? '').slice(0, 200);
	return json({ organizations: await searchOrganizations(db(), query, 100) });
});

/**
 * Creates an organization with its sector, to name as an owner (the editor's owner picker does
 * this inline), unless one already goes by that name. Its creator does not join it: a ministry officer who records a chip-maker stays
 * a ministry officer.
 */
export const POST = apiRoute(async (event) => {
	const user = apiUser(event);
	const input = await readBody(event, organizationInput);
	// One that already goes by the name (its own, or its English one) is the one meant:
	// answered as it is (200, `existing`), not made twice. An English name alone that matches
	// decides nothing: two bodies may translate alike.
	const existing = await findOrganizationNamed(db(), input.name);
	if (existing) return json({ ...existing, existing: true });
	const org = await createOrganization(db(), user.id, input, { join: false });
	return json(
		{
			id: org.id,
			name: org.name,
			nameEn: org.nameEn,
			sector: org.sector,
			isExample: org.isExample
		},
		{ status: 201 }
	);
});
