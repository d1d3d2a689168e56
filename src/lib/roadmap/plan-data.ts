/**
 * The projection's view of a roadmap as the live doc's RoadmapData, so every plan view can render
 * on the server (before the doc syncs, and without JavaScript) with the same code as in the
 * browser. Translation timestamps are not projected: the server-rendered plan reads them as never.
 * Pure, so the page derives it from the view it already has instead of receiving the plan twice.
 */
import type { OwnerView, RoadmapView } from '$lib/server/roadmaps/read';
import type { OwnerRef, RoadmapData } from './doc';
import type { Sector } from './vocabulary';

const never = { ko: null, en: null, inStep: null };

const owners = (list: OwnerView[]): Record<string, OwnerRef> =>
	Object.fromEntries(list.map((o) => [o.key, { kind: o.kind, id: o.id, role: o.role }]));

export function planDataOf(view: RoadmapView): RoadmapData {
	return {
		overview: { ko: view.overviewKo, en: view.overviewEn },
		overviewEdited: never,
		tasks: view.tasks.map((t, position) => ({
			id: t.id,
			position,
			title: { ko: t.titleKo, en: t.titleEn },
			summary: { ko: t.summaryKo, en: t.summaryEn },
			status: t.status,
			progress: t.progress,
			suggestedSectors: t.suggestedSectors,
			startDate: t.startDate,
			dueDate: t.dueDate,
			owners: owners(t.owners),
			edited: { title: never, summary: never }
		})),
		milestones: view.tasks.flatMap((t) =>
			t.milestones.map((ms, position) => ({
				id: ms.id,
				taskId: t.id,
				position,
				title: { ko: ms.titleKo, en: ms.titleEn },
				description: { ko: ms.descriptionKo, en: ms.descriptionEn },
				status: ms.status,
				progress: ms.progress,
				startDate: ms.startDate,
				dueDate: ms.dueDate,
				owners: owners(ms.owners),
				edited: { title: never }
			}))
		)
	};
}

/** Sectors of the organizations the view names as owners, by id. */
export function ownerSectorsOf(
	owners: readonly { kind: string; id: string; sector: Sector | null }[]
): [string, Sector][] {
	return owners
		.filter((o) => o.kind === 'organization' && o.sector)
		.map((o) => [o.id, o.sector as Sector]);
}

/** Every owner the view names, on its tasks and on its milestones (repeats included). */
export function ownersIn(view: RoadmapView): OwnerView[] {
	return view.tasks.flatMap((t) => [...t.owners, ...t.milestones.flatMap((ms) => ms.owners)]);
}
