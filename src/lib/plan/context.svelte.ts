/**
 * What the plan layout (src/routes/roadmaps/[id]/(plan)/+layout.svelte) hands to each view of the
 * plan: one live connection for all of them, the plan as it is now (live once the doc is in, the
 * server's render before that) and narrowed by the filter in the URL.
 */
import { createContext } from 'svelte';
import type { RoadmapConnection } from '$lib/collab/roadmap-connection.svelte';
import type { OwnerDirectory } from '$lib/components/plan/types';
import type { RoadmapData } from '$lib/roadmap/doc';
import type { PlanFilter } from '$lib/roadmap/filter';
import type { PlanCounts } from '$lib/roadmap/first-screen';
import type { Locale, Sector } from '$lib/roadmap/vocabulary';

export interface PlanContext {
	/** Null on the server and until the page has mounted. */
	readonly conn: RoadmapConnection | null;
	/** True once the live doc is in: views may then edit through `conn`. */
	readonly live: boolean;
	/** The whole plan: live once synced, the server's render before. */
	readonly data: RoadmapData;
	/** The plan narrowed by the filter (and the "needs translation" switch). */
	readonly shown: RoadmapData;
	/**
	 * Before the live doc is in, `data` and `shown` are the server's first screen, not the whole
	 * plan: these are its counts of the whole (null once live, or when the server sent it all).
	 */
	readonly counts: PlanCounts | null;
	/** The reader may edit now (role, archive and the connection's say all allow it). */
	readonly editable: boolean;
	/** The reader's role allows editing (whether or not the connection is in yet). */
	readonly canEdit: boolean;
	readonly locale: Locale;
	/** 'YYYY-MM-DD', the reader's calendar day. */
	readonly today: string;
	readonly directory: OwnerDirectory;
	/** Sectors of organizations by id, and of people through their organization by user id. */
	readonly sectors: Map<string, Sector>;
	readonly filter: PlanFilter;
	/** Tasks whose other language is behind (see the "needs translation" switch). */
	readonly untranslated: Set<string>;
	/** For presence in rich text. */
	readonly user: { name: string; color: string };
	readonly roadmapId: string;
}

export const [getPlanContext, setPlanContext] = createContext<PlanContext>();

/** An owner's name in the reader's language, from the directory. */
export function ownerName(
	directory: OwnerDirectory,
	locale: Locale,
	owner: { kind: 'organization' | 'user'; id: string }
): string | null {
	if (owner.kind === 'user') return directory.people.find((p) => p.id === owner.id)?.name ?? null;
	const org = directory.organizations.find((o) => o.id === owner.id);
	if (!org) return null;
	return locale === 'en' && org.nameEn?.trim() ? org.nameEn : org.name;
}
