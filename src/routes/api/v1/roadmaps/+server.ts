import { json } from '@sveltejs/kit';
import { db } from '$lib/server/context';
import { ApiError, apiRoute, apiUser, readBody } from '$lib/server/http/api';
import { createRoadmap, listMyRoadmaps } from '$lib/server/roadmaps/manage';
import { roadmapInput } from '$lib/server/schemas';

export const GET = apiRoute(async (event) => {
	const user = apiUser(event);
	const flag = event.url.searchParams.get('archived') ?? 'false';
	if (flag !== 'true' && flag !== 'false')
		throw new ApiError(400, 'invalid_input', 'archived must be true or false');
	const archived = flag === 'true';
	return json({ roadmaps: await listMyRoadmaps(db(), user.id, { archived }) });
});

export const POST = apiRoute(async (event) => {
	const user = apiUser(event);
	const input = await readBody(event, roadmapInput);
	const roadmap = await createRoadmap(db(), user.id, input);
	return json(
		{
			id: roadmap.id,
			title: roadmap.title,
			titleEn: roadmap.titleEn,
			template: roadmap.template,
			role: 'owner'
		},
		{ status: 201, headers: { location: `/api/v1/roadmaps/${roadmap.id}` } }
	);
});
