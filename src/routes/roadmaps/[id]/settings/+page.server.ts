import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db, revalidateConnections, roadmapChanged } from '$lib/server/context';
import { failure, parseForm } from '$lib/server/http/forms';
import { requireRoadmap } from '$lib/server/http/guards';
import {
	deleteRoadmap,
	renameRoadmap,
	setArchived,
	setPublicRead
} from '$lib/server/roadmaps/manage';
import { resolveParticles } from '$lib/i18n/particles';
import { m } from '$lib/paraglide/messages';
import { renameInput } from '$lib/server/schemas';

export const load: PageServerLoad = async (event) => {
	await requireRoadmap(event, event.params.id, 'manage');
};

const flag = async (request: Request, name: string) =>
	(await request.formData()).get(name) === 'true';

export const actions: Actions = {
	rename: async (event) => {
		const { roadmap } = await requireRoadmap(event, event.params.id, 'manage');
		const parsed = await parseForm(event.request, renameInput, 'rename');
		if (!parsed.ok) return parsed.failure;
		const { title, titleEn, seenTitle, seenTitleEn } = parsed.data;
		// An archived roadmap is read and exported only, as its banner says: its name included.
		if (roadmap.archivedAt)
			return fail(409, {
				form: 'rename',
				error: m.rename_archived(),
				values: { title, titleEn: titleEn ?? '' }
			});
		const theirs = await renameRoadmap(
			db(),
			event.params.id,
			title,
			titleEn ?? null,
			seenTitle === undefined ? undefined : { title: seenTitle, titleEn: seenTitleEn ?? '' }
		);
		if (theirs)
			return fail(409, {
				form: 'rename',
				error: resolveParticles(m.rename_conflict({ title: theirs.title })),
				values: { title, titleEn: titleEn ?? '' }
			});
		roadmapChanged(event.params.id);
		return { form: 'rename', saved: true };
	},
	publicRead: async (event) => {
		await requireRoadmap(event, event.params.id, 'manage');
		await setPublicRead(db(), event.params.id, await flag(event.request, 'publicRead'));
		revalidateConnections();
		return { form: 'publicRead', saved: true };
	},
	archive: async (event) => {
		await requireRoadmap(event, event.params.id, 'manage');
		await setArchived(db(), event.params.id, await flag(event.request, 'archived'));
		roadmapChanged(event.params.id);
		return { form: 'archive', saved: true };
	},
	delete: async (event) => {
		await requireRoadmap(event, event.params.id, 'manage');
		const confirmation = String((await event.request.formData()).get('confirm') ?? '');
		try {
			await deleteRoadmap(db(), event.params.id, confirmation);
			revalidateConnections();
		} catch (e) {
			return failure(e, 'delete');
		}
		redirect(303, '/roadmaps');
	}
};
