/** What the plan editor knows about possible owners (from the page's server data). */
import type { Sector } from '$lib/roadmap/vocabulary';

export interface OrgOption {
	id: string;
	name: string;
	nameEn: string | null;
	sector: Sector;
	isExample: boolean;
}

export interface PersonOption {
	id: string;
	name: string;
	/** Current members are offered in the picker; others are known only to show their name. */
	isMember: boolean;
	/** The sector of their (first) organization: people count for it. Null without one. */
	sector?: Sector | null;
	/** Their (first) organization's id: the organization filter counts them for it. */
	organizationId?: string | null;
}

export interface OwnerDirectory {
	organizations: OrgOption[];
	people: PersonOption[];
	/** Example organizations are offered only on the demo roadmap. */
	isDemo: boolean;
	/** Called with an organization made inline, so every picker on the page offers it. */
	addOrganization: (org: OrgOption) => void;
}
