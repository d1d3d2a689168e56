import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/context';
import { parseForm } from '$lib/server/http/forms';
import { requireUser } from '$lib/server/http/guards';
import { createRoadmap } from '$lib/server/roadmaps/manage';
import { roadmapInput } from '$lib/server/schemas';

export const load: PageServerLoad = (event) => {
	requireUser(event);
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const parsed = await parseForm(event.request, roadmapInput);
		if (!parsed.ok) return parsed.failure;
		const roadmap = await createRoadmap(db(), user.id, parsed.data);
		redirect(303, `/roadmaps/${roadmap.id}`);
	}
};
