/**
 * The plan's filter: which tasks and milestones every view shows. It lives in the URL
 * (`?sector=industry&org=<id>&person=<id>&status=at_risk&due=overdue&translation=needed`) so a
 * shared link, a reload or a switch of view shows the same plan; anything in the query string we
 * do not understand is ignored.
 */
import { addDays } from '../report/dates';
import type { MilestoneData, OwnerRef, RoadmapData, TaskData } from './doc';
import { isOverdue } from './schedule';
import { milestoneNeedsTranslation, taskNeedsTranslation } from './translation';
import {
	CLOSED_MILESTONE_STATUSES,
	isOneOf,
	MILESTONE_STATUSES,
	SECTORS,
	type MilestoneStatus,
	type Sector
} from './vocabulary';

export const DUE_FILTERS = ['overdue', 'soon'] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];

/** Days ahead "due soon" looks. */
export const DUE_SOON_DAYS = 30;

/** The "needs translation" switch (in the status bar above every view): `?translation=needed`. */
export const TRANSLATION_FILTERS = ['needed'] as const;
export type TranslationFilter = (typeof TRANSLATION_FILTERS)[number];

export interface PlanFilter {
	sector: Sector | null;
	/** An organization's id. */
	org: string | null;
	/** A person's (user's) id. */
	person: string | null;
	status: MilestoneStatus | null;
	due: DueFilter | null;
	/**
	 * Only what needs translation (see translation.ts): the milestones whose title does, and the
	 * tasks whose own texts do or that have such milestones. It narrows every view alike (outline,
	 * board, timeline, and which tasks the sector balance lists), as the other criteria do. The
	 * server's render has no edit times, so before the live doc is in it finds only what is
	 * missing in one language, not what is stale.
	 */
	translation: TranslationFilter | null;
}

export const NO_FILTER: PlanFilter = {
	sector: null,
	org: null,
	person: null,
	status: null,
	due: null,
	translation: null
};

/** The query keys, in the order filterSearch writes them. */
const KEYS = ['sector', 'org', 'person', 'status', 'due', 'translation'] as const;

const ID = /^[\w-]{1,100}$/;

export function parseFilter(params: URLSearchParams): PlanFilter {
	const id = (key: string) => {
		const value = params.get(key)?.trim();
		return value && ID.test(value) ? value : null;
	};
	const sector = params.get('sector');
	const status = params.get('status');
	const due = params.get('due');
	const translation = params.get('translation');
	return {
		sector: isOneOf(SECTORS, sector) ? sector : null,
		org: id('org'),
		person: id('person'),
		status: isOneOf(MILESTONE_STATUSES, status) ? status : null,
		due: isOneOf(DUE_FILTERS, due) ? due : null,
		translation: isOneOf(TRANSLATION_FILTERS, translation) ? translation : null
	};
}

/** The query string of a filter: '' when nothing is filtered, else '?key=value&…'. */
export function filterSearch(f: PlanFilter): string {
	const params = new URLSearchParams();
	for (const key of KEYS) {
		const value = f[key];
		if (value) params.set(key, value);
	}
	const search = params.toString();
	return search ? `?${search}` : '';
}

/** The parameters of `params` that are not the filter's (the timeline's zoom), in order. */
export function otherParams(params: URLSearchParams): [string, string][] {
	return [...params].filter(([key]) => !(KEYS as readonly string[]).includes(key));
}

/**
 * The query string of `params` with the filter's keys replaced by `f`'s: whatever else the page
 * keeps in its address stays, in its place. '' when nothing is left.
 */
export function withFilter(params: URLSearchParams, f: PlanFilter): string {
	const search = [new URLSearchParams(otherParams(params)).toString(), filterSearch(f).slice(1)]
		.filter(Boolean)
		.join('&');
	return search ? `?${search}` : '';
}

/** How many of the filter's criteria are set. */
export const activeCriteria = (f: PlanFilter) => KEYS.filter((key) => f[key] !== null).length;

export interface FilterContext {
	/** 'YYYY-MM-DD', the reader's calendar day. */
	today: string;
	/**
	 * The sector of each organization by its id, and of each person by their user id when they
	 * belong to an organization (people count through their organization).
	 */
	orgSectors: Map<string, Sector>;
	/**
	 * Each person's (first) organization's id by their user id: the organization filter counts
	 * what its people own, as the sector filter does.
	 */
	personOrgs: Map<string, string>;
	/**
	 * Tasks and milestones this page made or changed under the current filter: they stay shown
	 * even when they no longer match, so what one just added or edited does not vanish under
	 * one's hands. A new filter starts without them.
	 */
	kept?: ReadonlySet<string>;
}

type Item = { status: string; dueDate: string | null };

/**
 * The plan narrowed to what the filter asks for, in the same shape. A milestone matches on its
 * own owners, or on its task's when it has none; a task is kept when it matches itself or any of
 * its milestones does, with only the milestones that match.
 */
export function filterPlan(data: RoadmapData, f: PlanFilter, ctx: FilterContext): RoadmapData {
	if (!activeCriteria(f)) return data;
	const soon = addDays(ctx.today, DUE_SOON_DAYS);
	const ownersMatch = (owners: OwnerRef[]) =>
		(!f.sector || owners.some((o) => ctx.orgSectors.get(o.id) === f.sector)) &&
		(!f.org ||
			owners.some((o) =>
				o.kind === 'organization' ? o.id === f.org : ctx.personOrgs.get(o.id) === f.org
			)) &&
		(!f.person || owners.some((o) => o.kind === 'user' && o.id === f.person));
	const dueSoon = (item: Item) =>
		!!item.dueDate &&
		!(CLOSED_MILESTONE_STATUSES as readonly string[]).includes(item.status) &&
		item.dueDate >= ctx.today &&
		item.dueDate <= soon;
	const dueMatches = (item: Item) =>
		!f.due || (f.due === 'overdue' ? isOverdue(item, ctx.today) : dueSoon(item));
	const kept = (id: string) => !!ctx.kept?.has(id);
	const taskMatches = (t: TaskData) =>
		kept(t.id) ||
		(ownersMatch(Object.values(t.owners)) &&
			(!f.status || t.status === f.status) &&
			dueMatches(t) &&
			(!f.translation || taskNeedsTranslation(t)));
	const taskById = new Map(data.tasks.map((t) => [t.id, t]));
	const milestoneMatches = (ms: MilestoneData) => {
		if (kept(ms.id)) return true;
		const own = Object.values(ms.owners);
		const owners = own.length ? own : Object.values(taskById.get(ms.taskId)?.owners ?? {});
		return (
			ownersMatch(owners) &&
			(!f.status || ms.status === f.status) &&
			dueMatches(ms) &&
			(!f.translation || milestoneNeedsTranslation(ms))
		);
	};
	const milestones = data.milestones.filter(milestoneMatches);
	const withMilestones = new Set(milestones.map((ms) => ms.taskId));
	return {
		...data,
		tasks: data.tasks.filter((t) => withMilestones.has(t.id) || taskMatches(t)),
		milestones
	};
}

/** Someone the filter can offer: a person and their (first) organization, if any. */
export interface FilterPerson {
	id: string;
	/** On the roadmap now (a member), rather than only named as an owner somewhere. */
	isMember: boolean;
	organizationId?: string | null;
}

/**
 * Whom the organization and person criteria offer, by id in the order met: every organization
 * and person named as an owner, the organizations those people belong to (the filter counts
 * them), and every member of the roadmap, owner of something yet or not.
 */
export function filterChoices(
	data: RoadmapData,
	people: readonly FilterPerson[]
): { organizations: string[]; people: string[] } {
	return ownerChoices(
		[...data.tasks, ...data.milestones].flatMap((item) => Object.values(item.owners)),
		people
	);
}

/** filterChoices from the owners named anywhere in the plan, each once or more. */
export function ownerChoices(
	owners: Iterable<{ kind: string; id: string }>,
	people: readonly FilterPerson[]
): { organizations: string[]; people: string[] } {
	const organizations = new Set<string>();
	const persons = new Set<string>();
	const homeOf = new Map(people.map((p) => [p.id, p.organizationId ?? null]));
	for (const o of owners)
		if (o.kind === 'organization') organizations.add(o.id);
		else {
			persons.add(o.id);
			const home = homeOf.get(o.id);
			if (home) organizations.add(home);
		}
	for (const p of people) if (p.isMember) persons.add(p.id);
	return { organizations: [...organizations], people: [...persons] };
}
